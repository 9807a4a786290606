/**
 * SQL of merges: reading the profiles and history a merge involves, moving history rows between
 * customers, and the merge history itself. Every function takes the tenant id and filters by it.
 * Table names come only from HISTORY_TABLES, never from input.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Db } from '../../db/connection.ts';
import { rows } from '../../db/connection.ts';
import { customers, merges } from '../../db/schema.ts';
import type { CustomerRow } from '../customers/customers.repository.ts';
import { HISTORY_TABLES } from '../../core/merge/index.ts';
import type { HistoryTable } from '../../core/merge/index.ts';

const uuids = (ids: readonly string[]): SQL => sql`${sql.param([...ids])}::uuid[]`;
const table = (t: HistoryTable): SQL => sql.raw(t);

/** Customer rows by id, whatever their state (no lock: previews and comparisons). */
export async function customerRows(db: Db, tenantId: string, ids: readonly string[]): Promise<CustomerRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), sql`${customers.id} = ANY(${uuids(ids)})`));
}

/**
 * A timestamp from a raw query: Drizzle's drivers hand timestamptz to `execute` as PostgreSQL's
 * text form ("2022-03-24 09:30:00.123+00"), not as a Date.
 */
export function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  const text = String(value)
    .replace(' ', 'T')
    .replace(/([+-]\d{2})$/, '$1:00');
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw new Error(`Not a timestamp: ${String(value)}`);
  return date;
}
const toDateOrNull = (value: unknown): Date | null =>
  value === null || value === undefined ? null : toDate(value);

/** Per customer and history table: how many rows, and a hash of what decides the merge about them. */
export interface HistoryStat {
  table: HistoryTable;
  customerId: string;
  count: number;
  /**
   * A set hash: the sum of a 64-bit hash of every row id (with times and status for appointments,
   * state for accounts) — order-independent, so no sort.
   */
  hash: string;
}

export interface AppointmentRow {
  id: string;
  customerId: string;
  startAt: Date;
  endAt: Date;
  status: string;
  service: string;
}

export interface AccountRow {
  id: string;
  customerId: string;
  loginEmail: string;
  state: 'invited' | 'active' | 'disabled';
  disabledReason: string | null;
  disabledAt: Date | null;
  createdAt: Date;
  activatedAt: Date | null;
  lastLoginAt: Date | null;
}

export interface ContactPointRow {
  id: string;
  customerId: string;
  kind: 'email' | 'phone';
  value: string;
  normalized: string | null;
  label: string | null;
  origin: string;
  mergeId: string | null;
  createdAt: Date;
}

export interface InvolvedData {
  history: HistoryStat[];
  /**
   * Appointments that overlap an appointment of another of these customers (neither cancelled):
   * the only ones that can clash in a merge.
   */
  appointments: AppointmentRow[];
  /** Per customer, the start of the last appointment up to now (not cancelled). */
  lastAppointments: Map<string, Date>;
  /** Every note of these customers with its position, in note order. */
  notes: { id: string; customerId: string; position: number }[];
  accounts: AccountRow[];
  contactPoints: ContactPointRow[];
  loyalty: Map<string, number>;
}

/** What a row of each table contributes to its hash. */
const HASHED: Record<HistoryTable, string> = {
  appointments: "id::text || '/' || start_at::text || '/' || end_at::text || '/' || status",
  booking_requests: 'id::text',
  invoices: 'id::text',
  subscriptions: 'id::text',
  loyalty_ledger: 'id::text',
  messages: 'id::text',
  customer_notes: 'id::text',
  customer_contact_points: 'id::text',
  online_accounts: "id::text || '/' || state",
};

const json = <T>(value: unknown): T[] =>
  value === null || value === undefined
    ? []
    : ((typeof value === 'string' ? JSON.parse(value) : value) as T[]);

/**
 * Everything about these customers' history a merge needs, in one round trip: rows are
 * aggregated to JSON in the database (per-row results cost far more than one JSON value on the
 * embedded engine), history as counts and hashes rather than ids.
 */
