import { Alert, Anchor, Badge, Button, Group, List, Modal, Paper, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ApiError } from '../../lib/api.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { CustomerFields } from './CustomerFields.tsx';
import { fieldErrors, toFormValues, toInput, type FieldErrors } from './customerForm.ts';
import { customersApi, type Customer, type DuplicateCandidate } from './customersApi.ts';

interface CreateCustomerDialogProps {
  opened: boolean;
  onClose: () => void;
  onCreated: (customer: Customer) => void;
}

export const NO_REQUIRED_FIELDS = { phone: false, email: false };

/** The business's settings (required fields) for the forms. */
export function useTenantSettings() {
  return useQuery({ queryKey: ['tenant', 'settings'], queryFn: customersApi.settings });
}

/**
 * "New customer": the form, then — when the server finds customers that look like the same
 * person — those customers with "Open existing" or "Create anyway", so a duplicate is only made
 * on purpose.
 */
export function CreateCustomerDialog({ opened, onClose, onCreated }: CreateCustomerDialogProps) {
  const { t } = useTranslation('customers');
  const settings = useTenantSettings();
  const [values, setValues] = useState(() => toFormValues(null));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [candidates, setCandidates] = useState<DuplicateCandidate[] | null>(null);
  const [saving, setSaving] = useState(false);
  const required = settings.data?.requiredFields ?? NO_REQUIRED_FIELDS;

  function close() {
    setValues(toFormValues(null));
    setErrors({});
    setFailure(null);
    setCandidates(null);
    onClose();
  }

  async function save(allowDuplicate: boolean) {
    setSaving(true);
    setFailure(null);
    try {
      const customer = await customersApi.create(toInput(values), allowDuplicate);
      close();
      onCreated(customer);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'possible_duplicates') {
        setCandidates((error.details?.candidates ?? []) as DuplicateCandidate[]);
      } else {
        const found = fieldErrors(error, () => t('form.checkField'));
        setErrors(found);
        if (Object.keys(found).length === 0 || found.form) setFailure(error);
      }
    } finally {
      setSaving(false);
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void save(false);
  }

  return (
    <Modal opened={opened} onClose={close} title={t('create.title')} size="xl" data-testid="create-dialog">
      {candidates ? (
        <Stack data-testid="possible-duplicates">
          <Alert color="orange" icon={<IconAlertTriangle size={20} />} title={t('create.duplicatesTitle')}>
            {t('create.duplicatesBody')}
          </Alert>
          {candidates.map((c) => (
            <Paper key={c.id} withBorder p="sm" data-testid={`candidate-${c.number}`}>
              <Group justify="space-between" align="flex-start">
                <Stack gap={2}>
                  <Text fw={600}>
                    #{c.number} {c.name}{' '}
                    <Badge size="sm" variant="light" color={c.certain ? 'red' : 'orange'}>
                      {t('create.probability', { value: formatNumber(c.probability, { style: 'percent' }) })}
                    </Badge>
                  </Text>
                  <Text size="sm" c="dimmed">
                    {[c.email, c.mobile].filter(Boolean).join(' · ')}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {t('create.candidateHistory', {
                      count: c.appointmentCount,
                      since: formatDate(c.customerSince),
                    })}
                  </Text>
                  <List size="xs" c="dimmed">
                    {c.reasons.slice(0, 3).map((r) => (
                      <List.Item key={r}>{r}</List.Item>
                    ))}
                  </List>
                </Stack>
                <Button
                  component={Link}
                  to={`/customers/${c.id}`}
                  onClick={close}
                  variant="light"
                  data-testid={`open-existing-${c.number}`}
                >
                  {t('create.openExisting')}
                </Button>
              </Group>
            </Paper>
          ))}
          <Group justify="space-between">
            <Anchor component="button" type="button" onClick={() => setCandidates(null)}>
              {t('create.backToForm')}
            </Anchor>
            <Button
              color="orange"
              loading={saving}
              onClick={() => void save(true)}
              data-testid="create-anyway"
            >
              {t('create.createAnyway')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={onSubmit} noValidate data-testid="create-form">
          <Stack>
            {failure !== null && <ErrorAlert error={failure} />}
            {errors.form && !failure && <Alert color="red">{errors.form}</Alert>}
            <CustomerFields values={values} onChange={setValues} errors={errors} required={required} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('actions.cancel')}
              </Button>
              <Button type="submit" loading={saving} data-testid="create-submit">
                {t('create.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
