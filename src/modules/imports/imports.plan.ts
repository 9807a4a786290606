/**
 * The dry run: every row checked with the editing rules, then the import's duplicate check —
 * rows that repeat an earlier row of the file, rows that certainly are a customer the business
 * already has, rows that possibly are one — written onto the rows, with counts on the import.
 * Nothing outside the import's own tables changes.
 *
 * The check against existing customers is the same rule as everywhere (src/core/import/plan.ts,
 * the tenant's thresholds) run in bulk: the file's blocking keys are looked up in the match index
 * in a few statements and the pairs are scored in memory, instead of one lookup per row.
 */
import type { CustomerValues } from '../../core/customer/customer.ts';
import type { ColumnMapping } from '../../core/import/index.ts';
import {
  checkRow,
  classifyAgainstExisting,
  compiled,
  findFileDuplicates,
  mappingProblem,
} from '../../core/import/index.ts';
import type { Candidate } from '../../core/import/index.ts';
import { blockingKeys, DEFAULT_MODEL, prepareRecord } from '../../core/matching/index.ts';
import type { MatchRecord, PreparedRecord } from '../../core/matching/index.ts';
import type { Database } from '../../db/connection.ts';
import { validationContext } from '../customers/customers.service.ts';
import { loadFeatures } from '../duplicates/matchIndex.ts';
import { AppError, invalid, notFound } from '../shared/errors.ts';
import { readSettings } from '../tenants/settings.ts';
import { findTenant } from '../tenants/tenants.repository.ts';
import * as repo from './imports.repository.ts';
import type { ImportRow, PlannedRow } from './imports.repository.ts';

/** Keys held by more customers than this are too common to propose candidates. */
const MAX_CUSTOMERS_PER_KEY = 200;
const FEATURE_CHUNK = 5_000;

export interface PlanChoices {
  mapping: ColumnMapping;
  onMatch?: ImportRow['onMatch'] | undefined;
  onPossible?: ImportRow['onPossible'] | undefined;
}

export type PlanSummary = Record<'rows' | 'new' | 'match' | 'possible' | 'fileDuplicate' | 'invalid', number>;

function matchRecordOfValues(id: string, v: CustomerValues): MatchRecord {
  return {
    id,
    firstName: v.firstName,
    lastName: v.lastName,
    gender: v.gender,
    email: v.email,
    mobile: v.mobileE164 ?? v.mobile,
    landline: v.landlineE164 ?? v.landline,
    phone2: v.phone2E164 ?? v.phone2,
    birthDate: v.birthDate,
    street: v.street,
    houseNumber: v.houseNumber,
    postalCode: v.postalCode,
    city: v.city,
    country: v.country,
  };
}

/** Fills the fields a row leaves empty from later rows of the same person (earlier rows win). */
function combineInputs(
  primary: Record<string, unknown>,
  others: Record<string, unknown>[],
): Record<string, unknown> {
  const out = { ...primary };
  for (const other of others) {
    for (const [k, v] of Object.entries(other)) if (!(k in out)) out[k] = v;
  }
  return out;
}

export function assertPlannable(imp: ImportRow): void {
  if (imp.status === 'applying' || imp.status === 'applied') {
    throw new AppError(409, 'import.already_applied', { details: { status: imp.status } });
  }
}

