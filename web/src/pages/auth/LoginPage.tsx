import {
  Alert,
  Box,
  Button,
  Center,
  Group,
  NativeSelect,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { ApiError } from '../../lib/api.ts';
import { useAuth } from '../../lib/auth.tsx';
import { safeNextPath } from '../../lib/redirect.ts';
import { hasErrors, tenantChoices, validateLogin, type LoginErrors } from './loginForm.ts';

export default function LoginPage() {
  const { t } = useTranslation('auth');
  const { status, login } = useAuth();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const next = safeNextPath(searchParams.get('next'));

  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [tenants, setTenants] = useState<string[] | null>(null);
  const [tenant, setTenant] = useState('');
  const [errors, setErrors] = useState<LoginErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  useDocumentTitle(`${t('login.submit')} · Clienteel`);

  if (status === 'signedIn') return <Navigate to={next} replace />;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = validateLogin({ email, password, tenant }, tenants !== null);
    setErrors(found);
    setFailure(null);
    if (hasErrors(found)) return;
    setSubmitting(true);
    try {
      await login(email.trim(), password, tenants ? tenant : undefined);
      navigate(next, { replace: true });
    } catch (error) {
      const choices = tenantChoices(error);
      if (choices) setTenants(choices);
      setFailure(error);
      setSubmitting(false);
    }
  }

  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Box w="100%" maw={420}>
        <Group justify="space-between" mb="md">
          <Text fw={700} size="xl" c="cyan.9">
            Clienteel
          </Text>
          <LanguageSwitch />
        </Group>
        <Paper withBorder shadow="sm" p="xl">
          <Title order={2} size="h3">
            {t('login.title')}
          </Title>
          <Text c="dimmed" size="sm" mt={4} mb="lg">
            {t('login.subtitle')}
          </Text>
          <form onSubmit={(event) => void onSubmit(event)} noValidate>
            <Stack>
              {failure !== null && <LoginFailure error={failure} />}
              <TextInput
                label={t('login.email')}
                placeholder={t('login.emailPlaceholder')}
                type="email"
                autoComplete="username"
                autoFocus
                value={email}
                onChange={(event) => {
                  setEmail(event.currentTarget.value);
                  setTenants(null); // Another login may belong to other businesses.
                  setTenant('');
                }}
                error={errors.email && t(`login.validation.${errors.email}`)}
                data-testid="login-email"
              />
              <PasswordInput
                label={t('login.password')}
                autoComplete="current-password"
                value={password}
                onChange={(event) => setPassword(event.currentTarget.value)}
                error={errors.password && t(`login.validation.${errors.password}`)}
                data-testid="login-password"
              />
              {tenants && (
                <NativeSelect
                  label={t('login.tenant')}
                  data={[{ value: '', label: t('login.tenantPlaceholder'), disabled: true }, ...tenants]}
                  value={tenant}
                  onChange={(event) => setTenant(event.currentTarget.value)}
                  error={errors.tenant && t(`login.validation.${errors.tenant}`)}
                  data-testid="login-tenant"
                />
              )}
              <Button type="submit" fullWidth mt="xs" loading={submitting} data-testid="login-submit">
                {t('login.submit')}
              </Button>
            </Stack>
          </form>
        </Paper>
      </Box>
    </Center>
  );
}

/**
 * Wrong credentials and "choose your business" in the server's words (it writes them in the UI
 * language); too many attempts in ours; anything else as any failed request.
 */
function LoginFailure({ error }: { error: unknown }) {
  const { t } = useTranslation('auth');
  if (tenantChoices(error) && error instanceof ApiError) {
    return (
      <Alert color="blue" role="status" data-testid="login-error">
        {error.message}
      </Alert>
    );
  }
  if (error instanceof ApiError && (error.status === 401 || error.status === 429)) {
    return (
      <Alert color="red" icon={<IconAlertTriangle size={20} />} role="alert" data-testid="login-error">
        {error.status === 429 ? t('login.errors.tooManyAttempts') : error.message}
      </Alert>
    );
  }
  return <ErrorAlert error={error} title={t('login.errors.failed')} />;
}
