import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  List,
  Modal,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconAlertTriangle, IconCalendarEvent, IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ApiError } from '../../lib/api.ts';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format.ts';
import { wishedStart } from '../book/bookForm.ts';
import { localParts } from '../bookings/bookingsApi.ts';
import {
  agendaApi,
  dayRange,
  localDay,
  shiftDay,
  type AgendaEntry,
  type Candidate,
  type CustomerHit,
} from './agendaApi.ts';

const STATUS_COLORS = { booked: 'blue', completed: 'teal', cancelled: 'gray', no_show: 'red' } as const;

/** The agenda: one day's appointments; book, move, cancel, complete; walk-ins. */
export default function AgendaPage() {
  const { t } = useTranslation('agenda');
  const [params, setParams] = useSearchParams();
  const day = /^\d{4}-\d{2}-\d{2}$/.test(params.get('day') ?? '') ? params.get('day')! : localDay(new Date());
  const { from, to } = dayRange(day);
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: ['agenda', day], queryFn: () => agendaApi.day(from, to) });
  const [dialog, setDialog] = useState<'new' | 'walkIn' | null>(null);
  const [moving, setMoving] = useState<AgendaEntry | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['agenda'] });
  const act = useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'cancel' | 'complete' }) =>
      action === 'cancel' ? agendaApi.cancel(id) : agendaApi.complete(id),
    onSuccess: refresh,
  });
  const goto = (d: string) => setParams({ day: d });

  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <>
            <Button variant="light" onClick={() => setDialog('walkIn')} data-testid="agenda-walk-in">
              {t('walkIn.open')}
            </Button>
            <Button onClick={() => setDialog('new')} data-testid="agenda-new">
              {t('new.open')}
            </Button>
          </>
        }
      />
      <Group mb="md" gap="xs">
        <ActionIcon
          variant="default"
          onClick={() => goto(shiftDay(day, -1))}
          aria-label={t('previous')}
          data-testid="agenda-previous"
        >
          <IconChevronLeft size={16} />
        </ActionIcon>
        <Button variant="default" size="xs" onClick={() => goto(localDay(new Date()))}>
          {t('today')}
        </Button>
        <ActionIcon
          variant="default"
          onClick={() => goto(shiftDay(day, 1))}
          aria-label={t('next')}
          data-testid="agenda-next"
        >
          <IconChevronRight size={16} />
        </ActionIcon>
        <TextInput
          type="date"
          size="xs"
          value={day}
          onChange={(e) => e.currentTarget.value && goto(e.currentTarget.value)}
          aria-label={t('day')}
          data-testid="agenda-day"
        />
        <Text fw={600} data-testid="agenda-title">
          {formatDate(from, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })}
        </Text>
      </Group>
      {list.isError && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      {act.isError && <ErrorAlert error={act.error} />}
      {list.data && list.data.length === 0 && (
        <EmptyState
          icon={<IconCalendarEvent size={28} />}
          title={t('empty.title')}
          description={t('empty.body')}
          data-testid="agenda-empty"
        />
      )}
      {list.data && list.data.length > 0 && (
        <Table withTableBorder data-testid="agenda">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={130}>{t('columns.time')}</Table.Th>
              <Table.Th>{t('columns.customer')}</Table.Th>
              <Table.Th>{t('columns.service')}</Table.Th>
              <Table.Th>{t('columns.staff')}</Table.Th>
              <Table.Th>{t('columns.status')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.map((a) => (
              <Table.Tr key={a.id} data-testid="agenda-entry" opacity={a.status === 'cancelled' ? 0.6 : 1}>
                <Table.Td>
                  {formatDateTime(a.startAt, { hour: '2-digit', minute: '2-digit' })}–
                  {formatDateTime(a.endAt, { hour: '2-digit', minute: '2-digit' })}
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/customers/${a.customer.id}`}>
                    #{a.customer.number} {a.customer.name}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {a.customer.mobile ?? a.customer.email ?? ''}
                  </Text>
                </Table.Td>
                <Table.Td>{a.service}</Table.Td>
                <Table.Td>{a.staffMember ?? ''}</Table.Td>
                <Table.Td>
                  <Badge color={STATUS_COLORS[a.status]} variant="light" data-testid="agenda-status">
                    {t(`status.${a.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {a.status === 'booked' && (
                    <Group gap={4} justify="flex-end">
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        onClick={() => setMoving(a)}
                        data-testid="agenda-move"
                      >
                        {t('actions.move')}
                      </Button>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        onClick={() => act.mutate({ id: a.id, action: 'complete' })}
                        data-testid="agenda-complete"
                      >
                        {t('actions.complete')}
                      </Button>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color="red"
                        onClick={() => act.mutate({ id: a.id, action: 'cancel' })}
                        data-testid="agenda-cancel"
                      >
                        {t('actions.cancel')}
                      </Button>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <NewAppointmentDialog
        opened={dialog === 'new'}
        day={day}
        onClose={() => setDialog(null)}
        onBooked={(d) => {
          setDialog(null);
          void refresh();
          goto(d);
        }}
      />
      <WalkInDialog
        opened={dialog === 'walkIn'}
        onClose={() => setDialog(null)}
        onBooked={() => {
          setDialog(null);
          void refresh();
          goto(localDay(new Date()));
        }}
      />
      {moving && (
        <MoveDialog
          entry={moving}
          onClose={() => setMoving(null)}
          onMoved={(d) => {
            setMoving(null);
            void refresh();
            goto(d);
          }}
        />
      )}
    </>
  );
}

/** The customers that look like the one being created: book one of them, or create anyway. */
function Candidates({
  candidates,
  onPick,
  onCreateAnyway,
  busy,
}: {
  candidates: Candidate[];
  onPick: (c: Candidate) => void;
  onCreateAnyway: () => void;
  busy: boolean;
}) {
  const { t } = useTranslation('agenda');
  return (
    <Stack data-testid="agenda-duplicates">
      <Alert color="orange" icon={<IconAlertTriangle size={18} />} title={t('duplicates.title')}>
        {t('duplicates.body')}
      </Alert>
      {candidates.map((c) => (
        <Paper key={c.id} withBorder p="sm">
          <Group justify="space-between" align="flex-start">
            <Stack gap={2}>
              <Text fw={600}>
                #{c.number} {c.name}{' '}
                <Badge size="sm" variant="light" color={c.certain ? 'red' : 'orange'}>
                  {formatNumber(c.probability, { style: 'percent' })}
                </Badge>
              </Text>
              <Text size="sm" c="dimmed">
                {[c.email, c.mobile].filter(Boolean).join(' · ')}
              </Text>
              <List size="xs" c="dimmed">
                {c.reasons.slice(0, 3).map((r) => (
                  <List.Item key={r}>{r}</List.Item>
                ))}
              </List>
            </Stack>
            <Button
              size="xs"
              onClick={() => onPick(c)}
              loading={busy}
              data-testid={`agenda-pick-${c.number}`}
            >
              {t('duplicates.pick')}
            </Button>
          </Group>
        </Paper>
      ))}
      <Group justify="flex-end">
        <Button
          variant="light"
          color="orange"
          onClick={onCreateAnyway}
          loading={busy}
          data-testid="agenda-create-anyway"
        >
          {t('duplicates.createAnyway')}
        </Button>
      </Group>
    </Stack>
  );
}

function candidatesOf(error: unknown): Candidate[] | null {
  return error instanceof ApiError && error.code === 'possible_duplicates'
    ? ((error.details?.candidates ?? []) as Candidate[])
    : null;
}

function NewAppointmentDialog({
  opened,
  day,
  onClose,
  onBooked,
}: {
  opened: boolean;
  day: string;
  onClose: () => void;
  onBooked: (day: string) => void;
}) {
  const { t } = useTranslation('agenda');
  const [mode, setMode] = useState<'existing' | 'new'>('existing');
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<CustomerHit | null>(null);
  const [person, setPerson] = useState({ firstName: '', lastName: '', mobile: '', email: '' });
  const [date, setDate] = useState(day);
  const [time, setTime] = useState('09:00');
  const [duration, setDuration] = useState<number | string>(30);
  const [service, setService] = useState('');
  const [staffMember, setStaffMember] = useState('');
  const [candidates, setCandidates] = useState<Candidate[] | null>(null);
  const hits = useQuery({
    queryKey: ['agenda', 'customers', search],
    queryFn: ({ signal }) => agendaApi.searchCustomers(search, signal),
    enabled: opened && mode === 'existing' && search.trim().length >= 2,
  });
  const book = useMutation({
    mutationFn: (extra: { customerId?: string; allowDuplicate?: boolean }) =>
      agendaApi.create({
        ...((extra.customerId ?? (mode === 'existing' && picked))
          ? { customerId: extra.customerId ?? picked!.id }
          : {
              customer: {
                firstName: person.firstName.trim() || null,
                lastName: person.lastName.trim() || null,
                mobile: person.mobile.trim() || null,
                email: person.email.trim() || null,
              },
              ...(extra.allowDuplicate ? { allowDuplicate: true } : {}),
            }),
        startAt: wishedStart(date, time) ?? new Date().toISOString(),
        durationMinutes: Number(duration) || 30,
        service: service.trim(),
        staffMember: staffMember.trim() || null,
      }),
    onSuccess: () => {
      setCandidates(null);
      setPicked(null);
      setSearch('');
      onBooked(date);
    },
    onError: (error) => setCandidates(candidatesOf(error)),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    book.mutate({});
  }

  return (
    <Modal opened={opened} onClose={onClose} title={t('new.title')} size="lg" data-testid="agenda-new-dialog">
      {candidates ? (
        <Candidates
          candidates={candidates}
          busy={book.isPending}
          onPick={(c) => book.mutate({ customerId: c.id })}
          onCreateAnyway={() => book.mutate({ allowDuplicate: true })}
        />
      ) : (
        <form onSubmit={onSubmit}>
          <Stack>
            <SegmentedControl
              value={mode}
              onChange={(v) => setMode(v as 'existing' | 'new')}
              data={[
                { value: 'existing', label: t('new.existing') },
                { value: 'new', label: t('new.newCustomer') },
              ]}
              data-testid="agenda-mode"
            />
            {mode === 'existing' ? (
              <Select
                label={t('new.customer')}
                placeholder={t('new.search')}
                searchable
                searchValue={search}
                onSearchChange={setSearch}
                data={[
                  ...(picked ? [picked] : []),
                  ...(hits.data?.items ?? []).filter((c) => c.id !== picked?.id),
                ].map((c) => ({
                  value: c.id,
                  label: `#${c.number} ${c.name}${c.mobile ? ` · ${c.mobile}` : ''}`,
                }))}
                value={picked?.id ?? null}
                onChange={(id) =>
                  setPicked((current) =>
                    id === null ? null : (hits.data?.items.find((c) => c.id === id) ?? current),
                  )
                }
                filter={({ options }) => options}
                data-testid="agenda-customer-search"
              />
            ) : (
              <SimpleGrid cols={2}>
                <TextInput
                  label={t('fields.firstName')}
                  value={person.firstName}
                  onChange={(e) => setPerson({ ...person, firstName: e.currentTarget.value })}
                  data-testid="agenda-first-name"
                />
                <TextInput
                  label={t('fields.lastName')}
                  value={person.lastName}
                  onChange={(e) => setPerson({ ...person, lastName: e.currentTarget.value })}
                  data-testid="agenda-last-name"
                />
                <TextInput
                  label={t('fields.mobile')}
                  value={person.mobile}
                  onChange={(e) => setPerson({ ...person, mobile: e.currentTarget.value })}
                  data-testid="agenda-mobile"
                />
                <TextInput
                  label={t('fields.email')}
                  value={person.email}
                  onChange={(e) => setPerson({ ...person, email: e.currentTarget.value })}
                  data-testid="agenda-email"
                />
              </SimpleGrid>
            )}
            <SimpleGrid cols={3}>
              <TextInput
                type="date"
                label={t('fields.date')}
                value={date}
                onChange={(e) => setDate(e.currentTarget.value)}
                data-testid="agenda-date"
              />
              <TextInput
                type="time"
                label={t('fields.time')}
                value={time}
                onChange={(e) => setTime(e.currentTarget.value)}
                data-testid="agenda-time"
              />
              <NumberInput
                label={t('fields.duration')}
                min={5}
                max={720}
                step={5}
                value={duration}
                onChange={setDuration}
                data-testid="agenda-duration"
              />
            </SimpleGrid>
            <SimpleGrid cols={2}>
              <TextInput
                label={t('fields.service')}
                value={service}
                onChange={(e) => setService(e.currentTarget.value)}
                required
                data-testid="agenda-service"
              />
              <TextInput
                label={t('fields.staffMember')}
                value={staffMember}
                onChange={(e) => setStaffMember(e.currentTarget.value)}
                data-testid="agenda-staff"
              />
            </SimpleGrid>
            {book.isError && !candidatesOf(book.error) && <ErrorAlert error={book.error} />}
            <Group justify="flex-end">
              <Button
                type="submit"
                loading={book.isPending}
                disabled={service.trim() === '' || (mode === 'existing' && !picked)}
                data-testid="agenda-book"
              >
                {t('new.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

function WalkInDialog({
  opened,
  onClose,
  onBooked,
}: {
  opened: boolean;
  onClose: () => void;
  onBooked: () => void;
}) {
  const { t } = useTranslation('agenda');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [service, setService] = useState('');
  const [candidates, setCandidates] = useState<Candidate[] | null>(null);
  const walkIn = useMutation({
    mutationFn: (extra: { customerId?: string; allowDuplicate?: boolean }) =>
      agendaApi.walkIn({
        name: name.trim(),
        phone: phone.trim() || null,
        email: email.trim() || null,
        ...(service.trim() ? { service: service.trim() } : {}),
        ...extra,
      }),
    onSuccess: () => {
      setName('');
      setPhone('');
      setEmail('');
      setCandidates(null);
      onBooked();
    },
    onError: (error) => setCandidates(candidatesOf(error)),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    walkIn.mutate({});
  }

  return (
    <Modal opened={opened} onClose={onClose} title={t('walkIn.title')} data-testid="agenda-walk-in-dialog">
      {candidates ? (
        <Candidates
          candidates={candidates}
          busy={walkIn.isPending}
          onPick={(c) => walkIn.mutate({ customerId: c.id })}
          onCreateAnyway={() => walkIn.mutate({ allowDuplicate: true })}
        />
      ) : (
        <form onSubmit={onSubmit}>
          <Stack>
            <Text size="sm" c="dimmed">
              {t('walkIn.help')}
            </Text>
            <TextInput
              label={t('walkIn.name')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              required
              data-testid="walk-in-name"
            />
            <TextInput
              label={t('fields.mobile')}
              value={phone}
              onChange={(e) => setPhone(e.currentTarget.value)}
              data-testid="walk-in-phone"
            />
            <TextInput
              label={t('fields.email')}
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              data-testid="walk-in-email"
            />
            <TextInput
              label={t('fields.service')}
              placeholder={t('walkIn.servicePlaceholder')}
              value={service}
              onChange={(e) => setService(e.currentTarget.value)}
            />
            {walkIn.isError && !candidatesOf(walkIn.error) && <ErrorAlert error={walkIn.error} />}
            <Group justify="flex-end">
              <Button
                type="submit"
                loading={walkIn.isPending}
                disabled={name.trim() === ''}
                data-testid="walk-in-submit"
              >
                {t('walkIn.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

function MoveDialog({
  entry,
  onClose,
  onMoved,
}: {
  entry: AgendaEntry;
  onClose: () => void;
  onMoved: (day: string) => void;
}) {
  const { t } = useTranslation('agenda');
  const start = localParts(entry.startAt);
  const [date, setDate] = useState(start.date);
  const [time, setTime] = useState(start.time);
  const move = useMutation({
    mutationFn: () => agendaApi.move(entry.id, wishedStart(date, time) ?? entry.startAt),
    onSuccess: () => onMoved(date),
  });
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('move.title', { name: entry.customer.name })}
      data-testid="agenda-move-dialog"
    >
      <Stack>
        <SimpleGrid cols={2}>
          <TextInput
            type="date"
            label={t('fields.date')}
            value={date}
            onChange={(e) => setDate(e.currentTarget.value)}
            data-testid="move-date"
          />
          <TextInput
            type="time"
            label={t('fields.time')}
            value={time}
            onChange={(e) => setTime(e.currentTarget.value)}
            data-testid="move-time"
          />
        </SimpleGrid>
        <Text size="sm" c="dimmed">
          {t('move.keepsLength')}
        </Text>
        {move.isError && <ErrorAlert error={move.error} />}
        <Group justify="flex-end">
          <Button loading={move.isPending} onClick={() => move.mutate()} data-testid="move-submit">
            {t('move.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
