/**
 * CSV imports, the way staff go through them: upload (the file read and checked as a whole;
 * nothing is stored when it is unreadable), map columns (suggested, editable, saveable), dry run
 * (imports.plan.ts), choose what happens to matches, apply as a background job
 * (imports.apply.ts), download the per-row report.
 */
import { randomUUID } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import { nameOf } from '../../core/customer/customer.ts';
import type { ColumnMapping, Delimiter, ForcedEncoding } from '../../core/import/index.ts';
import {
  mappingProblem,
  normaliseHeader,
  parseCustomerFile,
  suggestMapping,
} from '../../core/import/index.ts';
import type { ImportLimits, RowError } from '../../core/import/index.ts';
import type { Database, Db } from '../../db/connection.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import type { JobQueue } from '../jobs/jobs.service.ts';
import type { JobRow } from '../jobs/jobs.repository.ts';
import type { Actor } from '../shared/actor.ts';
import { actorLabel } from '../shared/actor.ts';
import { AppError, invalid, notFound } from '../shared/errors.ts';
import type { Language } from '../shared/language.ts';
import { translate } from '../shared/messages.ts';
import { IMPORT_APPLY_JOB } from './imports.apply.ts';
import { assertPlannable } from './imports.plan.ts';
import * as repo from './imports.repository.ts';
import type { ImportRow, SavedMapping } from './imports.repository.ts';
import type { Action, Outcome, OutcomeIndex, PlanEntry, ResultEntry } from './imports.types.ts';
import './imports.messages.ts';

export interface UploadOptions {
  fileName: string;
  encoding?: ForcedEncoding | undefined;
  delimiter?: Delimiter | undefined;
  limits?: Partial<ImportLimits>;
  /** Rows per stored chunk, which is also the unit of applying (tests use small ones). */
  chunkRows?: number;
}

export const CHUNK_ROWS = 5_000;

export interface Uploaded {
  import: ImportRow;
  /** The first rows, to show beside the mapping. */
  sample: string[][];
  /** The saved mapping whose header equals this file's, when there is one (its mapping is used). */
  savedMappingId: string | null;
}

const SAMPLE_ROWS = 5;

const sameHeader = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((h, i) => normaliseHeader(h) === normaliseHeader(b[i] ?? ''));

export async function uploadImport(
  database: Database,
  actor: { tenantId: string; staffId: string | null; label: string },
  bytes: Uint8Array,
  opts: UploadOptions,
  now: Date,
): Promise<Uploaded> {
  const parsed = parseCustomerFile(bytes, {
    encoding: opts.encoding,
    delimiter: opts.delimiter,
    ...(opts.limits ? { limits: opts.limits } : {}),
  });
  if (!parsed.ok) throw new AppError(400, parsed.error.code, { field: 'file', params: parsed.error.params });
  const file = parsed.value;
  const saved = (await repo.listMappings(database.db, actor.tenantId)).find((m) =>
    sameHeader(m.header, file.header),
  );
  const mapping = saved ? (saved.mapping as ColumnMapping) : suggestMapping(file.header);
  const id = randomUUID();
  const chunkRows = opts.chunkRows ?? CHUNK_ROWS;
  await database.db.transaction(async (tx) => {
    await repo.insertImport(tx, {
      tenantId: actor.tenantId,
      id,
      fileName: opts.fileName.slice(0, 200) || 'import.csv',
      fileBytes: bytes.length,
      encoding: file.encoding,
      delimiter: file.delimiter,
      header: file.header,
      rowCount: file.rows.length,
      mapping,
      chunkRows,
      createdBy: actor.staffId,
      createdAt: now,
    });
    const chunks: repo.ChunkRows[] = [];
    for (let first = 0; first < file.rows.length; first += chunkRows) {
      chunks.push({
        chunk: chunks.length,
        firstIdx: first,
        rows: file.rows
          .slice(first, first + chunkRows)
          .map((cells, i) => [file.rowNumbers[first + i]!, cells]),
      });
    }
    await repo.insertChunks(tx, actor.tenantId, id, chunks);
    await writeAudit(tx, {
      tenantId: actor.tenantId,
      actorStaffId: actor.staffId,
      actor: actor.label,
      action: 'import.uploaded',
      entityType: 'import',
      entityId: id,
      details: {
        fileName: opts.fileName,
        rows: file.rows.length,
        encoding: file.encoding,
        delimiter: file.delimiter,
      },
      at: now,
    });
  });
  const imp = await repo.findImport(database.db, actor.tenantId, id);
  return { import: imp!, sample: file.rows.slice(0, SAMPLE_ROWS), savedMappingId: saved?.id ?? null };
}