export async function involvedData(
  db: Db,
  tenantId: string,
  customerIds: readonly string[],
  now: Date,
): Promise<InvolvedData> {
  const ids = uuids(customerIds);
  const stats = HISTORY_TABLES.map(
    (t) =>
      sql`SELECT ${t}::text AS t, customer_id, count(*)::int AS n, sum(hashtextextended(${sql.raw(HASHED[t])}, 0))::text AS h
          FROM ${table(t)} WHERE tenant_id = ${tenantId} AND customer_id = ANY(${ids}) GROUP BY customer_id`,
  );
  const [row] = await rows<Record<string, unknown>>(
    db,
    sql`SELECT
      (SELECT json_agg(json_build_array(s.t, s.customer_id, s.n, s.h)) FROM (${sql.join(stats, sql` UNION ALL `)}) s) AS history,
      (SELECT json_agg(json_build_array(a.id, a.customer_id, a.start_at, a.end_at, a.status, a.service)) FROM appointments a
        WHERE a.tenant_id = ${tenantId} AND a.customer_id = ANY(${ids}) AND a.status <> 'cancelled'
          AND EXISTS (SELECT 1 FROM appointments b
            WHERE b.tenant_id = a.tenant_id AND b.customer_id = ANY(${ids}) AND b.customer_id <> a.customer_id
              AND b.status <> 'cancelled' AND b.start_at < a.end_at AND b.end_at > a.start_at
              -- A bound from below keeps each probe a short index range: no appointment is longer
              -- than the longest one of these customers.
              AND b.start_at > a.start_at - (SELECT coalesce(max(end_at - start_at), interval '0') FROM appointments
                WHERE tenant_id = ${tenantId} AND customer_id = ANY(${ids})))) AS appointments,
      (SELECT json_agg(json_build_array(customer_id, last)) FROM (SELECT customer_id, max(start_at) AS last FROM appointments
        WHERE tenant_id = ${tenantId} AND customer_id = ANY(${ids}) AND status <> 'cancelled' AND start_at <= ${now}
        GROUP BY customer_id) l) AS last_appointments,
      (SELECT json_agg(json_build_array(id, customer_id, position) ORDER BY position, created_at, id) FROM customer_notes
        WHERE tenant_id = ${tenantId} AND customer_id = ANY(${ids})) AS notes,
      (SELECT json_agg(json_build_object('id', id, 'customerId', customer_id, 'loginEmail', login_email, 'state', state,
          'disabledReason', disabled_reason, 'disabledAt', disabled_at, 'createdAt', created_at,
          'activatedAt', activated_at, 'lastLoginAt', last_login_at))
        FROM online_accounts WHERE tenant_id = ${tenantId} AND customer_id = ANY(${ids})) AS accounts,
      (SELECT json_agg(json_build_object('id', id, 'customerId', customer_id, 'kind', kind, 'value', value,
          'normalized', normalized, 'label', label, 'origin', origin, 'mergeId', merge_id, 'createdAt', created_at))
        FROM customer_contact_points WHERE tenant_id = ${tenantId} AND customer_id = ANY(${ids})) AS contact_points,
      (SELECT json_agg(json_build_array(customer_id, points)) FROM (SELECT customer_id, sum(points)::int AS points
        FROM loyalty_ledger WHERE tenant_id = ${tenantId} AND customer_id = ANY(${ids}) GROUP BY customer_id) l) AS loyalty`,
  );
  return {
    history: json<[HistoryTable, string, number, string]>(row?.history).map(
      ([t, customerId, count, hash]) => ({
        table: t,
        customerId,
        count,
        hash,
      }),
    ),
    appointments: json<[string, string, string, string, string, string]>(row?.appointments).map(
      ([id, customerId, start, end, status, service]) => ({
        id,
        customerId,
        startAt: toDate(start),
        endAt: toDate(end),
        status,
        service,
      }),
    ),
    accounts: json<Record<string, string | null>>(row?.accounts).map((a) => ({
      ...(a as unknown as AccountRow),
      disabledAt: toDateOrNull(a.disabledAt),
      createdAt: toDate(a.createdAt),
      activatedAt: toDateOrNull(a.activatedAt),
      lastLoginAt: toDateOrNull(a.lastLoginAt),
    })),
    contactPoints: json<Record<string, string | null>>(row?.contact_points).map((p) => ({
      ...(p as unknown as ContactPointRow),
      createdAt: toDate(p.createdAt),
    })),
    loyalty: new Map(json<[string, number]>(row?.loyalty)),
    lastAppointments: new Map(
      json<[string, string]>(row?.last_appointments).map(([customerId, at]) => [customerId, toDate(at)]),
    ),
    notes: json<[string, string, number]>(row?.notes).map(([id, customerId, position]) => ({
      id,
      customerId,
      position,
    })),
  };
}

