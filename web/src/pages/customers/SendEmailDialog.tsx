import { Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ApiError } from '../../lib/api.ts';
import { customersApi, type Customer } from './customersApi.ts';

/** "Send e-mail": recipient filled in with the customer's address, subject and message. */
export function SendEmailDialog({
  customer,
  opened,
  onClose,
}: {
  customer: Customer;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('customers');
  const queryClient = useQueryClient();
  const [to, setTo] = useState(customer.email ?? '');
  const [subject, setSubject] = useState('');
  const [message, setMessage] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  const fieldError = (field: string) =>
    failure instanceof ApiError && failure.field === field ? failure.message : undefined;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSending(true);
    setFailure(null);
    try {
      const sent = await customersApi.sendMessage(customer.id, { to, subject, message });
      void queryClient.invalidateQueries({ queryKey: ['customer', customer.id, 'messages'] });
      void queryClient.invalidateQueries({ queryKey: ['outbox'] });
      notifications.show({
        color: sent.status === 'failed' ? 'red' : 'green',
        message: t(`messages.result.${sent.status}`),
      });
      setSubject('');
      setMessage('');
      onClose();
    } catch (error) {
      setFailure(error);
    } finally {
      setSending(false);
    }
  }

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('messages.dialogTitle', { name: customer.name })}
      size="lg"
    >
      <form onSubmit={(event) => void onSubmit(event)} noValidate data-testid="email-form">
        <Stack>
          {failure !== null && !(failure instanceof ApiError && failure.field) && (
            <ErrorAlert error={failure} />
          )}
          <TextInput
            label={t('messages.to')}
            type="email"
            value={to}
            onChange={(e) => setTo(e.currentTarget.value)}
            error={fieldError('to')}
            data-testid="email-to"
          />
          <TextInput
            label={t('messages.subject')}
            value={subject}
            onChange={(e) => setSubject(e.currentTarget.value)}
            error={fieldError('subject')}
            data-testid="email-subject"
          />
          <Textarea
            label={t('messages.message')}
            autosize
            minRows={6}
            value={message}
            onChange={(e) => setMessage(e.currentTarget.value)}
            error={fieldError('message')}
            data-testid="email-message"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={sending} data-testid="email-send">
              {t('messages.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