/** The import; one left `applying` by a job that ended without finishing it is `failed` from now. */
export async function getImport(database: Database, tenantId: string, id: string): Promise<ImportRow> {
  const imp = await repo.findImport(database.db, tenantId, id);
  if (!imp) throw notFound('import');
  if (imp.status !== 'applying' || (await repo.settleStaleApplies(database.db, tenantId, id)).length === 0)
    return imp;
  return (await repo.findImport(database.db, tenantId, id))!;
}

/** Sample rows of an import (the first few), for the mapping step after a reload. */
export async function sampleRows(database: Database, tenantId: string, id: string): Promise<string[][]> {
  const [first] = await repo.readChunks(database.db, tenantId, id, [0]);
  return (first?.cells ?? []).slice(0, SAMPLE_ROWS).map(([, cells]) => cells);
}

export interface ListedRow {
  idx: number;
  rowNumber: number;
  cells: string[];
  plan: PlanEntry | null;
  result: ResultEntry | null;
  decision: { decision: repo.Decision; customerId: string | null } | null;
}

/** Rows of an import by outcome (from the dry run) or action (once applied), a page at a time. */
export async function listRows(
  database: Database,
  tenantId: string,
  id: string,
  opts: { outcome?: Outcome | undefined; action?: Action | undefined; limit: number; offset: number },
): Promise<{ total: number; rows: ListedRow[] }> {
  const imp = await getImport(database, tenantId, id);
  const db = database.db;
  let selected: number[];
  if (opts.outcome) {
    const index = imp.outcomeIndex === null ? {} : (JSON.parse(imp.outcomeIndex) as OutcomeIndex);
    selected = index[opts.outcome] ?? [];
  } else if (opts.action) {
    selected = [];
    for (const c of await repo.readChunks<PlanEntry, ResultEntry>(db, tenantId, id)) {
      (c.results ?? []).forEach((r, i) => r.action === opts.action && selected.push(c.firstIdx + i));
    }
  } else {
    selected = Array.from({ length: imp.rowCount }, (_, i) => i);
  }
  const page = selected.slice(opts.offset, opts.offset + opts.limit);
  if (page.length === 0) return { total: selected.length, rows: [] };
  const chunks = await repo.readChunks<PlanEntry, ResultEntry>(db, tenantId, id, [
    ...new Set(page.map((i) => Math.floor(i / imp.chunkRows))),
  ]);
  const byChunk = new Map(chunks.map((c) => [c.chunk, c]));
  const decisions = await repo.decisionsIn(db, tenantId, id, page[0]!, page.at(-1)!);
  const rows = page.flatMap((idx) => {
    const c = byChunk.get(Math.floor(idx / imp.chunkRows));
    const at = c ? idx - c.firstIdx : -1;
    const cell = c?.cells[at];
    if (!c || !cell) return [];
    return [
      {
        idx,
        rowNumber: cell[0],
        cells: cell[1],
        plan: c.plan?.[at] ?? null,
        result: c.results?.[at] ?? null,
        decision: decisions.get(idx) ?? null,
      },
    ];
  });
  return { total: selected.length, rows };
}

/** The dry-run entry of one row, or 404. */
async function planEntry(db: Db, imp: ImportRow, idx: number): Promise<PlanEntry> {
  const [c] = await repo.readChunks<PlanEntry, ResultEntry>(db, imp.tenantId, imp.id, [
    Math.floor(idx / imp.chunkRows),
  ]);
  const entry = c?.plan?.[idx - c.firstIdx];
  if (!entry || idx >= imp.rowCount) throw notFound('import_row');
  return entry;
}

/** Changes what happens to matches; allowed until applying has started. */
export async function setChoices(
  database: Database,
  tenantId: string,
  id: string,
  choices: { onMatch?: ImportRow['onMatch'] | undefined; onPossible?: ImportRow['onPossible'] | undefined },
): Promise<ImportRow> {
  return database.db.transaction(async (tx) => {
    const imp = await repo.lockImport(tx, tenantId, id);
    if (!imp) throw notFound('import');
    if (imp.appliedThrough >= 0 || imp.status === 'applying' || imp.status === 'applied') {
      throw new AppError(409, 'import.choices_locked');
    }
    await repo.updateImport(tx, tenantId, id, {
      ...(choices.onMatch ? { onMatch: choices.onMatch } : {}),
      ...(choices.onPossible ? { onPossible: choices.onPossible } : {}),
    });
    return (await repo.findImport(tx, tenantId, id))!;
  });
}

