import { Badge, Button, Group, Modal, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { bookingsApi } from './bookingsApi.ts';

const COLORS = { not_invited: 'gray', invited: 'orange', active: 'teal', disabled: 'red' } as const;

/** The query key of a customer's online account (shared by the booking request panel and the profile). */
export const accountKey = (customerId: string) => ['bookings', 'account', customerId];

/**
 * A customer's online account: its state (not invited, invited with the link's expiry, active with
 * the last login, disabled), "Invite for online booking" (the e-mail with the link goes to the
 * outbox without SMTP; invited again, a new link replaces the old one; a disabled account can be
 * invited again) and "Disable" after a confirmation. Mounted by a booking request's panel and by the
 * customer profile. The address to invite defaults to the profile's e-mail; without one, the card
 * says so and the invitation waits for an address.
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
  const key = accountKey(customerId);
  const account = useQuery({ queryKey: key, queryFn: () => bookingsApi.account(customerId) });
  // Until staff type an address, follow the profile's (it may change while the card is shown).
  const [typed, setTyped] = useState<string | null>(null);
  const email = typed ?? customerEmail ?? '';
  const [confirming, { open: openConfirm, close: closeConfirm }] = useDisclosure(false);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: key }),
      // The invitation is one of the customer's messages.
      queryClient.invalidateQueries({ queryKey: ['customer', customerId, 'messages'] }),
    ]);
  const invite = useMutation({
    mutationFn: () => bookingsApi.invite(customerId, email.trim() || null),
    onSuccess: async (result) => {
      queryClient.setQueryData(key, result.account);
      await refresh();
    },
  });
  const disable = useMutation({
    mutationFn: () => bookingsApi.disable(customerId, null),
    onSuccess: async (result) => {
      queryClient.setQueryData(key, result);
      closeConfirm();
      invite.reset();
      await refresh();
    },
  });
  if (account.isError) return <ErrorAlert error={account.error} />;
  if (!account.data) return null;
  const a = account.data;
  const details = [
    a.loginEmail && a.state !== 'not_invited' ? t('account.login', { email: a.loginEmail }) : null,
    a.state === 'invited' && a.inviteExpiresAt
      ? t('account.expires', { date: formatDateTime(a.inviteExpiresAt) })
      : null,
    a.state === 'active'
      ? a.lastLoginAt
        ? t('account.lastLogin', { date: formatDateTime(a.lastLoginAt) })
        : t('account.neverLoggedIn')
      : null,
    a.state === 'disabled' && a.disabledAt
      ? t('account.disabledOn', { date: formatDate(a.disabledAt) })
      : null,
  ].filter((d): d is string => d !== null);
  return (
    <Paper withBorder p="sm" data-testid="online-account">
      <Stack gap="xs">
        <Stack gap={4} align="flex-start">
          <Text fw={600}>{t('account.title')}</Text>
          <Badge color={COLORS[a.state]} variant="light" maw="100%" data-testid="online-account-state">
            {t(`account.state.${a.state}`)}
          </Badge>
        </Stack>
        {details.length > 0 && (
          <Text size="sm" c="dimmed" data-testid="online-account-details">
            {details.join(' · ')}
          </Text>
        )}
        {a.state !== 'active' && (
          <>
            <Text size="sm" c="dimmed">
              {t(`account.explain.${a.state}`)}
            </Text>
            <Stack gap="xs" align="flex-start">
              <TextInput
                label={t('account.email')}
                type="email"
                value={email}
                onChange={(e) => setTyped(e.currentTarget.value)}
                size="xs"
                w="100%"
                maw={360}
                data-testid="online-account-email"
              />
              <Button
                size="xs"
                h="auto"
                py={6}
                styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }}
                loading={invite.isPending}
                disabled={email.trim() === ''}
                onClick={() => invite.mutate()}
                data-testid="online-account-invite"
              >
                {a.state === 'invited'
                  ? t('account.inviteAgain')
                  : a.state === 'disabled'
                    ? t('account.inviteAfterDisabled')
                    : t('account.invite')}
              </Button>
            </Stack>
            {email.trim() === '' && (
              <Text size="sm" c="orange" data-testid="online-account-no-email">
                {t('account.noEmail')}
              </Text>
            )}
          </>
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
              onClick={() => {
                disable.reset();
                openConfirm();
              }}
              data-testid="online-account-disable"
            >
              {t('account.disable')}
            </Button>
          </Group>
        )}
        {invite.isError && <ErrorAlert error={invite.error} />}
      </Stack>
      <Modal opened={confirming} onClose={closeConfirm} title={t('account.disableTitle')} centered>
        <Stack>
          <Text size="sm">{t('account.disableBody')}</Text>
          {disable.isError && <ErrorAlert error={disable.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={closeConfirm}>
              {t('account.cancel')}
            </Button>
            <Button
              color="red"
              loading={disable.isPending}
              onClick={() => disable.mutate()}
              data-testid="online-account-disable-confirm"
            >
              {t('account.disableConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
