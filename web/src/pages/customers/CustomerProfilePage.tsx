import {
  Alert,
  Anchor,
  Badge,
  Button,
  Center,
  Grid,
  Group,
  Loader,
  Menu,
  Paper,
  Stack,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconArchive,
  IconArchiveOff,
  IconArrowLeft,
  IconDots,
  IconDownload,
  IconEraser,
  IconGitMerge,
  IconMail,
  IconPencil,
  IconTrash,
} from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useSession } from '../../lib/auth.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { OnlineAccountCard } from '../bookings/OnlineAccountCard.tsx';
import { DuplicatesTab, useDuplicateCount } from '../duplicates/DuplicatesTab.tsx';
import { customersApi, type Customer, type Summary } from './customersApi.ts';
import { InfoTab } from './InfoTab.tsx';
import { MessagesTab } from './MessagesTab.tsx';
import { NotesTab } from './NotesTab.tsx';
import { RemoveDialog } from './RemoveDialog.tsx';
import { SendEmailDialog } from './SendEmailDialog.tsx';
import { SummaryTab } from './SummaryTab.tsx';

/**
 * `/customers/:id`: one customer. Tabs for the details (edit on the version shown), summaries,
 * notes, messages and — when there are any — duplicates; a sidebar with the key dates, the
 * first five notes and the online booking account (state, invite, disable); actions to e-mail,
 * archive or restore, and for owners GDPR export, erase and delete. An id that was merged away shows the surviving profile with a notice.
 */
export default function CustomerProfilePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('customers');
  const customer = useQuery({ queryKey: ['customer', id], queryFn: () => customersApi.get(id) });

  if (customer.isPending)
    return (
      <Center p="xl">
        <Loader />
      </Center>
    );
  if (customer.isError)
    return (
      <Stack>
        <BackLink />
        <ErrorAlert error={customer.error} title={t('profile.notFound')} />
      </Stack>
    );
  return <Profile customer={customer.data} routeId={id} />;
}

function BackLink() {
  const { t } = useTranslation('customers');
  return (
    <Anchor component={Link} to="/customers" size="sm">
      <Group gap={4}>
        <IconArrowLeft size={14} />
        {t('profile.back')}
      </Group>
    </Anchor>
  );
}

