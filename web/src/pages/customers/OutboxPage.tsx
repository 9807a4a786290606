import { Accordion, Anchor, Badge, Button, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { IconMail } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { customersApi } from './customersApi.ts';
import { STATUS_COLORS } from './MessagesTab.tsx';

/**
 * `/customers/outbox`: e-mails that did not leave — without a mail server (SMTP_URL) they wait
 * here for staff to read; failed ones show why and can be sent again.
 */
export default function OutboxPage() {
  const { t } = useTranslation('customers');
  const queryClient = useQueryClient();
  const outbox = useQuery({ queryKey: ['outbox'], queryFn: customersApi.outbox });
  const resend = useMutation({
    mutationFn: customersApi.resend,
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['outbox'] }),
  });

  return (
    <>
      <PageHeader title={t('outbox.title')} description={t('outbox.description')} />
      <Anchor component={Link} to="/customers" mb="md" display="block">
        {t('outbox.back')}
      </Anchor>
      {outbox.isPending && (
        <Center p="xl">
          <Loader />
        </Center>
      )}
      {outbox.isError && <ErrorAlert error={outbox.error} onRetry={() => void outbox.refetch()} />}
      {resend.isError && <ErrorAlert error={resend.error} />}
      {outbox.data && outbox.data.items.length === 0 && (
        <EmptyState
          icon={<IconMail size={28} />}
          title={t('outbox.emptyTitle')}
          description={t('outbox.emptyBody')}
          data-testid="outbox-empty"
        />
      )}
      {outbox.data && outbox.data.items.length > 0 && (
        <Stack>
          <Text c="dimmed" size="sm">
            {t('outbox.total', { count: outbox.data.total })}
          </Text>
          <Accordion variant="separated" data-testid="outbox-list">
            {outbox.data.items.map((m) => (
              <Accordion.Item key={m.id} value={m.id} data-testid={`outbox-${m.id}`}>
                <Accordion.Control>
                  <Group justify="space-between" wrap="nowrap">
                    <Stack gap={0}>
                      <Text size="sm" fw={500} data-testid="outbox-subject">
                        {m.subject}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t('outbox.line', {
                          name: m.customerName ?? '—',
                          number: m.customerNumber,
                          to: m.to,
                          date: formatDateTime(m.createdAt),
                        })}
                      </Text>
                    </Stack>
                    <Badge color={STATUS_COLORS[m.status]} variant="light">
                      {t(`messages.status.${m.status}`)}
                    </Badge>
                  </Group>
                </Accordion.Control>
                <Accordion.Panel>
                  <Stack gap="xs">
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="outbox-body">
                      {m.message}
                    </Text>
                    {m.error && (
                      <Text size="xs" c="red">
                        {m.error}
                      </Text>
                    )}
                    <Group>
                      <Button component={Link} to={`/customers/${m.customerId}`} size="xs" variant="default">
                        {t('outbox.openCustomer')}
                      </Button>
                      <Button
                        size="xs"
                        variant="light"
                        loading={resend.isPending && resend.variables === m.id}
                        onClick={() => resend.mutate(m.id)}
                      >
                        {t('outbox.resend')}
                      </Button>
                    </Group>
                  </Stack>
                </Accordion.Panel>
              </Accordion.Item>
            ))}
          </Accordion>
        </Stack>
      )}
    </>
  );
}