/**
 * Moves every row of the `from` customers in these tables to `to`, in one statement (one
 * data-modifying CTE per table); returns per table and per origin customer the ids that moved.
 */
export async function moveAll(
  db: Db,
  tenantId: string,
  tables: readonly HistoryTable[],
  from: readonly string[],
  to: string,
): Promise<Partial<Record<HistoryTable, Record<string, string[]>>>> {
  if (tables.length === 0) return {};
  const ctes = tables.map(
    (t) =>
      sql`${sql.raw(`m_${t}`)} AS (UPDATE ${table(t)} SET customer_id = ${to} FROM unnest(${uuids(from)}) AS o(origin)
          WHERE ${table(t)}.tenant_id = ${tenantId} AND ${table(t)}.customer_id = o.origin
          RETURNING ${t}::text AS t, ${table(t)}.id, o.origin)`,
  );
  const all = sql.join(
    tables.map((t) => sql`SELECT * FROM ${sql.raw(`m_${t}`)}`),
    sql` UNION ALL `,
  );
  const [row] = await rows<{ moved: unknown }>(
    db,
    sql`WITH ${sql.join(ctes, sql`, `)}
        SELECT json_agg(json_build_array(g.t, g.origin, g.ids)) AS moved
        FROM (SELECT t, origin, json_agg(id) AS ids FROM (${all}) x GROUP BY t, origin) g`,
  );
  const out: Partial<Record<HistoryTable, Record<string, string[]>>> = {};
  for (const [t, origin, ids] of json<[HistoryTable, string, string[]]>(row?.moved))
    (out[t] ??= {})[origin] = ids;
  return out;
}

/**
 * Moves rows back to the customers they came from, in one statement: per table and origin the
 * row ids. Only rows still on `from` move (anything that left it since stays where it is). Each
 * part reads the survivor's rows through the table's customer index and keeps those whose id is
 * in the (hashed) list, instead of joining the list to the table. Returns how many rows moved
 * back per table.
 */
export async function moveBack(
  db: Db,
  tenantId: string,
  moves: Partial<Record<HistoryTable, Record<string, string[]>>>,
  from: string,
): Promise<Partial<Record<HistoryTable, number>>> {
  const parts: { t: HistoryTable; origin: string; ids: string[] }[] = [];
  for (const t of Object.keys(moves) as HistoryTable[])
    for (const [origin, ids] of Object.entries(moves[t] ?? {}))
      if (ids.length > 0) parts.push({ t, origin, ids });
  if (parts.length === 0) return {};
  const ctes = parts.map(
    ({ t, origin, ids }, i) =>
      sql`${sql.raw(`m${i}`)} AS (UPDATE ${table(t)} SET customer_id = ${origin}
          WHERE tenant_id = ${tenantId} AND customer_id = ${from} AND id = ANY(${uuids(ids)})
          RETURNING 1)`,
  );
  const counts = sql.join(
    parts.map((_, i) => sql`(SELECT count(*) FROM ${sql.raw(`m${i}`)})::int AS ${sql.raw(`m${i}`)}`),
    sql`, `,
  );
  const [row] = await rows<Record<string, number>>(db, sql`WITH ${sql.join(ctes, sql`, `)} SELECT ${counts}`);
  const out: Partial<Record<HistoryTable, number>> = {};
  parts.forEach(({ t }, i) => (out[t] = (out[t] ?? 0) + (row?.[`m${i}`] ?? 0)));
  return out;
}

