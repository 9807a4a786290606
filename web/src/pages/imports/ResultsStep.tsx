import {
  Anchor,
  Badge,
  Button,
  Group,
  List,
  Pagination,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatNumber } from '../../lib/format.ts';
import { importsApi, type ImportRowView, type ImportView, type Outcome } from './importsApi.ts';

const OUTCOMES: {
  outcome: Outcome;
  key: 'new' | 'match' | 'possible' | 'fileDuplicate' | 'invalid';
  color: string;
}[] = [
  { outcome: 'new', key: 'new', color: 'teal' },
  { outcome: 'match', key: 'match', color: 'blue' },
  { outcome: 'possible', key: 'possible', color: 'orange' },
  { outcome: 'file_duplicate', key: 'fileDuplicate', color: 'grape' },
  { outcome: 'invalid', key: 'invalid', color: 'red' },
];
const PAGE = 25;

/** Step 3: the dry run's counts and, per outcome, its rows; possible matches get a decision. */
export function ResultsStep({
  imp,
  onEditMapping,
  onNext,
}: {
  imp: ImportView;
  onEditMapping: () => void;
  onNext: () => void;
}) {
  const { t } = useTranslation('imports');
  const first = OUTCOMES.find((o) => (imp.summary[o.key] ?? 0) > 0 && o.outcome !== 'new')?.outcome ?? 'new';
  const [outcome, setOutcome] = useState<Outcome>(first);
  const [page, setPage] = useState(1);
  const rows = useQuery({
    queryKey: ['imports', imp.id, 'rows', outcome, page],
    queryFn: () => importsApi.rows(imp.id, outcome, (page - 1) * PAGE),
  });

  return (
    <Stack>
      <SimpleGrid cols={{ base: 2, sm: 5 }} data-testid="dry-run-counts">
        {OUTCOMES.map((o) => (
          <UnstyledButton
            key={o.outcome}
            onClick={() => {
              setOutcome(o.outcome);
              setPage(1);
            }}
            data-testid={`count-${o.outcome}`}
          >
            <Paper
              withBorder
              p="sm"
              bg={outcome === o.outcome ? `var(--mantine-color-${o.color}-0)` : undefined}
            >
              <Text size="xl" fw={700} c={`${o.color}.8`} data-testid={`count-${o.outcome}-value`}>
                {formatNumber(imp.summary[o.key] ?? 0)}
              </Text>
              <Text size="sm">{t(`outcomes.${o.key}`)}</Text>
            </Paper>
          </UnstyledButton>
        ))}
      </SimpleGrid>
      <Paper withBorder p="md">
        <Text size="sm" c="dimmed" mb="sm">
          {t(`outcomeHelp.${OUTCOMES.find((o) => o.outcome === outcome)!.key}`)}
        </Text>
        {rows.isError && <ErrorAlert error={rows.error} />}
        {rows.data && rows.data.rows.length === 0 && <Text c="dimmed">{t('noRows')}</Text>}
        {rows.data && rows.data.rows.length > 0 && (
          <Table data-testid="dry-run-rows">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={80}>{t('row')}</Table.Th>
                <Table.Th>{t('name')}</Table.Th>
                <Table.Th>{t('details')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.data.rows.map((row) => (
                <Table.Tr key={row.idx} data-testid={`row-${row.rowNumber}`}>
                  <Table.Td>{row.rowNumber}</Table.Td>
                  <Table.Td>{row.name || row.cells.filter(Boolean).slice(0, 2).join(' ')}</Table.Td>
                  <Table.Td>
                    <RowDetails imp={imp} row={row} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {rows.data && rows.data.total > PAGE && (
          <Pagination
            mt="sm"
            total={Math.ceil(rows.data.total / PAGE)}
            value={page}
            onChange={setPage}
            size="sm"
          />
        )}
      </Paper>
      <Group justify="space-between">
        <Button variant="subtle" onClick={onEditMapping} data-testid="import-edit-mapping">
          {t('changeMapping')}
        </Button>
        <Button onClick={onNext} data-testid="import-next">
          {t('next')}
        </Button>
      </Group>
    </Stack>
  );
}

function RowDetails({ imp, row }: { imp: ImportView; row: ImportRowView }) {
  const { t } = useTranslation('imports');
  if (row.errors.length > 0) {
    return (
      <List size="sm" c="red.8" data-testid="row-errors">
        {row.errors.map((e, i) => (
          <List.Item key={i}>{e.message}</List.Item>
        ))}
      </List>
    );
  }
  if (row.outcome === 'match') {
    const c = row.candidates.find((x) => x.customerId === row.matchCustomerId);
    return (
      <Text size="sm">
        {t('matches')}{' '}
        <Anchor component={Link} to={`/customers/${row.matchCustomerId}`}>
          #{c?.number} {c?.name}
        </Anchor>{' '}
        <Badge size="xs" variant="light">
          {t(`reasons.${(row.matchReason ?? 'probability') as 'email'}`)}
        </Badge>
      </Text>
    );
  }
  if (row.outcome === 'possible') return <Decision imp={imp} row={row} />;
  return <Text size="sm">{row.message}</Text>;
}

/** What to do with a row that is possibly an existing customer. */
function Decision({ imp, row }: { imp: ImportView; row: ImportRowView }) {
  const { t } = useTranslation('imports');
  const queryClient = useQueryClient();
  const value = row.decision === 'match' ? `match:${row.decisionCustomerId}` : (row.decision ?? '');
  const decide = useMutation({
    mutationFn: (v: string) =>
      v.startsWith('match:')
        ? importsApi.decide(imp.id, row.idx, 'match', v.slice(6))
        : importsApi.decide(imp.id, row.idx, (v || null) as 'create' | 'skip' | null),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['imports', imp.id, 'rows'] }),
  });
  return (
    <Stack gap={4}>
      {row.candidates.map((c) => (
        <Text key={c.customerId} size="xs" c="dimmed">
          #{c.number} {c.name} · {[c.email, c.mobile].filter(Boolean).join(' · ')} ·{' '}
          {formatNumber(c.probability, { style: 'percent' })}
        </Text>
      ))}
      <Select
        size="xs"
        maw={360}
        aria-label={t('decision.label')}
        data={[
          { value: '', label: t('decision.default', { choice: t(`decision.${imp.onPossible}`) }) },
          { value: 'create', label: t('decision.create') },
          { value: 'skip', label: t('decision.skip') },
          ...row.candidates.map((c) => ({
            value: `match:${c.customerId}`,
            label: t('decision.match', { number: c.number, name: c.name }),
          })),
        ]}
        value={value}
        onChange={(v) => decide.mutate(v ?? '')}
        allowDeselect={false}
        data-testid={`decision-${row.rowNumber}`}
      />
      {decide.isError && <ErrorAlert error={decide.error} />}
    </Stack>
  );
}
