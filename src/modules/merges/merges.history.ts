/**
 * Reading merges: the tenant's history and a customer's, one merge with its before-snapshot and
 * choices, the export, and the side-by-side comparison the compare page and merge form start from.
 */
import type { Database, Db } from '../../db/connection.ts';
import { nameOf } from '../../core/customer/customer.ts';
import type { CustomerValues } from '../../core/customer/customer.ts';
import { compareValues, rankForSurvival } from '../../core/merge/index.ts';
import type { ComparedField, HistoryTable, MergeCustomer } from '../../core/merge/index.ts';
import { findCustomerRow } from '../customers/customers.repository.ts';
import { notFound } from '../shared/errors.ts';
import { isUuid } from '../shared/schemas.ts';
import { readSettings } from '../tenants/settings.ts';
import { loadInvolved } from './merges.involved.ts';
import * as repo from './merges.repository.ts';
import type { MergeListFilter, MergeRow } from './merges.repository.ts';
import { movedCounts, tenantOrThrow } from './merges.service.ts';
import type { BeforeSnapshot, Moved } from './merges.service.ts';

const DAY_MS = 86_400_000;

export interface CustomerRef {
  id: string;
  number: number;
  name: string;
}

export interface MergeSummary {
  id: string;
  performedAt: Date;
  performedBy: { id: string; name: string } | null;
  survivor: CustomerRef;
  merged: CustomerRef[];
  moved: Partial<Record<HistoryTable, number>>;
  undoneAt: Date | null;
  undoneBy: { id: string; name: string } | null;
  /** Until when it can be undone; null once undone. */
  undoableUntil: Date | null;
  jobId: string | null;
}

function refOf(before: BeforeSnapshot, id: string): CustomerRef {
  const row = before.customers.find((c) => c.id === id) as
    | (Record<string, unknown> & { number: number } & Pick<
          CustomerValues,
          'firstName' | 'lastName' | 'displayName' | 'email'
        >)
    | undefined;
  return { id, number: row?.number ?? 0, name: row ? nameOf(row) : '—' };
}

function summarise(row: MergeRow, names: Map<string, string>, undoWindowDays: number): MergeSummary {
  const before = row.beforeSnapshot as BeforeSnapshot;
  const who = (id: string | null) => (id === null ? null : { id, name: names.get(id) ?? '—' });
  return {
    id: row.id,
    performedAt: row.performedAt,
    performedBy: who(row.performedBy),
    survivor: refOf(before, row.survivorId),
    merged: row.mergedIds.map((id) => refOf(before, id)),
    moved: movedCounts(row.moved as Moved),
    undoneAt: row.undoneAt,
    undoneBy: who(row.undoneBy),
    undoableUntil:
      row.undoneAt === null ? new Date(row.performedAt.getTime() + undoWindowDays * DAY_MS) : null,
    jobId: row.jobId,
  };
}

async function summariseAll(db: Db, tenantId: string, list: MergeRow[]): Promise<MergeSummary[]> {
  const tenant = await tenantOrThrow(db, tenantId);
  const days = readSettings(tenant.settings).undoWindowDays;
  const staff = [
    ...new Set(list.flatMap((m) => [m.performedBy, m.undoneBy]).filter((x): x is string => x !== null)),
  ];
  const names = await repo.staffNames(db, tenantId, staff);
  return list.map((m) => summarise(m, names, days));
}

export async function listMerges(
  database: Database,
  tenantId: string,
  filter: MergeListFilter,
): Promise<{ items: MergeSummary[]; total: number }> {
  const db = database.db;
  if (filter.customerId !== undefined && !isUuid(filter.customerId)) return { items: [], total: 0 };
  const list = await repo.listMerges(db, tenantId, filter);
  return {
    items: await summariseAll(db, tenantId, list),
    total: await repo.countMerges(db, tenantId, filter),
  };
}

/** Merges of one customer (as survivor or merged away); 404 when the customer is not the tenant's. */
export async function customerMerges(
  database: Database,
  tenantId: string,
  customerId: string,
  paging: { limit: number; offset: number },
): Promise<{ items: MergeSummary[]; total: number }> {
  const row = await findCustomerRow(database.db, tenantId, customerId);
  if (!row) throw notFound('customer');
  return listMerges(database, tenantId, { customerId, ...paging });
}