function Profile({ customer, routeId }: { customer: Customer; routeId: string }) {
  const { t } = useTranslation('customers');
  const { user } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const id = customer.id;
  const summary = useQuery({
    queryKey: ['customer', id, 'summary'],
    queryFn: () => customersApi.summary(id),
  });
  const duplicates = useDuplicateCount(id);
  const [tab, setTab] = useState<string | null>('info');
  const [editing, setEditing] = useState(false);
  const [emailing, setEmailing] = useState(false);
  const [removing, setRemoving] = useState<'delete' | 'erase' | null>(null);
  const erased = customer.erasedAt !== null;
  const name = erased ? t('profile.anonymous') : customer.name;
  useDocumentTitle(`${name} · Clienteel`);

  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['customer', routeId] });
  const archive = useMutation({
    mutationFn: () =>
      customer.archivedAt
        ? customersApi.restore(id, customer.version)
        : customersApi.archive(id, customer.version),
    onSuccess: (saved) => {
      queryClient.setQueryData(['customer', routeId], { ...saved, mergedFrom: customer.mergedFrom });
      notifications.show({ message: t(saved.archivedAt ? 'profile.archived' : 'profile.restored') });
    },
    onError: refresh,
  });

  return (
    <Stack>
      <BackLink />
      {customer.mergedFrom && (
        <Alert color="violet" icon={<IconGitMerge size={20} />} data-testid="merged-notice">
          {t('profile.mergedNotice', { number: customer.mergedFrom.number })}
        </Alert>
      )}
      {archive.isError && <ErrorAlert error={archive.error} />}
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Group gap="sm">
            <Title order={2} data-testid="profile-name">
              {name}
            </Title>
            <Badge variant="light" size="lg" ff="monospace" data-testid="profile-number">
              #{customer.number}
            </Badge>
            {customer.archivedAt && !erased && (
              <Badge color="gray" data-testid="profile-archived">
                {t('badges.archived')}
              </Badge>
            )}
            {erased && <Badge color="dark">{t('badges.erased')}</Badge>}
          </Group>
          <Text c="dimmed" size="sm">
            {t('profile.subtitle', {
              source: t(`sources.${customer.source}`),
              date: formatDate(customer.customerSince),
            })}
          </Text>
        </Stack>
        {!erased && (
          <Group gap="xs">
            <Button
              variant="default"
              leftSection={<IconMail size={16} />}
              onClick={() => setEmailing(true)}
              data-testid="send-email"
            >
              {t('actions.email')}
            </Button>
            <Button
              variant="default"
              leftSection={<IconPencil size={16} />}
              onClick={() => {
                setTab('info');
                setEditing(true);
              }}
              disabled={editing}
              data-testid="edit-customer"
            >
              {t('actions.edit')}
            </Button>
            <Button
              variant="default"
              leftSection={customer.archivedAt ? <IconArchiveOff size={16} /> : <IconArchive size={16} />}
              loading={archive.isPending}
              onClick={() => archive.mutate()}
              data-testid={customer.archivedAt ? 'restore-customer' : 'archive-customer'}
            >
              {customer.archivedAt ? t('actions.restore') : t('actions.archive')}
            </Button>
            {user.role === 'owner' && (
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <Button
                    variant="default"
                    px="xs"
                    aria-label={t('actions.options')}
                    data-testid="customer-options"
                  >
                    <IconDots size={18} />
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item
                    component="a"
                    href={customersApi.gdprExportUrl(id)}
                    leftSection={<IconDownload size={16} />}
                    data-testid="gdpr-export"
                  >
                    {t('actions.gdprExport')}
                  </Menu.Item>
                  <Menu.Divider />
                  <Menu.Item
                    color="red"
                    leftSection={<IconEraser size={16} />}
                    onClick={() => setRemoving('erase')}
                    data-testid="erase-customer"
                  >
                    {t('actions.erase')}
                  </Menu.Item>
                  <Menu.Item
                    color="red"
                    leftSection={<IconTrash size={16} />}
                    onClick={() => setRemoving('delete')}
                    data-testid="delete-customer"
                  >
                    {t('actions.delete')}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            )}
          </Group>
        )}
      </Group>

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 3 }}>
          <Stack gap="md">
            <Sidebar customer={customer} summary={summary.data} />
            {!erased && <OnlineAccountCard customerId={id} customerEmail={customer.email} />}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 9 }}>
          <Tabs value={tab} onChange={setTab} keepMounted={false}>
            <Tabs.List mb="md">
              <Tabs.Tab value="info" data-testid="tab-info">
                {t('tabs.info')}
              </Tabs.Tab>
              <Tabs.Tab value="summary" data-testid="tab-summary">
                {t('tabs.summary')}
              </Tabs.Tab>
              <Tabs.Tab value="notes" data-testid="tab-notes">
                {t('tabs.notes')}
              </Tabs.Tab>
              <Tabs.Tab value="messages" data-testid="tab-messages">
                {t('tabs.messages')}
              </Tabs.Tab>
              {duplicates > 0 && (
                <Tabs.Tab value="duplicates" color="orange" data-testid="tab-duplicates">
                  {t('tabs.duplicates', { count: duplicates })}
                </Tabs.Tab>
              )}
            </Tabs.List>
            <Tabs.Panel value="info">
              <InfoTab customer={customer} editing={editing && !erased} onEditing={setEditing} />
            </Tabs.Panel>
            <Tabs.Panel value="summary">
              {summary.isError && <ErrorAlert error={summary.error} />}
              {summary.data && <SummaryTab summary={summary.data} />}
            </Tabs.Panel>
            <Tabs.Panel value="notes">
              <NotesTab customerId={id} readOnly={erased} />
            </Tabs.Panel>
            <Tabs.Panel value="messages">
              <MessagesTab customerId={id} />
            </Tabs.Panel>
            {duplicates > 0 && (
              <Tabs.Panel value="duplicates">
                <DuplicatesTab customerId={id} />
              </Tabs.Panel>
            )}
          </Tabs>
        </Grid.Col>
      </Grid>

      {emailing && <SendEmailDialog customer={customer} opened onClose={() => setEmailing(false)} />}
      {removing && (
        <RemoveDialog
          customer={customer}
          mode={removing}
          opened
          onClose={() => setRemoving(null)}
          onDone={() => {
            const mode = removing;
            setRemoving(null);
            notifications.show({ message: t(`remove.${mode}.done`, { number: customer.number }) });
            if (mode === 'delete') navigate('/customers', { replace: true });
            else refresh();
          }}
        />
      )}
    </Stack>
  );
}

function Sidebar({ customer, summary }: { customer: Customer; summary: Summary | undefined }) {
  const { t } = useTranslation('customers');
  const row = (label: string, value: string, testId: string) => (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" data-testid={testId}>
        {value}
      </Text>
    </Stack>
  );
  return (
    <Paper withBorder p="md" data-testid="profile-sidebar">
      <Stack gap="sm">
        {row(t('sidebar.createdAt'), formatDateTime(customer.createdAt), 'sidebar-created')}
        {row(t('sidebar.customerSince'), formatDate(customer.customerSince), 'sidebar-since')}
        {row(
          t('sidebar.appointments'),
          summary ? String(summary.sidebar.appointmentCount) : '…',
          'sidebar-appointments',
        )}
        {row(
          t('sidebar.lastAppointment'),
          summary?.sidebar.lastAppointmentAt ? formatDate(summary.sidebar.lastAppointmentAt) : '—',
          'sidebar-last',
        )}
        <Stack gap={4}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {t('sidebar.notes')}
          </Text>
          {summary && summary.sidebar.firstNotes.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('notes.empty')}
            </Text>
          )}
          <Stack gap={4} data-testid="sidebar-notes">
            {summary?.sidebar.firstNotes.map((n) => (
              <Text key={n.id} size="sm" lineClamp={2}>
                {n.text}
              </Text>
            ))}
          </Stack>
        </Stack>
      </Stack>
    </Paper>
  );
}
