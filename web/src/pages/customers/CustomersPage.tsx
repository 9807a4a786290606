import {
  Anchor,
  Badge,
  Button,
  Center,
  Group,
  Loader,
  Menu,
  NativeSelect,
  Pagination,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import {
  IconChevronDown,
  IconDownload,
  IconMail,
  IconPlus,
  IconSearch,
  IconSortAscending,
  IconSortDescending,
  IconUsers,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatNumber } from '../../lib/format.ts';
import { CreateCustomerDialog } from './CreateCustomerDialog.tsx';
import {
  customersApi,
  SOURCES,
  type ArchivedFilter,
  type ListItem,
  type ListQuery,
  type SortKey,
  type Source,
} from './customersApi.ts';
import { useCustomerList } from './useCustomerList.ts';

const PAGE_SIZE = 50;
const ARCHIVED: ArchivedFilter[] = ['active', 'archived', 'all'];
const SORTS: SortKey[] = ['relevance', 'name', 'number', 'created'];

function readQuery(params: URLSearchParams): ListQuery {
  const archived = params.get('archived') as ArchivedFilter | null;
  const source = params.get('source') as Source | null;
  const sort = params.get('sort') as SortKey | null;
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  return {
    q: params.get('q') ?? '',
    archived: archived && ARCHIVED.includes(archived) ? archived : 'active',
    source: source && (SOURCES as readonly string[]).includes(source) ? source : null,
    sort: sort && SORTS.includes(sort) ? sort : 'relevance',
    order: params.get('order') === 'desc' ? 'desc' : 'asc',
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
}

/**
 * `/customers`: the customer file with live search (name, phone in any form, e-mail, number),
 * source and archived filters, sorting, paging, CSV export and "New customer". The state lives in
 * the address, so back and forward and a shared link show the same list.
 */
export default function CustomersPage() {
  const { t } = useTranslation('customers');
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const fromUrl = readQuery(params);
  // The search box keeps its own text (the address follows it), so fast typing never waits for
  // a navigation and loses a key.
  const [text, setText] = useState(fromUrl.q);
  const query = { ...fromUrl, q: text };
  const list = useCustomerList(query);
  const [creating, setCreating] = useState(false);
  const page = query.offset / PAGE_SIZE + 1;

  const update = (changes: Record<string, string | null>, resetPage = true) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === '') next.delete(key);
      else next.set(key, value);
    }
    if (resetPage) next.delete('page');
    setParams(next, { replace: 'q' in changes });
  };

  const sortBy = (key: SortKey) => {
    const current = query.sort === 'relevance' && query.q === '' ? 'name' : query.sort;
    const order = current === key && query.order === 'asc' ? 'desc' : 'asc';
    update({ sort: key, order });
  };

  const data = list.data;
  const exportQuery = {
    q: query.q,
    archived: query.archived,
    source: query.source,
    sort: query.sort,
    order: query.order,
  };

  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <>
            <Button
              component={Link}
              to="/customers/outbox"
              variant="default"
              leftSection={<IconMail size={16} />}
              data-testid="open-outbox"
            >
              {t('outbox.title')}
            </Button>
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button
                  variant="default"
                  leftSection={<IconDownload size={16} />}
                  rightSection={<IconChevronDown size={14} />}
                  data-testid="export-menu"
                >
                  {t('export.button')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item
                  component="a"
                  href={customersApi.exportUrl(exportQuery, 'comma')}
                  data-testid="export-comma"
                >
                  {t('export.comma')}
                </Menu.Item>
                <Menu.Item
                  component="a"
                  href={customersApi.exportUrl(exportQuery, 'semicolon')}
                  data-testid="export-semicolon"
                >
                  {t('export.semicolon')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => setCreating(true)}
              data-testid="new-customer"
            >
              {t('actions.new')}
            </Button>
          </>
        }
      />
      <Stack>
        <Group align="flex-end" wrap="wrap">
          <TextInput
            flex="1 1 320px"
            label={t('list.search')}
            placeholder={t('list.searchPlaceholder')}
            leftSection={<IconSearch size={16} />}
            value={text}
            onChange={(event) => {
              setText(event.currentTarget.value);
              update({ q: event.currentTarget.value, sort: null, order: null });
            }}
            autoFocus
            data-testid="customer-search"
          />
          <NativeSelect
            label={t('list.source')}
            data={[
              { value: '', label: t('list.allSources') },
              ...SOURCES.map((s) => ({ value: s, label: t(`sources.${s}`) })),
            ]}
            value={query.source ?? ''}
            onChange={(event) => update({ source: event.currentTarget.value })}
            data-testid="filter-source"
          />
          <SegmentedControl
            data={ARCHIVED.map((a) => ({ value: a, label: t(`list.archived.${a}`) }))}
            value={query.archived}
            onChange={(value) => update({ archived: value === 'active' ? null : value })}
            data-testid="filter-archived"
          />
        </Group>
        {list.error !== null && <ErrorAlert error={list.error} onRetry={list.reload} />}
        {data && (
          <Group justify="space-between">
            <Text c="dimmed" size="sm" data-testid="customer-total" data-query={list.shownQuery ?? ''}>
              {data.totalExact
                ? t('list.total', { count: data.total, formatted: formatNumber(data.total) })
                : t('list.totalMore', { count: data.total, formatted: formatNumber(data.total) })}
            </Text>
            {list.loading && <Loader size="xs" />}
          </Group>
        )}
        {!data && list.loading && (
          <Center p="xl">
            <Loader />
          </Center>
        )}
        {data && data.items.length === 0 && (
          <EmptyState
            icon={<IconUsers size={28} />}
            title={query.q ? t('list.noMatches') : t('empty.title')}
            description={query.q ? t('list.noMatchesBody') : t('empty.body')}
            data-testid="customer-empty"
          />
        )}
        {data && data.items.length > 0 && (
          <Paper withBorder>
            <Table.ScrollContainer minWidth={760}>
              <Table
                verticalSpacing="xs"
                highlightOnHover
                data-testid="customer-table"
                data-query={list.shownQuery ?? ''}
              >
                <Table.Thead>
                  <Table.Tr>
                    <SortHeader label={t('list.number')} sortKey="number" query={query} onSort={sortBy} />
                    <SortHeader label={t('list.name')} sortKey="name" query={query} onSort={sortBy} />
                    <Table.Th>{t('list.mobile')}</Table.Th>
                    <Table.Th>{t('list.email')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((c) => (
                    <CustomerRow key={c.id} customer={c} onOpen={() => navigate(`/customers/${c.id}`)} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        )}
        {data && data.total > PAGE_SIZE && (
          <Pagination
            total={Math.ceil(data.total / PAGE_SIZE) + (data.totalExact ? 0 : 1)}
            value={page}
            onChange={(next) => update({ page: String(next) }, false)}
            data-testid="customer-pages"
          />
        )}
      </Stack>
      <CreateCustomerDialog
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(customer) => navigate(`/customers/${customer.id}`)}
      />
    </>
  );
}

