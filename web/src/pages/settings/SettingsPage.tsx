import { Alert, Button, Checkbox, Group, NumberInput, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLock } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, ApiError } from '../../lib/api.ts';
import { useSession } from '../../lib/auth.tsx';

interface Settings {
  requiredFields: { phone: boolean; email: boolean };
  duplicates: { possibleThreshold: number; certainThreshold: number };
  undoWindowDays: number;
}

const percent = (p: number) => Math.round(p * 10000) / 100;

/**
 * `/settings` (owners): which contact data a new customer needs besides the name, how eager
 * duplicate detection is, and how long a merge can be undone. Staff see the values read-only.
 */
export default function SettingsPage() {
  const { t } = useTranslation('settings');
  const { user } = useSession();
  const owner = user.role === 'owner';
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: ['tenant', 'settings'],
    queryFn: () => api.get<{ settings: Settings }>('/api/tenant').then((r) => r.settings),
  });
  const [form, setForm] = useState<Settings | null>(null);
  useEffect(() => {
    if (query.data && form === null) setForm(query.data);
  }, [query.data, form]);

  const save = useMutation({
    mutationFn: (next: Settings) => api.patch<Settings>('/api/settings', next),
    onSuccess: (saved) => {
      queryClient.setQueryData(['tenant', 'settings'], saved);
      void queryClient.invalidateQueries({ queryKey: ['tenant'] });
      setForm(saved);
      notifications.show({ color: 'green', message: t('saved') });
    },
  });
  const fieldError = (field: string) =>
    save.error instanceof ApiError && save.error.field === field ? save.error.message : undefined;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (form) save.mutate(form);
  }

  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      {!owner && (
        <Alert icon={<IconLock size={18} />} color="gray" mb="md" data-testid="settings-owner-only">
          {t('ownerOnly')}
        </Alert>
      )}
      {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {form && (
        <form onSubmit={onSubmit} noValidate data-testid="settings-form">
          <Stack maw={720}>
            {save.isError && !(save.error instanceof ApiError && save.error.field) && (
              <ErrorAlert error={save.error} />
            )}
            <Section title={t('customers.title')} description={t('customers.description')}>
              <Checkbox
                label={t('customers.phone')}
                checked={form.requiredFields.phone}
                disabled={!owner}
                onChange={(e) =>
                  setForm({
                    ...form,
                    requiredFields: { ...form.requiredFields, phone: e.currentTarget.checked },
                  })
                }
                data-testid="setting-required-phone"
              />
              <Checkbox
                label={t('customers.email')}
                checked={form.requiredFields.email}
                disabled={!owner}
                onChange={(e) =>
                  setForm({
                    ...form,
                    requiredFields: { ...form.requiredFields, email: e.currentTarget.checked },
                  })
                }
                data-testid="setting-required-email"
              />
            </Section>
            <Section title={t('duplicates.title')} description={t('duplicates.description')}>
              <Group grow align="flex-start">
                <NumberInput
                  label={t('duplicates.possible')}
                  description={t('duplicates.possibleHelp')}
                  suffix=" %"
                  min={50}
                  max={99}
                  decimalScale={1}
                  value={percent(form.duplicates.possibleThreshold)}
                  disabled={!owner}
                  onChange={(v) =>
                    setForm({
                      ...form,
                      duplicates: { ...form.duplicates, possibleThreshold: Number(v) / 100 },
                    })
                  }
                  error={fieldError('duplicates.possibleThreshold')}
                  data-testid="setting-possible"
                />
                <NumberInput
                  label={t('duplicates.certain')}
                  description={t('duplicates.certainHelp')}
                  suffix=" %"
                  min={90}
                  max={99.99}
                  decimalScale={2}
                  value={percent(form.duplicates.certainThreshold)}
                  disabled={!owner}
                  onChange={(v) =>
                    setForm({
                      ...form,
                      duplicates: { ...form.duplicates, certainThreshold: Number(v) / 100 },
                    })
                  }
                  error={fieldError('duplicates.certainThreshold')}
                  data-testid="setting-certain"
                />
              </Group>
            </Section>
            <Section title={t('merges.title')} description={t('merges.description')}>
              <NumberInput
                label={t('merges.undoWindow')}
                min={1}
                max={365}
                allowDecimal={false}
                maw={240}
                value={form.undoWindowDays}
                disabled={!owner}
                onChange={(v) => setForm({ ...form, undoWindowDays: Number(v) })}
                error={fieldError('undoWindowDays')}
                data-testid="setting-undo-days"
              />
            </Section>
            {owner && (
              <Group>
                <Button type="submit" loading={save.isPending} data-testid="settings-save">
                  {t('save')}
                </Button>
              </Group>
            )}
          </Stack>
        </form>
      )}
    </>
  );
}

function Section({
  title,
  description,
  children,
}: {
  title: string;
  description: string;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <div>
          <Title order={4}>{title}</Title>
          <Text size="sm" c="dimmed">
            {description}
          </Text>
        </div>
        {children}
      </Stack>
    </Paper>
  );
}
