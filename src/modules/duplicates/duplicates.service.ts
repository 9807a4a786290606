/**
 * Finding the duplicates of one customer (the profile's "Duplicates (n)" tab, the warning before a
 * create, the link of an online booking) from the match index, and the "not a duplicate" decisions.
 *
 * A lookup is a few index reads: the subject's blocking keys → the customers sharing them (blocks of
 * more than LOOKUP_BLOCK_LIMIT customers are skipped: a common surname with an initial says nothing)
 * → their stored features → scored with the tenant's model, the name frequencies of its file and the
 * live size of each shared phone or e-mail block → above the tenant's "possible" threshold, less the
 * pairs staff dismissed while neither side changed its identity data since.
 */
import type { CustomerValues } from '../../core/customer/customer.ts';
import { nameOf } from '../../core/customer/customer.ts';
import {
  BLOCKING_RULES,
  compileModel,
  DEFAULT_MODEL,
  explain,
  prepareRecord,
  scorePair,
  scoreWeight,
  weightToProbability,
  withPriorForFileSize,
} from '../../core/matching/index.ts';
import type {
  CompiledModel,
  FieldExplanation,
  MatchModel,
  PairResult,
  PreparedRecord,
  TermFrequencies,
} from '../../core/matching/index.ts';
import type { Db } from '../../db/connection.ts';
import type { Language } from '../shared/language.ts';
import { readSettings } from '../tenants/settings.ts';
import type { TenantSettings } from '../tenants/settings.ts';
import * as repo from './duplicates.repository.ts';
import { decodeFeatures } from './features.ts';
import { indexKeys, matchRecordOf, prepareCustomer } from './matchIndex.ts';
import './duplicates.messages.ts';

/** Blocks with more customers than this are not read by a lookup (rules may set a smaller limit). */
export const LOOKUP_BLOCK_LIMIT = 100;

const RULE_LIMITS = new Map(
  BLOCKING_RULES.map((r) => [r.name, Math.min(r.maxBlock ?? LOOKUP_BLOCK_LIMIT, LOOKUP_BLOCK_LIMIT)]),
);

/**
 * How many customers a block may hold and still be read: the blocking rule's own limit, as in the
 * whole-file scan (a common surname with an initial, or a birth date alone, says nothing in a large
 * file), and never more than LOOKUP_BLOCK_LIMIT.
 */
function blockLimit(key: string): number {
  return RULE_LIMITS.get(key.slice(0, key.indexOf(':'))) ?? LOOKUP_BLOCK_LIMIT;
}
/** Tenants without a stored file size are counted up to this many customers. */
const COUNT_CAP = 200_000;

export interface CandidateReason {
  field: FieldExplanation['field'];
  level: string;
  /** Bits of evidence this field added (positive) or took away (negative). */
  weight: number;
  sentence: string;
}

export interface DuplicateCandidate {
  customerId: string;
  number: number;
  name: string;
  email: string | null;
  mobile: string | null;
  probability: number;
  /** At or above the tenant's "certain" threshold. */
  certain: boolean;
  /** Per field, strongest evidence first; fields without a value on either side are left out. */
  fields: CandidateReason[];
  appointmentCount: number;
  customerSince: Date;
  lastAppointmentAt: Date | null;
}

/** The values of a customer that is not stored yet (create form, online booking, import row). */
export type CandidateValues = Partial<
  Pick<
    CustomerValues,
    | 'gender'
    | 'firstName'
    | 'lastName'
    | 'email'
    | 'mobile'
    | 'mobileE164'
    | 'landline'
    | 'landlineE164'
    | 'phone2'
    | 'phone2E164'
    | 'birthDate'
    | 'street'
    | 'houseNumber'
    | 'postalCode'
    | 'city'
    | 'country'
  >
>;

export type CandidateSubject = { customerId: string } | { values: CandidateValues; excludeId?: string };

export interface CandidateOptions {
  limit?: number;
  /** Default: the tenant's possible threshold. */
  minProbability?: number;
  lang?: Language;
  /** "Now" for the last appointment (default: the clock). */
  now?: Date;
}

/** The model a tenant scores with, its settings, and the size of its file. */
export interface TenantMatching {
  settings: TenantSettings;
  country: string;
  model: CompiledModel;
  records: number;
  /** Whether name frequencies were stored for this tenant (by a scan or a full reindex). */
  hasTerms: boolean;
}