export interface LiveCustomer extends CustomerRef {
  live: boolean;
  mergedInto: string | null;
  history: Record<HistoryTable, number>;
  loyaltyPoints: number;
}

export interface MergeDetail extends MergeSummary {
  plan: unknown;
  choices: Record<string, unknown>;
  beforeSnapshot: BeforeSnapshot;
  undoResult: unknown;
  /** The involved profiles as they are now: who is live, and how much history each holds. */
  customers: LiveCustomer[];
}

export async function getMerge(
  database: Database,
  tenantId: string,
  id: string,
  now: Date,
): Promise<MergeDetail> {
  const db = database.db;
  const row = isUuid(id) ? await repo.findMerge(db, tenantId, id) : undefined;
  if (!row) throw notFound('merge');
  const [summary] = await summariseAll(db, tenantId, [row]);
  // The profiles as they are now; one deleted for good since is simply not shown.
  const ids = [row.survivorId, ...row.mergedIds];
  const existing = (await repo.customerRows(db, tenantId, ids)).map((r) => r.id);
  const involved = await loadInvolved(db, tenantId, existing, { lock: false, now });
  const ordered = ids.flatMap((cid) => involved.customers.filter((c) => c.id === cid));
  return {
    ...summary!,
    plan: row.plan,
    choices: row.choices,
    beforeSnapshot: row.beforeSnapshot as BeforeSnapshot,
    undoResult: row.undoResult,
    customers: ordered.map((c) => ({
      id: c.id,
      number: c.number,
      name: nameOf(c.values),
      live: c.mergedInto === null && c.deletedAt === null,
      mergedInto: c.mergedInto,
      history: c.history,
      loyaltyPoints: c.loyaltyPoints,
    })),
  };
}

/** Every merge of the tenant (newest first) with full detail, for the JSON and CSV exports. */
export async function exportMerges(
  database: Database,
  tenantId: string,
  filter: { customerId?: string | undefined },
): Promise<
  (MergeSummary & { plan: unknown; choices: unknown; beforeSnapshot: unknown; undoResult: unknown })[]
> {
  const db = database.db;
  if (filter.customerId !== undefined && !isUuid(filter.customerId)) return [];
  const out = [];
  for (let offset = 0; ; offset += 500) {
    const list = await repo.listMerges(db, tenantId, { ...filter, limit: 500, offset });
    const summaries = await summariseAll(db, tenantId, list);
    out.push(
      ...list.map((m, i) => ({
        ...summaries[i]!,
        plan: m.plan,
        choices: m.choices,
        beforeSnapshot: m.beforeSnapshot,
        undoResult: m.undoResult,
      })),
    );
    if (list.length < 500) break;
  }
  return out;
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

function compared(c: MergeCustomer): ComparedCustomer {
  const account = c.onlineAccounts.find((a) => a.state !== 'disabled') ?? c.onlineAccounts[0] ?? null;
  return {
    id: c.id,
    number: c.number,
    name: nameOf(c.values),
    values: c.values,
    source: c.source,
    customerSince: c.customerSince,
    createdAt: c.createdAt,
    history: c.history,
    loyaltyPoints: c.loyaltyPoints,
    lastAppointmentAt: c.lastAppointmentAt,
    onlineAccount: account ? { id: account.id, loginEmail: account.loginEmail, state: account.state } : null,
    archived: c.archivedAt !== null,
    mergedInto: c.mergedInto,
  };
}

/**
 * Profiles side by side (in the order asked), with per field whether they agree, and the order
 * the survivor rule ranks them in (the first is the default main profile; the others fill its
 * empty fields in that order).
 */
export async function compareCustomers(
  database: Database,
  tenantId: string,
  ids: readonly string[],
  now: Date,
): Promise<{ customers: ComparedCustomer[]; fields: ComparedField[]; rank: string[] }> {
  const involved = await loadInvolved(database.db, tenantId, ids, { lock: false, now });
  if (involved.customers.some((c) => c.deletedAt !== null || c.erasedAt !== null)) throw notFound('customer');
  const ordered = [...new Set(ids)].map((id) => involved.customers.find((c) => c.id === id)!);
  return {
    customers: ordered.map(compared),
    fields: compareValues(ordered.map((c) => c.values)),
    rank: rankForSurvival(ordered).map((c) => c.id),
  };
}
