// The duplicates API as the staff app uses it: a customer's candidates with their reasons, "not a
// duplicate", the whole-file scan and its review queue. Shapes follow the server's zod schemas
// (src/modules/duplicates/duplicates.routes.ts); dates arrive as ISO strings.
import { api } from '../../lib/api.ts';

export interface DuplicateReason {
  /** firstName, lastName, email, phone, birthDate, street, place, gender, nameOrder or household. */
  field: string;
  level: string;
  /** Bits of evidence: positive pulls the probability up, negative pulls it down. */
  weight: number;
  sentence: string;
}

export interface DuplicateCandidate {
  customerId: string;
  number: number;
  name: string;
  email: string | null;
  mobile: string | null;
  probability: number;
  certain: boolean;
  fields: DuplicateReason[];
  appointmentCount: number;
  customerSince: string;
  lastAppointmentAt: string | null;
}

export interface GroupMember {
  customerId: string;
  number: number;
  name: string;
  email: string | null;
  mobile: string | null;
  appointmentCount: number;
  customerSince: string;
  lastAppointmentAt: string | null;
}

export interface DuplicateGroup {
  id: string;
  probability: number;
  status: 'open' | 'merged' | 'dismissed' | 'stale';
  certain: boolean;
  createdAt: string;
  members: GroupMember[];
  pairs: { a: string; b: string; probability: number; fields: DuplicateReason[] }[];
}

export interface GroupFilter {
  status: DuplicateGroup['status'];
  minProbability: number;
  minSize: number;
  maxSize?: number | undefined;
  limit: number;
  offset: number;
}

export interface Job {
  id: string;
  kind: string;
  status: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  progress: { done: number; total: number };
  result: unknown;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** Query keys: the profile tab's list hangs under the customer's key, so a profile refresh renews it. */
export const duplicateKeys = {
  candidates: (customerId: string) => ['customer', customerId, 'duplicates'] as const,
  queue: ['duplicates', 'groups'] as const,
};

export const duplicatesApi = {
  candidates: (customerId: string) =>
    api.get<{ customerId: string; candidates: DuplicateCandidate[] }>(
      `/api/customers/${encodeURIComponent(customerId)}/duplicates`,
    ),
  dismiss: (customerId: string, otherId: string) =>
    api.post<{ customerId: string; otherId: string }>(
      `/api/customers/${encodeURIComponent(customerId)}/duplicates/${encodeURIComponent(otherId)}/dismiss`,
    ),
  groups: (filter: GroupFilter) =>
    api.get<{ total: number; groups: DuplicateGroup[] }>('/api/duplicates/groups', {
      query: { ...filter },
    }),
  dismissGroup: (id: string) =>
    api.post<DuplicateGroup>(`/api/duplicates/groups/${encodeURIComponent(id)}/dismiss`),
  scan: () => api.post<Job>('/api/duplicates/scan'),
  job: (id: string) => api.get<Job>(`/api/jobs/${encodeURIComponent(id)}`),
  lastScan: () => api.get<Job[]>('/api/jobs', { query: { kind: 'duplicates.scan', limit: 1 } }),
};

/** Links to the merges pages (owned by the merges module). */
export const compareLink = (ids: readonly string[]) =>
  `/compare?ids=${ids.map(encodeURIComponent).join(',')}`;
export const mergeLink = (ids: readonly string[]) => `/merge?ids=${ids.map(encodeURIComponent).join(',')}`;
