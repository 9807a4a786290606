import {
  Alert,
  Anchor,
  Button,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ApiError } from '../../lib/api.ts';
import { bookApi } from './bookApi.ts';
import { useBook } from './BookLayout.tsx';

/** The customer's login on the booking page. */
export function CustomerLoginPage() {
  const { t } = useTranslation('book');
  const { slug, refreshAccount } = useBook();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      await bookApi.login(slug, email.trim(), password);
      await refreshAccount();
      navigate(`/book/${slug}`);
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="lg">
      <Title order={2} size="h3" mb="md">
        {t('login.title')}
      </Title>
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <Stack>
          <TextInput
            type="email"
            label={t('form.email')}
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            required
            data-testid="book-login-email"
          />
          <PasswordInput
            label={t('login.password')}
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            required
            data-testid="book-login-password"
          />
          {failure !== null && <ErrorAlert error={failure} />}
          <Group justify="space-between">
            <Anchor component={Link} to={`/book/${slug}/forgot`} size="sm" data-testid="book-forgot-link">
              {t('login.forgot')}
            </Anchor>
            <Button type="submit" loading={busy} data-testid="book-login-submit">
              {t('login.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** Choosing a password from an e-mailed link: the invitation, or a reset. */
function PasswordFromLink({ kind }: { kind: 'invite' | 'reset' }) {
  const { t } = useTranslation('book');
  const { slug, refreshAccount } = useBook();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setMismatch(password !== repeat);
    if (password !== repeat) return;
    setBusy(true);
    setFailure(null);
    try {
      if (kind === 'invite') await bookApi.accept(slug, token, password);
      else await bookApi.reset(slug, token, password);
      await refreshAccount();
      navigate(`/book/${slug}`);
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  }

  const passwordError =
    failure instanceof ApiError && failure.field === 'password' ? failure.message : undefined;
  return (
    <Paper withBorder p="lg">
      <Title order={2} size="h3" mb="xs">
        {t(kind === 'invite' ? 'invite.title' : 'reset.title')}
      </Title>
      <Text c="dimmed" size="sm" mb="md">
        {t('password.rule')}
      </Text>
      {token === '' ? (
        <Alert color="red">{t('password.noToken')}</Alert>
      ) : (
        <form onSubmit={(event) => void onSubmit(event)} noValidate>
          <Stack>
            <PasswordInput
              label={t('password.new')}
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={passwordError}
              required
              data-testid="book-password"
            />
            <PasswordInput
              label={t('password.repeat')}
              autoComplete="new-password"
              value={repeat}
              onChange={(e) => setRepeat(e.currentTarget.value)}
              error={mismatch ? t('password.mismatch') : undefined}
              required
              data-testid="book-password-repeat"
            />
            {failure !== null && passwordError === undefined && <ErrorAlert error={failure} />}
            <Group justify="flex-end">
              <Button type="submit" loading={busy} data-testid="book-password-submit">
                {t(kind === 'invite' ? 'invite.submit' : 'reset.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Paper>
  );
}

export function AcceptInvitePage() {
  return <PasswordFromLink kind="invite" />;
}

export function ResetPasswordPage() {
  return <PasswordFromLink kind="reset" />;
}

/** "Forgot password": the same answer for every address. */
export function ForgotPasswordPage() {
  const { t } = useTranslation('book');
  const { slug } = useBook();
  const [email, setEmail] = useState('');
  const [done, setDone] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    try {
      await bookApi.forgot(slug, email.trim());
      setDone(true);
    } catch (error) {
      setFailure(error);
    }
  }

  return (
    <Paper withBorder p="lg">
      <Title order={2} size="h3" mb="md">
        {t('forgot.title')}
      </Title>
      {done ? (
        <Alert color="teal" data-testid="book-forgot-done">
          {t('forgot.done')}
        </Alert>
      ) : (
        <form onSubmit={(event) => void onSubmit(event)} noValidate>
          <Stack>
            <TextInput
              type="email"
              label={t('form.email')}
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              required
              data-testid="book-forgot-email"
            />
            {failure !== null && <ErrorAlert error={failure} />}
            <Group justify="flex-end">
              <Button type="submit" data-testid="book-forgot-submit">
                {t('forgot.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Paper>
  );
}
