import { Badge, Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { bookingsApi } from './bookingsApi.ts';

const COLORS = { not_invited: 'gray', invited: 'orange', active: 'teal', disabled: 'red' } as const;

/**
 * A customer's online account on the profile: its state (not invited, invited, active, disabled),
 * "Invite for online booking" (the e-mail with the link goes to the outbox without SMTP) and
 * "Disable". Mounted by the customer profile page.
 */
export function OnlineAccountCard({
  customerId,
  customerEmail,
}: {
  customerId: string;
  customerEmail: string | null;
}) {
  const { t } = useTranslation('bookings');
  const queryClient = useQueryClient();
  const key = ['bookings', 'account', customerId];
  const account = useQuery({ queryKey: key, queryFn: () => bookingsApi.account(customerId) });
  const [email, setEmail] = useState(customerEmail ?? '');
  const invite = useMutation({
    mutationFn: () => bookingsApi.invite(customerId, email.trim() || null),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
  const disable = useMutation({
    mutationFn: () => bookingsApi.disable(customerId, null),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
  if (account.isError) return <ErrorAlert error={account.error} />;
  if (!account.data) return null;
  const a = account.data;
  return (
    <Paper withBorder p="sm" data-testid="online-account">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600}>{t('account.title')}</Text>
          <Badge color={COLORS[a.state]} variant="light" data-testid="online-account-state">
            {t(`account.state.${a.state}`)}
          </Badge>
        </Group>
        {a.loginEmail && (
          <Text size="sm" c="dimmed">
            {t('account.login', { email: a.loginEmail })}
            {a.state === 'invited' && a.inviteExpiresAt
              ? ` · ${t('account.expires', { date: formatDate(a.inviteExpiresAt) })}`
              : ''}
            {a.state === 'active' && a.lastLoginAt
              ? ` · ${t('account.lastLogin', { date: formatDateTime(a.lastLoginAt) })}`
              : ''}
          </Text>
        )}
        {a.state !== 'active' && (
          <Group align="flex-end">
            <TextInput
              label={t('account.email')}
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              size="xs"
              data-testid="online-account-email"
            />
            <Button
              size="xs"
              loading={invite.isPending}
              onClick={() => invite.mutate()}
              data-testid="online-account-invite"
            >
              {a.state === 'invited' ? t('account.inviteAgain') : t('account.invite')}
            </Button>
          </Group>
        )}
        {invite.isSuccess && (
          <Text size="sm" c="teal" data-testid="online-account-sent">
            {invite.data.message.status === 'outbox'
              ? t('account.inOutbox', { email: invite.data.message.toAddress })
              : t('account.sent', { email: invite.data.message.toAddress })}
          </Text>
        )}
        {(a.state === 'active' || a.state === 'invited') && (
          <Group>
            <Button
              size="xs"
              variant="subtle"
              color="red"
              loading={disable.isPending}
              onClick={() => disable.mutate()}
              data-testid="online-account-disable"
            >
              {t('account.disable')}
            </Button>
          </Group>
        )}
        {invite.isError && <ErrorAlert error={invite.error} />}
        {disable.isError && <ErrorAlert error={disable.error} />}
      </Stack>
    </Paper>
  );
}
