import {
  Alert,
  Anchor,
  Badge,
  Button,
  Center,
  Group,
  Loader,
  NativeSelect,
  Paper,
  Radio,
  Stack,
  Table,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { IconArrowsJoin, IconCheck, IconPencil } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ApiError } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { sourceText, valueText } from './display.tsx';
import { EDITABLE_FIELDS, idsFromQuery, mergeApi } from './mergeApi.ts';
import type { Comparison, EditableField, Preview } from './mergeApi.ts';
import {
  effectivePick,
  fieldOfError,
  initialState,
  isEmpty,
  requestOf,
  withDecisions,
  withPick,
  withSurvivor,
} from './mergeForm.ts';
import type { Decisions, MergeFormState } from './mergeForm.ts';
import { PlanView } from './PlanView.tsx';

const MAX_RECORDS = 20;

/** `/merge?ids=a,b,…`: the merge form for 2 to 20 customers, its preview and the apply. */
export default function MergeFormPage() {
  const { t } = useTranslation('merges');
  const [params] = useSearchParams();
  const ids = idsFromQuery(params.get('ids'));
  const comparison = useQuery({
    queryKey: ['merges', 'compare', ids],
    queryFn: ({ signal }) => mergeApi.compare(ids, signal),
    enabled: ids.length >= 2 && ids.length <= MAX_RECORDS,
    staleTime: 0,
  });

  const header = <PageHeader title={t('form.title')} description={t('form.description')} />;
  if (ids.length < 2 || ids.length > MAX_RECORDS) {
    return (
      <>
        {header}
        <EmptyState
          icon={<IconArrowsJoin size={28} />}
          title={ids.length < 2 ? t('form.tooFew') : t('form.tooMany')}
          description={t('empty.body')}
        />
      </>
    );
  }
  return (
    <>
      {header}
      {comparison.isPending && (
        <Center p="xl">
          <Loader />
        </Center>
      )}
      {comparison.isError && (
        <ErrorAlert error={comparison.error} onRetry={() => void comparison.refetch()} />
      )}
      {comparison.data && <MergeForm ids={ids} comparison={comparison.data} />}
    </>
  );
}

const TYPED_OPTIONS: Partial<Record<EditableField, string[]>> = {
  gender: ['', 'female', 'male', 'diverse', 'child'],
  language: ['', 'nl', 'fr', 'de', 'en'],
};

