import {
  Badge,
  Button,
  Center,
  Drawer,
  Group,
  Loader,
  NumberInput,
  Paper,
  Switch,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconCalendarEvent } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useSession } from '../../lib/auth.tsx';
import { formatDateTime, formatMoney } from '../../lib/format.ts';
import { bookingsApi, type RequestStatus } from './bookingsApi.ts';
import { RequestDetailPanel } from './RequestDetailPanel.tsx';

const TABS: RequestStatus[] = ['open', 'confirmed', 'declined'];

/** Online booking requests to confirm or decline, and the services the booking page offers. */
export default function BookingsPage() {
  const { t } = useTranslation('bookings');
  const { tenant } = useSession();
  const [params, setParams] = useSearchParams();
  const status = (TABS.find((s) => s === params.get('status')) ?? 'open') as RequestStatus;
  const selected = params.get('request');
  const list = useQuery({ queryKey: ['bookings', 'list', status], queryFn: () => bookingsApi.list(status) });

  const select = (id: string | null) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      if (id) next.set('request', id);
      else next.delete('request');
      return next;
    });

  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description', { url: `${window.location.origin}/book/${tenant.slug}` })}
        actions={
          <Button
            component="a"
            href={`/book/${tenant.slug}`}
            target="_blank"
            variant="light"
            data-testid="open-booking-page"
          >
            {t('openPage')}
          </Button>
        }
      />
      <Tabs value={status} onChange={(v) => setParams({ status: v ?? 'open' })} mb="md">
        <Tabs.List>
          {TABS.map((s) => (
            <Tabs.Tab key={s} value={s} data-testid={`requests-tab-${s}`}>
              {t(`tabs.${s}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      {list.isPending ? (
        <Center p="xl">
          <Loader />
        </Center>
      ) : list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState
          icon={<IconCalendarEvent size={28} />}
          title={t(`empty.${status}`)}
          description={t('empty.body')}
          data-testid="requests-empty"
        />
      ) : (
        <Table highlightOnHover withTableBorder data-testid="requests">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('columns.wished')}</Table.Th>
              <Table.Th>{t('columns.service')}</Table.Th>
              <Table.Th>{t('columns.typed')}</Table.Th>
              <Table.Th>{t('columns.customer')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.items.map((r) => (
              <Table.Tr
                key={r.id}
                style={{ cursor: 'pointer' }}
                onClick={() => select(r.id)}
                data-testid="request-row"
              >
                <Table.Td>{formatDateTime(r.wishedStart)}</Table.Td>
                <Table.Td>{r.service}</Table.Td>
                <Table.Td>
                  <Text size="sm">{[r.typed.firstName, r.typed.lastName].filter(Boolean).join(' ')}</Text>
                  <Text size="xs" c="dimmed">
                    {[r.typed.email, r.typed.phone].filter(Boolean).join(' · ')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {r.customer && (
                    <Text size="sm">
                      #{r.customer.number} {r.customer.name}
                    </Text>
                  )}
                  <Badge size="xs" variant="light" color={r.link === 'new' ? 'blue' : 'teal'}>
                    {t(`linkShort.${r.link}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {r.candidateCount > 0 && (
                    <Badge color="orange" variant="light" data-testid="request-duplicates-badge">
                      {t('possibleDuplicates', { count: r.candidateCount })}
                    </Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <ServicesPanel />
      <Drawer
        opened={selected !== null}
        onClose={() => select(null)}
        position="right"
        size="xl"
        title={t('detail.title')}
      >
        {selected && <RequestDetailPanel id={selected} onDecided={() => undefined} />}
      </Drawer>
    </>
  );
}

/** The services of the booking page; owners add and withdraw them. */
function ServicesPanel() {
  const { t } = useTranslation('bookings');
  const { user } = useSession();
  const owner = user.role === 'owner';
  const queryClient = useQueryClient();
  const services = useQuery({ queryKey: ['bookings', 'services'], queryFn: bookingsApi.services });
  const [name, setName] = useState('');
  const [minutes, setMinutes] = useState<number | string>(30);
  const [price, setPrice] = useState<number | string>(0);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['bookings', 'services'] });
  const create = useMutation({
    mutationFn: () =>
      bookingsApi.createService({
        name: name.trim(),
        durationMinutes: Number(minutes) || 30,
        priceCents: Math.round((Number(price) || 0) * 100),
      }),
    onSuccess: async () => {
      setName('');
      await refresh();
    },
  });
  const toggle = useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) =>
      bookingsApi.updateService(id, { active }),
    onSuccess: refresh,
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate();
  }

  return (
    <Paper withBorder p="md" mt="xl" data-testid="booking-services">
      <Title order={3} size="h4" mb={4}>
        {t('services.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('services.description')}
      </Text>
      {services.isError && <ErrorAlert error={services.error} />}
      {(services.data ?? []).length > 0 && (
        <Table mb="md">
          <Table.Tbody>
            {(services.data ?? []).map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>{s.name}</Table.Td>
                <Table.Td>{t('services.minutes', { count: s.durationMinutes })}</Table.Td>
                <Table.Td>{formatMoney(s.priceCents)}</Table.Td>
                <Table.Td>
                  <Switch
                    checked={s.active}
                    disabled={!owner}
                    label={t('services.active')}
                    onChange={(e) => toggle.mutate({ id: s.id, active: e.currentTarget.checked })}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {owner && (
        <form onSubmit={onSubmit}>
          <Group align="flex-end">
            <TextInput
              label={t('services.name')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              required
              data-testid="service-name"
            />
            <NumberInput
              label={t('services.duration')}
              min={5}
              max={720}
              step={5}
              value={minutes}
              onChange={setMinutes}
              w={140}
              data-testid="service-duration"
            />
            <NumberInput
              label={t('services.price')}
              min={0}
              decimalScale={2}
              value={price}
              onChange={setPrice}
              w={140}
              data-testid="service-price"
            />
            <Button
              type="submit"
              loading={create.isPending}
              disabled={name.trim() === ''}
              data-testid="service-add"
            >
              {t('services.add')}
            </Button>
          </Group>
          {create.isError && <ErrorAlert error={create.error} />}
        </form>
      )}
    </Paper>
  );
}
