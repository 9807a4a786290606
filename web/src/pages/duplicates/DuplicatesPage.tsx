import {
  Anchor,
  Badge,
  Button,
  Card,
  Divider,
  Group,
  NumberInput,
  Pagination,
  Progress,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { IconCopy, IconScan } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useSession } from '../../lib/auth.tsx';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format.ts';
import { BulkMergePanel } from '../merges/BulkMergePanel.tsx';
import { duplicateKeys, duplicatesApi } from './duplicatesApi.ts';
import type { DuplicateGroup, GroupFilter, Job } from './duplicatesApi.ts';
import { DuplicateActions } from './DuplicateActions.tsx';
import { ProbabilityBadge } from './DuplicatesTab.tsx';
import { ReasonChart } from './ReasonChart.tsx';

const PAGE_SIZE = 20;
const FINISHED: readonly Job['status'][] = ['done', 'failed', 'cancelled'];
type SizeFilter = 'any' | 'pairs' | 'larger';
const SIZES: Record<SizeFilter, Pick<GroupFilter, 'minSize' | 'maxSize'>> = {
  any: { minSize: 2, maxSize: undefined },
  pairs: { minSize: 2, maxSize: 2 },
  larger: { minSize: 3, maxSize: undefined },
};

/** The "Scan the whole file" button with the progress of the running (or last) scan. */
function ScanControl() {
  const { t } = useTranslation('duplicates');
  const queryClient = useQueryClient();
  const [jobId, setJobId] = useState<string | null>(null);
  const last = useQuery({ queryKey: ['jobs', 'duplicates.scan', 'last'], queryFn: duplicatesApi.lastScan });
  const lastJob = last.data?.[0];
  const followed = jobId ?? (lastJob && !FINISHED.includes(lastJob.status) ? lastJob.id : null);
  const job = useQuery({
    queryKey: ['jobs', followed],
    queryFn: () => duplicatesApi.job(followed!),
    enabled: followed !== null,
    refetchInterval: (q) => (q.state.data && FINISHED.includes(q.state.data.status) ? false : 1000),
  });
  const status = job.data?.status;
  useEffect(() => {
    if (status === 'done') {
      void queryClient.invalidateQueries({ queryKey: duplicateKeys.queue });
      void queryClient.invalidateQueries({ queryKey: ['jobs', 'duplicates.scan', 'last'] });
    }
  }, [status, queryClient]);
  const start = useMutation({ mutationFn: duplicatesApi.scan, onSuccess: (j) => setJobId(j.id) });
  const running = job.data !== undefined && !FINISHED.includes(job.data.status);
  const progress = job.data?.progress;
  return (
    <Stack gap={4} align="flex-end" miw={260}>
      <Button
        leftSection={<IconScan size={18} />}
        loading={start.isPending}
        disabled={running}
        onClick={() => start.mutate()}
        data-testid="scan-button"
      >
        {t('scan.start')}
      </Button>
      {running && progress && (
        <Stack gap={2} w="100%" data-testid="scan-progress">
          <Progress value={progress.total > 0 ? (100 * progress.done) / progress.total : 0} animated />
          <Text size="xs" c="dimmed">
            {t('scan.running', { done: progress.done, total: progress.total })}
          </Text>
        </Stack>
      )}
      {job.data?.status === 'failed' && (
        <Text size="xs" c="red" data-testid="scan-failed">
          {t('scan.failed')}
        </Text>
      )}
      {!running && lastJob?.status === 'done' && (
        <Text size="xs" c="dimmed" data-testid="scan-last">
          {t('scan.last', { date: formatDateTime(lastJob.finishedAt ?? lastJob.createdAt) })}
        </Text>
      )}
      {start.isError && <ErrorAlert error={start.error} />}
    </Stack>
  );
}

