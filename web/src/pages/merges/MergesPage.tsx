import {
  Anchor,
  Badge,
  Button,
  Center,
  Group,
  Loader,
  Pagination,
  Paper,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { IconDownload, IconHistory } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useSession } from '../../lib/auth.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { CustomerLink, movedText } from './display.tsx';
import { mergeApi, mergeStatus } from './mergeApi.ts';
import type { MergeSummary } from './mergeApi.ts';
import { UndoButton } from './UndoButton.tsx';

const PAGE_SIZE = 25;

/** `/merges` (and `/merges?customer=<id>`): every merge, newest first, with undo and exports. */
export default function MergesPage() {
  const { t } = useTranslation('merges');
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const customerId = params.get('customer') ?? undefined;
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const query = useQuery({
    queryKey: ['merges', 'list', customerId ?? null, page],
    queryFn: () =>
      mergeApi.list({
        ...(customerId ? { customerId } : {}),
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
      }),
    placeholderData: keepPreviousData,
  });
  const exportQuery = customerId ? `&customerId=${encodeURIComponent(customerId)}` : '';

  return (
    <>
      <PageHeader
        title={t('title')}
        description={customerId ? t('history.filteredBy') : t('description')}
        actions={
          user.role === 'owner' && (
            <>
              <Button
                component="a"
                href={`/api/merges/export?format=csv${exportQuery}`}
                variant="default"
                leftSection={<IconDownload size={16} />}
                data-testid="merges-export-csv"
              >
                {t('history.exportCsv')}
              </Button>
              <Button
                component="a"
                href={`/api/merges/export?format=json${exportQuery}`}
                variant="default"
                leftSection={<IconDownload size={16} />}
              >
                {t('history.exportJson')}
              </Button>
            </>
          )
        }
      />
      {customerId && (
        <Anchor component={Link} to="/merges" mb="md" display="block">
          {t('history.showAll')}
        </Anchor>
      )}
      {query.isPending && (
        <Center p="xl">
          <Loader />
        </Center>
      )}
      {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.data && query.data.total === 0 && (
        <EmptyState icon={<IconHistory size={28} />} title={t('empty.title')} description={t('empty.body')} />
      )}
      {query.data && query.data.total > 0 && (
        <Stack>
          <Text c="dimmed" size="sm">
            {t('history.total', { count: query.data.total })}
          </Text>
          <Paper withBorder>
            <Table.ScrollContainer minWidth={900}>
              <Table verticalSpacing="sm" data-testid="merge-history">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('history.when')}</Table.Th>
                    <Table.Th>{t('history.by')}</Table.Th>
                    <Table.Th>{t('history.survivor')}</Table.Th>
                    <Table.Th>{t('history.merged')}</Table.Th>
                    <Table.Th>{t('history.moved')}</Table.Th>
                    <Table.Th>{t('history.status')}</Table.Th>
                    <Table.Th>{t('history.actions')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {query.data.items.map((m) => (
                    <MergeRow key={m.id} merge={m} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
          {query.data.total > PAGE_SIZE && (
            <Pagination
              total={Math.ceil(query.data.total / PAGE_SIZE)}
              value={page}
              onChange={(next) => {
                const copy = new URLSearchParams(params);
                copy.set('page', String(next));
                setParams(copy);
              }}
            />
          )}
        </Stack>
      )}
    </>
  );
}

function MergeRow({ merge }: { merge: MergeSummary }) {
  const { t } = useTranslation('merges');
  const status = mergeStatus(merge);
  return (
    <Table.Tr data-testid={`merge-${merge.id}`}>
      <Table.Td>{formatDateTime(merge.performedAt)}</Table.Td>
      <Table.Td>
        {merge.performedBy?.name ?? t('none')}
        {merge.jobId && (
          <Badge ml="xs" size="xs" variant="light">
            {t('history.bulk')}
          </Badge>
        )}
      </Table.Td>
      <Table.Td>
        <CustomerLink customer={merge.survivor} />
      </Table.Td>
      <Table.Td>
        <Stack gap={2}>
          {merge.merged.map((c) => (
            <CustomerLink key={c.id} customer={c} />
          ))}
        </Stack>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{movedText(t, merge.moved)}</Text>
      </Table.Td>
      <Table.Td>
        {status === 'undone' && (
          <Badge color="gray" variant="light">
            {t('history.undone', { date: formatDate(merge.undoneAt!) })}
          </Badge>
        )}
        {status === 'undoable' && (
          <Text size="xs" c="dimmed">
            {t('history.undoableUntil', { date: formatDate(merge.undoableUntil!) })}
          </Text>
        )}
        {status === 'expired' && (
          <Text size="xs" c="dimmed">
            {t('history.expired')}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Button
            component={Link}
            to={`/merges/${merge.id}`}
            size="xs"
            variant="default"
            data-testid={`merge-details-${merge.id}`}
          >
            {t('history.details')}
          </Button>
          {status === 'undoable' && <UndoButton mergeId={merge.id} size="xs" />}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