export async function tenantMatching(db: Db, tenantId: string): Promise<TenantMatching | null> {
  const row = await repo.findModelContext(db, tenantId);
  return row ? matchingOf(db, tenantId, row) : null;
}

async function matchingOf(db: Db, tenantId: string, row: repo.ModelRow): Promise<TenantMatching> {
  const hasRow = row.records !== null;
  const records = hasRow ? (row.records ?? 0) : await repo.countIndexed(db, tenantId, COUNT_CAP);
  const stored = row.trained && isModel(row.params) ? row.params : null;
  const model: MatchModel = stored ?? withPriorForFileSize(DEFAULT_MODEL, records);
  return {
    settings: readSettings(row.settings),
    country: row.country,
    model: compileModel(model),
    records,
    hasTerms: hasRow,
  };
}

function isModel(value: unknown): value is MatchModel {
  return typeof value === 'object' && value !== null && 'prior' in value && 'fields' in value;
}

/**
 * The likely duplicates of a stored customer (`{ customerId }`) or of values not stored yet
 * (`{ values, excludeId }`), most likely first. A customer that is archived, merged away or deleted
 * has none; unknown ids have none (routes answer 404 before asking).
 */
export async function findDuplicateCandidates(
  db: Db,
  tenantId: string,
  subject: CandidateSubject,
  opts: CandidateOptions = {},
): Promise<DuplicateCandidate[]> {
  const stored = 'customerId' in subject;
  const start = await repo.findLookupStart(db, tenantId, stored ? subject.customerId : null);
  if (!start) return [];
  const matching = await matchingOf(db, tenantId, start);
  let prepared: PreparedRecord;
  if (stored) {
    const row = start.subject;
    if (!row || !row.live) return [];
    prepared =
      (row.features === null ? null : decodeFeatures(row.id, row.features)) ??
      // Not indexed yet (a bulk load before its reindex) or indexed under another layout.
      prepareCustomer(row, await repo.findContactPoints(db, tenantId, row.id), matching.country);
  } else {
    prepared = prepareValues(subject.values, subject.excludeId ?? 'new', matching.country);
  }
  const selfId = stored ? subject.customerId : (subject.excludeId ?? null);

  const useTerms = matching.hasTerms && matching.records >= 200;
  const near = await repo.findNeighbours(
    db,
    tenantId,
    indexKeys(prepared).map((key) => ({ key, limit: blockLimit(key) })),
    selfId,
    useTerms ? { firstName: prepared.firstName, lastName: prepared.lastName } : null,
  );
  if (near.features.length === 0) return [];
  const own = stored ? 0 : 1;
  const tf = buildFrequencies(
    matching,
    [prepared],
    (key) => (near.blockSizes.get(key) ?? 0) + own,
    useTerms ? near.terms : null,
  );
  const threshold = opts.minProbability ?? matching.settings.duplicates.possibleThreshold;
  const passed: PairResult[] = [];
  for (const other of near.features) {
    if (near.dismissed.has(other.id)) continue;
    const p = weightToProbability(scoreWeight(prepared, other, matching.model, tf));
    if (p >= threshold) passed.push(scorePair(prepared, other, matching.model, tf));
  }
  if (passed.length === 0) return [];
  const shown = passed
    .sort((x, y) => y.probability - x.probability || (x.b < y.b ? -1 : 1))
    .slice(0, opts.limit ?? 10);

  const details = new Map(
    (
      await repo.findCandidateDetails(
        db,
        tenantId,
        shown.map((r) => r.b),
        opts.now ?? new Date(),
      )
    ).map((d) => [d.id, d]),
  );
  const lang = opts.lang ?? 'en';
  const certain = matching.settings.duplicates.certainThreshold;
  return shown.flatMap((r) => {
    const d = details.get(r.b);
    if (!d || !d.live) return [];
    return [
      {
        customerId: d.id,
        number: d.number,
        name: nameOf(d),
        email: d.email,
        mobile: d.mobile,
        probability: r.probability,
        certain: r.probability >= certain,
        fields: reasons(r, lang),
        appointmentCount: d.appointmentCount,
        customerSince: d.customerSince,
        lastAppointmentAt: d.lastAppointmentAt,
      },
    ];
  });
}

