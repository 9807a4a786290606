/**
 * The dry run: every row checked with the editing rules, then the import's duplicate check —
 * rows that repeat an earlier row of the file, rows that certainly are a customer the business
 * already has, rows that possibly are one — written onto the import's chunks, with counts and the
 * row indexes per outcome on the import. Nothing outside the import's own tables changes.
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
  findFileDuplicates,
  mappingProblem,
} from '../../core/import/index.ts';
import {
  compileModel,
  createPrepareCache,
  prepareRecord,
  withPriorForFileSize,
} from '../../core/matching/index.ts';
import type { MatchRecord, PreparedRecord } from '../../core/matching/index.ts';
import type { Database } from '../../db/connection.ts';
import { validationContext } from '../customers/customers.service.ts';
import { LOOKUP_BLOCK_LIMIT, tenantMatching } from '../duplicates/duplicates.service.ts';
import { indexKeys } from '../duplicates/matchIndex.ts';
import { AppError, invalid, notFound } from '../shared/errors.ts';
import { candidateFeatures, customersByKey } from './imports.lookup.ts';
import * as repo from './imports.repository.ts';
import type { ImportRow } from './imports.repository.ts';
import type { OutcomeIndex, PlanEntry, ResultEntry, Summary } from './imports.types.ts';

/** Milliseconds per phase of a dry run, for the benchmark. */
export type PlanTimings = Partial<
  Record<
    | 'read'
    | 'check'
    | 'prepare'
    | 'fileDuplicates'
    | 'keys'
    | 'lookup'
    | 'features'
    | 'candidates'
    | 'classify'
    | 'write',
    number
  >
>;

export interface PlanChoices {
  mapping: ColumnMapping;
  onMatch?: ImportRow['onMatch'] | undefined;
  onPossible?: ImportRow['onPossible'] | undefined;
}

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
function combine<T extends object>(primary: T, others: T[]): T {
  const out = { ...primary } as Record<string, unknown>;
  for (const other of others) {
    for (const [k, v] of Object.entries(other)) if (out[k] === undefined || out[k] === null) out[k] = v;
  }
  return out as T;
}

/** Phones travel with their E.164 form: a combined typed number keeps the form it was read as. */
function combineValues(primary: CustomerValues, others: CustomerValues[]): CustomerValues {
  const out = { ...primary };
  for (const other of others) {
    for (const key of Object.keys(other) as (keyof CustomerValues)[]) {
      if (key.endsWith('E164')) continue;
      if (out[key] !== null || other[key] === null) continue;
      (out as Record<string, unknown>)[key] = other[key];
      if (key === 'mobile' || key === 'landline' || key === 'phone2') out[`${key}E164`] = other[`${key}E164`];
    }
  }
  return out;
}

export function assertPlannable(imp: ImportRow): void {
  if (imp.status === 'applying' || imp.status === 'applied') {
    throw new AppError(409, 'import.already_applied', { details: { status: imp.status } });
  }
  // Planning again would reset the checkpoint and forget what the committed chunks did: their rows
  // would meet the customers they created and could be created a second time.
  if (imp.appliedThrough >= 0) {
    throw new AppError(409, 'import.partly_applied', {
      details: { status: imp.status, appliedThrough: imp.appliedThrough },
    });
  }
}