/**
 * Search terms: while a merge or undo runs, the per-statement search triggers of customers and
 * contact points are told to do nothing (`clienteel.defer_search`, transaction-local), and the
 * involved customers' terms are rebuilt once at the end (`rebuildSearch`) — the triggers would
 * otherwise rebuild them after every statement that touches a profile or its contact points.
 */
export async function deferSearch(db: Db): Promise<void> {
  await db.execute(sql`SELECT set_config('clienteel.defer_search', 'on', true)`);
}

/** The search terms of these customers from their rows and contact points now; ends `deferSearch`. */
export async function rebuildSearch(db: Db, tenantId: string, customerIds: readonly string[]): Promise<void> {
  await db.execute(
    sql`DELETE FROM customer_search_terms WHERE tenant_id = ${tenantId} AND customer_id = ANY(${uuids(customerIds)})`,
  );
  await db.execute(
    sql`SELECT clienteel_insert_terms(ARRAY(SELECT c FROM customers AS c
          WHERE c.tenant_id = ${tenantId} AND c.id = ANY(${uuids(customerIds)})), true),
        set_config('clienteel.defer_search', 'off', true)`,
  );
}

/**
 * Runs the history moves of a merge or undo: defers search terms (see `deferSearch`) and, on the
 * embedded engine (always its superuser), turns triggers off for the moves
 * (`session_replication_role = replica`, transaction-local, switched back right after). That
 * skips PostgreSQL's per-row foreign-key check of `customer_id`, about a third of a move's cost.
 * The check cannot fail there: every customer the rows move to was locked FOR UPDATE and found
 * live earlier in the same transaction, and the only other trigger on these tables (search terms)
 * is deferred anyway. On a PostgreSQL server the checks run as always.
 */
export async function moving<T>(db: Db, skipRowTriggers: boolean, fn: () => Promise<T>): Promise<T> {
  if (!skipRowTriggers) {
    await deferSearch(db);
    return fn();
  }
  const [before] = await rows<{ role: string }>(
    db,
    sql`SELECT current_setting('session_replication_role') AS role, set_config('session_replication_role', 'replica', true),
          set_config('clienteel.defer_search', 'on', true)`,
  );
  const result = await fn();
  await db.execute(sql`SELECT set_config('session_replication_role', ${before?.role ?? 'origin'}, true)`);
  return result;
}

/** Puts notes on `customerId` at the given positions (append on merge, restore on undo). */
export async function placeNotes(
  db: Db,
  tenantId: string,
  customerId: string,
  placement: readonly { id: string; position: number }[],
  onlyFrom?: string,
): Promise<number> {
  if (placement.length === 0) return 0;
  const [row] = await rows<{ n: number }>(
    db,
    sql`WITH moved AS (UPDATE customer_notes n SET customer_id = ${customerId}, position = v.position
          FROM unnest(${uuids(placement.map((p) => p.id))}, ${sql.param(placement.map((p) => p.position))}::int[]) AS v(id, position)
          WHERE n.tenant_id = ${tenantId} AND n.id = v.id ${onlyFrom ? sql`AND n.customer_id = ${onlyFrom}` : sql``}
          RETURNING 1)
        SELECT count(*)::int AS n FROM moved`,
  );
  return row?.n ?? 0;
}

