// The merge API as the staff app uses it (the server's zod schemas in src/modules/merges are the
// reference; these types mirror their JSON).
import { api } from '../../lib/api.ts';

export const EDITABLE_FIELDS = [
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
export type EditableField = (typeof EDITABLE_FIELDS)[number];

export const HISTORY_TABLES = [
  'appointments',
  'booking_requests',
  'invoices',
  'subscriptions',
  'loyalty_ledger',
  'messages',
  'customer_notes',
  'customer_contact_points',
  'online_accounts',
] as const;
export type HistoryTable = (typeof HISTORY_TABLES)[number];

export type FieldValue = string | boolean | null;
export type CustomerValues = Record<EditableField, FieldValue> & Record<string, FieldValue>;

export interface CustomerRef {
  id: string;
  number: number;
  name: string;
}

export interface ComparedCustomer extends CustomerRef {
  values: CustomerValues;
  source: string;
  customerSince: string;
  createdAt: string;
  history: Record<HistoryTable, number>;
  loyaltyPoints: number;
  lastAppointmentAt: string | null;
  onlineAccount: { id: string; loginEmail: string; state: string } | null;
  archived: boolean;
  mergedInto: string | null;
}

export interface Comparison {
  customers: ComparedCustomer[];
  fields: { field: EditableField; values: FieldValue[]; identical: boolean; empty: boolean }[];
  /** Survivor-rule order: the first is the default main profile. */
  rank: string[];
}

export type FieldChoice = { from: string } | { value: FieldValue };

export interface MergeRequest {
  ids: string[];
  survivorId?: string;
  fields?: Partial<Record<EditableField, FieldChoice>>;
  choices?: { onlineAccount?: string; newsletter?: string; cancelAppointments?: string[] };
}

export interface PlanAppointment {
  id: string;
  customerId: string;
  startAt: string;
  endAt: string;
  status: string;
  service: string;
}

export interface PlanAccount {
  id: string;
  customerId: string;
  loginEmail: string;
  state: 'invited' | 'active' | 'disabled';
  lastLoginAt: string | null;
}

export type Clash =
  | { kind: 'appointments'; appointments: PlanAppointment[]; cancel: string[] }
  | { kind: 'online_accounts'; accounts: PlanAccount[]; kept: string; decidedBy: 'default' | 'staff' }
  | {
      kind: 'newsletter';
      consents: { customerId: string; consent: boolean; at: string | null }[];
      value: boolean | null;
      from: string | null;
      decidedBy: 'default' | 'staff';
    };

export interface MergePlan {
  survivorId: string;
  defaultSurvivorId: string;
  mergedIds: string[];
  customers: (CustomerRef & {
    role: 'survivor' | 'merged';
    source: string;
    customerSince: string;
    history: Record<HistoryTable, number>;
    loyaltyPoints: number;
    lastAppointmentAt: string | null;
  })[];
  fields: {
    field: EditableField;
    value: FieldValue;
    from: string | null;
    source: 'survivor' | 'filled' | 'chosen' | 'typed' | 'rule' | 'combined';
    identical: boolean;
    options: { customerId: string; value: FieldValue }[];
  }[];
  customerSince: { value: string; from: string };
  moves: { from: string; table: HistoryTable; count: number }[];
  totals: Record<HistoryTable, number>;
  loyaltyPoints: { before: Record<string, number>; after: number };
  contactPointsAdded: { kind: 'email' | 'phone'; value: string; from: string }[];
  onlineAccounts: { kept: string | null; disabled: string[] };
  cancelAppointments: string[];
  clashes: Clash[];
  warnings: { code: string; params: Record<string, string | number> }[];
}

export interface Preview {
  plan: MergePlan;
  fingerprint: string;
}

export interface MergeSummary {
  id: string;
  performedAt: string;
  performedBy: { id: string; name: string } | null;
  survivor: CustomerRef;
  merged: CustomerRef[];
  moved: Partial<Record<HistoryTable, number>>;
  undoneAt: string | null;
  undoneBy: { id: string; name: string } | null;
  undoableUntil: string | null;
  jobId: string | null;
}

export interface LiveCustomer extends CustomerRef {
  live: boolean;
  mergedInto: string | null;
  history: Record<HistoryTable, number>;
  loyaltyPoints: number;
}

export interface MergeDetail extends MergeSummary {
  plan: MergePlan;
  choices: Record<string, unknown>;
  beforeSnapshot: { customers: Record<string, unknown>[] };
  undoResult: UndoResult | null;
  customers: LiveCustomer[];
}

export interface UndoResult {
  mergeId: string;
  survivorId: string;
  restoredIds: string[];
  movedBack: Partial<Record<HistoryTable, number>>;
  restoredFields: string[];
  keptFields: string[];
  contactPointsRemoved: number;
  accountsReenabled: number;
  appointmentsRestored: number;
}

export interface BulkPreview {
  minProbability: number;
  groups: {
    groupId: string;
    probability: number;
    survivor: CustomerRef;
    merged: CustomerRef[];
    moves: Partial<Record<HistoryTable, number>>;
    clashes: { appointments: number; onlineAccounts: number; newsletter: boolean };
    warnings: string[];
    fingerprint: string;
  }[];
  refused: {
    groupId: string;
    probability: number;
    code: string;
    message: string;
    customerId: string | null;
  }[];
  totals: { groups: number; mergedAway: number; moves: Partial<Record<HistoryTable, number>> };
  truncated: boolean;
}

export interface Job {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  progress: { done: number; total: number };
  result: unknown;
  error: string | null;
}

export interface BulkResult {
  merged: { groupId: string; mergeId: string; survivorId: string }[];
  skipped: { groupId: string; code: string; message: string; customerId: string | null }[];
}

/** Whether a merge can still be undone (the server says until when). */
export function mergeStatus(merge: MergeSummary, now = Date.now()): 'undone' | 'undoable' | 'expired' {
  if (merge.undoneAt) return 'undone';
  return merge.undoableUntil && Date.parse(merge.undoableUntil) > now ? 'undoable' : 'expired';
}

/** `?ids=a,b,c` → the ids, without blanks or repeats. */
export function idsFromQuery(value: string | null): string[] {
  return [
    ...new Set(
      (value ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== ''),
    ),
  ];
}

export const mergeApi = {
  compare: (ids: string[], signal?: AbortSignal) =>
    api.get<Comparison>('/api/merges/compare', {
      query: { ids: ids.join(',') },
      ...(signal ? { signal } : {}),
    }),
  preview: (request: MergeRequest) => api.post<Preview>('/api/merges/preview', request),
  apply: (request: MergeRequest & { fingerprint: string }) => api.post<MergeDetail>('/api/merges', request),
  list: (query: { customerId?: string; limit: number; offset: number }) =>
    api.get<{ items: MergeSummary[]; total: number }>('/api/merges', { query }),
  get: (id: string) => api.get<MergeDetail>(`/api/merges/${encodeURIComponent(id)}`),
  undo: (id: string) => api.post<UndoResult>(`/api/merges/${encodeURIComponent(id)}/undo`),
  bulkPreview: (minProbability: number | undefined) =>
    api.post<BulkPreview>('/api/merges/bulk/preview', minProbability === undefined ? {} : { minProbability }),
  bulkStart: (groups: { id: string; fingerprint: string }[]) => api.post<Job>('/api/merges/bulk', { groups }),
  job: (id: string) => api.get<Job>(`/api/jobs/${encodeURIComponent(id)}`),
};
