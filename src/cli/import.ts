/**
 * `clienteel import FILE.csv --tenant SLUG [--dry-run] [--mapping FILE.json|NAME]
 *   [--on-match update-empty|overwrite|skip] [--on-possible create|skip]
 *   [--encoding utf-8|windows-1252] [--delimiter comma|semicolon|tab] [--report OUT.csv] [--lang nl]`
 *
 * The import of the app on the command line, on the database the server uses: the file is read and
 * checked, mapped (the suggestion, a saved mapping by name, or a JSON file: an array with a field per
 * column, or an object from header to field), dry-run, and — unless --dry-run — applied in the same
 * checkpointed chunks as the background job. Prints the counts, the first invalid rows with their
 * reasons, writes the per-row report when asked, and ends with one JSON line.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { IMPORT_TARGETS, isImportTarget, normaliseHeader } from '../core/import/index.ts';
import type { ColumnMapping, Delimiter } from '../core/import/index.ts';
import { importOnMatch, importOnPossible } from '../db/schema.ts';
import type { Database } from '../db/connection.ts';
import { applyImport } from '../modules/imports/imports.apply.ts';
import { planImport } from '../modules/imports/imports.plan.ts';
import * as repo from '../modules/imports/imports.repository.ts';
import {
  buildReport,
  claimApply,
  describeErrors,
  listRows,
  uploadImport,
} from '../modules/imports/imports.service.ts';
import * as jobs from '../modules/jobs/jobs.repository.ts';
import { AppError } from '../modules/shared/errors.ts';
import { isLanguage } from '../modules/shared/language.ts';
import type { Language } from '../modules/shared/language.ts';
import { findTenantBySlug } from '../modules/tenants/tenants.repository.ts';
import { readArgs, UsageError } from './args.ts';
import { withDatabase } from './database.ts';
import type { CliIo } from './dedupe.ts';
import { run } from './tenants.ts';

const USAGE =
  'clienteel import FILE.csv --tenant SLUG [--dry-run] [--mapping FILE.json|NAME] [--on-match update-empty|overwrite|skip] [--on-possible create|skip] [--encoding utf-8|windows-1252] [--delimiter comma|semicolon|tab] [--report OUT.csv] [--lang nl|fr|de|en]';
const DELIMITERS: Record<string, Delimiter> = { comma: ',', semicolon: ';', tab: '\t' };
const SHOWN_INVALID = 10;

function oneOf<T extends string>(
  value: string | boolean | undefined,
  allowed: readonly T[],
  name: string,
): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}\nusage: ${USAGE}`);
  }
  return value as T;
}

/** A mapping from a JSON file (array per column, or header → field) or a saved mapping's name. */
async function mappingFrom(
  database: Database,
  tenantId: string,
  spec: string,
  header: readonly string[],
): Promise<ColumnMapping> {
  let raw: unknown;
  if (existsSync(spec)) {
    try {
      raw = JSON.parse(readFileSync(spec, 'utf8'));
    } catch {
      throw new UsageError(`--mapping ${spec} is not valid JSON`);
    }
  } else {
    const saved = await repo.findMappingByName(database.db, tenantId, spec);
    if (!saved) throw new UsageError(`--mapping: no file and no saved mapping named "${spec}"`);
    raw = saved.mapping;
  }
  const check = (target: unknown): ColumnMapping[number] => {
    if (target === null || target === '') return null;
    if (!isImportTarget(target))
      throw new UsageError(`--mapping: "${String(target)}" is not one of ${IMPORT_TARGETS.join(', ')}`);
    return target;
  };
  if (Array.isArray(raw)) return raw.map(check);
  if (raw && typeof raw === 'object') {
    const byHeader = new Map(Object.entries(raw).map(([h, t]) => [normaliseHeader(h), t]));
    return header.map((h) => check(byHeader.get(normaliseHeader(h)) ?? null));
  }
  throw new UsageError('--mapping must hold an array or an object');
}

const LEASE_SECONDS = 30;

/**
 * Applies the planned import in this process, as a job of its own: started under the same tenant
 * lock and checks as `POST /api/imports/:id/apply`, and running under a lease this process renews.
 * When the process is killed, the lease runs out and the app's job worker resumes the import from
 * its checkpoint (or, once the job gives up, the import is `failed` and resumable from the app).
 */