/** The per-field reasons of a scored pair, in one language, strongest evidence first. */
export function reasons(result: PairResult, lang: Language): CandidateReason[] {
  return result.fields
    .filter((f) => f.level !== 'missing')
    .sort((x, y) => Math.abs(y.weight) - Math.abs(x.weight))
    .map((f) => ({
      field: f.field,
      level: f.level,
      weight: Math.round(f.weight * 100) / 100,
      sentence: explain({ ...result, fields: [f] }, lang)[0] ?? '',
    }));
}

function prepareValues(v: CandidateValues, id: string, country: string): PreparedRecord {
  return prepareRecord(
    matchRecordOf({
      id,
      firstName: v.firstName ?? null,
      lastName: v.lastName ?? null,
      gender: v.gender ?? null,
      email: v.email ?? null,
      mobile: v.mobile ?? null,
      mobileE164: v.mobileE164 ?? null,
      landline: v.landline ?? null,
      landlineE164: v.landlineE164 ?? null,
      phone2: v.phone2 ?? null,
      phone2E164: v.phone2E164 ?? null,
      birthDate: v.birthDate ?? null,
      street: v.street ?? null,
      houseNumber: v.houseNumber ?? null,
      postalCode: v.postalCode ?? null,
      city: v.city ?? null,
      country: v.country ?? null,
    }),
    { defaultCountry: country },
  );
}

/**
 * Term frequencies for scoring `subjects` (each as the first record of its pairs) against others: the
 * core weighs a shared value by how often the first record's value occurs, so only the subjects' own
 * values are needed. Phones and e-mails count their block in the index, which is live; names come from
 * the stored frequencies of the last scan or full reindex (`terms`), where a name that is not listed is
 * rare. Without stored frequencies a name counts as exactly as common as the model assumes, which
 * leaves its weight as the model has it.
 */
function buildFrequencies(
  matching: TenantMatching,
  subjects: readonly PreparedRecord[],
  blockCount: (key: string) => number,
  terms: repo.TermCounts | null,
): TermFrequencies {
  const total = Math.max(matching.records, 1);
  const fields = matching.model.model.fields;
  const names = (values: (string | null)[], stored: Map<string, number> | undefined, u: number) =>
    new Map(
      values.flatMap((v) =>
        v === null ? [] : [[v, stored === undefined ? u * total : (stored.get(v) ?? 1)]],
      ),
    ) as Map<string, number>;
  return {
    total,
    firstName: names(
      subjects.map((s) => s.firstName),
      terms?.firstName,
      fields.firstName.u[0] ?? 0.01,
    ),
    lastName: names(
      subjects.map((s) => s.lastName),
      terms?.lastName,
      fields.lastName.u[0] ?? 0.002,
    ),
    phone: new Map(subjects.flatMap((s) => s.phones.map((p) => [p, blockCount(`ph:${p}`)] as const))),
    email: new Map(subjects.flatMap((s) => s.emails.map((e) => [e, blockCount(`em:${e}`)] as const))),
  };
}

/** Frequencies for explaining pairs among stored customers (the review queue), read in two queries. */
export async function frequenciesFor(
  db: Db,
  tenantId: string,
  matching: TenantMatching,
  subjects: readonly PreparedRecord[],
): Promise<TermFrequencies> {
  const useTerms = matching.hasTerms && matching.records >= 200;
  const keys = subjects.flatMap((s) => [
    ...s.phones.map((p) => `ph:${p}`),
    ...s.emails.map((e) => `em:${e}`),
  ]);
  const [terms, blocks] = await Promise.all([
    useTerms
      ? repo.findTermCounts(
          db,
          tenantId,
          subjects.flatMap((s) => (s.firstName === null ? [] : [s.firstName])),
          subjects.flatMap((s) => (s.lastName === null ? [] : [s.lastName])),
        )
      : Promise.resolve(null),
    repo.findBlockMembers(db, tenantId, [...new Set(keys)], LOOKUP_BLOCK_LIMIT),
  ]);
  return buildFrequencies(matching, subjects, (key) => blocks.get(key)?.length ?? 0, terms);
}
