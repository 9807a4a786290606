/**
 * SQL of imports: the uploaded file's rows in chunks, the plan and results written onto the chunks,
 * staff decisions, the checkpoint of applying, saved mappings, and the read of the match index an
 * import's duplicate check needs. Every function takes the tenant id and filters by it.
 */
import { and, desc, eq, getTableColumns, gte, inArray, lte, sql } from 'drizzle-orm';
import { EDITABLE_FIELDS } from '../../core/customer/customer.ts';
import type { CustomerValues } from '../../core/customer/customer.ts';
import type { Db } from '../../db/connection.ts';
import { rows } from '../../db/connection.ts';
import { customers, importChunks, importDecisions, importMappings, imports, jobs } from '../../db/schema.ts';
import type { NewCustomer } from '../../db/schema.ts';
import type { NewCustomerRow } from '../customers/customers.repository.ts';
import { isUuid } from '../shared/schemas.ts';

export type ImportRow = typeof imports.$inferSelect;
export type SavedMapping = typeof importMappings.$inferSelect;

export async function insertImport(db: Db, row: typeof imports.$inferInsert): Promise<void> {
  await db.insert(imports).values(row);
}

export async function findImport(db: Db, tenantId: string, id: string): Promise<ImportRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select()
    .from(imports)
    .where(and(eq(imports.tenantId, tenantId), eq(imports.id, id)));
  return row;
}

/** The import, locked until the transaction ends (one applier, one planner at a time). */
export async function lockImport(db: Db, tenantId: string, id: string): Promise<ImportRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select()
    .from(imports)
    .where(and(eq(imports.tenantId, tenantId), eq(imports.id, id)))
    .for('update');
  return row;
}

/**
 * Serialises starting to apply the tenant's imports (until the transaction ends), so two imports
 * started at the same moment on two instances see each other.
 */