function SortHeader(props: {
  label: string;
  sortKey: SortKey;
  query: ListQuery;
  onSort: (key: SortKey) => void;
}) {
  const { label, sortKey, query, onSort } = props;
  const active =
    query.sort === sortKey || (sortKey === 'name' && query.sort === 'relevance' && query.q === '');
  const Icon = active && query.order === 'desc' ? IconSortDescending : IconSortAscending;
  return (
    <Table.Th aria-sort={active ? (query.order === 'desc' ? 'descending' : 'ascending') : 'none'}>
      <UnstyledButton onClick={() => onSort(sortKey)} data-testid={`sort-${sortKey}`}>
        <Group gap={4} wrap="nowrap">
          <Text fw={700} size="sm">
            {label}
          </Text>
          <Icon size={14} opacity={active ? 1 : 0.3} aria-hidden />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

function CustomerRow({ customer: c, onOpen }: { customer: ListItem; onOpen: () => void }) {
  const { t } = useTranslation('customers');
  return (
    <Table.Tr data-testid={`customer-row-${c.number}`}>
      <Table.Td>
        <Text size="sm" ff="monospace">
          #{c.number}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Anchor
            component={Link}
            to={`/customers/${c.id}`}
            fw={500}
            data-testid={`customer-name-${c.number}`}
          >
            {c.erasedAt ? t('profile.anonymous') : c.name}
          </Anchor>
          {c.archivedAt && (
            <Badge size="xs" color="gray" variant="light">
              {t('badges.archived')}
            </Badge>
          )}
          {c.matchedOn === 'typo' && (
            <Badge size="xs" color="yellow" variant="light">
              {t('badges.similar')}
            </Badge>
          )}
          {c.mergedFrom && (
            <Badge
              size="xs"
              color="violet"
              variant="light"
              data-testid={`merged-from-${c.mergedFrom.number}`}
            >
              {t('badges.mergedFrom', { number: c.mergedFrom.number })}
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{c.mobile ?? '—'}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{c.email ?? '—'}</Text>
      </Table.Td>
      <Table.Td ta="right">
        <Button size="xs" variant="light" onClick={onOpen} data-testid={`view-${c.number}`}>
          {t('actions.view')}
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}
