import { Badge, Button, Center, Group, Loader, Paper, Table, Text } from '@mantine/core';
import { IconArrowsJoin, IconCheck, IconColumns } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { CustomerLink, sourceText, valueText } from './display.tsx';
import { idsFromQuery, mergeApi } from './mergeApi.ts';
import type { Comparison } from './mergeApi.ts';

/** `/compare?ids=a,b`: every field of the customers side by side, differences highlighted. */
export default function ComparePage() {
  const { t } = useTranslation('merges');
  const [params] = useSearchParams();
  const ids = idsFromQuery(params.get('ids')).slice(0, 20);
  const query = useQuery({
    queryKey: ['merges', 'compare', ids],
    queryFn: ({ signal }) => mergeApi.compare(ids, signal),
    enabled: ids.length >= 2,
    staleTime: 0,
  });
  const mergeable = query.data?.customers.every((c) => !c.archived && c.mergedInto === null) ?? false;

  return (
    <>
      <PageHeader
        title={t('compare.title')}
        description={t('compare.description')}
        actions={
          ids.length >= 2 && (
            <Button
              component={Link}
              to={`/merge?ids=${ids.join(',')}`}
              leftSection={<IconArrowsJoin size={18} />}
              disabled={!mergeable}
              data-testid="compare-merge"
            >
              {t('compare.merge')}
            </Button>
          )
        }
      />
      {ids.length < 2 && (
        <EmptyState
          icon={<IconColumns size={28} />}
          title={t('compare.tooFew')}
          description={t('compare.description')}
        />
      )}
      {query.isPending && ids.length >= 2 && (
        <Center p="xl">
          <Loader />
        </Center>
      )}
      {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.data && <ComparisonTable comparison={query.data} />}
    </>
  );
}

function ComparisonTable({ comparison }: { comparison: Comparison }) {
  const { t } = useTranslation('merges');
  const { customers } = comparison;
  const summary: { label: string; values: string[] }[] = [
    { label: t('compare.customerSince'), values: customers.map((c) => formatDate(c.customerSince)) },
    { label: t('compare.appointments'), values: customers.map((c) => formatNumber(c.history.appointments)) },
    {
      label: t('compare.lastAppointment'),
      values: customers.map((c) => (c.lastAppointmentAt ? formatDate(c.lastAppointmentAt) : t('none'))),
    },
    { label: t('compare.loyaltyPoints'), values: customers.map((c) => formatNumber(c.loyaltyPoints)) },
    { label: t('compare.source'), values: customers.map((c) => sourceText(t, c.source)) },
    {
      label: t('compare.onlineAccount'),
      values: customers.map((c) =>
        c.onlineAccount
          ? `${c.onlineAccount.loginEmail} (${t(`plan.accountState.${c.onlineAccount.state as 'active'}`)})`
          : t('none'),
      ),
    },
  ];
  return (
    <Paper withBorder>
      <Table.ScrollContainer minWidth={260 + customers.length * 220}>
        <Table verticalSpacing="xs" data-testid="comparison">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={170}>{t('compare.field')}</Table.Th>
              {customers.map((c) => (
                <Table.Th key={c.id}>
                  <CustomerLink customer={c} />
                  {c.archived && (
                    <Badge ml="xs" color="gray" size="sm">
                      {t('compare.archived')}
                    </Badge>
                  )}
                  {c.mergedInto && (
                    <Badge ml="xs" color="gray" size="sm">
                      {t('compare.merged')}
                    </Badge>
                  )}
                </Table.Th>
              ))}
              <Table.Th w={120} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {summary.map((row) => (
              <Table.Tr key={row.label}>
                <Table.Th>{row.label}</Table.Th>
                {row.values.map((v, i) => (
                  <Table.Td key={customers[i]!.id}>{v}</Table.Td>
                ))}
                <Table.Td />
              </Table.Tr>
            ))}
            {comparison.fields.map((row) => {
              const different = !row.identical && !row.empty;
              return (
                <Table.Tr
                  key={row.field}
                  bg={different ? 'yellow.0' : undefined}
                  data-testid={`compare-row-${row.field}`}
                  data-state={row.identical ? 'identical' : row.empty ? 'empty' : 'different'}
                >
                  <Table.Th>{t(`fields.${row.field}`)}</Table.Th>
                  {row.values.map((v, i) => (
                    <Table.Td key={customers[i]!.id} fw={different ? 500 : undefined}>
                      {valueText(t, row.field, v)}
                    </Table.Td>
                  ))}
                  <Table.Td>
                    {row.identical ? (
                      <Group gap={4} c="teal.8">
                        <IconCheck size={14} aria-hidden />
                        <Text size="xs">{t('compare.identical')}</Text>
                      </Group>
                    ) : different ? (
                      <Text size="xs" c="orange.8">
                        {t('compare.different')}
                      </Text>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