export async function lockTenantImports(db: Db, tenantId: string): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`imports:${tenantId}`}, 0))`);
}

/**
 * Another import of the tenant that is being applied, or applied rows after `plannedAt` (its last
 * run ended after it, or has not ended): customers a dry run made at `plannedAt` has not seen.
 */
export async function appliedSince(
  db: Db,
  tenantId: string,
  id: string,
  plannedAt: Date,
): Promise<{ id: string; fileName: string } | undefined> {
  const [row] = await rows<{ id: string; fileName: string }>(
    db,
    sql`SELECT i.id, i.file_name AS "fileName" FROM imports i
      LEFT JOIN jobs j ON j.tenant_id = i.tenant_id AND j.id = i.job_id
      WHERE i.tenant_id = ${tenantId} AND i.id <> ${id}
        AND (i.status = 'applying'
          OR (i.applied_through >= 0
            AND coalesce(i.applied_at, j.finished_at, now()) > ${plannedAt.toISOString()}::timestamptz))
      LIMIT 1`,
  );
  return row;
}

/** The job that applies an import: queued for the job workers, or running under a caller's lease. */
export interface ApplyJob {
  tenantId: string;
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  createdBy: string | null;
  /** Inserted as running, claimed by `workerId` until the lease runs out (the command line's run). */
  lease?: { workerId: string; seconds: number } | undefined;
}

/**
 * Inserts the job row in the caller's transaction, so the import and its job become `applying`
 * and queued (or running) together: no moment exists where the import is applying without one.
 */
export async function insertApplyJob(db: Db, job: ApplyJob): Promise<void> {
  const lease = job.lease;
  await db.insert(jobs).values({
    tenantId: job.tenantId,
    id: job.id,
    kind: job.kind,
    payload: job.payload,
    createdBy: job.createdBy,
    ...(lease
      ? {
          status: 'running' as const,
          lockedBy: lease.workerId,
          lockedUntil: sql`now() + make_interval(secs => ${lease.seconds})`,
          attempts: 1,
          startedAt: sql`now()`,
        }
      : {}),
  });
}

/** What an import left `applying` by a run that ended says when its job has no message. */
export const INTERRUPTED = 'The run applying this import stopped before it finished; resume it.';

/**
 * Imports of the tenant (or the one import) left `applying` although no job applies them any more
 * — the job gave up after its attempts, was cancelled before it ran, or there is none (a command
 * line run of an older version) — become `failed` with the job's message, resumable from their
 * checkpoint. A queued job, or a running one (even with a lapsed lease: a worker claims it again),
 * still applies its import. Returns the ids it changed.
 */
export async function settleStaleApplies(db: Db, tenantId: string, id?: string): Promise<string[]> {
  if (id !== undefined && !isUuid(id)) return [];
  const changed = await rows<{ id: string }>(
    db,
    sql`UPDATE imports i SET status = 'failed', error = left(coalesce(
        (SELECT nullif(j.error, '') FROM jobs j WHERE j.tenant_id = i.tenant_id AND j.id = i.job_id),
        ${INTERRUPTED}), 500)
      WHERE i.tenant_id = ${tenantId} AND i.status = 'applying'
        ${id === undefined ? sql`` : sql`AND i.id = ${id}`}
        AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.tenant_id = i.tenant_id AND j.id = i.job_id
          AND j.status IN ('queued', 'running'))
      RETURNING i.id`,
  );
  return changed.map((r) => r.id);
}

/**
 * Marks a run's import failed — only while it is applying and, when the run names its job, still
 * that job's (a run that lost the import to another must not mark the other's run failed).
 */
export async function markApplyFailed(
  db: Db,
  tenantId: string,
  id: string,
  error: string,
  jobId: string | undefined,
): Promise<void> {
  await db
    .update(imports)
    .set({ status: 'failed', error: error.slice(0, 500) })
    .where(
      and(
        eq(imports.tenantId, tenantId),
        eq(imports.id, id),
        eq(imports.status, 'applying'),
        jobId === undefined ? undefined : eq(imports.jobId, jobId),
      ),
    );
}

export async function listImports(db: Db, tenantId: string, limit: number): Promise<ImportRow[]> {
  return db
    .select()
    .from(imports)
    .where(eq(imports.tenantId, tenantId))
    .orderBy(desc(imports.createdAt))
    .limit(limit);
}

export async function updateImport(
  db: Db,
  tenantId: string,
  id: string,
  patch: Partial<typeof imports.$inferInsert>,
): Promise<void> {
  await db
    .update(imports)
    .set(patch)
    .where(and(eq(imports.tenantId, tenantId), eq(imports.id, id)));
}

/** Moves the checkpoint only if nobody else moved it first; false when someone did. */
export async function advanceCheckpoint(
  db: Db,
  tenantId: string,
  id: string,
  from: number,
  to: number,
): Promise<boolean> {
  const done = await db
    .update(imports)
    .set({ appliedThrough: to })
    .where(and(eq(imports.tenantId, tenantId), eq(imports.id, id), eq(imports.appliedThrough, from)))
    .returning({ id: imports.id });
  return done.length > 0;
}

export interface ChunkRows {
  chunk: number;
  firstIdx: number;
  /** [spreadsheet row number, cells] per row. */
  rows: [number, string[]][];
}

/** The file's rows, one table row per chunk. */
export async function insertChunks(
  db: Db,
  tenantId: string,
  importId: string,
  chunks: readonly ChunkRows[],
): Promise<void> {
  for (const c of chunks) {
    await db.insert(importChunks).values({
      tenantId,
      importId,
      chunk: c.chunk,
      firstIdx: c.firstIdx,
      rowCount: c.rows.length,
      cells: JSON.stringify(c.rows),
    });
  }
}

export interface StoredChunk<P, R> {
  chunk: number;
  firstIdx: number;
  rowCount: number;
  cells: [number, string[]][];
  plan: P[] | null;
  results: R[] | null;
}

/** Chunks of an import (all, or the ones asked for), in order, with their JSON parsed. */
export async function readChunks<P, R>(
  db: Db,
  tenantId: string,
  importId: string,
  which?: readonly number[],
): Promise<StoredChunk<P, R>[]> {
  const list = await db
    .select()
    .from(importChunks)
    .where(
      and(
        eq(importChunks.tenantId, tenantId),
        eq(importChunks.importId, importId),
        which ? inArray(importChunks.chunk, [...which]) : undefined,
      ),
    )
    .orderBy(importChunks.chunk);
  return list.map((c) => ({
    chunk: c.chunk,
    firstIdx: c.firstIdx,
    rowCount: c.rowCount,
    cells: JSON.parse(c.cells) as [number, string[]][],
    plan: c.plan === null ? null : (JSON.parse(c.plan) as P[]),
    results: c.results === null ? null : (JSON.parse(c.results) as R[]),
  }));
}

export async function chunkNumbers(db: Db, tenantId: string, importId: string): Promise<number[]> {
  const list = await db
    .select({ chunk: importChunks.chunk })
    .from(importChunks)
    .where(and(eq(importChunks.tenantId, tenantId), eq(importChunks.importId, importId)))
    .orderBy(importChunks.chunk);
  return list.map((c) => c.chunk);
}

/** Writes a chunk's plan (and forgets its results). */
export async function writeChunkPlan(
  db: Db,
  tenantId: string,
  importId: string,
  chunk: number,
  plan: readonly unknown[],
): Promise<void> {
  await db
    .update(importChunks)
    .set({ plan: JSON.stringify(plan), results: null })
    .where(
      and(
        eq(importChunks.tenantId, tenantId),
        eq(importChunks.importId, importId),
        eq(importChunks.chunk, chunk),
      ),
    );
}

export async function writeChunkResults(
  db: Db,
  tenantId: string,
  importId: string,
  chunk: number,
  results: readonly unknown[],
): Promise<void> {
  await db
    .update(importChunks)
    .set({ results: JSON.stringify(results) })
    .where(
      and(
        eq(importChunks.tenantId, tenantId),
        eq(importChunks.importId, importId),
        eq(importChunks.chunk, chunk),
      ),
    );
}

export type Decision = 'create' | 'skip' | 'match';

export async function setDecision(
  db: Db,
  tenantId: string,
  importId: string,
  idx: number,
  decision: Decision | null,
  customerId: string | null,
): Promise<void> {
  if (decision === null) {
    await db
      .delete(importDecisions)
      .where(
        and(
          eq(importDecisions.tenantId, tenantId),
          eq(importDecisions.importId, importId),
          eq(importDecisions.idx, idx),
        ),
      );
    return;
  }
  await db
    .insert(importDecisions)
    .values({ tenantId, importId, idx, decision, customerId })
    .onConflictDoUpdate({
      target: [importDecisions.tenantId, importDecisions.importId, importDecisions.idx],
      set: { decision, customerId },
    });
}

export async function clearDecisions(db: Db, tenantId: string, importId: string): Promise<void> {
  await db
    .delete(importDecisions)
    .where(and(eq(importDecisions.tenantId, tenantId), eq(importDecisions.importId, importId)));
}

/** Decisions on rows first..last (inclusive). */
export async function decisionsIn(
  db: Db,
  tenantId: string,
  importId: string,
  first: number,
  last: number,
): Promise<Map<number, { decision: Decision; customerId: string | null }>> {
  const list = await db
    .select()
    .from(importDecisions)
    .where(
      and(
        eq(importDecisions.tenantId, tenantId),
        eq(importDecisions.importId, importId),
        gte(importDecisions.idx, first),
        lte(importDecisions.idx, last),
      ),
    );
  return new Map(list.map((d) => [d.idx, { decision: d.decision, customerId: d.customerId }]));
}

/** Customer numbers of ids, for reports. */
export async function customerNumbers(
  db: Db,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const list = await rows<{ id: string; number: number }>(
    db,
    sql`SELECT id, number FROM customers WHERE tenant_id = ${tenantId} AND id = ANY(${sql.param([...new Set(ids)])}::uuid[])`,
  );
  return new Map(list.map((r) => [r.id, r.number]));
}

/**
 * Customers of the match index sharing each key, for keys held by at most `maxPerKey` customers
 * (a very common surname in one town says nothing and would only cost time).
 */
export async function customersByKey(
  db: Db,
  tenantId: string,
  keys: readonly string[],
  maxPerKey: number,
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const chunk = 50_000;
  for (let start = 0; start < keys.length; start += chunk) {
    const part = keys.slice(start, start + chunk);
    const found = await rows<{ key: string; ids: string[] }>(
      db,
      sql`SELECT m.key, array_agg(m.customer_id) AS ids
        FROM customer_match_keys m
        WHERE m.tenant_id = ${tenantId} AND m.key = ANY(${sql.param(part)}::text[])
        GROUP BY m.key HAVING count(*) <= ${maxPerKey}`,
    );
    for (const f of found) out.set(f.key, typeof f.ids === 'string' ? parseUuidArray(f.ids) : f.ids);
  }
  return out;
}

/** `{a,b}` as some drivers return uuid[] columns. */
function parseUuidArray(text: string): string[] {
  return text
    .replace(/^\{|\}$/g, '')
    .split(',')
    .filter((s) => s !== '');
}

export async function countLiveCustomers(db: Db, tenantId: string): Promise<number> {
  const [row] = await rows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM customers
      WHERE tenant_id = ${tenantId} AND merged_into IS NULL AND deleted_at IS NULL AND archived_at IS NULL`,
  );
  return row?.n ?? 0;
}

