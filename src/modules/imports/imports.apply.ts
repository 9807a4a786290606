/**
 * Applying a planned import, as a background job. The rows are applied in the chunks they are
 * stored in, each chunk in one transaction that also moves the import's checkpoint
 * (`applied_through`): a failure inside a
 * chunk rolls that chunk back completely, and the next attempt — the job claimed again after a
 * crash, or staff pressing "resume" after an error — continues after the last committed chunk.
 * Nothing is ever half-applied, and no row is applied twice.
 *
 * Per row, what the plan and the user's choices say:
 *  - new rows (and possible matches the user lets through) become customers with source "import",
 *    with the values the dry run validated (validated again when the business changed its required
 *    fields or country since), numbered in one block per chunk;
 *  - certain matches (and possible ones the user linked) update the existing customer: only its
 *    empty fields ("update-empty"), every field the row has a value for ("overwrite"), or nothing
 *    ("skip"). An import never changes a newsletter answer the customer already gave, and never
 *    clears a field: empty cells say nothing;
 *  - duplicates within the file are not created twice: their values were added to the first row
 *    of the same person when planning;
 *  - invalid rows are reported, never written.
 */
import { randomUUID } from 'node:crypto';
import type { CustomerInput, CustomerValues } from '../../core/customer/customer.ts';
import { identityHash } from '../../core/customer/identity.ts';
import { changedFields, EMPTY_VALUES, validateCustomer } from '../../core/customer/validate.ts';
import type { FieldError, ValidationContext } from '../../core/customer/validate.ts';
import type { Database, Db } from '../../db/connection.ts';
import { writeAudit, writeAudits } from '../audit/audit.repository.ts';
import type { AuditEntry } from '../audit/audit.repository.ts';
import * as customers from '../customers/customers.repository.ts';
import type { NewCustomerRow } from '../customers/customers.repository.ts';
import { validationContext } from '../customers/customers.service.ts';
import { AppError, notFound } from '../shared/errors.ts';
import * as repo from './imports.repository.ts';
import { indexCreatedCustomers, reindexChangedCustomers } from './imports.index.ts';
import { resolveCustomerIds } from './imports.resolve.ts';
import type { Decision, ImportRow } from './imports.repository.ts';
import type { PlanEntry, ResultEntry } from './imports.types.ts';

export const IMPORT_APPLY_JOB = 'import.apply';

export interface ApplyHooks {
  /** Inside a chunk's transaction, just before it commits: a throw here rolls the chunk back. */
  beforeCommit?: (chunk: number) => Promise<void> | void;
  /** After a chunk committed: a throw here stops the run as a crash would. */
  afterCommit?: (chunk: number) => Promise<void> | void;
}

export interface ApplyOptions {
  now: () => Date;
  /**
   * The job this run works for (the import's `job_id`). When given, the run stops as soon as the
   * import belongs to another job, and marks the import failed only while it is still its job's.
   */
  jobId?: string | undefined;
  actor: string;
  actorStaffId: string | null;
  progress?: (done: number, total: number) => Promise<void>;
  hooks?: ApplyHooks;
}

const messageOf = (e: { code: string; field?: string; params?: Record<string, string | number> }): string =>
  JSON.stringify(e);