export async function insertContactPoints(
  db: Db,
  tenantId: string,
  points: readonly {
    id: string;
    customerId: string;
    kind: string;
    value: string;
    normalized: string;
    mergeId: string;
  }[],
  now: Date,
): Promise<void> {
  if (points.length === 0) return;
  await db.execute(
    sql`INSERT INTO customer_contact_points (tenant_id, id, customer_id, kind, value, normalized, origin, merge_id, created_at)
        SELECT ${tenantId}, v.id, v.customer_id, v.kind, v.value, v.normalized, 'merge', v.merge_id, ${now}
        FROM unnest(${uuids(points.map((p) => p.id))}, ${uuids(points.map((p) => p.customerId))},
                    ${sql.param(points.map((p) => p.kind))}::text[], ${sql.param(points.map((p) => p.value))}::text[],
                    ${sql.param(points.map((p) => p.normalized))}::text[], ${uuids(points.map((p) => p.mergeId))})
             AS v(id, customer_id, kind, value, normalized, merge_id)`,
  );
}

export async function deleteMergeContactPoints(
  db: Db,
  tenantId: string,
  mergeId: string,
  ids: readonly string[],
): Promise<number> {
  if (ids.length === 0) return 0;
  const deleted = await rows<{ id: string }>(
    db,
    sql`DELETE FROM customer_contact_points WHERE tenant_id = ${tenantId} AND merge_id = ${mergeId}
        AND origin = 'merge' AND id = ANY(${uuids(ids)}) RETURNING id`,
  );
  return deleted.length;
}

export async function disableAccounts(
  db: Db,
  tenantId: string,
  ids: readonly string[],
  reason: string,
  now: Date,
): Promise<void> {
  if (ids.length === 0) return;
  await db.execute(
    sql`UPDATE online_accounts SET state = 'disabled', disabled_reason = ${reason}, disabled_at = ${now}
        WHERE tenant_id = ${tenantId} AND id = ANY(${uuids(ids)})`,
  );
}

export interface AccountState {
  id: string;
  state: string;
  disabledReason: string | null;
  disabledAt: string | null;
}

/** Gives accounts back the state they had, if they still have the one `reason` left them in. */
export async function restoreAccounts(
  db: Db,
  tenantId: string,
  states: readonly AccountState[],
  reason: string,
): Promise<number> {
  if (states.length === 0) return 0;
  const restored = await rows<{ id: string }>(
    db,
    sql`UPDATE online_accounts a SET state = v.state, disabled_reason = v.reason, disabled_at = v.at
        FROM unnest(${uuids(states.map((s) => s.id))}, ${sql.param(states.map((s) => s.state))}::text[],
                    ${sql.param(states.map((s) => s.disabledReason))}::text[], ${sql.param(states.map((s) => s.disabledAt))}::timestamptz[])
             AS v(id, state, reason, at)
        WHERE a.tenant_id = ${tenantId} AND a.id = v.id AND a.state = 'disabled' AND a.disabled_reason = ${reason}
        RETURNING a.id`,
  );
  return restored.length;
}

/** Live logins (not disabled) of the tenant with one of these e-mails, other than the given accounts. */
export async function liveLoginsWithEmail(
  db: Db,
  tenantId: string,
  emails: readonly string[],
  except: readonly string[],
): Promise<{ id: string; loginEmail: string; customerId: string }[]> {
  if (emails.length === 0) return [];
  return rows(
    db,
    sql`SELECT id, login_email AS "loginEmail", customer_id AS "customerId" FROM online_accounts
        WHERE tenant_id = ${tenantId} AND state <> 'disabled'
          AND lower(login_email) = ANY(${sql.param(emails.map((e) => e.toLowerCase()))}::text[])
          AND NOT (id = ANY(${uuids(except)}))`,
  );
}

export async function setAppointmentStatus(
  db: Db,
  tenantId: string,
  changes: readonly { id: string; status: string }[],
  onlyIfStatus: string | null,
  now: Date,
): Promise<number> {
  if (changes.length === 0) return 0;
  const changed = await rows<{ id: string }>(
    db,
    sql`UPDATE appointments a SET status = v.status, updated_at = ${now}
        FROM unnest(${uuids(changes.map((c) => c.id))}, ${sql.param(changes.map((c) => c.status))}::text[]) AS v(id, status)
        WHERE a.tenant_id = ${tenantId} AND a.id = v.id ${onlyIfStatus ? sql`AND a.status = ${onlyIfStatus}` : sql``}
        RETURNING a.id`,
  );
  return changed.length;
}

