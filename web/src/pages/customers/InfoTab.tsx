import { Alert, Button, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ApiError } from '../../lib/api.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { parseConsentSource } from './consentSource.ts';
import { NO_REQUIRED_FIELDS, useTenantSettings } from './CreateCustomerDialog.tsx';
import { CustomerFields } from './CustomerFields.tsx';
import {
  conflictRows,
  fieldErrors,
  rebase,
  toFormValues,
  toInput,
  type ConflictRow,
  type FieldErrors,
} from './customerForm.ts';
import { customersApi, FORM_FIELDS, type Customer, type FormField, type FormValues } from './customersApi.ts';

/** The customer's fields, and the form to edit them on the version shown. */
export function InfoTab({
  customer,
  editing,
  onEditing,
}: {
  customer: Customer;
  editing: boolean;
  onEditing: (on: boolean) => void;
}) {
  return editing ? (
    <EditForm customer={customer} onDone={() => onEditing(false)} />
  ) : (
    <Details customer={customer} />
  );
}

function useValueText() {
  const { t } = useTranslation('customers');
  return (field: FormField, value: string | boolean | null | undefined): string => {
    if (value === null || value === undefined || value === '') return '—';
    if (typeof value === 'boolean') return value ? t('consent.yes') : t('consent.no');
    if (field === 'gender') return t(`genders.${value as 'female'}`);
    if (field === 'language') return t(`languages.${value as 'nl'}`);
    if (field === 'birthDate') return formatDate(value);
    return value;
  };
}

function Details({ customer }: { customer: Customer }) {
  const { t } = useTranslation('customers');
  const text = useValueText();
  const consentHow = (raw: string | null): string => {
    if (raw === null) return '—';
    const { code, detail } = parseConsentSource(raw);
    if (code === undefined) return raw;
    const label = t(`sources.${code as 'staff'}`);
    return detail === undefined ? label : `${label} · ${detail}`;
  };
  const rows = FORM_FIELDS.filter((f) => f !== 'newsletterConsent' && f !== 'notes');
  return (
    <Stack data-testid="customer-details">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing="xs">
        {rows.map((field) => (
          <Group key={field} gap="xs" wrap="nowrap" align="baseline">
            <Text size="sm" c="dimmed" w={140} style={{ flexShrink: 0 }}>
              {t(`fields.${field}`)}
            </Text>
            <Text size="sm" data-testid={`value-${field}`}>
              {text(field, customer[field])}
            </Text>
          </Group>
        ))}
      </SimpleGrid>
      <Group gap="xs" wrap="nowrap" align="baseline">
        <Text size="sm" c="dimmed" w={140} style={{ flexShrink: 0 }}>
          {t('fields.newsletterConsent')}
        </Text>
        <Text size="sm" data-testid="value-newsletterConsent">
          {customer.newsletterConsent === null
            ? t('consent.unknown')
            : t(customer.newsletterConsent ? 'consent.given' : 'consent.withdrawn', {
                date: customer.newsletterConsentAt ? formatDateTime(customer.newsletterConsentAt) : '—',
                how: consentHow(customer.newsletterConsentSource),
              })}
        </Text>
      </Group>
      {customer.notes && (
        <Stack gap={2}>
          <Text size="sm" c="dimmed">
            {t('fields.notes')}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {customer.notes}
          </Text>
        </Stack>
      )}
    </Stack>
  );
}

interface Conflict {
  rows: ConflictRow[];
  current: Record<string, unknown> & { version: number };
}

function EditForm({ customer, onDone }: { customer: Customer; onDone: () => void }) {
  const { t } = useTranslation('customers');
  const queryClient = useQueryClient();
  const settings = useTenantSettings();
  const [base, setBase] = useState<FormValues>(() => toFormValues(customer));
  const [version, setVersion] = useState(customer.version);
  const [values, setValues] = useState<FormValues>(base);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [saving, setSaving] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaving(true);
    setFailure(null);
    setErrors({});
    try {
      const saved = await customersApi.update(customer.id, version, toInput(values, base));
      queryClient.setQueryData(['customer', customer.id], { ...saved, mergedFrom: customer.mergedFrom });
      void queryClient.invalidateQueries({ queryKey: ['customer', customer.id] });
      onDone();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'version_conflict') {
        const current = (error.details?.current ?? {}) as Conflict['current'];
        setConflict({ rows: conflictRows(base, values, current), current });
      } else {
        const found = fieldErrors(error, () => t('form.checkField'));
        setErrors(found);
        if (found.form) setFailure(error);
      }
    } finally {
      setSaving(false);
    }
  }

  function resolve(keepMine: boolean) {
    if (!conflict) return;
    const theirs = toFormValues(conflict.current as Partial<Customer>);
    setValues(keepMine ? rebase(base, values, conflict.current) : theirs);
    setBase(theirs);
    setVersion(conflict.current.version);
    setConflict(null);
    void queryClient.invalidateQueries({ queryKey: ['customer', customer.id] });
  }

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate data-testid="edit-form">
      <Stack>
        {conflict && <ConflictPanel conflict={conflict} onResolve={resolve} />}
        {failure !== null && <ErrorAlert error={failure} />}
        <CustomerFields
          values={values}
          onChange={setValues}
          errors={errors}
          required={settings.data?.requiredFields ?? NO_REQUIRED_FIELDS}
          disabled={conflict !== null}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('actions.cancel')}
          </Button>
          <Button type="submit" loading={saving} disabled={conflict !== null} data-testid="edit-save">
            {t('actions.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Someone saved this customer while it was being edited: their changes beside mine, field by field. */
function ConflictPanel({
  conflict,
  onResolve,
}: {
  conflict: Conflict;
  onResolve: (keepMine: boolean) => void;
}) {
  const { t } = useTranslation('customers');
  const text = useValueText();
  return (
    <Alert
      color="orange"
      icon={<IconAlertTriangle size={20} />}
      title={t('conflict.title')}
      data-testid="edit-conflict"
    >
      <Stack gap="sm">
        <Text size="sm">{t('conflict.body')}</Text>
        <Table withTableBorder withColumnBorders fz="sm" bg="var(--mantine-color-body)">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('conflict.field')}</Table.Th>
              <Table.Th>{t('conflict.before')}</Table.Th>
              <Table.Th>{t('conflict.theirs')}</Table.Th>
              <Table.Th>{t('conflict.mine')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {conflict.rows.map((row) => (
              <Table.Tr
                key={row.field}
                data-testid={`conflict-${row.field}`}
                data-clash={row.changedByMe ? 'yes' : 'no'}
              >
                <Table.Td fw={500}>{t(`fields.${row.field}`)}</Table.Td>
                <Table.Td c="dimmed">{text(row.field, row.before)}</Table.Td>
                <Table.Td data-testid={`conflict-${row.field}-theirs`}>
                  {text(row.field, row.theirs)}
                </Table.Td>
                <Table.Td data-testid={`conflict-${row.field}-mine`} fw={row.changedByMe ? 600 : undefined}>
                  {row.changedByMe ? text(row.field, row.mine) : t('conflict.unchanged')}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group>
          <Button size="xs" onClick={() => onResolve(true)} data-testid="conflict-keep-mine">
            {t('conflict.keepMine')}
          </Button>
          <Button
            size="xs"
            variant="default"
            onClick={() => onResolve(false)}
            data-testid="conflict-take-theirs"
          >
            {t('conflict.takeTheirs')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