/** The part of a row's input that may change an existing customer under the user's choice. */
export function matchPatch(
  input: CustomerInput,
  base: CustomerValues,
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

interface Row {
  idx: number;
  rowNumber: number;
  plan: PlanEntry;
  decision: { decision: Decision; customerId: string | null } | undefined;
}

interface Target {
  row: Row;
  customerId: string;
}

async function applyChunk(
  tx: Db,
  imp: ImportRow,
  list: readonly Row[],
  vctx: ValidationContext,
  revalidate: boolean,
  now: Date,
  opts: ApplyOptions,
  embedded: boolean,
): Promise<ResultEntry[]> {
  const tenantId = imp.tenantId;
  const results = new Map<number, ResultEntry>();
  const creates: { row: Row; values: CustomerValues }[] = [];
  const targets: Target[] = [];
  const done = (row: Row, action: ResultEntry['action'], customerId: string | null, message: string | null) =>
    results.set(row.idx, { action, customerId, message });

  const create = (row: Row) => {
    if (!revalidate && row.plan.values !== null) {
      creates.push({ row, values: row.plan.values });
      return;
    }
    const checked = validateCustomer(row.plan.input as CustomerInput, EMPTY_VALUES, vctx);
    if (checked.ok) creates.push({ row, values: checked.values });
    else done(row, 'failed', null, messageOf(checked.errors[0]!));
  };
  const link = (row: Row, customerId: string | null) => {
    if (customerId === null) done(row, 'failed', null, messageOf({ code: 'import.match_gone' }));
    else if (imp.onMatch === 'skip')
      done(row, 'skipped', customerId, messageOf({ code: 'import.match_skipped' }));
    else targets.push({ row, customerId });
  };

  for (const row of list) {
    switch (row.plan.outcome) {
      case 'invalid':
        done(row, 'invalid', null, null);
        break;
      case 'file_duplicate':
        done(row, 'skipped', null, messageOf({ code: 'import.file_duplicate' }));
        break;
      case 'new':
        create(row);
        break;
      case 'match':
        link(row, row.plan.match);
        break;
      case 'possible': {
        const decision = row.decision?.decision ?? imp.onPossible;
        if (decision === 'create') create(row);
        else if (decision === 'match') link(row, row.decision?.customerId ?? null);
        else done(row, 'skipped', null, messageOf({ code: 'import.possible_skipped' }));
        break;
      }
    }
  }

  const created: string[] = [];
  if (creates.length > 0) {
    const first = await customers.reserveNumbers(tx, tenantId, creates.length);
    const consentSource = `import:${imp.fileName}`.slice(0, 200);
    const newRows: NewCustomerRow[] = creates.map((c, k) => ({
      id: randomUUID(),
      number: first + k,
      values: c.values,
      source: 'import',
      identityHash: identityHash(c.values),
      now,
      newsletterConsentSource: consentSource,
    }));
    await repo.insertCustomersBulk(tx, tenantId, newRows);
    newRows.forEach((r, k) => {
      created.push(r.id);
      done(creates[k]!.row, 'created', r.id, null);
    });
  }

  const updated: string[] = [];
  if (targets.length > 0) {
    // Follow merges: a customer merged since the dry run is updated on its survivor.
    const resolved = await resolveCustomerIds(
      tx,
      tenantId,
      targets.map((t) => t.customerId),
    );
    const live = [...new Set([...resolved.values()].filter((v): v is string => v !== null))];
    const locked = await customers.lockCustomerRows(tx, tenantId, live);
    const current = new Map(locked.map((r) => [r.id, r]));
    const lockedVersion = new Map(locked.map((r) => [r.id, r.version]));
    // Rows are applied one after the other in memory, as one update per row would (a second row of
    // the same customer sees what the first wrote), and written in one statement at the end: the
    // customers are locked, so nothing can change them in between.
    const writes = new Map<string, customers.CustomerRow>();
    const consentSet = new Set<string>();
    const audits: AuditEntry[] = [];
    for (const t of targets) {
      const id = resolved.get(t.customerId) ?? null;
      const row = id === null ? undefined : current.get(id);
      if (id === null || !row || row.archivedAt !== null) {
        done(t.row, 'failed', null, messageOf({ code: 'import.match_gone' }));
        continue;
      }
      const base = customers.valuesOf(row);
      const mode = imp.onMatch === 'overwrite' ? 'overwrite' : 'update-empty';
      const patch = matchPatch(t.row.plan.input as CustomerInput, base, mode);
      const checked = validateCustomer(patch, base, vctx);
      if (!checked.ok) {
        done(t.row, 'failed', id, messageOf(checked.errors[0] as FieldError));
        continue;
      }
      const changed = changedFields(base, checked.values);
      if (changed.length === 0) {
        done(t.row, 'unchanged', id, null);
        continue;
      }
      const consent = changed.includes('newsletterConsent')
        ? { newsletterConsentAt: now, newsletterConsentSource: `import:${imp.fileName}`.slice(0, 200) }
        : {};
      // What updateCustomerValues refuses (the caller then fails the chunk): a row merged away or
      // deleted since it was resolved.
      if (row.mergedInto !== null || row.deletedAt !== null) {
        throw new Error(`customer ${id} changed while locked`);
      }
      if (changed.includes('newsletterConsent')) consentSet.add(id);
      const fresh = { ...row, ...checked.values, ...consent, updatedAt: now, version: row.version + 1 };
      current.set(id, fresh);
      writes.set(id, fresh);
      updated.push(id);
      audits.push({
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
      done(t.row, 'updated', id, null);
    }
    const list = [...writes.values()].map((row) => ({
      id: row.id,
      expectedVersion: lockedVersion.get(row.id)!,
      version: row.version,
      values: customers.valuesOf(row),
      consent: consentSet.has(row.id)
        ? { at: row.newsletterConsentAt, source: row.newsletterConsentSource }
        : null,
    }));
    const written = await repo.updateCustomersBulk(tx, tenantId, list, now);
    if (written !== list.length) throw new Error('a customer changed while locked');
    await writeAudits(tx, audits);
  }

  await indexCreatedCustomers(tx, tenantId, created, vctx.defaultCountry, embedded);
  await reindexChangedCustomers(tx, tenantId, updated, vctx.defaultCountry);
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
  return list.map((row) => results.get(row.idx)!);
}

export interface ApplyResult {
  importId: string;
  actions: Record<string, number>;
}

function sameContext(stored: string | null, vctx: ValidationContext): boolean {
  if (stored === null) return false;
  const planned = JSON.parse(stored) as Pick<ValidationContext, 'defaultCountry' | 'required'>;
  return (
    planned.defaultCountry === vctx.defaultCountry &&
    planned.required.phone === vctx.required.phone &&
    planned.required.email === vctx.required.email
  );
}

/** Rows per action over every applied chunk. */
async function countActions(db: Db, tenantId: string, importId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const c of await repo.readChunks<PlanEntry, ResultEntry>(db, tenantId, importId)) {
    for (const r of c.results ?? []) counts[r.action] = (counts[r.action] ?? 0) + 1;
  }
  return counts;
}

/** Applies what is left of a planned import, chunk by chunk from its checkpoint. */
export async function applyImport(
  database: Database,
  tenantId: string,
  importId: string,
  opts: ApplyOptions,
): Promise<ApplyResult> {
  const imp = await repo.findImport(database.db, tenantId, importId);
  if (!imp) throw notFound('import');
  if (imp.status === 'applied') return { importId, actions: imp.result ?? {} };
  if (imp.status !== 'applying') throw new AppError(409, 'import.not_planned');
  const ours = (row: ImportRow) => opts.jobId === undefined || row.jobId === opts.jobId;
  if (!ours(imp)) throw new AppError(409, 'import.applied_elsewhere');
  const total = imp.rowCount;
  try {
    for (const chunk of await repo.chunkNumbers(database.db, tenantId, importId)) {
      const [stored] = await repo.readChunks<PlanEntry, ResultEntry>(database.db, tenantId, importId, [
        chunk,
      ]);
      if (!stored || stored.firstIdx + stored.rowCount - 1 <= imp.appliedThrough) continue;
      const from = stored.firstIdx - 1;
      const upTo = stored.firstIdx + stored.rowCount - 1;
      const now = opts.now();
      await database.db.transaction(async (tx) => {
        const locked = await repo.lockImport(tx, tenantId, importId);
        if (!locked || locked.status !== 'applying' || locked.appliedThrough !== from || !ours(locked)) {
          throw new AppError(409, 'import.applied_elsewhere');
        }
        const vctx = await validationContext(tx, tenantId, now);
        const decisions = await repo.decisionsIn(tx, tenantId, importId, stored.firstIdx, upTo);
        const list: Row[] = stored.cells.map(([rowNumber], i) => ({
          idx: stored.firstIdx + i,
          rowNumber,
          plan: stored.plan![i]!,
          decision: decisions.get(stored.firstIdx + i),
        }));
        const results = await applyChunk(
          tx,
          locked,
          list,
          vctx,
          !sameContext(locked.planContext, vctx),
          now,
          opts,
          database.engine === 'pglite',
        );
        await repo.writeChunkResults(tx, tenantId, importId, chunk, results);
        if (!(await repo.advanceCheckpoint(tx, tenantId, importId, from, upTo))) {
          throw new AppError(409, 'import.applied_elsewhere');
        }
        await opts.hooks?.beforeCommit?.(chunk);
      });
      await opts.hooks?.afterCommit?.(chunk);
      await opts.progress?.(upTo + 1, total);
    }
    const actions = await countActions(database.db, tenantId, importId);
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
      const message = err instanceof AppError ? err.code : (err as Error).message || (err as Error).name;
      await repo.markApplyFailed(database.db, tenantId, importId, message, opts.jobId);
    }
    throw err;
  }
}