function MergeForm({ ids, comparison }: { ids: string[]; comparison: Comparison }) {
  const { t } = useTranslation('merges');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [state, setState] = useState<MergeFormState>(() => initialState(comparison));
  const [preview, setPreview] = useState<{ result: Preview; request: string } | null>(null);
  const customers = comparison.customers;
  const request = requestOf(ids, state);
  const requestKey = JSON.stringify(request);
  const current = preview !== null && preview.request === requestKey;

  const previewMutation = useMutation({
    mutationFn: (next: MergeFormState) => mergeApi.preview(requestOf(ids, next)),
    onSuccess: (result, next) => setPreview({ result, request: JSON.stringify(requestOf(ids, next)) }),
  });
  const applyMutation = useMutation({
    mutationFn: () => mergeApi.apply({ ...request, fingerprint: preview!.result.fingerprint }),
    onSuccess: async (merge) => {
      // Profiles, lists, the review queue and the history all changed.
      await queryClient.invalidateQueries();
      navigate(`/merges/${merge.id}`);
    },
  });

  const fieldError =
    previewMutation.error instanceof ApiError ? fieldOfError(previewMutation.error.field) : null;
  const stale = applyMutation.error instanceof ApiError && applyMutation.error.code === 'merge_stale';

  const update = (next: MergeFormState) => {
    setState(next);
    applyMutation.reset();
  };
  const onDecisions = (decisions: Partial<Decisions>) => {
    const next = withDecisions(state, decisions);
    update(next);
    previewMutation.mutate(next);
  };

  return (
    <Stack gap="lg">
      <Paper withBorder>
        <Table.ScrollContainer minWidth={300 + customers.length * 220}>
          <Table verticalSpacing="xs" data-testid="merge-form">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={170} />
                {customers.map((c) => (
                  <Table.Th key={c.id} miw={200}>
                    <Stack gap={2}>
                      <Anchor component={Link} to={`/customers/${c.id}`} fw={600}>
                        #{c.number} {c.name}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {sourceText(t, c.source)} · {t('compare.customerSince')} {formatDate(c.customerSince)}{' '}
                        · {c.history.appointments} {t('tables.appointments').toLowerCase()}
                      </Text>
                      <Radio
                        mt={4}
                        label={t('form.keepAsMain')}
                        checked={state.survivorId === c.id}
                        onChange={() => update(withSurvivor(state, c.id))}
                        data-testid={`survivor-${c.number}`}
                      />
                    </Stack>
                  </Table.Th>
                ))}
                <Table.Th miw={240}>{t('form.result')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {EDITABLE_FIELDS.map((field) => {
                const row = comparison.fields.find((f) => f.field === field);
                const pick = effectivePick(state, comparison, field);
                const typed = pick.kind === 'typed';
                return (
                  <Table.Tr key={field} data-testid={`merge-row-${field}`}>
                    <Table.Th>
                      <Stack gap={2}>
                        <Text size="sm" fw={500}>
                          {t(`fields.${field}`)}
                        </Text>
                        {row?.identical && (
                          <Badge size="xs" variant="light" color="teal" leftSection={<IconCheck size={10} />}>
                            {t('compare.identical')}
                          </Badge>
                        )}
                      </Stack>
                    </Table.Th>
                    {customers.map((c) => {
                      const value = c.values[field];
                      const selected = pick.kind === 'from' && pick.customerId === c.id;
                      return (
                        <Table.Td key={c.id} bg={selected ? 'cyan.0' : undefined}>
                          {isEmpty(value) ? (
                            <Text c="dimmed">{t('none')}</Text>
                          ) : (
                            <UnstyledButton
                              onClick={() =>
                                update(withPick(state, field, { kind: 'from', customerId: c.id }))
                              }
                              data-testid={`pick-${field}-${c.number}`}
                              aria-pressed={selected}
                            >
                              <Group gap={6} wrap="nowrap">
                                <Radio checked={selected} readOnly tabIndex={-1} aria-hidden />
                                <Text size="sm">{valueText(t, field, value)}</Text>
                              </Group>
                            </UnstyledButton>
                          )}
                        </Table.Td>
                      );
                    })}
                    <Table.Td>
                      <ResultCell
                        field={field}
                        pick={pick}
                        typed={typed}
                        error={fieldError === field ? (previewMutation.error as ApiError).message : null}
                        onType={(value) => update(withPick(state, field, { kind: 'typed', value }))}
                        onReset={() => update(withPick(state, field, { kind: 'default' }))}
                      />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>

      {previewMutation.isError && fieldError === null && <ErrorAlert error={previewMutation.error} />}
      <Group>
        <Button
          onClick={() => previewMutation.mutate(state)}
          loading={previewMutation.isPending}
          variant={current ? 'light' : 'filled'}
          data-testid="merge-preview"
        >
          {t('form.preview')}
        </Button>
        {preview && !current && <Text c="orange.8">{t('form.changed')}</Text>}
        {!preview && <Text c="dimmed">{t('form.notYet')}</Text>}
      </Group>

      {preview && (
        <>
          <PlanView plan={preview.result.plan} decisions={state.decisions} onDecisions={onDecisions} />
          {applyMutation.isError && (
            <Stack gap="xs">
              <ErrorAlert error={applyMutation.error} />
              {stale && (
                <Alert color="orange" variant="light">
                  {t('form.stale')}
                </Alert>
              )}
            </Stack>
          )}
          <Group>
            <Button
              size="md"
              color="cyan"
              leftSection={<IconArrowsJoin size={18} />}
              disabled={!current || stale}
              loading={applyMutation.isPending}
              onClick={() => applyMutation.mutate()}
              data-testid="merge-apply"
            >
              {t('form.apply', { count: preview.result.plan.mergedIds.length })}
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}

interface ResultCellProps {
  field: EditableField;
  pick: ReturnType<typeof effectivePick>;
  typed: boolean;
  error: string | null;
  onType: (value: string | boolean | null) => void;
  onReset: () => void;
}

function ResultCell({ field, pick, typed, error, onType, onReset }: ResultCellProps) {
  const { t } = useTranslation('merges');
  if (typed && pick.kind === 'typed') {
    const input =
      field === 'newsletterConsent' ? (
        <NativeSelect
          size="xs"
          data={[
            { value: '', label: t('none') },
            { value: 'true', label: t('yes') },
            { value: 'false', label: t('no') },
          ]}
          value={pick.value === null ? '' : String(pick.value)}
          onChange={(e) => onType(e.currentTarget.value === '' ? null : e.currentTarget.value === 'true')}
          error={error}
          aria-label={t(`fields.${field}`)}
          data-testid={`typed-${field}`}
        />
      ) : TYPED_OPTIONS[field] ? (
        <NativeSelect
          size="xs"
          data={TYPED_OPTIONS[field].map((v) => ({
            value: v,
            label: v === '' ? t('none') : valueText(t, field, v),
          }))}
          value={typeof pick.value === 'string' ? pick.value : ''}
          onChange={(e) => onType(e.currentTarget.value)}
          error={error}
          aria-label={t(`fields.${field}`)}
          data-testid={`typed-${field}`}
        />
      ) : (
        <TextInput
          size="xs"
          value={typeof pick.value === 'string' ? pick.value : ''}
          onChange={(e) => onType(e.currentTarget.value)}
          error={error}
          aria-label={t(`fields.${field}`)}
          data-testid={`typed-${field}`}
        />
      );
    return (
      <Stack gap={2}>
        {input}
        <Anchor component="button" type="button" size="xs" onClick={onReset}>
          {t('form.undoTyped')}
        </Anchor>
      </Stack>
    );
  }
  return (
    <Stack gap={2}>
      <Text size="sm" fw={500} data-testid={`result-${field}`}>
        {pick.kind === 'rule'
          ? t('form.byRule')
          : pick.kind === 'from'
            ? valueText(t, field, pick.value)
            : t('none')}
      </Text>
      {error && (
        <Text size="xs" c="red.8">
          {error}
        </Text>
      )}
      <Anchor
        component="button"
        type="button"
        size="xs"
        onClick={() => onType(pick.kind === 'from' ? pick.value : null)}
        data-testid={`type-${field}`}
      >
        <Group gap={4} component="span">
          <IconPencil size={12} />
          {t('form.type')}
        </Group>
      </Anchor>
    </Stack>
  );
}