export async function markMergedAway(
  db: Db,
  tenantId: string,
  ids: readonly string[],
  survivorId: string,
  now: Date,
): Promise<void> {
  await db.execute(
    sql`UPDATE customers SET merged_into = ${survivorId}, merged_at = ${now}, updated_at = ${now}, version = version + 1
        WHERE tenant_id = ${tenantId} AND id = ANY(${uuids(ids)})`,
  );
}

export async function revive(db: Db, tenantId: string, ids: readonly string[], now: Date): Promise<void> {
  await db.execute(
    sql`UPDATE customers SET merged_into = NULL, merged_at = NULL, updated_at = ${now}, version = version + 1
        WHERE tenant_id = ${tenantId} AND id = ANY(${uuids(ids)})`,
  );
}

/**
 * Open duplicate groups with a merged-away member: 'merged' when the merge covered the whole
 * group, 'stale' when members are left (the next scan regroups them). Returns what changed.
 */
export async function closeDuplicateGroups(
  db: Db,
  tenantId: string,
  mergedIds: readonly string[],
  involvedIds: readonly string[],
): Promise<{ id: string; status: string }[]> {
  return rows(
    db,
    sql`UPDATE duplicate_groups SET status = CASE WHEN member_ids <@ ${uuids(involvedIds)} THEN 'merged' ELSE 'stale' END
        WHERE tenant_id = ${tenantId} AND status = 'open' AND member_ids && ${uuids(mergedIds)}
        RETURNING id, status`,
  );
}

/** Reopens groups a merge closed, if nothing else has changed their status since. */
export async function reopenDuplicateGroups(
  db: Db,
  tenantId: string,
  groups: readonly { id: string; status: string }[],
): Promise<void> {
  for (const status of ['merged', 'stale']) {
    const ids = groups.filter((g) => g.status === status).map((g) => g.id);
    if (ids.length === 0) continue;
    await db.execute(
      sql`UPDATE duplicate_groups SET status = 'open' WHERE tenant_id = ${tenantId} AND id = ANY(${uuids(ids)}) AND status = ${status}`,
    );
  }
}

export interface DuplicateGroupRow {
  id: string;
  probability: number;
  memberIds: string[];
  status: string;
}

export async function openGroupsAbove(
  db: Db,
  tenantId: string,
  minProbability: number,
  limit: number,
): Promise<DuplicateGroupRow[]> {
  return rows(
    db,
    sql`SELECT id, probability, member_ids AS "memberIds", status FROM duplicate_groups
        WHERE tenant_id = ${tenantId} AND status = 'open' AND probability >= ${minProbability}
        ORDER BY probability DESC, id LIMIT ${limit}`,
  );
}

export async function findGroups(
  db: Db,
  tenantId: string,
  ids: readonly string[],
): Promise<DuplicateGroupRow[]> {
  return rows(
    db,
    sql`SELECT id, probability, member_ids AS "memberIds", status FROM duplicate_groups
        WHERE tenant_id = ${tenantId} AND id = ANY(${uuids(ids)})`,
  );
}

// The merge history.

export type MergeRow = typeof merges.$inferSelect;

/**
 * Inserts the merge row and returns it as it was written, without reading it back: the row holds
 * every moved id, and RETURNING would serialise and parse all of it again. JSON columns come back
 * as JSON (dates as ISO strings), as a read would give them.
 */