/** A user's decision on a row that possibly matches an existing customer. */
export async function decideRow(
  database: Database,
  tenantId: string,
  id: string,
  idx: number,
  decision: { decision: 'create' | 'skip' | 'match' | null; customerId?: string | null | undefined },
): Promise<void> {
  await database.db.transaction(async (tx) => {
    const imp = await repo.lockImport(tx, tenantId, id);
    if (!imp) throw notFound('import');
    if (imp.appliedThrough >= 0 || imp.status === 'applying' || imp.status === 'applied') {
      throw new AppError(409, 'import.choices_locked');
    }
    if (imp.status !== 'planned') throw new AppError(409, 'import.not_planned');
    const row = await planEntry(tx, imp, idx);
    if (row.outcome !== 'possible') throw invalid('decision', 'import.not_possible_row');
    let customerId: string | null = null;
    if (decision.decision === 'match') {
      const candidates = row.candidates;
      customerId = decision.customerId ?? null;
      if (customerId === null || !candidates.some((c) => c.customerId === customerId)) {
        throw invalid('customerId', 'import.not_a_candidate');
      }
    }
    await repo.setDecision(tx, tenantId, id, idx, decision.decision, customerId);
  });
}

type ApplyChoices = {
  onMatch?: ImportRow['onMatch'] | undefined;
  onPossible?: ImportRow['onPossible'] | undefined;
};

/**
 * Marks a planned import `applying` (or resumes a failed or interrupted one from its checkpoint)
 * together with the job that applies it, in one transaction under the tenant's import lock — the
 * lock every start takes, so two instances starting imports of one business see each other.
 * Returns the job's id. An import still `applying` is resumable once no job applies it any more.
 */
export async function claimApply(
  database: Database,
  actor: { tenantId: string; staffId: string | null; label: string },
  id: string,
  choices: ApplyChoices,
  lease?: repo.ApplyJob['lease'],
): Promise<string> {
  const tenantId = actor.tenantId;
  return database.db.transaction(async (tx) => {
    await repo.lockTenantImports(tx, tenantId);
    // Imports whose job gave up (or that lost their run) are failed now, resumable, and no longer
    // hold up the other imports of the business as "being applied".
    await repo.settleStaleApplies(tx, tenantId);
    const imp = await repo.lockImport(tx, tenantId, id);
    if (!imp) throw notFound('import');
    if (imp.status === 'uploaded') throw new AppError(409, 'import.not_planned');
    if (imp.status === 'applying' || imp.status === 'applied') {
      throw new AppError(409, 'import.already_applied', {
        details: { status: imp.status, jobId: imp.jobId },
      });
    }
    // The dry run matched the rows against the customers of its moment: when another import
    // creates or changes customers since, applying it could create them twice. (A resumed import
    // keeps its plan: part of it is in, and it cannot be planned again.)
    const other =
      imp.appliedThrough < 0 && imp.plannedAt !== null
        ? await repo.appliedSince(tx, tenantId, id, imp.plannedAt)
        : undefined;
    if (other) {
      throw new AppError(409, 'import.plan_stale', {
        params: { fileName: other.fileName },
        details: { importId: other.id },
      });
    }
    const changes =
      (choices.onMatch && choices.onMatch !== imp.onMatch) ||
      (choices.onPossible && choices.onPossible !== imp.onPossible);
    if (changes && imp.appliedThrough >= 0) throw new AppError(409, 'import.choices_locked');
    const jobId = randomUUID();
    await repo.insertApplyJob(tx, {
      tenantId,
      id: jobId,
      kind: IMPORT_APPLY_JOB,
      payload: { importId: id, actor: actor.label, staffId: actor.staffId },
      createdBy: actor.staffId,
      lease,
    });
    await repo.updateImport(tx, tenantId, id, {
      status: 'applying',
      error: null,
      jobId,
      ...(choices.onMatch ? { onMatch: choices.onMatch } : {}),
      ...(choices.onPossible ? { onPossible: choices.onPossible } : {}),
    });
    return jobId;
  });
}

/**
 * Starts applying a planned import (or resumes a failed or interrupted one from its checkpoint)
 * as a background job; the choices may be given here once more.
 */
