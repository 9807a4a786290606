/**
 * Applying a planned import, as a background job. The rows are applied in chunks, each chunk in
 * one transaction that also moves the import's checkpoint (`applied_through`): a failure inside a
 * chunk rolls that chunk back completely, and the next attempt — the job claimed again after a
 * crash, or staff pressing "resume" after an error — continues after the last committed chunk.
 * Nothing is ever half-applied, and no row is applied twice.
 *
 * Per row, what the plan and the user's choices say:
 *  - new rows (and possible matches the user lets through) become customers with source "import",
 *    validated again with the editing rules at apply time, numbered in one block per chunk;
 *  - certain matches (and possible ones the user linked) update the existing customer: only its
 *    empty fields ("update-empty"), every field the row has a value for ("overwrite"), or nothing
 *    ("skip"). An import never changes a newsletter answer the customer already gave, and never
 *    clears a field: empty cells say nothing;
 *  - duplicates within the file are not created twice: their values were added to the first row
 *    of the same person when planning;
 *  - invalid rows are reported, never written.
 */
import { randomUUID } from 'node:crypto';
import type { CustomerInput } from '../../core/customer/customer.ts';
import { identityHash } from '../../core/customer/identity.ts';
import { changedFields, EMPTY_VALUES, validateCustomer } from '../../core/customer/validate.ts';
import type { FieldError, ValidationContext } from '../../core/customer/validate.ts';
import type { Database, Db } from '../../db/connection.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import * as customers from '../customers/customers.repository.ts';
import type { NewCustomerRow } from '../customers/customers.repository.ts';
import { resolveCustomer, validationContext } from '../customers/customers.service.ts';
import { reindexCustomers } from '../duplicates/matchIndex.ts';
import { AppError, notFound } from '../shared/errors.ts';
import * as repo from './imports.repository.ts';
import type { ImportRow, RowResult, RowToApply } from './imports.repository.ts';

export const IMPORT_APPLY_JOB = 'import.apply';
export const APPLY_CHUNK = 5_000;
/** insertCustomers writes one multi-row VALUES of ~32 parameters per customer; PostgreSQL allows 65,535. */
const INSERT_BATCH = 1_000;

export interface ApplyHooks {
  /** Inside a chunk's transaction, just before it commits: a throw here rolls the chunk back. */
  beforeCommit?: (chunk: number) => Promise<void> | void;
  /** After a chunk committed: a throw here stops the run as a crash would. */
  afterCommit?: (chunk: number) => Promise<void> | void;
}

export interface ApplyOptions {
  now: () => Date;
  actor: string;
  actorStaffId: string | null;
  progress?: (done: number, total: number) => Promise<void>;
  chunkSize?: number;
  hooks?: ApplyHooks;
}

const messageOf = (e: { code: string; field?: string; params?: Record<string, string | number> }): string =>
  JSON.stringify(e);

/** The part of a row's input that may change an existing customer under the user's choice. */
export function matchPatch(
  input: CustomerInput,
  base: ReturnType<typeof customers.valuesOf>,
  mode: 'update-empty' | 'overwrite',
): CustomerInput {
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === null || value === undefined) continue;
    const current = (base as unknown as Record<string, unknown>)[key];
    // A newsletter answer is the customer's own; an old file never replaces it.
    if (key === 'newsletterConsent' && current !== null) continue;
    if (mode === 'update-empty' && current !== null && current !== undefined) continue;
    patch[key] = value;
  }
  return patch as CustomerInput;
}

interface Target {
  row: RowToApply;
  customerId: string;
}