export async function insertMerge(db: Db, row: typeof merges.$inferInsert): Promise<MergeRow> {
  const asJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
  const performedAt = row.performedAt ?? new Date();
  await db.insert(merges).values({ ...row, performedAt });
  return {
    tenantId: row.tenantId,
    id: row.id,
    survivorId: row.survivorId,
    mergedIds: [...row.mergedIds],
    plan: asJson(row.plan),
    beforeSnapshot: asJson(row.beforeSnapshot),
    moved: asJson(row.moved),
    performedBy: row.performedBy ?? null,
    performedAt,
    undoneAt: row.undoneAt ?? null,
    undoneBy: row.undoneBy ?? null,
    choices: asJson(row.choices ?? {}),
    afterState: asJson(row.afterState ?? {}),
    undoResult: row.undoResult === undefined || row.undoResult === null ? null : asJson(row.undoResult),
    jobId: row.jobId ?? null,
    groupId: row.groupId ?? null,
  };
}

export async function findMerge(
  db: Db,
  tenantId: string,
  id: string,
  lock = false,
): Promise<MergeRow | undefined> {
  const query = db
    .select()
    .from(merges)
    .where(and(eq(merges.tenantId, tenantId), eq(merges.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function finishUndo(
  db: Db,
  tenantId: string,
  id: string,
  by: string | null,
  now: Date,
  result: Record<string, unknown>,
): Promise<void> {
  await db
    .update(merges)
    .set({ undoneAt: now, undoneBy: by, undoResult: result })
    .where(and(eq(merges.tenantId, tenantId), eq(merges.id, id)));
}

/**
 * Merges after `after` other than `except`, not undone, that merged one of `customerIds` away:
 * their ids and profiles only (the full rows hold every moved id), newest first.
 */
export async function laterMergesAway(
  db: Db,
  tenantId: string,
  after: Date,
  customerIds: readonly string[],
  except: string,
): Promise<{ id: string; survivorId: string; mergedIds: string[] }[]> {
  return db
    .select({ id: merges.id, survivorId: merges.survivorId, mergedIds: merges.mergedIds })
    .from(merges)
    .where(
      and(
        eq(merges.tenantId, tenantId),
        sql`${merges.undoneAt} IS NULL`,
        sql`${merges.performedAt} >= ${after}`,
        sql`${merges.mergedIds} && ${uuids(customerIds)}`,
        sql`${merges.id} <> ${except}`,
      ),
    )
    .orderBy(desc(merges.performedAt));
}

export interface MergeListFilter {
  customerId?: string | undefined;
  limit: number;
  offset: number;
}

function listWhere(tenantId: string, filter: Pick<MergeListFilter, 'customerId'>): SQL | undefined {
  return and(
    eq(merges.tenantId, tenantId),
    filter.customerId
      ? sql`(${merges.survivorId} = ${filter.customerId} OR ${merges.mergedIds} @> ARRAY[${filter.customerId}]::uuid[])`
      : undefined,
  );
}

export async function listMerges(db: Db, tenantId: string, filter: MergeListFilter): Promise<MergeRow[]> {
  return db
    .select()
    .from(merges)
    .where(listWhere(tenantId, filter))
    .orderBy(desc(merges.performedAt), desc(merges.id))
    .limit(filter.limit)
    .offset(filter.offset);
}

export async function countMerges(db: Db, tenantId: string, filter: Pick<MergeListFilter, 'customerId'>) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(merges)
    .where(listWhere(tenantId, filter));
  return row?.n ?? 0;
}

/** The merge a bulk job made of one duplicate group, if it got that far. */
export async function findJobMerge(
  db: Db,
  tenantId: string,
  jobId: string,
  groupId: string,
): Promise<MergeRow | undefined> {
  const [row] = await db
    .select()
    .from(merges)
    .where(and(eq(merges.tenantId, tenantId), eq(merges.jobId, jobId), eq(merges.groupId, groupId)));
  return row;
}

export async function staffNames(
  db: Db,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const result = await rows<{ id: string; name: string }>(
    db,
    sql`SELECT id, name FROM staff_users WHERE tenant_id = ${tenantId} AND id = ANY(${uuids(ids)})`,
  );
  return new Map(result.map((r) => [r.id, r.name]));
}