export async function startApply(
  database: Database,
  jobs: JobQueue,
  actor: Actor,
  id: string,
  choices: ApplyChoices,
): Promise<JobRow> {
  const jobId = await claimApply(
    database,
    { tenantId: actor.tenantId, staffId: actor.staffId, label: actorLabel(actor) },
    id,
    choices,
  );
  const job = await jobs.get(actor.tenantId, jobId);
  if (!job) throw notFound('job');
  return job;
}

export { assertPlannable };

interface StoredMessage {
  code: string;
  field?: string;
  params?: Record<string, string | number>;
}

/** A row's errors as sentences naming the column. */
export function describeErrors(lang: Language, errors: readonly RowError[]): string[] {
  return errors.map((e) => {
    const sentence = translate(lang, e.code, e.params ?? {}, e.field);
    return e.column ? `${e.column}: ${sentence}` : sentence;
  });
}

export function describeMessage(lang: Language, message: string | null): string {
  if (message === null) return '';
  const parsed = JSON.parse(message) as StoredMessage;
  return translate(lang, parsed.code, parsed.params ?? {}, parsed.field);
}

/**
 * The report: one line per row of the file with what happened to it, in the file's own delimiter
 * (a tab-separated file gets semicolons), UTF-8 with a BOM so Excel reads the accents.
 */
export async function buildReport(
  database: Database,
  tenantId: string,
  id: string,
  lang: Language,
): Promise<string> {
  const imp = await getImport(database, tenantId, id);
  const header = ['row', 'outcome', 'action', 'customer_number', 'customer_id', 'name', 'email', 'details'];
  const lines: string[][] = [header];
  for (const chunk of await repo.chunkNumbers(database.db, tenantId, id)) {
    const [c] = await repo.readChunks<PlanEntry, ResultEntry>(database.db, tenantId, id, [chunk]);
    if (!c) continue;
    const ids = (c.results ?? []).map((r) => r.customerId).filter((v): v is string => v !== null);
    const numbers = await repo.customerNumbers(database.db, tenantId, ids);
    c.cells.forEach(([rowNumber], i) => {
      const plan = c.plan?.[i] ?? null;
      const result = c.results?.[i] ?? null;
      const input = (plan?.input ?? {}) as Record<string, string | null | undefined>;
      const customerId = result?.customerId ?? plan?.match ?? null;
      const name = nameOf({
        displayName: input.displayName ?? null,
        firstName: input.firstName ?? null,
        lastName: input.lastName ?? null,
      });
      lines.push([
        String(rowNumber),
        plan?.outcome ?? '',
        result?.action ?? 'pending',
        customerId === null ? '' : String(numbers.get(customerId) ?? ''),
        customerId ?? '',
        name === '—' ? '' : name,
        input.email ?? '',
        rowDetails(lang, plan, result),
      ]);
    });
  }
  return `\uFEFF${stringify(lines, { delimiter: imp.delimiter === '\t' ? ';' : imp.delimiter })}`;
}

/** Why a row ended as it did, in the reader's language. */
export function rowDetails(lang: Language, plan: PlanEntry | null, result: ResultEntry | null): string {
  if (plan === null) return '';
  if (plan.errors.length > 0) return describeErrors(lang, plan.errors).join(' | ');
  if (plan.outcome === 'file_duplicate')
    return translate(lang, 'import.file_duplicate', { row: plan.duplicateOfRow ?? '?' });
  return describeMessage(lang, result?.message ?? null);
}

export async function saveMapping(
  database: Database,
  actor: Actor,
  input: { name: string; header: string[]; mapping: ColumnMapping },
): Promise<SavedMapping> {
  const problem = mappingProblem(input.mapping, input.header.length);
  if (problem) throw invalid('mapping', problem.code, problem.params);
  const existing = await repo.findMappingByName(database.db, actor.tenantId, input.name);
  const id = existing?.id ?? randomUUID();
  await repo.upsertMapping(database.db, {
    tenantId: actor.tenantId,
    id,
    name: input.name,
    header: input.header,
    mapping: input.mapping,
    createdBy: actor.staffId,
  });
  return (await repo.listMappings(database.db, actor.tenantId)).find((m) => m.id === id)!;
}

export async function deleteMapping(database: Database, tenantId: string, id: string): Promise<void> {
  if (!(await repo.deleteMapping(database.db, tenantId, id))) throw notFound('import_mapping');
}
