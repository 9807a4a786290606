// The customer API as the staff app uses it (the server's zod schemas in src/modules/customers,
// notes and messages are the reference; these types mirror their JSON).
import { api } from '../../lib/api.ts';

export const SOURCES = ['staff', 'online', 'agenda', 'walk_in', 'import'] as const;
export type Source = (typeof SOURCES)[number];
export const GENDERS = ['female', 'male', 'diverse', 'child'] as const;
export type Gender = (typeof GENDERS)[number];

/** The fields of the form, in the order it shows them. */
export const FORM_FIELDS = [
  'gender',
  'firstName',
  'lastName',
  'displayName',
  'email',
  'mobile',
  'landline',
  'phone2',
  'birthDate',
  'street',
  'houseNumber',
  'postalCode',
  'city',
  'country',
  'language',
  'vatNumber',
  'statusLabel',
  'newsletterConsent',
  'notes',
] as const;
export type FormField = (typeof FORM_FIELDS)[number];
export type FormValues = Record<Exclude<FormField, 'newsletterConsent'>, string> & {
  newsletterConsent: boolean | null;
};

export interface Customer {
  id: string;
  number: number;
  name: string;
  gender: Gender | null;
  firstName: string | null;
  lastName: string | null;
  displayName: string | null;
  email: string | null;
  mobile: string | null;
  mobileE164: string | null;
  landline: string | null;
  landlineE164: string | null;
  phone2: string | null;
  phone2E164: string | null;
  birthDate: string | null;
  street: string | null;
  houseNumber: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
  language: string | null;
  vatNumber: string | null;
  statusLabel: string | null;
  newsletterConsent: boolean | null;
  newsletterConsentAt: string | null;
  newsletterConsentSource: string | null;
  notes: string | null;
  source: Source;
  customerSince: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  archivedAt: string | null;
  erasedAt: string | null;
  mergedFrom: { id: string; number: number } | null;
}

export type MatchKind = 'number' | 'phone' | 'email' | 'name' | 'typo';

export interface ListItem {
  id: string;
  number: number;
  name: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  mobile: string | null;
  source: Source;
  createdAt: string;
  archivedAt: string | null;
  erasedAt: string | null;
  matchedOn: MatchKind | null;
  mergedFrom: { id: string; number: number } | null;
}

export type ArchivedFilter = 'active' | 'archived' | 'all';
export type SortKey = 'relevance' | 'name' | 'number' | 'created';

