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
import type { ImportLimits } from '../../core/import/index.ts';
import type { Database } from '../../db/connection.ts';
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
import './imports.messages.ts';

export interface UploadOptions {
  fileName: string;
  encoding?: ForcedEncoding | undefined;
  delimiter?: Delimiter | undefined;
  limits?: Partial<ImportLimits>;
}

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
      createdBy: actor.staffId,
      createdAt: now,
    });
    await repo.insertImportRows(tx, actor.tenantId, id, file.rows, file.rowNumbers);
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

export async function getImport(database: Database, tenantId: string, id: string): Promise<ImportRow> {
  const imp = await repo.findImport(database.db, tenantId, id);
  if (!imp) throw notFound('import');
  return imp;
}

/** Sample rows of an import (the first few), for the mapping step after a reload. */
export async function sampleRows(database: Database, tenantId: string, id: string): Promise<string[][]> {
  const list = await repo.listRows(database.db, tenantId, id, { limit: SAMPLE_ROWS, offset: 0 });
  return list.rows.map((r) => r.cells);
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
    const row = await repo.findRow(tx, tenantId, id, idx);
    if (!row) throw notFound('import_row');
    if (row.outcome !== 'possible') throw invalid('decision', 'import.not_possible_row');
    let customerId: string | null = null;
    if (decision.decision === 'match') {
      const candidates = row.candidates as { customerId: string }[];
      customerId = decision.customerId ?? null;
      if (customerId === null || !candidates.some((c) => c.customerId === customerId)) {
        throw invalid('customerId', 'import.not_a_candidate');
      }
    }
    await repo.setDecision(tx, tenantId, id, idx, decision.decision, customerId);
  });
}

/**
 * Starts applying a planned import (or resumes a failed one from its checkpoint) as a background
 * job; the choices may be given here once more.
 */
export async function startApply(
  database: Database,
  jobs: JobQueue,
  actor: Actor,
  id: string,
  choices: { onMatch?: ImportRow['onMatch'] | undefined; onPossible?: ImportRow['onPossible'] | undefined },
): Promise<JobRow> {
  const before = await database.db.transaction(async (tx) => {
    const imp = await repo.lockImport(tx, actor.tenantId, id);
    if (!imp) throw notFound('import');
    if (imp.status === 'uploaded') throw new AppError(409, 'import.not_planned');
    if (imp.status === 'applying' || imp.status === 'applied') {
      throw new AppError(409, 'import.already_applied', {
        details: { status: imp.status, jobId: imp.jobId },
      });
    }
    const changes =
      (choices.onMatch && choices.onMatch !== imp.onMatch) ||
      (choices.onPossible && choices.onPossible !== imp.onPossible);
    if (changes && imp.appliedThrough >= 0) throw new AppError(409, 'import.choices_locked');
    await repo.updateImport(tx, actor.tenantId, id, {
      status: 'applying',
      error: null,
      ...(choices.onMatch ? { onMatch: choices.onMatch } : {}),
      ...(choices.onPossible ? { onPossible: choices.onPossible } : {}),
    });
    return imp;
  });
  try {
    const job = await jobs.enqueue(
      actor.tenantId,
      IMPORT_APPLY_JOB,
      { importId: id, actor: actorLabel(actor), staffId: actor.staffId },
      actor.staffId,
    );
    await repo.updateImport(database.db, actor.tenantId, id, { jobId: job.id });
    return job;
  } catch (err) {
    await repo.updateImport(database.db, actor.tenantId, id, { status: before.status });
    throw err;
  }
}

export { assertPlannable };

interface StoredMessage {
  code: string;
  field?: string;
  params?: Record<string, string | number>;
}

interface StoredError extends StoredMessage {
  column: string | null;
}

/** A row's errors as sentences naming the column. */
export function describeErrors(lang: Language, errors: readonly StoredError[]): string[] {
  return errors.map((e) => {
    const sentence = translate(lang, e.code, e.params ?? {}, e.field);
    return e.column ? `${e.column}: ${sentence}` : sentence;
  });
}

export function describeMessage(
  lang: Language,
  message: string | null,
  duplicateOfRow: number | null,
): string {
  if (message === null) return '';
  const parsed = JSON.parse(message) as StoredMessage;
  const params = { ...(parsed.params ?? {}), ...(duplicateOfRow !== null ? { row: duplicateOfRow } : {}) };
  return translate(lang, parsed.code, params, parsed.field);
}

/**
 * The report: one line per row of the file with what happened to it, in the file's own delimiter
 * (so it opens in the same spreadsheet), UTF-8 with a BOM so Excel reads the accents.
 */
export async function buildReport(
  database: Database,
  tenantId: string,
  id: string,
  lang: Language,
): Promise<string> {
  const imp = await getImport(database, tenantId, id);
  const raw = await repo.reportRows(database, tenantId, id);
  const dupIdx = raw.map((r) => (r[9] === null || r[9] === undefined ? null : Number(r[9])));
  const numbers = await repo.rowNumbersOf(
    database.db,
    tenantId,
    id,
    dupIdx.filter((v): v is number => v !== null),
  );
  const header = ['row', 'outcome', 'action', 'customer_number', 'customer_id', 'name', 'email', 'details'];
  const lines = raw.map((r, i) => {
    const input = r[5] ? (JSON.parse(r[5]) as Record<string, string | null>) : {};
    const errors = r[7] ? (JSON.parse(r[7]) as StoredError[]) : [];
    const dupRow = dupIdx[i] === null ? null : (numbers.get(dupIdx[i]!) ?? null);
    const details =
      errors.length > 0
        ? describeErrors(lang, errors).join(' | ')
        : r[2] === null && r[1] === 'file_duplicate'
          ? translate(lang, 'import.file_duplicate', { row: dupRow ?? '?' })
          : describeMessage(lang, r[8] ?? null, dupRow);
    const name = nameOf({
      displayName: input.displayName ?? null,
      firstName: input.firstName ?? null,
      lastName: input.lastName ?? null,
    });
    return [
      r[0],
      r[1],
      r[2] ?? 'pending',
      r[3] ?? '',
      r[4] ?? '',
      name === '—' ? '' : name,
      input.email ?? '',
      details,
    ];
  });
  return `\uFEFF${stringify([header, ...lines], { delimiter: imp.delimiter === '\t' ? ';' : imp.delimiter })}`;
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
