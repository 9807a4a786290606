import { Accordion, Badge, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { customersApi, type Message } from './customersApi.ts';

export const STATUS_COLORS: Record<Message['status'], string> = {
  outbox: 'orange',
  sent: 'green',
  failed: 'red',
};

/** Every message sent (or waiting in the outbox) to this customer, newest first. */
export function MessagesTab({ customerId }: { customerId: string }) {
  const { t } = useTranslation('customers');
  const messages = useQuery({
    queryKey: ['customer', customerId, 'messages'],
    queryFn: () => customersApi.messages(customerId),
  });
  if (messages.isError) return <ErrorAlert error={messages.error} onRetry={() => void messages.refetch()} />;
  if (!messages.data) return null;
  if (messages.data.length === 0)
    return (
      <Text c="dimmed" size="sm">
        {t('messages.empty')}
      </Text>
    );
  return (
    <Accordion variant="separated" data-testid="messages-list">
      {messages.data.map((m) => (
        <Accordion.Item key={m.id} value={m.id} data-testid={`message-${m.id}`}>
          <Accordion.Control>
            <Group justify="space-between" wrap="nowrap">
              <Stack gap={0}>
                <Text size="sm" fw={500}>
                  {m.subject}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('messages.toLine', { to: m.to, date: formatDateTime(m.createdAt) })}
                </Text>
              </Stack>
              <Badge color={STATUS_COLORS[m.status]} variant="light" data-testid="message-status">
                {t(`messages.status.${m.status}`)}
              </Badge>
            </Group>
          </Accordion.Control>
          <Accordion.Panel>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {m.message}
            </Text>
            {m.error && (
              <Text size="xs" c="red" mt="xs">
                {m.error}
              </Text>
            )}
          </Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}
