import {
  Alert,
  Badge,
  Button,
  Group,
  List,
  NumberInput,
  Paper,
  Progress,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconArrowsJoin, IconEye } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { api } from '../../lib/api.ts';
import { formatNumber } from '../../lib/format.ts';
import { CustomerLink, movedText } from './display.tsx';
import { mergeApi } from './mergeApi.ts';
import type { BulkPreview, BulkResult } from './mergeApi.ts';

/**
 * Bulk merge for the review queue (the duplicates page shows it for owners): one combined preview
 * of every open duplicate group above a probability, then a background job with progress.
 */
export function BulkMergePanel() {
  const { t } = useTranslation('merges');
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: ['tenant'],
    queryFn: () => api.get<{ settings: { duplicates: { certainThreshold: number } } }>('/api/tenant'),
  });
  const [threshold, setThreshold] = useState<number | null>(null);
  const minProbability = threshold ?? settings.data?.settings.duplicates.certainThreshold ?? 0.99;
  const [preview, setPreview] = useState<BulkPreview | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);

  const previewMutation = useMutation({
    mutationFn: () => mergeApi.bulkPreview(minProbability),
    onSuccess: (result) => {
      setPreview(result);
      setJobId(null);
    },
  });
  const start = useMutation({
    mutationFn: (p: BulkPreview) =>
      mergeApi.bulkStart(p.groups.map((g) => ({ id: g.groupId, fingerprint: g.fingerprint }))),
    onSuccess: (job) => setJobId(job.id),
  });
  const job = useQuery({
    queryKey: ['jobs', jobId],
    queryFn: () => mergeApi.job(jobId!),
    enabled: jobId !== null,
    refetchInterval: (q) =>
      q.state.data && ['done', 'failed', 'cancelled'].includes(q.state.data.status) ? false : 1000,
  });
  const finished = job.data?.status === 'done';
  const result = finished ? (job.data?.result as BulkResult) : null;
  useEffect(() => {
    if (!finished) return;
    // The review queue and the merge history changed.
    void queryClient.invalidateQueries({ queryKey: ['merges'] });
    void queryClient.invalidateQueries({ queryKey: ['duplicates'] });
  }, [finished, queryClient]);

  return (
    <Paper withBorder p="md" data-testid="bulk-merge">
      <Title order={4}>{t('bulk.title')}</Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('bulk.description')}
      </Text>
      <Group align="flex-end">
        <NumberInput
          label={t('bulk.minProbability')}
          value={minProbability}
          onChange={(v) => setThreshold(typeof v === 'number' ? v : null)}
          min={0.5}
          max={1}
          step={0.005}
          decimalScale={4}
          w={180}
          data-testid="bulk-threshold"
        />
        <Button
          leftSection={<IconEye size={16} />}
          variant="light"
          onClick={() => previewMutation.mutate()}
          loading={previewMutation.isPending}
          data-testid="bulk-preview"
        >
          {t('bulk.preview')}
        </Button>
      </Group>
      {previewMutation.isError && <ErrorAlert error={previewMutation.error} />}

      {preview && (
        <Stack mt="md" gap="sm">
          {preview.groups.length === 0 ? (
            <Text c="dimmed">{t('bulk.none')}</Text>
          ) : (
            <>
              <Text fw={500} data-testid="bulk-totals">
                {t('bulk.groups', { count: preview.totals.groups, merged: preview.totals.mergedAway })} ·{' '}
                {movedText(t, preview.totals.moves)}
              </Text>
              <Table.ScrollContainer minWidth={700} mah={420}>
                <Table striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('bulk.probability')}</Table.Th>
                      <Table.Th>{t('history.survivor')}</Table.Th>
                      <Table.Th>{t('history.merged')}</Table.Th>
                      <Table.Th>{t('history.moved')}</Table.Th>
                      <Table.Th />
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {preview.groups.map((g) => {
                      const clashes =
                        g.clashes.appointments + g.clashes.onlineAccounts + (g.clashes.newsletter ? 1 : 0);
                      return (
                        <Table.Tr key={g.groupId}>
                          <Table.Td>
                            {formatNumber(g.probability, { style: 'percent', maximumFractionDigits: 1 })}
                          </Table.Td>
                          <Table.Td>
                            <CustomerLink customer={g.survivor} />
                          </Table.Td>
                          <Table.Td>
                            <Stack gap={2}>
                              {g.merged.map((c) => (
                                <CustomerLink key={c.id} customer={c} />
                              ))}
                            </Stack>
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm">{movedText(t, g.moves)}</Text>
                          </Table.Td>
                          <Table.Td>
                            {clashes > 0 && (
                              <Badge color="yellow" variant="light">
                                {t('bulk.clashes', { count: clashes })}
                              </Badge>
                            )}
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </>
          )}
          {preview.truncated && <Alert color="yellow">{t('bulk.truncated')}</Alert>}
          {preview.refused.length > 0 && (
            <Alert color="gray" title={t('bulk.refused')}>
              <List size="sm">
                {preview.refused.map((r) => (
                  <List.Item key={r.groupId}>{r.message}</List.Item>
                ))}
              </List>
            </Alert>
          )}
          {preview.groups.length > 0 && jobId === null && (
            <Group>
              <Button
                leftSection={<IconArrowsJoin size={16} />}
                onClick={() => start.mutate(preview)}
                loading={start.isPending}
                data-testid="bulk-start"
              >
                {t('bulk.start', { count: preview.groups.length })}
              </Button>
            </Group>
          )}
          {start.isError && <ErrorAlert error={start.error} />}
          {job.data && (
            <Stack gap={4} data-testid="bulk-progress">
              <Progress
                value={
                  job.data.progress.total === 0 ? 0 : (100 * job.data.progress.done) / job.data.progress.total
                }
                animated={!finished}
              />
              <Text size="sm">
                {result
                  ? t('bulk.done', { merged: result.merged.length, skipped: result.skipped.length })
                  : job.data.status === 'failed'
                    ? t('bulk.failed', { error: job.data.error ?? '' })
                    : t('bulk.running', { done: job.data.progress.done, total: job.data.progress.total })}
              </Text>
              {result && result.skipped.length > 0 && (
                <Alert color="orange" title={t('bulk.skipped')}>
                  <List size="sm">
                    {result.skipped.map((s) => (
                      <List.Item key={s.groupId}>{s.message}</List.Item>
                    ))}
                  </List>
                </Alert>
              )}
            </Stack>
          )}
        </Stack>
      )}
    </Paper>
  );
}
