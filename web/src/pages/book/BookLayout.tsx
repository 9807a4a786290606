import { Anchor, Box, Button, Center, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useOutletContext, useParams } from 'react-router-dom';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { bookApi, type AccountStatus, type PublicPage } from './bookApi.ts';

export interface BookContext {
  slug: string;
  page: PublicPage;
  account: AccountStatus;
  /** Asks the server again who is logged in (after login, logout, accepting an invitation). */
  refreshAccount: () => Promise<void>;
}

export function useBook(): BookContext {
  return useOutletContext<BookContext>();
}

/**
 * The frame of a business's public booking page: its name, the language switch, who is logged in.
 * Nothing here needs a staff login.
 */
export function BookLayout() {
  const { slug = '' } = useParams();
  const { t } = useTranslation('book');
  const queryClient = useQueryClient();
  const page = useQuery({
    queryKey: ['book', slug, 'page'],
    queryFn: () => bookApi.page(slug),
    retry: false,
  });
  const account = useQuery({
    queryKey: ['book', slug, 'account'],
    queryFn: () => bookApi.account(slug),
    retry: false,
  });
  useDocumentTitle(page.data ? t('title', { business: page.data.business.name }) : 'Clienteel');

  const refreshAccount = async () => {
    await queryClient.invalidateQueries({ queryKey: ['book', slug] });
  };

  async function logout() {
    await bookApi.logout(slug).catch(() => undefined);
    await refreshAccount();
  }

  return (
    <Center p="md" bg="gray.0" mih="100vh" style={{ alignItems: 'flex-start' }}>
      <Box w="100%" maw={640} mt="xl">
        <Group justify="space-between" mb="md" wrap="nowrap">
          <Title order={1} size="h2" data-testid="book-business">
            {page.data?.business.name ?? ' '}
          </Title>
          <LanguageSwitch />
        </Group>
        {page.isPending || account.isPending ? (
          <Center p="xl">
            <Loader />
          </Center>
        ) : page.isError ? (
          <ErrorAlert error={page.error} />
        ) : account.isError ? (
          <ErrorAlert error={account.error} />
        ) : (
          <Stack>
            <Paper withBorder p="sm">
              {account.data.loggedIn ? (
                <Group justify="space-between">
                  <Text size="sm" data-testid="book-account-name">
                    {t('account.loggedInAs', { name: account.data.name })}
                  </Text>
                  <Button size="xs" variant="subtle" onClick={() => void logout()} data-testid="book-logout">
                    {t('account.logout')}
                  </Button>
                </Group>
              ) : (
                <Group justify="space-between">
                  <Text size="sm" c="dimmed">
                    {t('account.haveAccount')}
                  </Text>
                  <Anchor component={Link} to={`/book/${slug}/login`} size="sm" data-testid="book-login-link">
                    {t('account.login')}
                  </Anchor>
                </Group>
              )}
            </Paper>
            <Outlet
              context={{ slug, page: page.data, account: account.data, refreshAccount } satisfies BookContext}
            />
          </Stack>
        )}
        <Text size="xs" c="dimmed" ta="center" mt="xl">
          {t('poweredBy')}
        </Text>
      </Box>
    </Center>
  );
}
