// The booking page's own client: public routes under /api/book/<slug>, and the customer's own
// session (cookie clienteel_customer) with its CSRF token — never the staff session.
import i18next from 'i18next';
import { toApiError } from '../../lib/api.ts';
import { localeFor } from '../../lib/language.ts';

export interface OfferedService {
  id: string | null;
  name: string;
  durationMinutes: number;
  priceCents: number;
}

export interface PublicPage {
  business: { name: string; slug: string; language: string; country: string };
  services: OfferedService[];
}

export interface AccountStatus {
  loggedIn: boolean;
  name?: string;
  email?: string;
  csrfToken?: string;
}

export interface MyBookings {
  customer: {
    name: string;
    firstName: string | null;
    lastName: string | null;
    email: string | null;
    mobile: string | null;
  };
  appointments: { id: string; startAt: string; endAt: string; service: string; status: string }[];
  requests: {
    id: string;
    service: string;
    wishedStart: string;
    status: 'open' | 'confirmed' | 'declined';
    createdAt: string;
  }[];
}

export interface BookingRequestInput {
  service: string;
  wishedStart: string;
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  phone?: string | null;
  note?: string | null;
  language?: string;
  website?: string;
}

let csrfToken: string | null = null;

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-language': localeFor(i18next.resolvedLanguage),
  };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  const result = (await response.json()) as T;
  const token = (result as { csrfToken?: unknown } | null)?.csrfToken;
  if (typeof token === 'string') csrfToken = token;
  return result;
}

const base = (slug: string) => `/api/book/${encodeURIComponent(slug)}`;

export const bookApi = {
  page: (slug: string) => call<PublicPage>('GET', base(slug)),
  account: async (slug: string) => {
    const status = await call<AccountStatus>('GET', `${base(slug)}/account`);
    if (!status.loggedIn) csrfToken = null;
    return status;
  },
  me: (slug: string) => call<MyBookings>('GET', `${base(slug)}/me`),
  request: (slug: string, input: BookingRequestInput) =>
    call<{ status: 'received' }>('POST', `${base(slug)}/requests`, input),
  login: (slug: string, email: string, password: string) =>
    call<{ csrfToken: string }>('POST', `${base(slug)}/account/login`, { email, password }),
  logout: async (slug: string) => {
    await call<void>('POST', `${base(slug)}/account/logout`);
    csrfToken = null;
  },
  accept: (slug: string, token: string, password: string) =>
    call<{ csrfToken: string }>('POST', `${base(slug)}/account/accept`, { token, password }),
  forgot: (slug: string, email: string) =>
    call<{ status: 'requested' }>('POST', `${base(slug)}/account/forgot`, { email }),
  reset: (slug: string, token: string, password: string) =>
    call<{ csrfToken: string }>('POST', `${base(slug)}/account/reset`, { token, password }),
};
