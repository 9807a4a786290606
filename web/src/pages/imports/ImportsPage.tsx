import { Anchor, Badge, Button, Group, Paper, Stack, Stepper, Table, Text } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { ApplyStep } from './ApplyStep.tsx';
import { importsApi, type ImportView } from './importsApi.ts';
import { MappingStep } from './MappingStep.tsx';
import { ResultsStep } from './ResultsStep.tsx';
import { UploadStep } from './UploadStep.tsx';

/**
 * The import wizard: upload a CSV file, map its columns, dry run (counts and lists per outcome,
 * decisions on possible matches), choose what happens to existing customers, apply as a background
 * job with a progress bar, download the per-row report. `?id=` keeps the import across reloads.
 */
export default function ImportsPage() {
  const { t } = useTranslation('imports');
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const id = params.get('id');
  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          id && (
            <Button variant="light" onClick={() => navigate('/imports')} data-testid="import-new">
              {t('newImport')}
            </Button>
          )
        }
      />
      {id ? (
        <Wizard id={id} />
      ) : (
        <Stack>
          <Stepper active={0} size="sm" mb="md">
            <Stepper.Step label={t('steps.upload')} />
            <Stepper.Step label={t('steps.mapping')} />
            <Stepper.Step label={t('steps.dryRun')} />
            <Stepper.Step label={t('steps.apply')} />
          </Stepper>
          <UploadStep onUploaded={(imp) => navigate(`/imports?id=${imp.id}`)} />
          <RecentImports />
        </Stack>
      )}
    </>
  );
}

function Wizard({ id }: { id: string }) {
  const { t } = useTranslation('imports');
  const [editingMapping, setEditingMapping] = useState(false);
  const [choosing, setChoosing] = useState(false);
  const query = useQuery({
    queryKey: ['imports', id],
    queryFn: () => importsApi.get(id),
    refetchInterval: (q) => (q.state.data?.status === 'applying' ? 700 : false),
  });
  if (query.isPending) return <Text c="dimmed">{t('loading')}</Text>;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const imp = query.data;
  const step =
    imp.status === 'uploaded' || editingMapping ? 1 : imp.status === 'planned' && !choosing ? 2 : 3;

  return (
    <Stack>
      <Stepper active={step} size="sm" mb="md">
        <Stepper.Step label={t('steps.upload')} description={imp.fileName} />
        <Stepper.Step label={t('steps.mapping')} />
        <Stepper.Step label={t('steps.dryRun')} />
        <Stepper.Step label={t('steps.apply')} />
      </Stepper>
      <Text size="sm" c="dimmed" data-testid="import-file">
        {t('file', {
          name: imp.fileName,
          rows: formatNumber(imp.rowCount),
          encoding: imp.encoding,
          delimiter: t(`delimiters.${delimiterKey(imp.delimiter)}`),
        })}
      </Text>
      {step === 1 && (
        <MappingStep
          imp={imp}
          onPlanned={() => {
            setEditingMapping(false);
            setChoosing(false);
            void query.refetch();
          }}
          onCancel={imp.status === 'planned' ? () => setEditingMapping(false) : undefined}
        />
      )}
      {step === 2 && (
        <ResultsStep
          imp={imp}
          onEditMapping={() => setEditingMapping(true)}
          onNext={() => setChoosing(true)}
        />
      )}
      {step === 3 && (
        <ApplyStep imp={imp} onBack={() => setChoosing(false)} onChanged={() => void query.refetch()} />
      )}
    </Stack>
  );
}

export function delimiterKey(delimiter: string): 'comma' | 'semicolon' | 'tab' {
  return delimiter === ';' ? 'semicolon' : delimiter === '\t' ? 'tab' : 'comma';
}

const STATUS_COLORS: Record<ImportView['status'], string> = {
  uploaded: 'gray',
  planned: 'blue',
  applying: 'orange',
  applied: 'teal',
  failed: 'red',
};

function RecentImports() {
  const { t } = useTranslation('imports');
  const list = useQuery({ queryKey: ['imports', 'list'], queryFn: importsApi.list });
  if (list.isError) return <ErrorAlert error={list.error} />;
  if (!list.data) return null;
  if (list.data.length === 0) {
    return (
      <EmptyState
        icon={<IconFileImport size={28} />}
        title={t('empty.title')}
        description={t('empty.body')}
      />
    );
  }
  return (
    <Paper withBorder p="md">
      <Text fw={600} mb="sm">
        {t('recent')}
      </Text>
      <Table data-testid="recent-imports">
        <Table.Tbody>
          {list.data.map((imp) => (
            <Table.Tr key={imp.id}>
              <Table.Td>
                <Anchor component={Link} to={`/imports?id=${imp.id}`}>
                  {imp.fileName}
                </Anchor>
              </Table.Td>
              <Table.Td>{formatDateTime(imp.createdAt)}</Table.Td>
              <Table.Td>{t('rows', { count: imp.rowCount })}</Table.Td>
              <Table.Td>
                <Group gap="xs">
                  <Badge color={STATUS_COLORS[imp.status]} variant="light">
                    {t(`status.${imp.status}`)}
                  </Badge>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
