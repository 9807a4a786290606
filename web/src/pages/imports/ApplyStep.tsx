import { Alert, Button, Group, Paper, Progress, Radio, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatNumber } from '../../lib/format.ts';
import { localeFor, toLanguage } from '../../lib/language.ts';
import { importsApi, type ImportView, type OnMatch, type OnPossible } from './importsApi.ts';

/** Step 4: what happens to existing customers, then the job with its progress, result and report. */
export function ApplyStep({
  imp,
  onBack,
  onChanged,
}: {
  imp: ImportView;
  onBack: () => void;
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation('imports');
  const [onMatch, setOnMatch] = useState<OnMatch>(imp.onMatch);
  const [onPossible, setOnPossible] = useState<OnPossible>(imp.onPossible);
  const apply = useMutation({
    mutationFn: () => importsApi.apply(imp.id, { onMatch, onPossible }),
    onSuccess: onChanged,
  });
  const resume = useMutation({ mutationFn: () => importsApi.resume(imp.id), onSuccess: onChanged });
  const language = toLanguage(i18n.resolvedLanguage) ?? 'en';

  if (imp.status === 'planned') {
    return (
      <Paper withBorder p="md">
        <Stack>
          <Radio.Group
            label={t('choices.onMatch', { count: imp.summary.match ?? 0 })}
            value={onMatch}
            onChange={(v) => setOnMatch(v as OnMatch)}
          >
            <Stack gap="xs" mt="xs">
              {(['update-empty', 'overwrite', 'skip'] as const).map((v) => (
                <Radio key={v} value={v} label={t(`choices.match.${v}`)} data-testid={`on-match-${v}`} />
              ))}
            </Stack>
          </Radio.Group>
          <Radio.Group
            label={t('choices.onPossible', { count: imp.summary.possible ?? 0 })}
            value={onPossible}
            onChange={(v) => setOnPossible(v as OnPossible)}
          >
            <Stack gap="xs" mt="xs">
              {(['create', 'skip'] as const).map((v) => (
                <Radio
                  key={v}
                  value={v}
                  label={t(`choices.possible.${v}`)}
                  data-testid={`on-possible-${v}`}
                />
              ))}
            </Stack>
          </Radio.Group>
          <Text size="sm" c="dimmed">
            {t('choices.summary', {
              create: formatNumber(imp.summary.new ?? 0),
              duplicates: formatNumber(imp.summary.fileDuplicate ?? 0),
              invalid: formatNumber(imp.summary.invalid ?? 0),
            })}
          </Text>
          {apply.isError && <ErrorAlert error={apply.error} />}
          <Group justify="space-between">
            <Button variant="subtle" onClick={onBack}>
              {t('back')}
            </Button>
            <Button loading={apply.isPending} onClick={() => apply.mutate()} data-testid="import-apply">
              {t('apply')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    );
  }

  const done = imp.job?.progress.done ?? imp.appliedThrough + 1;
  const total = imp.job?.progress.total || imp.rowCount;
  const percent =
    imp.status === 'applied' ? 100 : total > 0 ? Math.round((Math.max(0, done) / total) * 100) : 0;
  return (
    <Paper withBorder p="md">
      <Stack>
        <Text fw={600}>{t(`applyStatus.${imp.status as 'applying'}`)}</Text>
        <Progress
          value={percent}
          animated={imp.status === 'applying'}
          size="lg"
          data-testid="import-progress"
          aria-label={t('progress')}
        />
        <Text size="sm" c="dimmed">
          {t('progressText', {
            done: formatNumber(Math.max(0, Math.min(done, imp.rowCount))),
            total: formatNumber(imp.rowCount),
          })}
        </Text>
        {imp.status === 'failed' && (
          <Alert color="red" data-testid="import-failed">
            <Stack gap="xs">
              <Text size="sm">
                {t('failed', { rows: formatNumber(imp.appliedThrough + 1), error: imp.error ?? '' })}
              </Text>
              <Group>
                <Button
                  size="xs"
                  loading={resume.isPending}
                  onClick={() => resume.mutate()}
                  data-testid="import-resume"
                >
                  {t('resume')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        {imp.status === 'applied' && imp.result && (
          <SimpleGrid cols={{ base: 2, sm: 5 }} data-testid="import-result">
            {Object.entries(imp.result).map(([action, count]) => (
              <Paper key={action} withBorder p="sm" data-testid={`result-${action}`}>
                <Text size="xl" fw={700}>
                  {formatNumber(count)}
                </Text>
                <Text size="sm">{t(`actions.${action as 'created'}`)}</Text>
              </Paper>
            ))}
          </SimpleGrid>
        )}
        {(imp.status === 'applied' || imp.status === 'failed') && (
          <Group>
            <Button
              component="a"
              href={importsApi.reportUrl(imp.id, language)}
              download
              variant="light"
              leftSection={<IconDownload size={16} />}
              data-testid="import-report"
              hrefLang={localeFor(language)}
            >
              {t('report')}
            </Button>
          </Group>
        )}
        {resume.isError && <ErrorAlert error={resume.error} />}
      </Stack>
    </Paper>
  );
}
