/**
 * The profiles a merge involves, loaded once: their rows, every history row's id, appointments,
 * online accounts, contact points and loyalty points — what the planner reads, what the merge
 * row snapshots, and what the fingerprint covers.
 *
 * The fingerprint ties an apply to its preview. It is the hash of the request (ids, survivor,
 * field choices, decisions) followed by one hash per profile over its version and state and the
 * ids of its history rows (with the times and status of appointments and the state of online
 * accounts, which decide clashes), hashed in the database. When the apply's fingerprint differs, the part that differs
 * names the profile that changed since the preview.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../db/connection.ts';
import { HISTORY_TABLES } from '../../core/merge/index.ts';
import type { HistoryTable, MergeChoices, MergeCustomer } from '../../core/merge/index.ts';
import { nameOf } from '../../core/customer/customer.ts';
import type { CustomerRow } from '../customers/customers.repository.ts';
import { lockCustomerRows, valuesOf } from '../customers/customers.repository.ts';
import { AppError, notFound } from '../shared/errors.ts';
import { isUuid } from '../shared/schemas.ts';
import * as repo from './merges.repository.ts';
import type {
  AccountRow,
  AppointmentRow,
  ContactPointRow,
  HistoryStat,
  InvolvedData,
} from './merges.repository.ts';

export interface MergeRequest {
  ids: string[];
  survivorId?: string | undefined;
  fields?: MergeChoices['fields'];
  choices?:
    | {
        onlineAccount?: string | undefined;
        newsletter?: string | undefined;
        cancelAppointments?: string[] | undefined;
      }
    | undefined;
}

export function choicesOf(request: MergeRequest): MergeChoices {
  return {
    survivorId: request.survivorId,
    fields: request.fields,
    onlineAccount: request.choices?.onlineAccount,
    newsletter: request.choices?.newsletter,
    cancelAppointments: request.choices?.cancelAppointments,
  };
}

export interface Involved {
  rows: Map<string, CustomerRow>;
  history: HistoryStat[];
  appointments: AppointmentRow[];
  accounts: AccountRow[];
  contactPoints: ContactPointRow[];
  loyalty: Map<string, number>;
  notes: InvolvedData['notes'];
  customers: MergeCustomer[];
}

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

/**
 * Loads the profiles (locked FOR UPDATE when `lock`, so nobody can change them or add history to
 * them until the transaction ends: adding a row that references a customer needs a key-share
 * lock, which FOR UPDATE blocks). Unknown, foreign and malformed ids are one 404.
 */
export async function loadInvolved(
  db: Db,
  tenantId: string,
  ids: readonly string[],
  opts: { lock: boolean; now: Date },
): Promise<Involved> {
  const unique = [...new Set(ids)];
  if (!unique.every(isUuid)) throw notFound('customer');
  const rows = opts.lock
    ? await lockCustomerRows(db, tenantId, unique)
    : await repo.customerRows(db, tenantId, unique);
  if (rows.length !== unique.length) throw notFound('customer');
  return assemble(db, tenantId, rows, opts.now);
}

async function assemble(db: Db, tenantId: string, customerRows: CustomerRow[], now: Date): Promise<Involved> {
  const data = await repo.involvedData(
    db,
    tenantId,
    customerRows.map((r) => r.id),
    now,
  );
  return build(customerRows, data);
}

/** Loads several disjoint sets of profiles at once (the bulk preview), without locks. */
export async function loadInvolvedSets(
  db: Db,
  tenantId: string,
  sets: readonly (readonly string[])[],
  now: Date,
): Promise<Map<string, CustomerRow> & { involved: (set: readonly string[]) => Involved | null }> {
  const all = [...new Set(sets.flat())].filter(isUuid);
  const rows: CustomerRow[] = [];
  for (let i = 0; i < all.length; i += 1000)
    rows.push(...(await repo.customerRows(db, tenantId, all.slice(i, i + 1000))));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const data: InvolvedData = {
    history: [],
    appointments: [],
    accounts: [],
    contactPoints: [],
    loyalty: new Map(),
    lastAppointments: new Map(),
    notes: [],
  };
  for (let i = 0; i < all.length; i += 1000) {
    const part = await repo.involvedData(db, tenantId, all.slice(i, i + 1000), now);
    data.history.push(...part.history);
    data.appointments.push(...part.appointments);
    data.accounts.push(...part.accounts);
    data.contactPoints.push(...part.contactPoints);
    for (const [k, v] of part.loyalty) data.loyalty.set(k, v);
    for (const [k, v] of part.lastAppointments) data.lastAppointments.set(k, v);
  }
  const byCustomer = <T extends { customerId: string }>(list: T[]) => {
    const map = new Map<string, T[]>();
    for (const x of list) {
      const own = map.get(x.customerId);
      if (own) own.push(x);
      else map.set(x.customerId, [x]);
    }
    return (set: readonly string[]) => set.flatMap((id) => map.get(id) ?? []);
  };
  const history = byCustomer(data.history);
  const appointments = byCustomer(data.appointments);
  const accounts = byCustomer(data.accounts);
  const contactPoints = byCustomer(data.contactPoints);
  return Object.assign(byId, {
    involved(set: readonly string[]): Involved | null {
      const ids = [...new Set(set)];
      const members = ids.map((id) => byId.get(id));
      if (members.some((m) => m === undefined)) return null;
      return build(members as CustomerRow[], {
        history: history(ids),
        appointments: appointments(ids),
        accounts: accounts(ids),
        contactPoints: contactPoints(ids),
        loyalty: data.loyalty,
        lastAppointments: data.lastAppointments,
        notes: [],
      });
    },
  });
}

