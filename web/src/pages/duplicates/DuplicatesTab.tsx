import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { duplicateKeys, duplicatesApi } from './duplicatesApi.ts';
import type { DuplicateCandidate } from './duplicatesApi.ts';
import { DuplicateActions } from './DuplicateActions.tsx';
import { ReasonChart } from './ReasonChart.tsx';

function useCandidates(customerId: string) {
  return useQuery({
    queryKey: duplicateKeys.candidates(customerId),
    queryFn: () => duplicatesApi.candidates(customerId),
  });
}

/**
 * How many likely duplicates a customer has; the profile shows "Duplicates (n)" only when this is
 * above zero (0 while loading or on an error, so the tab never flickers in for nothing).
 */
export function useDuplicateCount(customerId: string): number {
  return useCandidates(customerId).data?.candidates.length ?? 0;
}

export function ProbabilityBadge({ probability, certain }: { probability: number; certain: boolean }) {
  const { t } = useTranslation('duplicates');
  return (
    <Badge color={certain ? 'red' : 'orange'} variant="light" data-testid="probability">
      {t(certain ? 'probability.certain' : 'probability.possible', {
        percent: formatNumber(probability, { style: 'percent', maximumFractionDigits: 1 }),
      })}
    </Badge>
  );
}

function CandidateCard({ customerId, candidate }: { customerId: string; candidate: DuplicateCandidate }) {
  const { t } = useTranslation('duplicates');
  const queryClient = useQueryClient();
  const dismiss = useMutation({
    mutationFn: () => duplicatesApi.dismiss(customerId, candidate.customerId),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: duplicateKeys.candidates(customerId) });
      void queryClient.invalidateQueries({ queryKey: duplicateKeys.candidates(candidate.customerId) });
      void queryClient.invalidateQueries({ queryKey: duplicateKeys.queue });
    },
  });
  const ids = [customerId, candidate.customerId];
  return (
    <Card withBorder padding="md" data-testid={`duplicate-${candidate.number}`}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Anchor component={Link} to={`/customers/${candidate.customerId}`} fw={600}>
              #{candidate.number} {candidate.name}
            </Anchor>
            <Text size="sm" c="dimmed">
              {[candidate.email, candidate.mobile].filter(Boolean).join(' · ') || t('candidate.noContact')}
            </Text>
          </Stack>
          <ProbabilityBadge probability={candidate.probability} certain={candidate.certain} />
        </Group>
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs">
          <Text size="sm">{t('candidate.appointments', { count: candidate.appointmentCount })}</Text>
          <Text size="sm">{t('candidate.since', { date: formatDate(candidate.customerSince) })}</Text>
          <Text size="sm">
            {candidate.lastAppointmentAt
              ? t('candidate.lastVisit', { date: formatDate(candidate.lastAppointmentAt) })
              : t('candidate.noVisit')}
          </Text>
        </SimpleGrid>
        <ReasonChart fields={candidate.fields} />
        {dismiss.isError && <ErrorAlert error={dismiss.error} />}
        <DuplicateActions
          ids={ids}
          dismissLabel={t('actions.notDuplicate')}
          dismissing={dismiss.isPending}
          onDismiss={() => dismiss.mutate()}
          testIds={{ compare: 'compare', merge: 'merge', dismiss: 'not-duplicate' }}
        />
      </Stack>
    </Card>
  );
}

/**
 * The "Duplicates (n)" tab of a customer's profile: every likely duplicate with its contact data,
 * history at a glance, the probability and a chart of what pulled it up and down, and the ways on:
 * compare, merge, or "not a duplicate".
 */
export function DuplicatesTab({ customerId }: { customerId: string }) {
  const { t } = useTranslation('duplicates');
  const query = useCandidates(customerId);
  if (query.isError) return <ErrorAlert error={query.error} />;
  const candidates = query.data?.candidates ?? [];
  return (
    <Stack gap="md" data-testid="duplicates-tab">
      <Text size="sm" c="dimmed">
        {t('tab.intro')}
      </Text>
      {candidates.map((c) => (
        <CandidateCard key={c.customerId} customerId={query.data?.customerId ?? customerId} candidate={c} />
      ))}
    </Stack>
  );
}
