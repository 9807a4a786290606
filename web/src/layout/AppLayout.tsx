import { AppShell, Burger, Center, Divider, Flex, Group, Loader, NavLink, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterNavLink, Outlet, useLocation } from 'react-router-dom';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { useSession } from '../lib/auth.tsx';
import { NAV_ITEMS } from './navigation.ts';
import { UserMenu } from './UserMenu.tsx';

/** The frame around every signed-in page: header with business and user, navbar, page. */
export function AppLayout() {
  const { t } = useTranslation('nav');
  const { tenant, user } = useSession();
  const items = NAV_ITEMS.filter((item) => !item.ownerOnly || user.role === 'owner');
  const { pathname } = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('toggle')} />
            {/* Side by side from xs up; on a phone the business name goes under the product name. */}
            <Flex
              direction={{ base: 'column', xs: 'row' }}
              align={{ xs: 'center' }}
              gap={{ base: 0, xs: 'sm' }}
              miw={0}
            >
              <Text fw={700} size="lg" c="cyan.9" lh={1.2}>
                Clienteel
              </Text>
              <Divider orientation="vertical" visibleFrom="xs" />
              <Text size="sm" fw={500} lh={1.2} truncate data-testid="tenant-name">
                {tenant.name}
              </Text>
            </Flex>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitch />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" component="nav" aria-label={t('label')}>
        {items.map(({ to, label, icon: Icon }) => (
          <NavLink
            key={to}
            component={RouterNavLink}
            to={to}
            label={t(label)}
            leftSection={<Icon size={18} stroke={1.6} aria-hidden />}
            active={pathname === to || pathname.startsWith(`${to}/`)}
            onClick={close}
            data-testid={`nav-${label}`}
          />
        ))}
      </AppShell.Navbar>

      <AppShell.Main>
        <Suspense
          fallback={
            <Center py="xl">
              <Loader />
            </Center>
          }
        >
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