async function applyHere(database: Database, tenantId: string, importId: string, io: CliIo) {
  const workerId = `cli-${process.pid}-${randomUUID().slice(0, 8)}`;
  const jobId = await claimApply(
    database,
    { tenantId, staffId: null, label: 'cli' },
    importId,
    {},
    {
      workerId,
      seconds: LEASE_SECONDS,
    },
  );
  const job = { tenantId, id: jobId };
  let last = { done: 0, total: 0 };
  let lost = false;
  const beat = async () => {
    if (!(await jobs.heartbeat(database, job, workerId, LEASE_SECONDS, last))) lost = true;
  };
  const timer = setInterval(() => void beat().catch(() => undefined), (LEASE_SECONDS * 1000) / 3);
  try {
    const applied = await applyImport(database, tenantId, importId, {
      now: () => new Date(),
      jobId,
      actor: 'cli',
      actorStaffId: null,
      progress: async (done, total) => {
        last = { done, total };
        io.stderr.write(`applied ${done}/${total}\n`);
        await beat();
        // Cancelled in the app, or claimed by a worker after this process stalled past its lease.
        if (lost) throw new AppError(409, 'import.applied_elsewhere');
      },
    });
    await jobs.finishJob(database, job, workerId, { status: 'done', result: applied });
    return applied;
  } catch (err) {
    const message = err instanceof AppError ? err.code : (err as Error).message;
    await jobs.finishJob(database, job, workerId, { status: 'failed', error: message });
    throw err;
  } finally {
    clearInterval(timer);
  }
}

export function runImport(argv: string[], io: CliIo): Promise<number> {
  return run(io, async () => {
    const { values, positionals } = readArgs(
      argv,
      {
        tenant: { type: 'string', required: true },
        'dry-run': { type: 'boolean' },
        mapping: { type: 'string' },
        'on-match': { type: 'string' },
        'on-possible': { type: 'string' },
        encoding: { type: 'string' },
        delimiter: { type: 'string' },
        report: { type: 'string' },
        lang: { type: 'string' },
      },
      USAGE,
    );
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0) throw new UsageError(`one FILE.csv is required\nusage: ${USAGE}`);
    if (!existsSync(file)) throw new UsageError(`${file}: no such file`);
    const onMatch = oneOf(values['on-match'], importOnMatch, 'on-match');
    const onPossible = oneOf(values['on-possible'], importOnPossible, 'on-possible');
    const encoding = oneOf(values.encoding, ['utf-8', 'windows-1252'] as const, 'encoding');
    const delimiterName = oneOf(values.delimiter, ['comma', 'semicolon', 'tab'] as const, 'delimiter');
    const lang: Language = isLanguage(values.lang) ? values.lang : 'en';
    const bytes = readFileSync(file);

    await withDatabase(async (database) => {
      const tenant = await findTenantBySlug(database.db, String(values.tenant));
      if (!tenant)
        throw new UsageError(`--tenant: no business with the short name "${String(values.tenant)}"`);
      const now = () => new Date();
      const uploaded = await uploadImport(
        database,
        { tenantId: tenant.id, staffId: null, label: 'cli' },
        new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        {
          fileName: basename(file),
          encoding,
          delimiter: delimiterName ? DELIMITERS[delimiterName] : undefined,
        },
        now(),
      );
      const imp = uploaded.import;
      io.stderr.write(`import ${imp.id}\n`);
      const mapping = values.mapping
        ? await mappingFrom(database, tenant.id, String(values.mapping), imp.header)
        : (imp.mapping as ColumnMapping);
      io.stderr.write(
        `${imp.rowCount} rows, ${imp.encoding}, delimiter ${JSON.stringify(imp.delimiter)}\n` +
          imp.header.map((h, i) => `  ${h || `(column ${i + 1})`} → ${mapping[i] ?? '—'}\n`).join(''),
      );
      const planned = await planImport(database, tenant.id, imp.id, { mapping, onMatch, onPossible }, now());
      const s = planned.summary;
      io.stderr.write(
        `dry run: ${s.new} new, ${s.match} existing customers, ${s.possible} possible matches, ${s.fileDuplicate} duplicates within the file, ${s.invalid} invalid\n`,
      );
      const invalid = await listRows(database, tenant.id, imp.id, {
        outcome: 'invalid',
        limit: SHOWN_INVALID,
        offset: 0,
      });
      for (const row of invalid.rows) {
        io.stderr.write(
          `  row ${row.rowNumber}: ${describeErrors(lang, row.plan?.errors ?? []).join('; ')}\n`,
        );
      }
      if (invalid.total > invalid.rows.length)
        io.stderr.write(`  … and ${invalid.total - invalid.rows.length} more\n`);

      let actions: Record<string, number> | null = null;
      if (!values['dry-run']) {
        const applied = await applyHere(database, tenant.id, imp.id, io);
        actions = applied.actions;
        io.stderr.write(
          `applied: ${Object.entries(actions)
            .map(([k, v]) => `${v} ${k}`)
            .join(', ')}\n`,
        );
      }
      if (values.report) {
        writeFileSync(String(values.report), await buildReport(database, tenant.id, imp.id, lang));
        io.stderr.write(`report written to ${String(values.report)}\n`);
      }
      io.stdout.write(
        `${JSON.stringify({ importId: imp.id, rows: imp.rowCount, dryRun: Boolean(values['dry-run']), plan: s, actions })}\n`,
      );
    });
  });
}