async function applyChunk(
  tx: Db,
  imp: ImportRow,
  list: readonly RowToApply[],
  vctx: ValidationContext,
  now: Date,
  opts: ApplyOptions,
): Promise<RowResult[]> {
  const tenantId = imp.tenantId;
  const results: RowResult[] = [];
  const creates: { row: RowToApply; values: NewCustomerRow['values'] }[] = [];
  const targets: Target[] = [];

  const create = (row: RowToApply) => {
    const checked = validateCustomer((row.input ?? {}) as CustomerInput, EMPTY_VALUES, vctx);
    if (checked.ok) creates.push({ row, values: checked.values });
    else
      results.push({
        idx: row.idx,
        action: 'failed',
        customerId: null,
        message: messageOf(checked.errors[0]!),
      });
  };
  const link = (row: RowToApply, customerId: string | null) => {
    if (customerId === null) {
      results.push({
        idx: row.idx,
        action: 'failed',
        customerId: null,
        message: messageOf({ code: 'import.match_gone' }),
      });
    } else if (imp.onMatch === 'skip') {
      results.push({
        idx: row.idx,
        action: 'skipped',
        customerId,
        message: messageOf({ code: 'import.match_skipped' }),
      });
    } else targets.push({ row, customerId });
  };

  for (const row of list) {
    switch (row.outcome) {
      case 'invalid':
        results.push({ idx: row.idx, action: 'invalid', customerId: null, message: null });
        break;
      case 'file_duplicate':
        results.push({
          idx: row.idx,
          action: 'skipped',
          customerId: null,
          message: messageOf({ code: 'import.file_duplicate' }),
        });
        break;
      case 'new':
        create(row);
        break;
      case 'match':
        link(row, row.matchCustomerId);
        break;
      case 'possible': {
        const decision = row.decision ?? imp.onPossible;
        if (decision === 'create') create(row);
        else if (decision === 'match') link(row, row.decisionCustomerId);
        else
          results.push({
            idx: row.idx,
            action: 'skipped',
            customerId: null,
            message: messageOf({ code: 'import.possible_skipped' }),
          });
        break;
      }
    }
  }

  const created: string[] = [];
  if (creates.length > 0) {
    const first = await customers.reserveNumbers(tx, tenantId, creates.length);
    const newRows: NewCustomerRow[] = creates.map((c, k) => ({
      id: randomUUID(),
      number: first + k,
      values: c.values,
      source: 'import',
      identityHash: identityHash(c.values),
      now,
      newsletterConsentSource: `import:${imp.fileName}`.slice(0, 200),
    }));
    for (let s = 0; s < newRows.length; s += INSERT_BATCH) {
      await customers.insertCustomers(tx, tenantId, newRows.slice(s, s + INSERT_BATCH));
    }
    newRows.forEach((r, k) => {
      created.push(r.id);
      results.push({ idx: creates[k]!.row.idx, action: 'created', customerId: r.id, message: null });
    });
  }

  const updated: string[] = [];
  if (targets.length > 0) {
    // Follow merges: a customer merged since the dry run is updated on its survivor.
    const resolved = new Map<string, string | null>();
    for (const t of targets) {
      if (resolved.has(t.customerId)) continue;
      try {
        resolved.set(t.customerId, (await resolveCustomer(tx, tenantId, t.customerId)).row.id);
      } catch (err) {
        if (!(err instanceof AppError && err.status === 404)) throw err;
        resolved.set(t.customerId, null);
      }
    }
    const live = [...new Set([...resolved.values()].filter((v): v is string => v !== null))];
    const current = new Map((await customers.lockCustomerRows(tx, tenantId, live)).map((r) => [r.id, r]));
    for (const t of targets) {
      const id = resolved.get(t.customerId) ?? null;
      const row = id === null ? undefined : current.get(id);
      if (id === null || !row || row.archivedAt !== null) {
        results.push({
          idx: t.row.idx,
          action: 'failed',
          customerId: null,
          message: messageOf({ code: 'import.match_gone' }),
        });
        continue;
      }
      const base = customers.valuesOf(row);
      const patch = matchPatch(
        (t.row.input ?? {}) as CustomerInput,
        base,
        imp.onMatch === 'overwrite' ? 'overwrite' : 'update-empty',
      );
      const checked = validateCustomer(patch, base, vctx);
      if (!checked.ok) {
        results.push({
          idx: t.row.idx,
          action: 'failed',
          customerId: id,
          message: messageOf(checked.errors[0] as FieldError),
        });
        continue;
      }
      const changed = changedFields(base, checked.values);
      if (changed.length === 0) {
        results.push({ idx: t.row.idx, action: 'unchanged', customerId: id, message: null });
        continue;
      }
      const consent = changed.includes('newsletterConsent')
        ? { newsletterConsentAt: now, newsletterConsentSource: `import:${imp.fileName}`.slice(0, 200) }
        : {};
      const fresh = await customers.updateCustomerValues(
        tx,
        tenantId,
        id,
        row.version,
        { ...checked.values, ...consent },
        now,
      );
      if (!fresh) throw new Error(`customer ${id} changed while locked`);
      current.set(id, fresh);
      updated.push(id);
      await writeAudit(tx, {
        tenantId,
        actorStaffId: opts.actorStaffId,
        actor: opts.actor,
        action: 'customer.updated',
        entityType: 'customer',
        entityId: id,
        customerIds: [id],
        details: {
          source: 'import',
          importId: imp.id,
          row: t.row.rowNumber,
          changes: Object.fromEntries(changed.map((f) => [f, { from: base[f], to: checked.values[f] }])),
        },
        at: now,
      });
      results.push({ idx: t.row.idx, action: 'updated', customerId: id, message: null });
    }
  }

  await reindexCustomers(tx, tenantId, [...created, ...updated], vctx.defaultCountry);
  if (created.length > 0) {
    await writeAudit(tx, {
      tenantId,
      actorStaffId: opts.actorStaffId,
      actor: opts.actor,
      action: 'customers.imported',
      entityType: 'import',
      entityId: imp.id,
      customerIds: created,
      details: { source: 'import', fileName: imp.fileName, count: created.length },
      at: now,
    });
  }
  return results;
}