export async function planImport(
  database: Database,
  tenantId: string,
  importId: string,
  choices: PlanChoices,
  now: Date,
): Promise<ImportRow> {
  const db = database.db;
  const imp = await repo.findImport(db, tenantId, importId);
  if (!imp) throw notFound('import');
  assertPlannable(imp);
  const problem = mappingProblem(choices.mapping, imp.header.length);
  if (problem) throw invalid('mapping', problem.code, problem.params);

  const tenant = await findTenant(db, tenantId);
  if (!tenant) throw notFound('tenant');
  const thresholds = readSettings(tenant.settings).duplicates;
  const t = { possible: thresholds.possibleThreshold, certain: thresholds.certainThreshold };
  const vctx = await validationContext(db, tenantId, now);
  const model = compiled(DEFAULT_MODEL);

  const stored = await repo.readCells(database, tenantId, importId);
  const checked = stored.map((r) => checkRow(imp.header, r.cells, r.idx, r.rowNumber, choices.mapping, vctx));
  const prepared: (PreparedRecord | null)[] = checked.map((c) =>
    c.values === null
      ? null
      : prepareRecord(matchRecordOfValues(`row:${c.index}`, c.values), {
          defaultCountry: vctx.defaultCountry,
        }),
  );

  const fileDuplicates = findFileDuplicates(prepared, model, t);
  const duplicatesOf = new Map<number, number[]>();
  for (const [i, d] of fileDuplicates) duplicatesOf.set(d.of, [...(duplicatesOf.get(d.of) ?? []), i]);

  // Candidates among existing customers: the rows' keys looked up in the match index at once.
  const keysOf: string[][] = prepared.map((p, i) =>
    p === null || fileDuplicates.has(i) ? [] : blockingKeys(p),
  );
  const allKeys = [...new Set(keysOf.flat())];
  const byKey = await repo.customersByKey(db, tenantId, allKeys, MAX_CUSTOMERS_PER_KEY);
  const candidateIds = new Set<string>();
  for (const ids of byKey.values()) for (const id of ids) candidateIds.add(id);
  const features = new Map<string, PreparedRecord>();
  const idList = [...candidateIds];
  for (let s = 0; s < idList.length; s += FEATURE_CHUNK) {
    for (const [id, f] of await loadFeatures(db, tenantId, idList.slice(s, s + FEATURE_CHUNK)))
      features.set(id, { ...f, id });
  }

  const summary: PlanSummary = {
    rows: checked.length,
    new: 0,
    match: 0,
    possible: 0,
    fileDuplicate: 0,
    invalid: 0,
  };
  const planned: PlannedRow[] = checked.map((row, i) => {
    const base = {
      idx: row.index,
      errors: row.errors as unknown[],
      candidates: [] as Candidate[],
      matchCustomerId: null as string | null,
      matchReason: null as string | null,
      duplicateOf: null as number | null,
    };
    const record = prepared[i];
    if (record === null || record === undefined) {
      summary.invalid++;
      return { ...base, input: row.input as Record<string, unknown>, outcome: 'invalid' as const };
    }
    const dup = fileDuplicates.get(i);
    if (dup) {
      summary.fileDuplicate++;
      return {
        ...base,
        input: row.input as Record<string, unknown>,
        outcome: 'file_duplicate' as const,
        duplicateOf: dup.of,
        matchReason: dup.reason,
      };
    }
    const others = (duplicatesOf.get(i) ?? []).map((j) => checked[j]!.input as Record<string, unknown>);
    const input = combineInputs(row.input as Record<string, unknown>, others);
    const seen = new Set<string>();
    const candidates: PreparedRecord[] = [];
    for (const key of keysOf[i] ?? []) {
      for (const id of byKey.get(key) ?? []) {
        if (seen.has(id)) continue;
        seen.add(id);
        const f = features.get(id);
        if (f) candidates.push(f);
      }
    }
    const outcome = classifyAgainstExisting(record, candidates, model, t);
    if (outcome.kind === 'match') {
      summary.match++;
      return {
        ...base,
        input,
        outcome: 'match' as const,
        candidates: outcome.candidates,
        matchCustomerId: outcome.customerId,
        matchReason: outcome.reason,
      };
    }
    if (outcome.kind === 'possible') {
      summary.possible++;
      return { ...base, input, outcome: 'possible' as const, candidates: outcome.candidates };
    }
    summary.new++;
    return { ...base, input, outcome: 'new' as const };
  });

  return database.db.transaction(async (tx) => {
    const locked = await repo.lockImport(tx, tenantId, importId);
    if (!locked) throw notFound('import');
    assertPlannable(locked);
    await repo.writePlan(tx, tenantId, importId, planned);
    await repo.updateImport(tx, tenantId, importId, {
      mapping: choices.mapping,
      status: 'planned',
      summary,
      plannedAt: now,
      appliedThrough: -1,
      result: null,
      error: null,
      ...(choices.onMatch ? { onMatch: choices.onMatch } : {}),
      ...(choices.onPossible ? { onPossible: choices.onPossible } : {}),
    });
    return (await repo.findImport(tx, tenantId, importId))!;
  });
}