function GroupCard({ group, actions }: { group: DuplicateGroup; actions: ReactNode }) {
  const { t } = useTranslation('duplicates');
  const nameOf = new Map(group.members.map((m) => [m.customerId, `#${m.number} ${m.name}`]));
  return (
    <Card withBorder padding="md" data-testid="duplicate-group">
      <Stack gap="sm">
        <Group justify="space-between">
          <Group gap="xs">
            <ProbabilityBadge probability={group.probability} certain={group.certain} />
            <Badge variant="outline" color="gray">
              {t('group.size', { count: group.members.length })}
            </Badge>
            {group.status !== 'open' && <Badge color="gray">{t(`status.${group.status}`)}</Badge>}
          </Group>
          <Text size="xs" c="dimmed">
            {t('group.found', { date: formatDate(group.createdAt) })}
          </Text>
        </Group>
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('group.customer')}</Table.Th>
                <Table.Th>{t('group.contact')}</Table.Th>
                <Table.Th>{t('group.appointments')}</Table.Th>
                <Table.Th>{t('group.since')}</Table.Th>
                <Table.Th>{t('group.lastVisit')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {group.members.map((m) => (
                <Table.Tr key={m.customerId} data-testid={`member-${m.number}`}>
                  <Table.Td>
                    <Anchor component={Link} to={`/customers/${m.customerId}`}>
                      #{m.number} {m.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{[m.email, m.mobile].filter(Boolean).join(' · ') || '—'}</Text>
                  </Table.Td>
                  <Table.Td>{formatNumber(m.appointmentCount)}</Table.Td>
                  <Table.Td>{formatDate(m.customerSince)}</Table.Td>
                  <Table.Td>{m.lastAppointmentAt ? formatDate(m.lastAppointmentAt) : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {group.pairs.map((pair) => (
          <Stack key={`${pair.a}-${pair.b}`} gap={4}>
            {group.pairs.length > 1 && (
              <Text size="xs" fw={600}>
                {nameOf.get(pair.a)} ↔ {nameOf.get(pair.b)} ·{' '}
                {formatNumber(pair.probability, { style: 'percent', maximumFractionDigits: 1 })}
              </Text>
            )}
            <ReasonChart fields={pair.fields} />
          </Stack>
        ))}
        {actions}
      </Stack>
    </Card>
  );
}

function OpenGroupActions({ group }: { group: DuplicateGroup }) {
  const { t } = useTranslation('duplicates');
  const queryClient = useQueryClient();
  const dismiss = useMutation({
    mutationFn: () => duplicatesApi.dismissGroup(group.id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: duplicateKeys.queue });
      for (const m of group.members)
        void queryClient.invalidateQueries({ queryKey: duplicateKeys.candidates(m.customerId) });
    },
  });
  const ids = group.members.map((m) => m.customerId);
  return (
    <>
      {dismiss.isError && <ErrorAlert error={dismiss.error} />}
      <DuplicateActions
        ids={ids}
        dismissLabel={t('actions.dismissGroup')}
        dismissing={dismiss.isPending}
        onDismiss={() => dismiss.mutate()}
        testIds={{ merge: 'group-merge', dismiss: 'group-dismiss' }}
      />
    </>
  );
}

export interface DuplicatesPageProps {
  /**
   * Shown above the queue for owners: bulk merging of the certain groups. The merges module's panel
   * by default; a prop so the page can be shown without it (tests, other roles).
   */
  bulkMerge?: ReactNode;
}

/**
 * The review queue: groups of profiles that look like one person, found by the last scan of the
 * whole file, most certain first, with the reasons of each pair; filters, a scan button with
 * progress, and per group: open a member, compare, merge, or "these are different people".
 */
export default function DuplicatesPage({ bulkMerge }: DuplicatesPageProps = {}) {
  const { t } = useTranslation('duplicates');
  const { user } = useSession();
  const [status, setStatus] = useState<GroupFilter['status']>('open');
  const [minPercent, setMinPercent] = useState<number>(0);
  const [size, setSize] = useState<SizeFilter>('any');
  const [page, setPage] = useState(1);
  const filter: GroupFilter = {
    status,
    minProbability: minPercent / 100,
    ...SIZES[size],
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
  const groups = useQuery({
    queryKey: [...duplicateKeys.queue, filter],
    queryFn: () => duplicatesApi.groups(filter),
  });
  const total = groups.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const showBulk = user.role === 'owner' && status === 'open';

  return (
    <>
      <PageHeader title={t('title')} description={t('description')} actions={<ScanControl />} />
      <Stack gap="md">
        {showBulk && (bulkMerge ?? <BulkMergePanel />)}
        <Group gap="md" align="flex-end" data-testid="queue-filters">
          <Select
            label={t('filters.status')}
            value={status}
            onChange={(v) => {
              setStatus((v ?? 'open') as GroupFilter['status']);
              setPage(1);
            }}
            data={(['open', 'dismissed', 'merged', 'stale'] as const).map((s) => ({
              value: s,
              label: t(`status.${s}`),
            }))}
            allowDeselect={false}
            w={180}
          />
          <NumberInput
            label={t('filters.minProbability')}
            value={minPercent}
            onChange={(v) => {
              setMinPercent(typeof v === 'number' ? v : 0);
              setPage(1);
            }}
            min={0}
            max={100}
            step={5}
            suffix=" %"
            w={160}
            data-testid="filter-min-probability"
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('filters.size')}
            </Text>
            <SegmentedControl
              value={size}
              onChange={(v) => {
                setSize(v as SizeFilter);
                setPage(1);
              }}
              data={(['any', 'pairs', 'larger'] as const).map((s) => ({
                value: s,
                label: t(`filters.sizes.${s}`),
              }))}
            />
          </Stack>
        </Group>
        <Divider />
        {groups.isError && <ErrorAlert error={groups.error} />}
        {groups.data && total === 0 && (
          <EmptyState icon={<IconCopy size={28} />} title={t('empty.title')} description={t('empty.body')} />
        )}
        {groups.data && total > 0 && (
          <Text size="sm" c="dimmed" data-testid="queue-total">
            {t('queue.total', { count: total })}
          </Text>
        )}
        {groups.data?.groups.map((g) => (
          <GroupCard
            key={g.id}
            group={g}
            actions={g.status === 'open' ? <OpenGroupActions group={g} /> : null}
          />
        ))}
        {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} />}
      </Stack>
    </>
  );
}
