// Online booking requests, the booking page's services and customers' online accounts, as the
// staff app uses them (the server's zod schemas in src/modules/bookings and accounts are the reference).
import { api } from '../../lib/api.ts';

export type RequestStatus = 'open' | 'confirmed' | 'declined';
export type TakeOverField = 'firstName' | 'lastName' | 'email' | 'mobile';

export interface Typed {
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
}

export interface RequestSummary {
  id: string;
  status: RequestStatus;
  link: 'certain' | 'new' | 'account' | 'staff';
  createdAt: string;
  service: string;
  wishedStart: string;
  typed: Typed;
  note: string | null;
  customer: { id: string; number: number | null; name: string } | null;
  candidateCount: number;
}

export interface Candidate {
  id: string;
  number: number;
  name: string;
  email: string | null;
  mobile: string | null;
  probability: number;
  certain: boolean;
  reasons: string[];
}

export interface RequestDetail extends Omit<RequestSummary, 'customer' | 'candidateCount'> {
  decidedAt: string | null;
  language: string | null;
  declineReason: string | null;
  takenOver: Record<string, { from: unknown; to: unknown }>;
  candidates: Candidate[];
  customer: {
    id: string;
    number: number;
    name: string;
    version: number;
    firstName: string | null;
    lastName: string | null;
    email: string | null;
    mobile: string | null;
    landline: string | null;
    source: string;
    createdAt: string;
    archivedAt: string | null;
  } | null;
  differences: { field: TakeOverField; typed: string; profile: string | null }[];
  appointment: {
    id: string;
    startAt: string;
    endAt: string;
    service: string;
    staffMember: string | null;
  } | null;
}

export interface BookingService {
  id: string;
  name: string;
  durationMinutes: number;
  priceCents: number;
  position: number;
  active: boolean;
}

export interface OnlineAccount {
  state: 'not_invited' | 'invited' | 'active' | 'disabled';
  loginEmail: string | null;
  invitedAt: string | null;
  inviteExpiresAt: string | null;
  activatedAt: string | null;
  lastLoginAt: string | null;
  disabledAt: string | null;
  disabledReason: string | null;
}

export interface ConfirmInput {
  takeOver: TakeOverField[];
  version?: number;
  startAt?: string;
  durationMinutes?: number;
  staffMember?: string | null;
}

const requestPath = (id: string) => `/api/booking-requests/${encodeURIComponent(id)}`;
const accountPath = (customerId: string) => `/api/customers/${encodeURIComponent(customerId)}/online-account`;

export const bookingsApi = {
  list: (status: RequestStatus | 'all', offset = 0) =>
    api.get<{ total: number; items: RequestSummary[] }>('/api/booking-requests', {
      query: { status, limit: 50, offset },
    }),
  get: (id: string) => api.get<RequestDetail>(requestPath(id)),
  confirm: (id: string, input: ConfirmInput) => api.post<RequestDetail>(`${requestPath(id)}/confirm`, input),
  decline: (id: string, reason: string | null) =>
    api.post<RequestDetail>(`${requestPath(id)}/decline`, { reason }),
  services: () => api.get<BookingService[]>('/api/booking-services'),
  createService: (input: { name: string; durationMinutes: number; priceCents: number }) =>
    api.post<BookingService>('/api/booking-services', input),
  updateService: (id: string, patch: Partial<Omit<BookingService, 'id'>>) =>
    api.patch<BookingService>(`/api/booking-services/${encodeURIComponent(id)}`, patch),
  account: (customerId: string) => api.get<OnlineAccount>(accountPath(customerId)),
  invite: (customerId: string, email: string | null) =>
    api.post<{ account: OnlineAccount; message: { id: string; status: string; toAddress: string } }>(
      `${accountPath(customerId)}/invite`,
      email ? { email } : {},
    ),
  disable: (customerId: string, reason: string | null) =>
    api.post<OnlineAccount>(`${accountPath(customerId)}/disable`, { reason }),
};

/** "2026-12-01T09:00:00.000Z" → the local date and time fields of a form. */
export function localParts(iso: string): { date: string; time: string } {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
    time: `${pad(d.getHours())}:${pad(d.getMinutes())}`,
  };
}
