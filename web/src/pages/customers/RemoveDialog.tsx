import { Alert, Button, Center, Checkbox, Group, List, Loader, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatDate, formatDateTime, formatMoney } from '../../lib/format.ts';
import { customersApi, type Customer } from './customersApi.ts';

/**
 * Delete or erase (GDPR), owners only: first what it would do — or what blocks it (future
 * appointments, open booking requests, unpaid invoices, listed) — then an explicit confirmation.
 */
export function RemoveDialog(props: {
  customer: Customer;
  mode: 'delete' | 'erase';
  opened: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const { customer, mode, opened, onClose, onDone } = props;
  const { t } = useTranslation('customers');
  const preview = useQuery({
    queryKey: ['customer', customer.id, 'removal'],
    queryFn: () => customersApi.removal(customer.id),
    enabled: opened,
    staleTime: 0,
  });
  const [confirmed, setConfirmed] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [working, setWorking] = useState(false);

  async function run() {
    setWorking(true);
    setFailure(null);
    try {
      if (mode === 'delete') await customersApi.remove(customer.id, customer.version);
      else await customersApi.erase(customer.id, customer.version);
      setConfirmed(false);
      onDone();
    } catch (error) {
      setFailure(error);
      void preview.refetch();
    } finally {
      setWorking(false);
    }
  }

  const p = preview.data;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t(`remove.${mode}.title`, { name: customer.name })}
      size="lg"
    >
      <Stack data-testid={`${mode}-dialog`}>
        {preview.isPending && (
          <Center p="md">
            <Loader />
          </Center>
        )}
        {preview.isError && <ErrorAlert error={preview.error} />}
        {p && !p.allowed && (
          <Alert
            color="red"
            icon={<IconAlertTriangle size={20} />}
            title={t('remove.blockedTitle')}
            data-testid="remove-blocked"
          >
            <Stack gap="xs">
              <Text size="sm">{t('remove.blockedBody')}</Text>
              <List size="sm">
                {p.open.futureAppointments.map((a) => (
                  <List.Item key={a.id}>
                    {t('remove.futureAppointment', { date: formatDateTime(a.startAt), service: a.service })}
                  </List.Item>
                ))}
                {p.open.openBookingRequests.map((r) => (
                  <List.Item key={r.id}>
                    {t('remove.openRequest', { date: formatDateTime(r.wishedStart), service: r.service })}
                  </List.Item>
                ))}
                {p.open.unpaidInvoices.map((i) => (
                  <List.Item key={i.id}>
                    {t('remove.unpaidInvoice', {
                      number: i.number,
                      date: formatDate(i.issuedOn),
                      amount: formatMoney(i.totalCents),
                    })}
                  </List.Item>
                ))}
              </List>
              <Text size="sm">{t('remove.archiveInstead')}</Text>
            </Stack>
          </Alert>
        )}
        {p && p.allowed && (
          <>
            <Text size="sm">{t(`remove.${mode}.body`)}</Text>
            <List size="sm" data-testid="remove-effects">
              <List.Item>{t('remove.removes', { ...p.removes })}</List.Item>
              <List.Item>{t('remove.keeps', { ...p.keeps })}</List.Item>
              {p.removes.mergedRecords > 0 && (
                <List.Item>{t('remove.merged', { count: p.removes.mergedRecords })}</List.Item>
              )}
            </List>
            <Checkbox
              label={t(`remove.${mode}.confirm`)}
              checked={confirmed}
              onChange={(e) => setConfirmed(e.currentTarget.checked)}
              data-testid="remove-confirm"
            />
          </>
        )}
        {failure !== null && <ErrorAlert error={failure} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('actions.cancel')}
          </Button>
          <Button
            color="red"
            disabled={!p?.allowed || !confirmed}
            loading={working}
            onClick={() => void run()}
            data-testid="remove-submit"
          >
            {t(`remove.${mode}.submit`)}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
