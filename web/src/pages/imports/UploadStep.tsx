import { Button, FileInput, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { localeFor } from '../../lib/language.ts';
import { importsApi, type ImportView } from './importsApi.ts';

/** Step 1: choose the CSV file (encoding and delimiter are detected; either can be forced). */
export function UploadStep({ onUploaded }: { onUploaded: (imp: ImportView) => void }) {
  const { t, i18n } = useTranslation('imports');
  const [file, setFile] = useState<File | null>(null);
  const [encoding, setEncoding] = useState<string | null>(null);
  const [delimiter, setDelimiter] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  async function upload() {
    if (!file) return;
    setBusy(true);
    setFailure(null);
    try {
      onUploaded(
        await importsApi.upload(file, { encoding, delimiter, language: localeFor(i18n.resolvedLanguage) }),
      );
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="md">
      <Stack>
        <Text size="sm" c="dimmed">
          {t('upload.help')}
        </Text>
        <FileInput
          label={t('upload.file')}
          placeholder={t('upload.choose')}
          accept=".csv,.txt,text/csv,text/plain"
          value={file}
          onChange={setFile}
          leftSection={<IconUpload size={16} />}
          clearable
          data-testid="import-file-input"
        />
        <Group grow>
          <Select
            label={t('upload.encoding')}
            data={[
              { value: '', label: t('upload.detect') },
              { value: 'utf-8', label: 'UTF-8' },
              { value: 'windows-1252', label: 'Windows-1252 (Excel)' },
            ]}
            value={encoding ?? ''}
            onChange={(v) => setEncoding(v || null)}
            allowDeselect={false}
          />
          <Select
            label={t('upload.delimiter')}
            data={[
              { value: '', label: t('upload.detect') },
              { value: 'comma', label: t('delimiters.comma') },
              { value: 'semicolon', label: t('delimiters.semicolon') },
              { value: 'tab', label: t('delimiters.tab') },
            ]}
            value={delimiter ?? ''}
            onChange={(v) => setDelimiter(v || null)}
            allowDeselect={false}
          />
        </Group>
        {failure !== null && <ErrorAlert error={failure} title={t('upload.failed')} />}
        <Group justify="flex-end">
          <Button onClick={() => void upload()} disabled={!file} loading={busy} data-testid="import-upload">
            {t('upload.submit')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
