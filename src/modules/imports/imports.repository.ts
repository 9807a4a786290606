/**
 * SQL of imports: the uploaded file's rows, the plan written onto them, the checkpoint of applying,
 * saved mappings, and the read of the match index an import's duplicate check needs. Every
 * function takes the tenant id and filters by it. Bulk reads go through `copyRows` (COPY on
 * PGlite), bulk writes through `unnest` arrays: an import has up to 200,000 rows.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Database, Db } from '../../db/connection.ts';
import { rows } from '../../db/connection.ts';
import { importMappings, importRows, imports } from '../../db/schema.ts';
import { isUuid } from '../shared/schemas.ts';

export type ImportRow = typeof imports.$inferSelect;
export type ImportRowRecord = typeof importRows.$inferSelect;
export type SavedMapping = typeof importMappings.$inferSelect;

/** A uuid to inline into a COPY statement (which takes no parameters); anything else is refused. */
function literalUuid(id: string): string {
  if (!isUuid(id)) throw new Error(`not a uuid: ${id}`);
  return `'${id.toLowerCase()}'`;
}

export async function insertImport(db: Db, row: typeof imports.$inferInsert): Promise<void> {
  await db.insert(imports).values(row);
}

/** The file's rows, in chunks of one statement each. */
export async function insertImportRows(
  db: Db,
  tenantId: string,
  importId: string,
  cells: readonly string[][],
  rowNumbers: readonly number[],
): Promise<void> {
  const chunk = 10_000;
  for (let start = 0; start < cells.length; start += chunk) {
    const end = Math.min(cells.length, start + chunk);
    const idx: number[] = [];
    const numbers: number[] = [];
    const json: string[] = [];
    for (let i = start; i < end; i++) {
      idx.push(i);
      numbers.push(rowNumbers[i] ?? i + 2);
      json.push(JSON.stringify(cells[i]));
    }
    await db.execute(sql`
      INSERT INTO import_rows (tenant_id, import_id, idx, row_number, cells)
      SELECT ${tenantId}::uuid, ${importId}::uuid, i, n, c::jsonb
      FROM unnest(${sql.param(idx)}::int[], ${sql.param(numbers)}::int[], ${sql.param(json)}::text[]) AS t(i, n, c)`);
  }
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

/** Cells of every row, for planning. */
export async function readCells(
  database: Database,
  tenantId: string,
  importId: string,
): Promise<{ idx: number; rowNumber: number; cells: string[] }[]> {
  const raw = await database.copyRows(
    `SELECT idx, row_number, cells::text FROM import_rows
     WHERE tenant_id = ${literalUuid(tenantId)} AND import_id = ${literalUuid(importId)} ORDER BY idx`,
  );
  return raw.map((r) => ({ idx: Number(r[0]), rowNumber: Number(r[1]), cells: JSON.parse(r[2] ?? '[]') }));
}

export interface PlannedRow {
  idx: number;
  input: Record<string, unknown> | null;
  outcome: (typeof importRows.$inferSelect)['outcome'];
  errors: unknown[];
  candidates: unknown[];
  matchCustomerId: string | null;
  matchReason: string | null;
  duplicateOf: number | null;
}

/** Writes the plan onto the rows (and forgets earlier decisions and results). */
export async function writePlan(
  db: Db,
  tenantId: string,
  importId: string,
  planned: readonly PlannedRow[],
): Promise<void> {
  const chunk = 10_000;
  for (let start = 0; start < planned.length; start += chunk) {
    const part = planned.slice(start, start + chunk);
    await db.execute(sql`
      UPDATE import_rows r SET input = t.input::jsonb, outcome = t.outcome, errors = t.errors::jsonb,
        candidates = t.candidates::jsonb, match_customer_id = t.match, match_reason = t.reason,
        duplicate_of = t.dup, decision = NULL, decision_customer_id = NULL, action = NULL,
        customer_id = NULL, message = NULL
      FROM unnest(
        ${sql.param(part.map((p) => p.idx))}::int[],
        ${sql.param(part.map((p) => (p.input === null ? null : JSON.stringify(p.input))))}::text[],
        ${sql.param(part.map((p) => p.outcome))}::text[],
        ${sql.param(part.map((p) => JSON.stringify(p.errors)))}::text[],
        ${sql.param(part.map((p) => JSON.stringify(p.candidates)))}::text[],
        ${sql.param(part.map((p) => p.matchCustomerId))}::uuid[],
        ${sql.param(part.map((p) => p.matchReason))}::text[],
        ${sql.param(part.map((p) => p.duplicateOf))}::int[]
      ) AS t(idx, input, outcome, errors, candidates, match, reason, dup)
      WHERE r.tenant_id = ${tenantId} AND r.import_id = ${importId} AND r.idx = t.idx`);
  }
}

export interface RowToApply {
  idx: number;
  rowNumber: number;
  input: Record<string, unknown> | null;
  outcome: NonNullable<ImportRowRecord['outcome']>;
  matchCustomerId: string | null;
  duplicateOf: number | null;
  decision: ImportRowRecord['decision'];
  decisionCustomerId: string | null;
}

/** Rows idx in (after, upTo], in file order. */
export async function readRowsToApply(
  database: Database,
  tenantId: string,
  importId: string,
  after: number,
  upTo: number,
): Promise<RowToApply[]> {
  const raw = await database.copyRows(
    `SELECT idx, row_number, input::text, outcome, match_customer_id, duplicate_of, decision, decision_customer_id
     FROM import_rows WHERE tenant_id = ${literalUuid(tenantId)} AND import_id = ${literalUuid(importId)}
       AND idx > ${Math.trunc(after)} AND idx <= ${Math.trunc(upTo)} ORDER BY idx`,
  );
  return raw.map((r) => ({
    idx: Number(r[0]),
    rowNumber: Number(r[1]),
    input: r[2] === null || r[2] === undefined ? null : (JSON.parse(r[2]) as Record<string, unknown>),
    outcome: r[3] as RowToApply['outcome'],
    matchCustomerId: r[4] ?? null,
    duplicateOf: r[5] === null ? null : Number(r[5]),
    decision: (r[6] ?? null) as RowToApply['decision'],
    decisionCustomerId: r[7] ?? null,
  }));
}

export interface RowResult {
  idx: number;
  action: NonNullable<ImportRowRecord['action']>;
  customerId: string | null;
  message: string | null;
}

export async function writeResults(
  db: Db,
  tenantId: string,
  importId: string,
  results: readonly RowResult[],
): Promise<void> {
  const chunk = 10_000;
  for (let start = 0; start < results.length; start += chunk) {
    const part = results.slice(start, start + chunk);
    await db.execute(sql`
      UPDATE import_rows r SET action = t.action, customer_id = t.customer, message = t.message
      FROM unnest(
        ${sql.param(part.map((p) => p.idx))}::int[],
        ${sql.param(part.map((p) => p.action))}::text[],
        ${sql.param(part.map((p) => p.customerId))}::uuid[],
        ${sql.param(part.map((p) => p.message))}::text[]
      ) AS t(idx, action, customer, message)
      WHERE r.tenant_id = ${tenantId} AND r.import_id = ${importId} AND r.idx = t.idx`);
  }
}

export interface ListedRow {
  idx: number;
  rowNumber: number;
  cells: string[];
  input: Record<string, unknown> | null;
  outcome: ImportRowRecord['outcome'];
  errors: unknown[];
  candidates: unknown[];
  matchCustomerId: string | null;
  matchReason: string | null;
  duplicateOf: number | null;
  decision: ImportRowRecord['decision'];
  decisionCustomerId: string | null;
  action: ImportRowRecord['action'];
  customerId: string | null;
  customerNumber: number | null;
  message: string | null;
}

const LISTED = sql`r.idx, r.row_number AS "rowNumber", r.cells, r.input, r.outcome, r.errors, r.candidates,
  r.match_customer_id AS "matchCustomerId", r.match_reason AS "matchReason", r.duplicate_of AS "duplicateOf",
  r.decision, r.decision_customer_id AS "decisionCustomerId", r.action, r.customer_id AS "customerId",
  c.number AS "customerNumber", r.message`;

export async function listRows(
  db: Db,
  tenantId: string,
  importId: string,
  opts: { outcome?: string | undefined; action?: string | undefined; limit: number; offset: number },
): Promise<{ total: number; rows: ListedRow[] }> {
  const where = sql`r.tenant_id = ${tenantId} AND r.import_id = ${importId}
    ${opts.outcome ? sql`AND r.outcome = ${opts.outcome}` : sql``}
    ${opts.action ? sql`AND r.action = ${opts.action}` : sql``}`;
  const [count] = await rows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM import_rows r WHERE ${where}`,
  );
  const list = await rows<ListedRow>(
    db,
    sql`SELECT ${LISTED} FROM import_rows r
      LEFT JOIN customers c ON c.tenant_id = r.tenant_id AND c.id = coalesce(r.customer_id, r.match_customer_id)
      WHERE ${where} ORDER BY r.idx LIMIT ${opts.limit} OFFSET ${opts.offset}`,
  );
  return { total: count?.n ?? 0, rows: list };
}

export async function findRow(
  db: Db,
  tenantId: string,
  importId: string,
  idx: number,
): Promise<ImportRowRecord | undefined> {
  const [row] = await db
    .select()
    .from(importRows)
    .where(
      and(eq(importRows.tenantId, tenantId), eq(importRows.importId, importId), eq(importRows.idx, idx)),
    );
  return row;
}

export async function setDecision(
  db: Db,
  tenantId: string,
  importId: string,
  idx: number,
  decision: 'create' | 'skip' | 'match' | null,
  customerId: string | null,
): Promise<void> {
  await db
    .update(importRows)
    .set({ decision, decisionCustomerId: customerId })
    .where(
      and(eq(importRows.tenantId, tenantId), eq(importRows.importId, importId), eq(importRows.idx, idx)),
    );
}

/** Every row with what happened to it and the customer's number, for the downloadable report. */
export async function reportRows(
  database: Database,
  tenantId: string,
  importId: string,
): Promise<(string | null)[][]> {
  return database.copyRows(
    `SELECT r.row_number, r.outcome, r.action, c.number, coalesce(r.customer_id, r.match_customer_id),
       r.input::text, r.cells::text, r.errors::text, r.message, r.duplicate_of, r.match_reason
     FROM import_rows r
     LEFT JOIN customers c ON c.tenant_id = r.tenant_id AND c.id = coalesce(r.customer_id, r.match_customer_id)
     WHERE r.tenant_id = ${literalUuid(tenantId)} AND r.import_id = ${literalUuid(importId)} ORDER BY r.idx`,
  );
}

/** Spreadsheet row numbers by index, for "duplicate of row N". */
export async function rowNumbersOf(
  db: Db,
  tenantId: string,
  importId: string,
  idx: readonly number[],
): Promise<Map<number, number>> {
  if (idx.length === 0) return new Map();
  const list = await rows<{ idx: number; rowNumber: number }>(
    db,
    sql`SELECT idx, row_number AS "rowNumber" FROM import_rows
      WHERE tenant_id = ${tenantId} AND import_id = ${importId} AND idx = ANY(${sql.param([...idx])}::int[])`,
  );
  return new Map(list.map((r) => [r.idx, r.rowNumber]));
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

/** How many rows ended in each action. */
export async function countActions(
  db: Db,
  tenantId: string,
  importId: string,
): Promise<Record<string, number>> {
  const list = await rows<{ action: string | null; n: number }>(
    db,
    sql`SELECT action, count(*)::int AS n FROM import_rows
      WHERE tenant_id = ${tenantId} AND import_id = ${importId} GROUP BY action`,
  );
  return Object.fromEntries(list.map((r) => [r.action ?? 'pending', r.n]));
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
