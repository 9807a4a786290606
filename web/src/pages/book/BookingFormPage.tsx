import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ApiError } from '../../lib/api.ts';
import { formatDateTime, formatMoney } from '../../lib/format.ts';
import { toLanguage } from '../../lib/language.ts';
import { bookApi } from './bookApi.ts';
import {
  EMPTY_BOOKING,
  validateBooking,
  wishedStart,
  type BookingErrors,
  type BookingField,
} from './bookForm.ts';
import { useBook } from './BookLayout.tsx';

/** Which form field a server error names. */
const FIELD_OF: Record<string, BookingField> = {
  service: 'service',
  wishedStart: 'date',
  firstName: 'firstName',
  lastName: 'lastName',
  email: 'email',
  phone: 'phone',
  mobile: 'phone',
  note: 'note',
};

/** The public booking form, and for a logged-in customer their own appointments and requests. */
export default function BookingFormPage() {
  const { t, i18n } = useTranslation('book');
  const { slug, page, account } = useBook();
  const [values, setValues] = useState(EMPTY_BOOKING);
  const [errors, setErrors] = useState<BookingErrors>({});
  const [serverErrors, setServerErrors] = useState<Partial<Record<BookingField, string>>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [sent, setSent] = useState(false);
  const [sending, setSending] = useState(false);
  const mine = useQuery({
    queryKey: ['book', slug, 'me'],
    queryFn: () => bookApi.me(slug),
    enabled: account.loggedIn,
  });

  const set = (field: BookingField) => (value: string) => setValues((v) => ({ ...v, [field]: value }));
  const errorOf = (field: BookingField) =>
    serverErrors[field] ?? (errors[field] ? t(errors[field] as 'form.required') : undefined);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = validateBooking(values, account.loggedIn, new Date());
    setErrors(found);
    setServerErrors({});
    setFailure(null);
    if (Object.keys(found).length > 0) return;
    setSending(true);
    try {
      await bookApi.request(slug, {
        service: values.service,
        wishedStart: wishedStart(values.date, values.time)!,
        ...(account.loggedIn
          ? {}
          : {
              firstName: values.firstName.trim() || null,
              lastName: values.lastName.trim() || null,
              email: values.email.trim() || null,
              phone: values.phone.trim() || null,
            }),
        note: values.note.trim() || null,
        language: toLanguage(i18n.resolvedLanguage) ?? 'en',
        website: values.website,
      });
      setSent(true);
      setValues(EMPTY_BOOKING);
      void mine.refetch();
    } catch (error) {
      const field = error instanceof ApiError && error.field ? FIELD_OF[error.field] : undefined;
      if (field && error instanceof ApiError) setServerErrors({ [field]: error.message });
      else setFailure(error);
    } finally {
      setSending(false);
    }
  }

  if (sent) {
    return (
      <Paper withBorder p="xl" data-testid="book-received">
        <Stack align="center" ta="center">
          <IconCircleCheck size={48} color="var(--mantine-color-teal-6)" aria-hidden />
          <Title order={2} size="h3">
            {t('received.title')}
          </Title>
          <Text c="dimmed">{t('received.body', { business: page.business.name })}</Text>
          <Button variant="light" onClick={() => setSent(false)} data-testid="book-another">
            {t('received.again')}
          </Button>
        </Stack>
      </Paper>
    );
  }

  return (
    <Stack>
      {account.loggedIn && mine.data && (
        <Paper withBorder p="md" data-testid="my-bookings">
          <Title order={2} size="h4" mb="sm">
            {t('mine.title')}
          </Title>
          {mine.data.appointments.length === 0 && mine.data.requests.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t('mine.none')}
            </Text>
          ) : (
            <Stack gap="xs">
              {mine.data.appointments.map((a) => (
                <Group key={a.id} justify="space-between" data-testid="my-appointment">
                  <Text size="sm">
                    {formatDateTime(a.startAt)} · {a.service}
                  </Text>
                  <Badge variant="light" color={a.status === 'cancelled' ? 'gray' : 'teal'}>
                    {t(`mine.appointmentStatus.${a.status as 'booked'}`)}
                  </Badge>
                </Group>
              ))}
              {mine.data.requests
                .filter((r) => r.status !== 'confirmed')
                .map((r) => (
                  <Group key={r.id} justify="space-between" data-testid="my-request">
                    <Text size="sm">
                      {formatDateTime(r.wishedStart)} · {r.service}
                    </Text>
                    <Badge variant="light" color={r.status === 'open' ? 'orange' : 'gray'}>
                      {t(`mine.requestStatus.${r.status as 'open'}`)}
                    </Badge>
                  </Group>
                ))}
            </Stack>
          )}
        </Paper>
      )}
      <Paper withBorder p="lg">
        <Title order={2} size="h3" mb="xs">
          {t('form.title')}
        </Title>
        <Text c="dimmed" size="sm" mb="md">
          {t('form.intro')}
        </Text>
        {page.services.length === 0 ? (
          <Alert color="gray">{t('form.noServices')}</Alert>
        ) : (
          <form onSubmit={(event) => void onSubmit(event)} noValidate>
            <Stack>
              <Select
                label={t('form.service')}
                placeholder={t('form.servicePlaceholder')}
                data={page.services.map((s) => ({
                  value: s.name,
                  label:
                    s.priceCents > 0
                      ? t('form.serviceOption', {
                          name: s.name,
                          minutes: s.durationMinutes,
                          price: formatMoney(s.priceCents),
                        })
                      : t('form.serviceOptionFree', { name: s.name, minutes: s.durationMinutes }),
                }))}
                value={values.service || null}
                onChange={(v) => set('service')(v ?? '')}
                error={errorOf('service')}
                required
                data-testid="book-service"
              />
              <SimpleGrid cols={{ base: 1, xs: 2 }}>
                <TextInput
                  type="date"
                  label={t('form.date')}
                  value={values.date}
                  onChange={(e) => set('date')(e.currentTarget.value)}
                  error={errorOf('date')}
                  required
                  data-testid="book-date"
                />
                <TextInput
                  type="time"
                  label={t('form.time')}
                  value={values.time}
                  onChange={(e) => set('time')(e.currentTarget.value)}
                  error={errorOf('time')}
                  required
                  data-testid="book-time"
                />
              </SimpleGrid>
              {!account.loggedIn && (
                <>
                  <SimpleGrid cols={{ base: 1, xs: 2 }}>
                    <TextInput
                      label={t('form.firstName')}
                      autoComplete="given-name"
                      value={values.firstName}
                      onChange={(e) => set('firstName')(e.currentTarget.value)}
                      error={errorOf('firstName')}
                      data-testid="book-first-name"
                    />
                    <TextInput
                      label={t('form.lastName')}
                      autoComplete="family-name"
                      value={values.lastName}
                      onChange={(e) => set('lastName')(e.currentTarget.value)}
                      error={errorOf('lastName')}
                      data-testid="book-last-name"
                    />
                  </SimpleGrid>
                  <SimpleGrid cols={{ base: 1, xs: 2 }}>
                    <TextInput
                      type="email"
                      label={t('form.email')}
                      autoComplete="email"
                      value={values.email}
                      onChange={(e) => set('email')(e.currentTarget.value)}
                      error={errorOf('email')}
                      data-testid="book-email"
                    />
                    <TextInput
                      type="tel"
                      label={t('form.phone')}
                      autoComplete="tel"
                      value={values.phone}
                      onChange={(e) => set('phone')(e.currentTarget.value)}
                      error={errorOf('phone')}
                      data-testid="book-phone"
                    />
                  </SimpleGrid>
                </>
              )}
              <Textarea
                label={t('form.note')}
                autosize
                minRows={2}
                maxLength={1000}
                value={values.note}
                onChange={(e) => set('note')(e.currentTarget.value)}
                error={errorOf('note')}
                data-testid="book-note"
              />
              {/* A field people never see: bots fill it in, and the server drops their request. */}
              <div
                aria-hidden
                style={{ position: 'absolute', left: '-10000px', width: 1, height: 1, overflow: 'hidden' }}
              >
                <label>
                  Website
                  <input
                    name="website"
                    tabIndex={-1}
                    autoComplete="off"
                    value={values.website}
                    onChange={(e) => set('website')(e.currentTarget.value)}
                  />
                </label>
              </div>
              {failure !== null && <ErrorAlert error={failure} />}
              <Group justify="flex-end">
                <Button type="submit" loading={sending} data-testid="book-submit">
                  {t('form.submit')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Paper>
    </Stack>
  );
}
