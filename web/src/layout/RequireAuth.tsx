import { Center, Container, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useAuth } from '../lib/auth.tsx';
import { LOGIN_PATH, loginPathFor } from '../lib/redirect.ts';

/** Renders the signed-in part of the app, or sends the visitor to log in and come back here. */
export function RequireAuth() {
  const { t } = useTranslation('common');
  const { status, error, loggedOut, refresh } = useAuth();
  const location = useLocation();

  switch (status) {
    case 'loading':
      return (
        <Center h="100vh" aria-label={t('loading')}>
          <Loader />
        </Center>
      );
    case 'error':
      return (
        <Container size="xs" py="xl">
          <ErrorAlert error={error} title={t('errors.title')} onRetry={() => void refresh()} />
        </Container>
      );
    case 'signedOut':
      return <Navigate to={loggedOut ? LOGIN_PATH : loginPathFor(location)} replace />;
    case 'signedIn':
      return <Outlet />;
  }
}
