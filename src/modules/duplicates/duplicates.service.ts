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

/** Blocks with more customers than this are not read by a lookup. */
export const LOOKUP_BLOCK_LIMIT = 100;
/** At most this many customers are scored per lookup (strongest rules' blocks first). */
export const MAX_LOOKUP_CANDIDATES = 400;
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
  if (!row) return null;
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
  const matching = await tenantMatching(db, tenantId);
  if (!matching) return [];
  const prepared = await prepareSubject(db, tenantId, subject, matching.country);
  if (!prepared) return [];
  const stored = 'customerId' in subject;
  const selfId = stored ? subject.customerId : (subject.excludeId ?? null);

  const keys = indexKeys(prepared);
  const blocks = await repo.findBlockMembers(db, tenantId, keys, LOOKUP_BLOCK_LIMIT);
  const candidateIds = new Set<string>();
  for (const key of keys) {
    const members = blocks.get(key) ?? [];
    if (members.length > LOOKUP_BLOCK_LIMIT) continue;
    for (const id of members) {
      if (id !== selfId && candidateIds.size < MAX_LOOKUP_CANDIDATES) candidateIds.add(id);
    }
  }
  if (candidateIds.size === 0) return [];

  const [others, tf] = await Promise.all([
    repo.findFeatures(db, tenantId, [...candidateIds]),
    frequenciesFor(db, tenantId, matching, [prepared], blocks, stored),
  ]);
  const threshold = opts.minProbability ?? matching.settings.duplicates.possibleThreshold;
  const passed: PairResult[] = [];
  for (const other of others) {
    const p = weightToProbability(scoreWeight(prepared, other, matching.model, tf));
    if (p >= threshold) passed.push(scorePair(prepared, other, matching.model, tf));
  }
  if (passed.length === 0) return [];

  const hidden = selfId === null ? new Set<string>() : await repo.findValidDismissals(db, tenantId, selfId);
  const shown = passed
    .filter((r) => !hidden.has(r.b))
    .sort((x, y) => y.probability - x.probability || (x.b < y.b ? -1 : 1))
    .slice(0, opts.limit ?? 10);
  if (shown.length === 0) return [];

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

async function prepareSubject(
  db: Db,
  tenantId: string,
  subject: CandidateSubject,
  country: string,
): Promise<PreparedRecord | null> {
  if ('values' in subject) {
    const v = subject.values;
    return prepareRecord(
      matchRecordOf({
        id: subject.excludeId ?? 'new',
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
  const row = await repo.findSubject(db, tenantId, subject.customerId);
  if (!row || !row.live) return null;
  const stored = row.features === null ? null : decodeFeatures(row.id, row.features);
  if (stored) return stored;
  // Not indexed yet (a bulk load before its reindex) or indexed under another layout.
  return prepareCustomer(row, await repo.findContactPoints(db, tenantId, row.id), country);
}

/**
 * Term frequencies for scoring `subjects` (each as the first record of its pairs) against others: the
 * core weighs a shared value by how often the first record's value occurs, so only the subjects' own
 * values are needed. Phones and e-mails count their block in the index, which is live (`blocks`, when
 * the caller read them already); names come from the stored frequencies of the last scan or full
 * reindex, where a name that is not listed is rare. Without stored frequencies the name weights stay as
 * the model has them.
 */
export async function frequenciesFor(
  db: Db,
  tenantId: string,
  matching: TenantMatching,
  subjects: readonly PreparedRecord[],
  blocks: ReadonlyMap<string, readonly string[]> | null,
  subjectsIndexed: boolean,
): Promise<TermFrequencies> {
  const total = Math.max(matching.records, 1);
  const firstNames = [...new Set(subjects.flatMap((s) => (s.firstName === null ? [] : [s.firstName])))];
  const lastNames = [...new Set(subjects.flatMap((s) => (s.lastName === null ? [] : [s.lastName])))];
  const phoneKeys = subjects.flatMap((s) => s.phones.map((p) => `ph:${p}`));
  const emailKeys = subjects.flatMap((s) => s.emails.map((e) => `em:${e}`));
  const useTerms = matching.hasTerms && total >= 200;
  const [terms, counted] = await Promise.all([
    useTerms ? repo.findTermCounts(db, tenantId, firstNames, lastNames) : Promise.resolve(null),
    blocks ?? repo.findBlockMembers(db, tenantId, [...phoneKeys, ...emailKeys], LOOKUP_BLOCK_LIMIT),
  ]);
  const own = subjectsIndexed ? 0 : 1;
  const fields = matching.model.model.fields;
  // Without stored frequencies a name counts as exactly as common as the model assumes: no adjustment.
  const names = (values: string[], stored: Map<string, number> | undefined, u: number) =>
    new Map(values.map((v) => [v, stored === undefined ? u * total : (stored.get(v) ?? 1)]));
  const count = (key: string) => (counted.get(key)?.length ?? 0) + own;
  return {
    total,
    firstName: names(firstNames, terms?.firstName, fields.firstName.u[0] ?? 0.01),
    lastName: names(lastNames, terms?.lastName, fields.lastName.u[0] ?? 0.002),
    phone: new Map(phoneKeys.map((k) => [k.slice(3), count(k)])),
    email: new Map(emailKeys.map((k) => [k.slice(3), count(k)])),
  };
}
