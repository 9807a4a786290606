import {
  Accordion,
  Alert,
  Anchor,
  Card,
  Center,
  Code,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconArrowBackUp, IconCircleCheck } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { mergeApi, mergeStatus } from './mergeApi.ts';
import type { EditableField, LiveCustomer, MergeDetail } from './mergeApi.ts';
import { PlanView } from './PlanView.tsx';
import { UndoButton } from './UndoButton.tsx';

/** `/merges/:id`: the result of a merge — the surviving profile — with its plan, snapshot and undo. */
export default function MergeDetailPage() {
  const { t } = useTranslation('merges');
  const { id = '' } = useParams();
  const query = useQuery({
    queryKey: ['merges', 'detail', id],
    queryFn: () => mergeApi.get(id),
    staleTime: 0,
  });
  return (
    <>
      <PageHeader
        title={
          query.data
            ? `${t('detail.title')}: #${query.data.survivor.number} ${query.data.survivor.name}`
            : t('detail.title')
        }
        description={
          query.data &&
          t('detail.performed', {
            date: formatDateTime(query.data.performedAt),
            name: query.data.performedBy?.name ?? t('none'),
          })
        }
        actions={
          <>
            <Anchor component={Link} to="/merges">
              {t('detail.history')}
            </Anchor>
            {query.data && mergeStatus(query.data) === 'undoable' && <UndoButton mergeId={query.data.id} />}
          </>
        }
      />
      {query.isPending && (
        <Center p="xl">
          <Loader />
        </Center>
      )}
      {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.data && <Detail merge={query.data} />}
    </>
  );
}

function Detail({ merge }: { merge: MergeDetail }) {
  const { t } = useTranslation('merges');
  const fieldNames = (fields: string[]) =>
    fields
      .map((f) => (f === 'customerSince' ? t('compare.customerSince') : t(`fields.${f as EditableField}`)))
      .join(', ');
  return (
    <Stack gap="lg">
      {merge.undoneAt && (
        <Alert color="gray" icon={<IconArrowBackUp size={20} />} data-testid="merge-undone">
          <Text size="sm">
            {t('detail.undone', {
              date: formatDateTime(merge.undoneAt),
              name: merge.undoneBy?.name ?? t('none'),
            })}
          </Text>
          {merge.undoResult && merge.undoResult.restoredFields.length > 0 && (
            <Text size="sm">
              {t('undo.restored', { fields: fieldNames(merge.undoResult.restoredFields) })}
            </Text>
          )}
          {merge.undoResult && merge.undoResult.keptFields.length > 0 && (
            <Text size="sm" data-testid="undo-kept">
              {t('undo.kept', { fields: fieldNames(merge.undoResult.keptFields) })}
            </Text>
          )}
        </Alert>
      )}
      <div>
        <Title order={4} mb="sm">
          {t('detail.profiles')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {merge.customers.map((c) => (
            <ProfileCard key={c.id} customer={c} survivor={c.id === merge.survivor.id} />
          ))}
        </SimpleGrid>
      </div>
      <Accordion variant="separated" multiple defaultValue={['plan']}>
        <Accordion.Item value="plan">
          <Accordion.Control>{t('detail.plan')}</Accordion.Control>
          <Accordion.Panel>
            <PlanView plan={merge.plan} />
          </Accordion.Panel>
        </Accordion.Item>
        <Accordion.Item value="snapshot">
          <Accordion.Control>{t('detail.snapshot')}</Accordion.Control>
          <Accordion.Panel>
            <Code block data-testid="merge-snapshot">
              {JSON.stringify(merge.beforeSnapshot, null, 2)}
            </Code>
          </Accordion.Panel>
        </Accordion.Item>
      </Accordion>
    </Stack>
  );
}

function ProfileCard({ customer, survivor }: { customer: LiveCustomer; survivor: boolean }) {
  const { t } = useTranslation('merges');
  return (
    <Card withBorder data-testid={`merge-customer-${customer.number}`}>
      <Text fw={600}>
        #{customer.number} {customer.name}
      </Text>
      {customer.live ? (
        <Group gap={4} c="teal.8" mt={2}>
          <IconCircleCheck size={14} aria-hidden />
          <Text size="sm">{survivor ? t('detail.survivor') : t('detail.live')}</Text>
        </Group>
      ) : (
        <Text size="sm" c="dimmed" mt={2}>
          {t('detail.mergedAway')}
        </Text>
      )}
      <Group gap="lg" mt="sm">
        <div>
          <Text size="xs" c="dimmed">
            {t('detail.appointments')}
          </Text>
          <Text fw={600} data-testid={`merge-customer-${customer.number}-appointments`}>
            {formatNumber(customer.history.appointments)}
          </Text>
        </div>
        <div>
          <Text size="xs" c="dimmed">
            {t('detail.points')}
          </Text>
          <Text fw={600}>{formatNumber(customer.loyaltyPoints)}</Text>
        </div>
      </Group>
      {customer.live && (
        <Anchor component={Link} to={`/customers/${customer.id}`} size="sm" mt="sm" display="block">
          {t('detail.openProfile')}
        </Anchor>
      )}
    </Card>
  );
}