function build(customerRows: CustomerRow[], data: InvolvedData): Involved {
  const { history, appointments, accounts, contactPoints, loyalty, lastAppointments } = data;
  const counts = new Map<string, Record<HistoryTable, number>>();
  for (const r of customerRows)
    counts.set(r.id, Object.fromEntries(HISTORY_TABLES.map((t) => [t, 0])) as Record<HistoryTable, number>);
  for (const h of history) counts.get(h.customerId)![h.table] = h.count;
  const customers: MergeCustomer[] = customerRows.map((r) => {
    const own = appointments.filter((a) => a.customerId === r.id);
    return {
      id: r.id,
      number: r.number,
      values: valuesOf(r),
      source: r.source,
      customerSince: r.customerSince.toISOString(),
      createdAt: r.createdAt.toISOString(),
      newsletterConsentAt: iso(r.newsletterConsentAt),
      newsletterConsentSource: r.newsletterConsentSource,
      archivedAt: iso(r.archivedAt),
      mergedInto: r.mergedInto,
      deletedAt: iso(r.deletedAt),
      erasedAt: iso(r.erasedAt),
      history: counts.get(r.id)!,
      loyaltyPoints: loyalty.get(r.id) ?? 0,
      lastAppointmentAt: lastAppointments.get(r.id)?.toISOString() ?? null,
      appointments: own.map((a) => ({
        id: a.id,
        startAt: a.startAt.toISOString(),
        endAt: a.endAt.toISOString(),
        status: a.status,
        service: a.service,
      })),
      onlineAccounts: accounts
        .filter((a) => a.customerId === r.id)
        .map((a) => ({
          id: a.id,
          loginEmail: a.loginEmail,
          state: a.state,
          createdAt: a.createdAt.toISOString(),
          activatedAt: iso(a.activatedAt),
          lastLoginAt: iso(a.lastLoginAt),
        })),
      contactPoints: contactPoints
        .filter((p) => p.customerId === r.id)
        .map((p) => ({ kind: p.kind, value: p.value, normalized: p.normalized })),
    };
  });
  return {
    rows: new Map(customerRows.map((r) => [r.id, r])),
    history,
    appointments,
    accounts,
    contactPoints,
    loyalty,
    notes: data.notes,
    customers,
  };
}

const hash = (text: string): string => createHash('sha256').update(text).digest('base64url').slice(0, 16);

/** A stable JSON text: object keys sorted, so equal requests hash equally. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function requestHash(request: MergeRequest): string {
  return hash(
    canonical({
      ids: [...new Set(request.ids)].sort(),
      survivorId: request.survivorId,
      fields: request.fields,
      onlineAccount: request.choices?.onlineAccount,
      newsletter: request.choices?.newsletter,
      cancel: [...new Set(request.choices?.cancelAppointments ?? [])].sort(),
    }),
  );
}

function customerHash(involved: Involved, id: string): string {
  const r = involved.rows.get(id)!;
  const parts = [
    r.id,
    r.version,
    r.updatedAt.toISOString(),
    r.mergedInto ?? '',
    iso(r.archivedAt) ?? '',
    iso(r.deletedAt) ?? '',
    ...involved.history
      .filter((h) => h.customerId === id)
      .map((h) => `${h.table}:${h.count}:${h.hash}`)
      .sort(),
  ];
  return hash(parts.join('|'));
}

export function fingerprintOf(request: MergeRequest, involved: Involved): string {
  const ids = [...involved.rows.keys()].sort();
  return [requestHash(request), ...ids.map((id) => customerHash(involved, id))].join('.');
}

/**
 * Refuses an apply whose request or profiles differ from its preview: 409 `merge_stale` naming
 * the first profile that changed, or 400 `merge_preview_mismatch` when the request itself is not
 * the one that was previewed.
 */
export function checkFingerprint(given: string, request: MergeRequest, involved: Involved): void {
  const ids = [...involved.rows.keys()].sort();
  const [givenRequest, ...givenCustomers] = given.split('.');
  if (givenRequest !== requestHash(request) || givenCustomers.length !== ids.length) {
    throw new AppError(400, 'merge_preview_mismatch', { field: 'fingerprint' });
  }
  ids.forEach((id, i) => {
    if (givenCustomers[i] === customerHash(involved, id)) return;
    const row = involved.rows.get(id)!;
    throw new AppError(409, 'merge_stale', {
      params: { number: row.number, name: nameOf(row) },
      details: { customerId: id, number: row.number },
    });
  });
}
