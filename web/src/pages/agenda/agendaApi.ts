// The agenda API (src/modules/appointments is the reference).
import { api } from '../../lib/api.ts';

export interface AgendaEntry {
  id: string;
  customerId: string;
  startAt: string;
  endAt: string;
  service: string;
  staffMember: string | null;
  status: 'booked' | 'completed' | 'cancelled' | 'no_show';
  priceCents: number;
  bookingRequestId: string | null;
  customer: { id: string; number: number; name: string; mobile: string | null; email: string | null };
}

export interface Created {
  appointment: Omit<AgendaEntry, 'customer'>;
  customer: { id: string; number: number; name: string; created: boolean };
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

export interface CustomerHit {
  id: string;
  number: number;
  name: string;
  mobile: string | null;
  email: string | null;
}

export interface NewCustomer {
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  mobile: string | null;
}

export const agendaApi = {
  day: (from: Date, to: Date) =>
    api.get<AgendaEntry[]>('/api/appointments', {
      query: { from: from.toISOString(), to: to.toISOString() },
    }),
  create: (input: {
    customerId?: string;
    customer?: NewCustomer;
    allowDuplicate?: boolean;
    startAt: string;
    durationMinutes: number;
    service: string;
    staffMember: string | null;
  }) => api.post<Created>('/api/appointments', input),
  walkIn: (input: {
    name: string;
    phone: string | null;
    email: string | null;
    customerId?: string;
    allowDuplicate?: boolean;
    service?: string;
  }) => api.post<Created>('/api/walk-ins', input),
  move: (id: string, startAt: string) =>
    api.patch<AgendaEntry>(`/api/appointments/${encodeURIComponent(id)}`, { startAt }),
  cancel: (id: string) => api.post<AgendaEntry>(`/api/appointments/${encodeURIComponent(id)}/cancel`),
  complete: (id: string) => api.post<AgendaEntry>(`/api/appointments/${encodeURIComponent(id)}/complete`),
  searchCustomers: (q: string, signal?: AbortSignal) =>
    api.get<{ items: CustomerHit[] }>('/api/customers', {
      query: { q, limit: 8 },
      ...(signal ? { signal } : {}),
    }),
};

/** Local midnight of a "YYYY-MM-DD" day and of the next day: the period the day view asks for. */
export function dayRange(day: string): { from: Date; to: Date } {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return { from: new Date(y, m - 1, d), to: new Date(y, m - 1, d + 1) };
}

export function shiftDay(day: string, days: number): string {
  const { from } = dayRange(day);
  from.setDate(from.getDate() + days);
  return localDay(from);
}

export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
