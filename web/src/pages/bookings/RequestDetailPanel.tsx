import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  List,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { wishedStart } from '../book/bookForm.ts';
import { bookingsApi, localParts, type RequestDetail, type TakeOverField } from './bookingsApi.ts';
import { OnlineAccountCard } from './OnlineAccountCard.tsx';

/**
 * One online booking request: what the customer typed next to the profile it is linked to (staff
 * tick what to take over — nothing changes on its own), the possible duplicates found when it
 * arrived, and confirm (with the time and length) or decline.
 */
export function RequestDetailPanel({ id, onDecided }: { id: string; onDecided: () => void }) {
  const { t } = useTranslation('bookings');
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: ['bookings', 'request', id], queryFn: () => bookingsApi.get(id) });
  if (query.isPending) return <Text c="dimmed">{t('loading')}</Text>;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <Detail
      key={query.data.id + query.data.status}
      request={query.data}
      onDecided={async () => {
        await queryClient.invalidateQueries({ queryKey: ['bookings'] });
        onDecided();
      }}
    />
  );
}

function Detail({ request, onDecided }: { request: RequestDetail; onDecided: () => Promise<void> }) {
  const { t } = useTranslation('bookings');
  const wished = localParts(request.wishedStart);
  const [takeOver, setTakeOver] = useState<TakeOverField[]>([]);
  const [date, setDate] = useState(wished.date);
  const [time, setTime] = useState(wished.time);
  const [duration, setDuration] = useState<number | string>('');
  const [staffMember, setStaffMember] = useState('');
  const [reason, setReason] = useState('');
  const confirm = useMutation({
    mutationFn: () =>
      bookingsApi.confirm(request.id, {
        takeOver,
        ...(takeOver.length > 0 && request.customer ? { version: request.customer.version } : {}),
        startAt: wishedStart(date, time) ?? request.wishedStart,
        ...(typeof duration === 'number' ? { durationMinutes: duration } : {}),
        staffMember: staffMember.trim() || null,
      }),
    onSuccess: onDecided,
  });
  const decline = useMutation({
    mutationFn: () => bookingsApi.decline(request.id, reason.trim() || null),
    onSuccess: onDecided,
  });
  const open = request.status === 'open';
  const toggle = (field: TakeOverField, on: boolean) =>
    setTakeOver((list) => (on ? [...list, field] : list.filter((f) => f !== field)));

  return (
    <Stack data-testid="request-detail">
      <Group justify="space-between">
        <Title order={3} size="h4">
          {request.service} · {formatDateTime(request.wishedStart)}
        </Title>
        <Badge
          color={request.status === 'open' ? 'orange' : request.status === 'confirmed' ? 'teal' : 'gray'}
        >
          {t(`status.${request.status}`)}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed" data-testid="request-link">
        {t(`link.${request.link}`)}
      </Text>
      {request.note && (
        <Paper withBorder p="sm">
          <Text size="sm" fw={600}>
            {t('detail.note')}
          </Text>
          {/* Text typed on the public page: React escapes it. */}
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="request-note">
            {request.note}
          </Text>
        </Paper>
      )}

      <Table withTableBorder data-testid="request-compare">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('detail.field')}</Table.Th>
            <Table.Th>{t('detail.typed')}</Table.Th>
            <Table.Th>
              {request.customer ? (
                <Anchor
                  component={Link}
                  to={`/customers/${request.customer.id}`}
                  data-testid="request-customer"
                >
                  {t('detail.profile', { number: request.customer.number, name: request.customer.name })}
                </Anchor>
              ) : (
                t('detail.noProfile')
              )}
            </Table.Th>
            {open && <Table.Th>{t('detail.takeOver')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(['firstName', 'lastName', 'email', 'mobile'] as const).map((field) => {
            const diff = request.differences.find((d) => d.field === field);
            const typed = field === 'mobile' ? request.typed.phone : request.typed[field];
            const profile = request.customer ? (request.customer[field] ?? '') : '';
            return (
              <Table.Tr
                key={field}
                bg={diff ? 'var(--mantine-color-yellow-0)' : undefined}
                data-testid={`compare-${field}`}
              >
                <Table.Td>{t(`fields.${field}`)}</Table.Td>
                <Table.Td>{typed ?? ''}</Table.Td>
                <Table.Td>{profile}</Table.Td>
                {open && (
                  <Table.Td>
                    {diff && (
                      <Checkbox
                        aria-label={t('detail.takeOverField', { field: t(`fields.${field}`) })}
                        checked={takeOver.includes(field)}
                        onChange={(e) => toggle(field, e.currentTarget.checked)}
                        data-testid={`take-over-${field}`}
                      />
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {open && request.differences.length > 0 && (
        <Text size="xs" c="dimmed">
          {t('detail.takeOverHint')}
        </Text>
      )}
      {request.customer && (
        <OnlineAccountCard customerId={request.customer.id} customerEmail={request.customer.email} />
      )}
      {Object.keys(request.takenOver).length > 0 && (
        <Text size="sm" data-testid="request-taken-over">
          {t('detail.takenOver', {
            fields: Object.keys(request.takenOver)
              .map((f) => t(`fields.${f as TakeOverField}`))
              .join(', '),
          })}
        </Text>
      )}

      {request.candidates.length > 0 && (
        <Alert
          color="orange"
          icon={<IconAlertTriangle size={18} />}
          title={t('detail.duplicatesTitle')}
          data-testid="request-duplicates"
        >
          <Stack gap="xs">
            <Text size="sm">{t('detail.duplicatesBody')}</Text>
            {request.candidates.map((c) => (
              <Paper key={c.id} withBorder p="xs" data-testid={`request-candidate-${c.number}`}>
                <Group justify="space-between" align="flex-start">
                  <Stack gap={2}>
                    <Text size="sm" fw={600}>
                      #{c.number} {c.name}{' '}
                      <Badge size="xs" variant="light" color={c.certain ? 'red' : 'orange'}>
                        {formatNumber(c.probability, { style: 'percent' })}
                      </Badge>
                    </Text>
                    <Text size="xs" c="dimmed">
                      {[c.email, c.mobile].filter(Boolean).join(' · ')}
                    </Text>
                    <List size="xs" c="dimmed">
                      {c.reasons.slice(0, 3).map((r) => (
                        <List.Item key={r}>{r}</List.Item>
                      ))}
                    </List>
                  </Stack>
                  <Group gap="xs">
                    <Button size="xs" variant="light" component={Link} to={`/customers/${c.id}`}>
                      {t('detail.openCandidate')}
                    </Button>
                    {request.customer && (
                      <Button
                        size="xs"
                        variant="light"
                        component={Link}
                        to={`/compare?ids=${request.customer.id},${c.id}`}
                      >
                        {t('detail.compare')}
                      </Button>
                    )}
                  </Group>
                </Group>
              </Paper>
            ))}
          </Stack>
        </Alert>
      )}

      {open ? (
        <Paper withBorder p="sm">
          <Stack>
            <SimpleGrid cols={{ base: 1, sm: 4 }}>
              <TextInput
                type="date"
                label={t('confirm.date')}
                value={date}
                onChange={(e) => setDate(e.currentTarget.value)}
                data-testid="confirm-date"
              />
              <TextInput
                type="time"
                label={t('confirm.time')}
                value={time}
                onChange={(e) => setTime(e.currentTarget.value)}
                data-testid="confirm-time"
              />
              <NumberInput
                label={t('confirm.duration')}
                placeholder={t('confirm.durationDefault')}
                min={5}
                max={720}
                step={5}
                value={duration}
                onChange={setDuration}
                data-testid="confirm-duration"
              />
              <TextInput
                label={t('confirm.staffMember')}
                value={staffMember}
                onChange={(e) => setStaffMember(e.currentTarget.value)}
                data-testid="confirm-staff"
              />
            </SimpleGrid>
            {request.typed.email && (
              <Text size="xs" c="dimmed" data-testid="answer-mailed">
                {t('answerMailed', { email: request.typed.email })}
              </Text>
            )}
            {confirm.isError && <ErrorAlert error={confirm.error} />}
            {decline.isError && <ErrorAlert error={decline.error} />}
            <Group justify="space-between" align="flex-end">
              <Group align="flex-end">
                <TextInput
                  label={t('decline.reason')}
                  value={reason}
                  onChange={(e) => setReason(e.currentTarget.value)}
                  data-testid="decline-reason"
                />
                <Button
                  color="red"
                  variant="light"
                  loading={decline.isPending}
                  onClick={() => decline.mutate()}
                  data-testid="decline"
                >
                  {t('decline.submit')}
                </Button>
              </Group>
              <Button loading={confirm.isPending} onClick={() => confirm.mutate()} data-testid="confirm">
                {takeOver.length > 0
                  ? t('confirm.submitWithTakeOver', { count: takeOver.length })
                  : t('confirm.submit')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      ) : request.appointment ? (
        <Alert color="teal" data-testid="request-appointment">
          {t('confirm.booked', {
            when: formatDateTime(request.appointment.startAt),
            service: request.appointment.service,
          })}
        </Alert>
      ) : (
        <>
          {request.declineReason && (
            <Text size="sm">{t('decline.reasonWas', { reason: request.declineReason })}</Text>
          )}
          {request.link === 'new' && request.customer?.archivedAt && (
            <Text size="sm" c="dimmed" data-testid="declined-profile-archived">
              {t('decline.profileArchived')}
            </Text>
          )}
        </>
      )}
    </Stack>
  );
}
