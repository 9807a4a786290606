import { Button, Group, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { importsApi, TARGETS, type ImportView, type Mapping, type Target } from './importsApi.ts';

/** Step 2: which column holds which field (suggested from the header; every choice can change). */
export function MappingStep({
  imp,
  onPlanned,
  onCancel,
}: {
  imp: ImportView;
  onPlanned: () => void;
  onCancel: (() => void) | undefined;
}) {
  const { t } = useTranslation('imports');
  const [mapping, setMapping] = useState<Mapping>(() => imp.mapping ?? imp.header.map(() => null));
  const [name, setName] = useState('');
  const sample = imp.sample ?? [];
  const options = [
    { value: '', label: t('mapping.skip') },
    ...TARGETS.map((target) => ({ value: target, label: t(`targets.${target}`) })),
  ];
  const plan = useMutation({ mutationFn: () => importsApi.plan(imp.id, mapping), onSuccess: onPlanned });
  const save = useMutation({ mutationFn: () => importsApi.saveMapping(name.trim(), imp.header, mapping) });

  return (
    <Paper withBorder p="md">
      <Stack>
        <Text size="sm" c="dimmed">
          {imp.savedMappingId ? t('mapping.fromSaved') : t('mapping.help')}
        </Text>
        <Table withTableBorder data-testid="mapping">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('mapping.column')}</Table.Th>
              <Table.Th>{t('mapping.examples')}</Table.Th>
              <Table.Th>{t('mapping.field')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {imp.header.map((header, column) => (
              <Table.Tr key={column}>
                <Table.Td fw={600}>{header || t('mapping.unnamed', { number: column + 1 })}</Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed" lineClamp={2}>
                    {sample
                      .map((row) => row[column] ?? '')
                      .filter((v) => v !== '')
                      .slice(0, 3)
                      .join(' · ')}
                  </Text>
                </Table.Td>
                <Table.Td w={260}>
                  <Select
                    aria-label={t('mapping.fieldFor', { column: header })}
                    data={options}
                    value={mapping[column] ?? ''}
                    onChange={(v) =>
                      setMapping((m) =>
                        m.map((old, i) => (i === column ? ((v || null) as Target | null) : old)),
                      )
                    }
                    allowDeselect={false}
                    searchable
                    data-testid={`mapping-${column}`}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group justify="space-between" align="flex-end">
          <Group align="flex-end">
            <TextInput
              label={t('mapping.saveAs')}
              placeholder={t('mapping.saveName')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              data-testid="mapping-name"
            />
            <Button
              variant="light"
              disabled={name.trim() === ''}
              loading={save.isPending}
              onClick={() => save.mutate()}
              data-testid="mapping-save"
            >
              {t('mapping.save')}
            </Button>
            {save.isSuccess && (
              <Text size="sm" c="teal" data-testid="mapping-saved">
                {t('mapping.saved')}
              </Text>
            )}
          </Group>
          <Group>
            {onCancel && (
              <Button variant="subtle" onClick={onCancel}>
                {t('back')}
              </Button>
            )}
            <Button loading={plan.isPending} onClick={() => plan.mutate()} data-testid="import-plan">
              {t('mapping.dryRun')}
            </Button>
          </Group>
        </Group>
        {save.isError && <ErrorAlert error={save.error} />}
        {plan.isError && <ErrorAlert error={plan.error} />}
      </Stack>
    </Paper>
  );
}