export interface ApplyResult {
  importId: string;
  actions: Record<string, number>;
}

/** Applies what is left of a planned import, chunk by chunk from its checkpoint. */
export async function applyImport(
  database: Database,
  tenantId: string,
  importId: string,
  opts: ApplyOptions,
): Promise<ApplyResult> {
  const size = opts.chunkSize ?? APPLY_CHUNK;
  const imp = await repo.findImport(database.db, tenantId, importId);
  if (!imp) throw notFound('import');
  if (imp.status === 'applied') return { importId, actions: imp.result ?? {} };
  if (imp.status !== 'applying') throw new AppError(409, 'import.not_planned');
  const total = imp.rowCount;
  let from = imp.appliedThrough;
  try {
    while (from < total - 1) {
      const upTo = Math.min(total - 1, from + size);
      const chunk = Math.floor((from + 1) / size);
      const list = await repo.readRowsToApply(database, tenantId, importId, from, upTo);
      const now = opts.now();
      await database.db.transaction(async (tx) => {
        const locked = await repo.lockImport(tx, tenantId, importId);
        if (!locked || locked.status !== 'applying' || locked.appliedThrough !== from) {
          throw new AppError(409, 'import.applied_elsewhere');
        }
        const vctx = await validationContext(tx, tenantId, now);
        const results = await applyChunk(tx, locked, list, vctx, now, opts);
        await repo.writeResults(tx, tenantId, importId, results);
        if (!(await repo.advanceCheckpoint(tx, tenantId, importId, from, upTo))) {
          throw new AppError(409, 'import.applied_elsewhere');
        }
        await opts.hooks?.beforeCommit?.(chunk);
      });
      from = upTo;
      await opts.hooks?.afterCommit?.(chunk);
      await opts.progress?.(from + 1, total);
    }
    const actions = await repo.countActions(database.db, tenantId, importId);
    const now = opts.now();
    await database.db.transaction(async (tx) => {
      await repo.updateImport(tx, tenantId, importId, {
        status: 'applied',
        result: actions,
        appliedAt: now,
        error: null,
      });
      await writeAudit(tx, {
        tenantId,
        actorStaffId: opts.actorStaffId,
        actor: opts.actor,
        action: 'import.applied',
        entityType: 'import',
        entityId: importId,
        details: { fileName: imp.fileName, actions },
        at: now,
      });
    });
    return { importId, actions };
  } catch (err) {
    // The committed chunks stay (the checkpoint says how far); the import can be resumed. When
    // another worker holds the import, it is that worker's run, not a failure.
    if (!(err instanceof AppError && err.code === 'import.applied_elsewhere')) {
      const message = err instanceof AppError ? err.code : (err as Error).message;
      await repo.updateImport(database.db, tenantId, importId, {
        status: 'failed',
        error: message.slice(0, 500),
      });
    }
    throw err;
  }
}
