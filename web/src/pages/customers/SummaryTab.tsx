import { Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, formatMoney } from '../../lib/format.ts';
import type { Appointment, Summary } from './customersApi.ts';

const STATUS_COLORS = { booked: 'blue', completed: 'green', cancelled: 'gray', no_show: 'red' } as const;

/** Appointments past and future, online booking requests, invoices with totals, packages, points. */
export function SummaryTab({ summary }: { summary: Summary }) {
  const { t } = useTranslation('customers');
  const { appointments, invoices } = summary;
  return (
    <Stack gap="lg" data-testid="customer-summary">
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Stat label={t('summary.upcoming')} value={String(appointments.upcoming)} testId="stat-upcoming" />
        <Stat label={t('summary.past')} value={String(appointments.past)} testId="stat-past" />
        <Stat label={t('summary.invoiced')} value={formatMoney(invoices.totalCents)} testId="stat-invoiced" />
        <Stat label={t('summary.open')} value={formatMoney(invoices.openCents)} testId="stat-open" />
      </SimpleGrid>

      <Section title={t('summary.upcomingTitle')} empty={appointments.upcomingItems.length === 0}>
        <Appointments items={appointments.upcomingItems} />
      </Section>
      <Section title={t('summary.pastTitle')} empty={appointments.pastItems.length === 0}>
        <Appointments items={appointments.pastItems} />
      </Section>

      <Section title={t('summary.requestsTitle')} empty={summary.bookingRequests.length === 0}>
        <Table fz="sm" data-testid="booking-requests">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('summary.requested')}</Table.Th>
              <Table.Th>{t('summary.service')}</Table.Th>
              <Table.Th>{t('summary.wished')}</Table.Th>
              <Table.Th>{t('summary.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {summary.bookingRequests.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{formatDateTime(r.createdAt)}</Table.Td>
                <Table.Td>{r.service}</Table.Td>
                <Table.Td>{formatDateTime(r.wishedStart)}</Table.Td>
                <Table.Td>
                  <Badge
                    variant="light"
                    color={r.status === 'open' ? 'orange' : r.status === 'confirmed' ? 'green' : 'gray'}
                  >
                    {t(`requestStatus.${r.status}`)}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Section>

      <Section
        title={t('summary.invoicesTitle', { count: invoices.count })}
        empty={invoices.items.length === 0}
      >
        <Table fz="sm" data-testid="invoices">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('summary.invoiceNumber')}</Table.Th>
              <Table.Th>{t('summary.date')}</Table.Th>
              <Table.Th ta="right">{t('summary.amount')}</Table.Th>
              <Table.Th>{t('summary.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {invoices.items.map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td>{i.number}</Table.Td>
                <Table.Td>{formatDate(i.issuedOn)}</Table.Td>
                <Table.Td ta="right">{formatMoney(i.totalCents)}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={i.paid ? 'green' : 'red'}>
                    {i.paid ? t('summary.paid') : t('summary.unpaid')}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th colSpan={2}>{t('summary.total')}</Table.Th>
              <Table.Th ta="right" data-testid="invoices-total">
                {formatMoney(invoices.totalCents)}
              </Table.Th>
              <Table.Th>{t('summary.openAmount', { amount: formatMoney(invoices.openCents) })}</Table.Th>
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Section>

      {(summary.subscriptions.length > 0 || summary.loyaltyBalance !== 0) && (
        <Section title={t('summary.packagesTitle')} empty={false}>
          <Stack gap={4}>
            {summary.subscriptions.map((s) => (
              <Text key={s.id} size="sm">
                {s.name}
                {s.remainingSessions !== null &&
                  ` — ${t('summary.sessionsLeft', { left: s.remainingSessions, total: s.totalSessions ?? '?' })}`}
                {s.validUntil && ` — ${t('summary.validUntil', { date: formatDate(s.validUntil) })}`}
              </Text>
            ))}
            <Text size="sm" data-testid="loyalty-balance">
              {t('summary.points', { count: summary.loyaltyBalance })}
            </Text>
          </Stack>
        </Section>
      )}
    </Stack>
  );
}

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fw={700} size="lg" data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}

function Section({ title, empty, children }: { title: string; empty: boolean; children: ReactNode }) {
  const { t } = useTranslation('customers');
  return (
    <Stack gap="xs">
      <Title order={4}>{title}</Title>
      {empty ? (
        <Text size="sm" c="dimmed">
          {t('summary.none')}
        </Text>
      ) : (
        children
      )}
    </Stack>
  );
}

function Appointments({ items }: { items: Appointment[] }) {
  const { t } = useTranslation('customers');
  return (
    <Table fz="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('summary.when')}</Table.Th>
          <Table.Th>{t('summary.service')}</Table.Th>
          <Table.Th>{t('summary.staff')}</Table.Th>
          <Table.Th ta="right">{t('summary.price')}</Table.Th>
          <Table.Th>{t('summary.status')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((a) => (
          <Table.Tr key={a.id}>
            <Table.Td>{formatDateTime(a.startAt)}</Table.Td>
            <Table.Td>{a.service}</Table.Td>
            <Table.Td>{a.staffMember ?? '—'}</Table.Td>
            <Table.Td ta="right">{formatMoney(a.priceCents)}</Table.Td>
            <Table.Td>
              <Group gap={4}>
                <Badge variant="light" color={STATUS_COLORS[a.status]}>
                  {t(`appointmentStatus.${a.status}`)}
                </Badge>
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