export async function listMappings(db: Db, tenantId: string): Promise<SavedMapping[]> {
  return db
    .select()
    .from(importMappings)
    .where(eq(importMappings.tenantId, tenantId))
    .orderBy(desc(importMappings.createdAt));
}

export async function findMappingByName(
  db: Db,
  tenantId: string,
  name: string,
): Promise<SavedMapping | undefined> {
  const [row] = await db
    .select()
    .from(importMappings)
    .where(and(eq(importMappings.tenantId, tenantId), sql`lower(${importMappings.name}) = lower(${name})`));
  return row;
}

export async function upsertMapping(db: Db, row: typeof importMappings.$inferInsert): Promise<void> {
  await db
    .insert(importMappings)
    .values(row)
    .onConflictDoUpdate({
      target: [importMappings.tenantId, importMappings.id],
      set: { name: row.name, header: row.header, mapping: row.mapping },
    });
}

export async function deleteMapping(db: Db, tenantId: string, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const done = await db
    .delete(importMappings)
    .where(and(eq(importMappings.tenantId, tenantId), eq(importMappings.id, id)))
    .returning({ id: importMappings.id });
  return done.length > 0;
}

export interface CustomerSummary {
  id: string;
  number: number;
  firstName: string | null;
  lastName: string | null;
  displayName: string | null;
  email: string | null;
  mobile: string | null;
  mergedInto: string | null;
}

