// The import wizard's API (src/modules/imports is the reference). The file goes up as the request
// body itself, so this one call is made with fetch; everything else through the app's client.
import { api, toApiError } from '../../lib/api.ts';

export const TARGETS = [
  'firstName',
  'lastName',
  'fullName',
  'displayName',
  'gender',
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
export type Target = (typeof TARGETS)[number];
export type Mapping = (Target | null)[];
export type Outcome = 'new' | 'match' | 'possible' | 'file_duplicate' | 'invalid';
export type OnMatch = 'update-empty' | 'overwrite' | 'skip';
export type OnPossible = 'create' | 'skip';

export interface Job {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  progress: { done: number; total: number };
  error: string | null;
}

export interface ImportView {
  id: string;
  fileName: string;
  fileBytes: number;
  encoding: string;
  delimiter: string;
  header: string[];
  rowCount: number;
  mapping: Mapping | null;
  status: 'uploaded' | 'planned' | 'applying' | 'applied' | 'failed';
  onMatch: OnMatch;
  onPossible: OnPossible;
  summary: Partial<Record<'rows' | 'new' | 'match' | 'possible' | 'fileDuplicate' | 'invalid', number>>;
  job: Job | null;
  appliedThrough: number;
  result: Record<string, number> | null;
  error: string | null;
  createdAt: string;
  sample?: string[][];
  savedMappingId?: string | null;
}

export interface ImportRowView {
  idx: number;
  rowNumber: number;
  cells: string[];
  name: string;
  outcome: Outcome | null;
  errors: { column: string | null; field: string; code: string; message: string }[];
  candidates: {
    customerId: string;
    number: number | null;
    name: string;
    email: string | null;
    mobile: string | null;
    probability: number;
    certain: string | null;
  }[];
  matchCustomerId: string | null;
  matchReason: string | null;
  duplicateOfRow: number | null;
  decision: 'create' | 'skip' | 'match' | null;
  decisionCustomerId: string | null;
  action: string | null;
  customerId: string | null;
  customerNumber: number | null;
  message: string;
}

const path = (id: string) => `/api/imports/${encodeURIComponent(id)}`;

async function csrfToken(): Promise<string> {
  const session = await api.get<{ csrfToken: string }>('/api/auth/session');
  return session.csrfToken;
}

export const importsApi = {
  upload: async (
    file: File,
    options: { encoding?: string | null; delimiter?: string | null; language: string },
  ) => {
    const query = new URLSearchParams({ fileName: file.name });
    if (options.encoding) query.set('encoding', options.encoding);
    if (options.delimiter) query.set('delimiter', options.delimiter);
    const response = await fetch(`/api/imports?${query.toString()}`, {
      method: 'POST',
      headers: {
        'content-type': 'text/csv',
        accept: 'application/json',
        'accept-language': options.language,
        'x-csrf-token': await csrfToken(),
      },
      credentials: 'same-origin',
      body: file,
    });
    if (!response.ok) throw await toApiError(response);
    return (await response.json()) as ImportView;
  },
  list: () => api.get<ImportView[]>('/api/imports', { query: { limit: 10 } }),
  get: (id: string) => api.get<ImportView>(path(id)),
  plan: (id: string, mapping: Mapping) => api.post<ImportView>(`${path(id)}/plan`, { mapping }),
  choose: (id: string, choices: { onMatch?: OnMatch; onPossible?: OnPossible }) =>
    api.patch<ImportView>(path(id), choices),
  rows: (id: string, outcome: Outcome | null, offset: number) =>
    api.get<{ total: number; rows: ImportRowView[] }>(`${path(id)}/rows`, {
      query: { outcome: outcome ?? undefined, limit: 25, offset },
    }),
  decide: (id: string, idx: number, decision: 'create' | 'skip' | 'match' | null, customerId?: string) =>
    api.put<void>(`${path(id)}/rows/${idx}/decision`, { decision, ...(customerId ? { customerId } : {}) }),
  apply: (id: string, choices: { onMatch: OnMatch; onPossible: OnPossible }) =>
    api.post<Job>(`${path(id)}/apply`, choices),
  resume: (id: string) => api.post<Job>(`${path(id)}/apply`, {}),
  reportUrl: (id: string, language: string) => `${path(id)}/report?lang=${encodeURIComponent(language)}`,
  saveMapping: (name: string, header: string[], mapping: Mapping) =>
    api.post<{ id: string; name: string }>('/api/import-mappings', { name, header, mapping }),
  job: (id: string) => api.get<Job>(`/api/jobs/${encodeURIComponent(id)}`),
};