export async function planImport(
  database: Database,
  tenantId: string,
  importId: string,
  choices: PlanChoices,
  now: Date,
  timings: PlanTimings = {},
): Promise<ImportRow> {
  const db = database.db;
  let mark = performance.now();
  const lap = (phase: keyof PlanTimings) => {
    const at = performance.now();
    timings[phase] = Math.round(at - mark);
    mark = at;
  };
  const imp = await repo.findImport(db, tenantId, importId);
  if (!imp) throw notFound('import');
  assertPlannable(imp);
  const problem = mappingProblem(choices.mapping, imp.header.length);
  if (problem) throw invalid('mapping', problem.code, problem.params);

  // The tenant's own model and thresholds, as every other duplicate lookup uses them.
  const matching = await tenantMatching(db, tenantId);
  if (!matching) throw notFound('tenant');
  const thresholds = matching.settings.duplicates;
  const t = { possible: thresholds.possibleThreshold, certain: thresholds.certainThreshold };
  const vctx = await validationContext(db, tenantId, now);
  const model = matching.model;
  const cache = createPrepareCache();

  const chunks = await repo.readChunks<PlanEntry, ResultEntry>(db, tenantId, importId);
  lap('read');
  const checked = chunks.flatMap((c) =>
    c.cells.map(([rowNumber, cells], i) =>
      checkRow(imp.header, cells, c.firstIdx + i, rowNumber, choices.mapping, vctx),
    ),
  );
  lap('check');
  const prepared: (PreparedRecord | null)[] = checked.map((c) =>
    c.values === null
      ? null
      : prepareRecord(matchRecordOfValues(`row:${c.index}`, c.values), {
          defaultCountry: vctx.defaultCountry,
          cache,
        }),
  );

  lap('prepare');
  // Pairs inside the file are weighed for a file of the file's and the tenant's size together.
  const fileModel = compileModel(withPriorForFileSize(model.model, checked.length + matching.records));
  const fileDuplicates = findFileDuplicates(prepared, fileModel, t);
  lap('fileDuplicates');
  const duplicatesOf = new Map<number, number[]>();
  for (const [i, d] of fileDuplicates) duplicatesOf.set(d.of, [...(duplicatesOf.get(d.of) ?? []), i]);

  // Candidates among existing customers: the rows' keys looked up in the match index at once.
  const keysOf: string[][] = prepared.map((p, i) =>
    p === null || fileDuplicates.has(i) ? [] : indexKeys(p),
  );
  const fileKeys = new Set<string>();
  for (const keys of keysOf) for (const key of keys) fileKeys.add(key);
  lap('keys');
  const byKey = await customersByKey(database, tenantId, [...fileKeys], LOOKUP_BLOCK_LIMIT, matching.records);
  lap('lookup');
  const candidateIds = new Set<string>();
  for (const ids of byKey.values()) for (const id of ids) candidateIds.add(id);
  const features = await candidateFeatures(database, tenantId, candidateIds, matching.records);
  lap('features');
  // Candidates by number from here: a row's candidates are gathered from its keys' lists with a
  // stamp per customer instead of a set of ids per row (that was a third of the scoring time).
  const numberOf = new Map<string, number>();
  const records: (PreparedRecord | undefined)[] = [];
  for (const id of candidateIds) {
    numberOf.set(id, records.length);
    records.push(features.get(id));
  }
  const byKeyNumbers = new Map<string, Int32Array>();
  for (const [key, ids] of byKey) {
    const numbers = new Int32Array(ids.length);
    for (let n = 0; n < ids.length; n++) numbers[n] = numberOf.get(ids[n]!)!;
    byKeyNumbers.set(key, numbers);
  }
  const seenBy = new Int32Array(records.length).fill(-1);

  lap('candidates');
  const summary: Summary = {
    rows: checked.length,
    new: 0,
    match: 0,
    possible: 0,
    fileDuplicate: 0,
    invalid: 0,
  };
  const index: OutcomeIndex = {};
  const note = (outcome: PlanEntry['outcome'], i: number) => (index[outcome] ??= []).push(i);
  const entries: PlanEntry[] = checked.map((row, i) => {
    const base: PlanEntry = {
      outcome: 'invalid',
      input: row.input as Record<string, unknown>,
      values: row.values,
      errors: row.errors,
      candidates: [],
      match: null,
      reason: null,
      duplicateOf: null,
      duplicateOfRow: null,
    };
    const record = prepared[i];
    if (record === null || record === undefined) {
      summary.invalid++;
      note('invalid', i);
      return base;
    }
    const dup = fileDuplicates.get(i);
    if (dup) {
      summary.fileDuplicate++;
      note('file_duplicate', i);
      return {
        ...base,
        outcome: 'file_duplicate',
        duplicateOf: dup.of,
        duplicateOfRow: checked[dup.of]?.rowNumber ?? null,
        reason: dup.reason,
      };
    }
    const others = duplicatesOf.get(i) ?? [];
    const input = combine(
      base.input,
      others.map((j) => checked[j]!.input as Record<string, unknown>),
    );
    const values = combineValues(
      row.values!,
      others.map((j) => checked[j]!.values!),
    );
    const candidates: PreparedRecord[] = [];
    for (const key of keysOf[i] ?? []) {
      const list = byKeyNumbers.get(key);
      if (list === undefined) continue;
      for (let n = 0; n < list.length; n++) {
        const k = list[n]!;
        if (seenBy[k] === i) continue;
        seenBy[k] = i;
        const f = records[k];
        if (f !== undefined) candidates.push(f);
      }
    }
    const outcome = classifyAgainstExisting(record, candidates, model, t);
    if (outcome.kind === 'match') {
      summary.match++;
      note('match', i);
      return {
        ...base,
        input,
        values,
        outcome: 'match',
        candidates: outcome.candidates,
        match: outcome.customerId,
        reason: outcome.reason,
      };
    }
    if (outcome.kind === 'possible') {
      summary.possible++;
      note('possible', i);
      return { ...base, input, values, outcome: 'possible', candidates: outcome.candidates };
    }
    summary.new++;
    note('new', i);
    return { ...base, input, values, outcome: 'new' };
  });

  lap('classify');
  const planned = await database.db.transaction(async (tx) => {
    const locked = await repo.lockImport(tx, tenantId, importId);
    if (!locked) throw notFound('import');
    assertPlannable(locked);
    for (const c of chunks) {
      await repo.writeChunkPlan(
        tx,
        tenantId,
        importId,
        c.chunk,
        entries.slice(c.firstIdx, c.firstIdx + c.rowCount),
      );
    }
    await repo.clearDecisions(tx, tenantId, importId);
    await repo.updateImport(tx, tenantId, importId, {
      mapping: choices.mapping,
      status: 'planned',
      summary,
      outcomeIndex: JSON.stringify(index),
      planContext: JSON.stringify({ defaultCountry: vctx.defaultCountry, required: vctx.required }),
      plannedAt: now,
      appliedThrough: -1,
      result: null,
      error: null,
      ...(choices.onMatch ? { onMatch: choices.onMatch } : {}),
      ...(choices.onPossible ? { onPossible: choices.onPossible } : {}),
    });
    return (await repo.findImport(tx, tenantId, importId))!;
  });
  lap('write');
  return planned;
}