/** Number, name and contact data of customers, to show beside a row's candidates. */
export async function customerSummaries(
  db: Db,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, CustomerSummary>> {
  if (ids.length === 0) return new Map();
  const list = await rows<CustomerSummary>(
    db,
    sql`SELECT id, number, first_name AS "firstName", last_name AS "lastName", display_name AS "displayName",
        email, mobile, merged_into AS "mergedInto"
      FROM customers WHERE tenant_id = ${tenantId} AND id = ANY(${sql.param([...new Set(ids)])}::uuid[])`,
  );
  return new Map(list.map((c) => [c.id, c]));
}

/** The editable customer columns a match writes (every field of CustomerValues). */
const VALUE_COLUMNS = [
  ...EDITABLE_FIELDS,
  'mobileE164',
  'landlineE164',
  'phone2E164',
] as const satisfies readonly (keyof CustomerValues)[];

// A CustomerValues field missing above fails the type check here.
type UnlistedValue = Exclude<keyof CustomerValues, (typeof VALUE_COLUMNS)[number]>;
const everyValueListed: [UnlistedValue] extends [never] ? true : UnlistedValue = true;
void everyValueListed;

/** The customer columns an import writes, in the order of the unnest arrays below. */
const BULK_COLUMNS = [
  'tenantId',
  'id',
  'number',
  ...VALUE_COLUMNS,
  'newsletterConsentAt',
  'newsletterConsentSource',
  'source',
  'identityHash',
  'customerSince',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof NewCustomer)[];

/**
 * The import's bulk variant of customers.repository `insertCustomers`: the same rows (the same
 * consent, since and timestamp rules; a test compares both) in one `INSERT … SELECT FROM unnest`
 * per call. Building a multi-row VALUES statement for thousands of customers cost more CPU on
 * PGlite than the insert itself (measured: 1.9 s vs 1.2 s per 5,000 rows).
 */
export async function insertCustomersBulk(
  db: Db,
  tenantId: string,
  list: readonly NewCustomerRow[],
): Promise<void> {
  if (list.length === 0) return;
  const columns = getTableColumns(customers);
  const records: NewCustomer[] = list.map((r) => ({
    tenantId,
    id: r.id,
    number: r.number,
    ...r.values,
    newsletterConsentAt: r.values.newsletterConsent === null ? null : r.now,
    newsletterConsentSource:
      r.values.newsletterConsent === null ? null : (r.newsletterConsentSource ?? r.source),
    source: r.source,
    identityHash: r.identityHash,
    customerSince: r.customerSince ?? r.now,
    createdAt: r.now,
    updatedAt: r.now,
  }));
  const names = sql.raw(BULK_COLUMNS.map((k) => `"${columns[k].name}"`).join(', '));
  const arrays = sql.join(
    BULK_COLUMNS.map((k) => {
      const values = records.map((r) => {
        const v = r[k];
        return v instanceof Date ? v.toISOString() : (v ?? null);
      });
      return sql`${sql.param(values)}::${sql.raw(columns[k].getSQLType())}[]`;
    }),
    sql`, `,
  );
  await db.execute(sql`INSERT INTO customers (${names}) SELECT * FROM unnest(${arrays})`);
}

export interface CustomerWrite {
  id: string;
  /** The version the row had when it was locked: the write is refused if it has another. */
  expectedVersion: number;
  /** The version after the write (one more per row of the chunk that changed it). */
  version: number;
  values: CustomerValues;
  /** The newsletter answer changed: consent time and source are set to these. */
  consent: { at: Date | null; source: string | null } | null;
}

/**
 * The import's bulk variant of customers.repository `updateCustomerValues` for the customers a
 * chunk's matches changed, all in one `UPDATE … FROM unnest` (one statement, so the search
 * triggers run once): the same columns (every value, consent time and source when the answer
 * changed, updated_at, version). The rows must be locked by the caller and checked live (not
 * merged away, not deleted): that test is not repeated here, because on a table without planner
 * statistics (PGlite has no autovacuum) it made PostgreSQL read the tenant's every customer through
 * the list's partial index instead of the primary key. Returns how many rows it wrote.
 */
export async function updateCustomersBulk(
  db: Db,
  tenantId: string,
  list: readonly CustomerWrite[],
  now: Date,
): Promise<number> {
  if (list.length === 0) return 0;
  const columns = getTableColumns(customers);
  const ids = sql`${sql.param(list.map((w) => w.id))}::uuid[]`;
  const arrays = [
    ids,
    sql`${sql.param(list.map((w) => w.expectedVersion))}::integer[]`,
    sql`${sql.param(list.map((w) => w.version))}::integer[]`,
    sql`${sql.param(list.map((w) => w.consent !== null))}::boolean[]`,
    sql`${sql.param(list.map((w) => w.consent?.at?.toISOString() ?? null))}::timestamptz[]`,
    sql`${sql.param(list.map((w) => w.consent?.source ?? null))}::text[]`,
    ...VALUE_COLUMNS.map(
      (k) => sql`${sql.param(list.map((w) => w.values[k] ?? null))}::${sql.raw(columns[k].getSQLType())}[]`,
    ),
  ];
  const names = ['id', 'expected', 'version', 'consent', 'consent_at', 'consent_source'].concat(
    VALUE_COLUMNS.map((k) => `v_${columns[k].name}`),
  );
  const set = sql.raw(
    VALUE_COLUMNS.map((k) => `"${columns[k].name}" = t."v_${columns[k].name}"`).join(', ') +
      `, newsletter_consent_at = CASE WHEN t.consent THEN t.consent_at ELSE c.newsletter_consent_at END` +
      `, newsletter_consent_source = CASE WHEN t.consent THEN t.consent_source ELSE c.newsletter_consent_source END` +
      `, version = t.version`,
  );
  const done = await rows<{ id: string }>(
    db,
    sql`UPDATE customers c SET ${set}, updated_at = ${now.toISOString()}::timestamptz
      FROM unnest(${sql.join(arrays, sql`, `)}) AS t(${sql.raw(names.map((n) => `"${n}"`).join(', '))})
      WHERE c.tenant_id = ${tenantId} AND c.id = ANY(${ids}) AND c.id = t.id AND c.version = t.expected
      RETURNING c.id`,
  );
  return done.length;
}