export interface ListQuery {
  q: string;
  archived: ArchivedFilter;
  source: Source | null;
  sort: SortKey;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

export interface ListPage {
  items: ListItem[];
  total: number;
  totalExact: boolean;
  limit: number;
  offset: number;
}

export interface Appointment {
  id: string;
  startAt: string;
  endAt: string;
  service: string;
  staffMember: string | null;
  status: 'booked' | 'completed' | 'cancelled' | 'no_show';
  priceCents: number;
}

export interface BookingRequest {
  id: string;
  service: string;
  wishedStart: string;
  status: 'open' | 'confirmed' | 'declined';
  createdAt: string;
  note: string | null;
}

export interface Invoice {
  id: string;
  number: string;
  issuedOn: string;
  totalCents: number;
  paid: boolean;
}

export interface Summary {
  customerId: string;
  appointments: {
    total: number;
    past: number;
    upcoming: number;
    lastAt: string | null;
    nextAt: string | null;
    upcomingItems: Appointment[];
    pastItems: Appointment[];
  };
  bookingRequests: BookingRequest[];
  invoices: { count: number; totalCents: number; paidCents: number; openCents: number; items: Invoice[] };
  subscriptions: {
    id: string;
    name: string;
    kind: 'package' | 'membership';
    totalSessions: number | null;
    remainingSessions: number | null;
    validFrom: string | null;
    validUntil: string | null;
  }[];
  loyaltyBalance: number;
  sidebar: {
    createdAt: string;
    customerSince: string;
    appointmentCount: number;
    lastAppointmentAt: string | null;
    nextAppointmentAt: string | null;
    firstNotes: { id: string; text: string }[];
  };
}

export interface Note {
  id: string;
  customerId: string;
  position: number;
  text: string;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Message {
  id: string;
  customerId: string;
  channel: string;
  to: string;
  subject: string;
  message: string;
  status: 'outbox' | 'sent' | 'failed';
  error: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface OutboxMessage extends Message {
  customerNumber: number;
  customerName: string | null;
}

export interface RemovalPreview {
  customerId: string;
  number: number;
  allowed: boolean;
  open: {
    futureAppointments: Appointment[];
    openBookingRequests: BookingRequest[];
    unpaidInvoices: Invoice[];
  };
  removes: {
    notes: number;
    contactPoints: number;
    messages: number;
    onlineAccounts: number;
    mergedRecords: number;
  };
  keeps: { appointments: number; invoices: number; subscriptions: number; loyaltyEntries: number };
}

export interface DuplicateCandidate {
  id: string;
  number: number;
  name: string;
  email: string | null;
  mobile: string | null;
  probability: number;
  certain: boolean;
  reasons: string[];
  appointmentCount: number;
  customerSince: string;
  lastAppointmentAt: string | null;
}

export interface TenantSettings {
  requiredFields: { phone: boolean; email: boolean };
  duplicates: { possibleThreshold: number; certainThreshold: number };
  undoWindowDays: number;
}

export type CustomerInput = Partial<Record<Exclude<FormField, 'newsletterConsent'>, string | null>> & {
  newsletterConsent?: boolean | null;
};

export const customersApi = {
  list: (query: ListQuery, signal?: AbortSignal) =>
    api.get<ListPage>('/api/customers', {
      query: { ...query, source: query.source ?? undefined },
      ...(signal ? { signal } : {}),
    }),
  exportUrl: (query: Omit<ListQuery, 'limit' | 'offset'>, delimiter: 'comma' | 'semicolon') => {
    const params = new URLSearchParams({
      q: query.q,
      archived: query.archived,
      sort: query.sort,
      order: query.order,
      delimiter,
    });
    if (query.source) params.set('source', query.source);
    return `/api/customers/export.csv?${params.toString()}`;
  },
  get: (id: string) => api.get<Customer>(`/api/customers/${encodeURIComponent(id)}`),
  create: (input: CustomerInput, allowDuplicate: boolean) =>
    api.post<Customer>('/api/customers', { ...input, allowDuplicate }),
  update: (id: string, version: number, input: CustomerInput) =>
    api.patch<Customer>(`/api/customers/${id}`, { ...input, version }),
  summary: (id: string) => api.get<Summary>(`/api/customers/${id}/summary`),
  archive: (id: string, version: number) => api.post<Customer>(`/api/customers/${id}/archive`, { version }),
  restore: (id: string, version: number) => api.post<Customer>(`/api/customers/${id}/restore`, { version }),
  removal: (id: string) => api.get<RemovalPreview>(`/api/customers/${id}/removal`),
  remove: (id: string, version: number) => api.delete<void>(`/api/customers/${id}`, { version }),
  erase: (id: string, version: number) => api.post<Customer>(`/api/customers/${id}/erase`, { version }),
  gdprExportUrl: (id: string) => `/api/customers/${id}/gdpr-export`,
  notes: (id: string) => api.get<Note[]>(`/api/customers/${id}/notes`),
  addNote: (id: string, text: string) => api.post<Note>(`/api/customers/${id}/notes`, { text }),
  editNote: (id: string, noteId: string, text: string) =>
    api.patch<Note>(`/api/customers/${id}/notes/${noteId}`, { text }),
  deleteNote: (id: string, noteId: string) => api.delete<void>(`/api/customers/${id}/notes/${noteId}`),
  reorderNotes: (id: string, noteIds: string[]) =>
    api.put<Note[]>(`/api/customers/${id}/notes/order`, { noteIds }),
  messages: (id: string) => api.get<Message[]>(`/api/customers/${id}/messages`),
  sendMessage: (id: string, body: { to: string; subject: string; message: string }) =>
    api.post<Message>(`/api/customers/${id}/messages`, body),
  outbox: () =>
    api.get<{ items: OutboxMessage[]; total: number }>('/api/messages', { query: { limit: 200 } }),
  resend: (messageId: string) => api.post<Message>(`/api/messages/${messageId}/send`),
  settings: () => api.get<{ settings: TenantSettings }>('/api/tenant').then((t) => t.settings),
};
