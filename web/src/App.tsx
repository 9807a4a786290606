import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { RequireAuth } from './layout/RequireAuth.tsx';
import { AppLayout } from './layout/AppLayout.tsx';
import { AuthProvider } from './lib/auth.tsx';
import { dayjsLocaleFor } from './lib/dates.ts';
import { HOME_PATH } from './lib/redirect.ts';
import LoginPage from './pages/auth/LoginPage.tsx';
import { createQueryClient } from './queryClient.ts';
import { cssVariablesResolver, theme } from './theme.ts';

// Pages behind the login load on first visit, so the login page stays small.
const CustomersPage = lazy(() => import('./pages/customers/CustomersPage.tsx'));
const CustomerProfilePage = lazy(() => import('./pages/customers/CustomerProfilePage.tsx'));
const OutboxPage = lazy(() => import('./pages/customers/OutboxPage.tsx'));
const DuplicatesPage = lazy(() => import('./pages/duplicates/DuplicatesPage.tsx'));
const ImportsPage = lazy(() => import('./pages/imports/ImportsPage.tsx'));
const AgendaPage = lazy(() => import('./pages/agenda/AgendaPage.tsx'));
const BookingsPage = lazy(() => import('./pages/bookings/BookingsPage.tsx'));
const BookRoutes = lazy(() => import('./pages/book/BookRoutes.tsx'));
const MergesPage = lazy(() => import('./pages/merges/MergesPage.tsx'));
const MergeDetailPage = lazy(() => import('./pages/merges/MergeDetailPage.tsx'));
const MergeFormPage = lazy(() => import('./pages/merges/MergeFormPage.tsx'));
const ComparePage = lazy(() => import('./pages/merges/ComparePage.tsx'));
const SettingsPage = lazy(() => import('./pages/settings/SettingsPage.tsx'));
const NotFoundPage = lazy(() => import('./pages/errors/NotFoundPage.tsx'));

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        path="/book/:slug/*"
        element={
          <Suspense fallback={null}>
            <BookRoutes />
          </Suspense>
        }
      />
      <Route element={<RequireAuth />}>
        <Route element={<AppLayout />}>
          <Route index element={<Navigate to={HOME_PATH} replace />} />
          <Route path="customers" element={<CustomersPage />} />
          <Route path="customers/outbox" element={<OutboxPage />} />
          <Route path="customers/:id" element={<CustomerProfilePage />} />
          <Route path="duplicates" element={<DuplicatesPage />} />
          <Route path="imports" element={<ImportsPage />} />
          <Route path="agenda" element={<AgendaPage />} />
          <Route path="bookings" element={<BookingsPage />} />
          <Route path="merges" element={<MergesPage />} />
          <Route path="merges/:id" element={<MergeDetailPage />} />
          <Route path="merge" element={<MergeFormPage />} />
          <Route path="compare" element={<ComparePage />} />
          <Route path="settings" element={<SettingsPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  const { i18n } = useTranslation();

  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <DatesProvider settings={{ locale: dayjsLocaleFor(i18n.resolvedLanguage) }}>
        <Notifications position="top-right" />
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <AuthProvider>
              <AppRoutes />
            </AuthProvider>
          </BrowserRouter>
        </QueryClientProvider>
      </DatesProvider>
    </MantineProvider>
  );
}
