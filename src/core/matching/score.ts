/**
 * Scoring a pair: comparison levels → weights (with term-frequency adjustments) → household rules →
 * match probability, with one explanation per field.
 */
import { compareInto, newLevels } from './compare.ts';
import {
  BIRTH_FAR_APART,
  BIRTH_SAME_YEAR,
  EXACT,
  F_BIRTH,
  F_EMAIL,
  F_FIRST,
  F_GENDER,
  F_LAST,
  F_PHONE,
  FIELD_COUNT,
  FIELDS,
  FIRST_DIFFERENT,
  FIRST_NICKNAME,
  GENDER_CHILD_ADULT,
  GENDER_CONFLICT,
} from './fields.ts';
import type { FieldName } from './fields.ts';
import { compileModel, weightToProbability } from './model.ts';
import type { CompiledModel, MatchModel } from './model.ts';
import { classifyPhone } from './phone.ts';
import type { TermFrequencies } from './termFrequencies.ts';
import type { PreparedRecord } from './types.ts';

/** A pair whose identity fields conflict is capped at this weight (probability ≈ 0.11): never a match. */
export const CONFLICT_WEIGHT_CAP = -3;
/** Term-frequency adjustments stay within ± this many bits of the field's average weight. */
const TF_MAX_BITS = 3;
/** Each doubling of the number of records sharing a phone or e-mail beyond a pair costs this many bits. */
const SHARED_CONTACT_BITS = 2;

export type HouseholdConflict = 'firstName' | 'birthDate' | 'gender' | 'childAdult';

export interface FieldExplanation {
  field: FieldName | 'nameOrder' | 'household';
  level: string;
  /** log2 Bayes factor this field contributed. */
  weight: number;
  /** i18n key of the one-sentence reason, see explain.ts. */
  messageKey: string;
  params: Record<string, string | number>;
}

export interface PairResult {
  a: string;
  b: string;
  probability: number;
  weight: number;
  fields: FieldExplanation[];
}

function tfAdjustment(base: number, share: number): number {
  return Math.max(-TF_MAX_BITS, Math.min(TF_MAX_BITS, Math.log2(base / share)));
}

function sharedValue(x: readonly string[], y: readonly string[]): string | null {
  for (const v of x) if (y.includes(v)) return v;
  return null;
}

function sharedContactPenalty(count: number | undefined, fieldWeight: number): number {
  if (count === undefined || count <= 2) return 0;
  return -Math.min(SHARED_CONTACT_BITS * Math.log2(count - 1), Math.max(0, fieldWeight - 1));
}

/** Per-field weights of a compared pair written into `out` (term frequencies applied). */
export function fieldWeights(
  a: PreparedRecord,
  b: PreparedRecord,
  levels: Int8Array,
  cm: CompiledModel,
  tf: TermFrequencies | null,
  out: Float64Array,
): void {
  for (let f = 0; f < FIELD_COUNT; f++) {
    const level = levels[f] ?? -1;
    out[f] = level < 0 ? 0 : (cm.weights[f]?.[level] ?? 0);
  }
  if (tf === null) return;
  const useNameTf = tf.total >= 200;
  if (useNameTf && levels[F_FIRST] === EXACT && a.firstName !== null) {
    const share = (tf.firstName.get(a.firstName) ?? 1) / tf.total;
    out[F_FIRST] = (out[F_FIRST] ?? 0) + tfAdjustment(cm.model.fields.firstName.u[0] ?? 0.01, share);
  }
  if (useNameTf && levels[F_LAST] === EXACT && a.lastName !== null) {
    const share = (tf.lastName.get(a.lastName) ?? 1) / tf.total;
    out[F_LAST] = (out[F_LAST] ?? 0) + tfAdjustment(cm.model.fields.lastName.u[0] ?? 0.01, share);
  }
  if (levels[F_PHONE] === EXACT) {
    const v = sharedValue(a.phones, b.phones);
    if (v !== null)
      out[F_PHONE] = (out[F_PHONE] ?? 0) + sharedContactPenalty(tf.phone.get(v), out[F_PHONE] ?? 0);
  }
  if (levels[F_EMAIL] === EXACT) {
    const v = sharedValue(a.emails, b.emails);
    if (v !== null)
      out[F_EMAIL] = (out[F_EMAIL] ?? 0) + sharedContactPenalty(tf.email.get(v), out[F_EMAIL] ?? 0);
  }
}

/**
 * Household rule. Fellegi–Sunter treats fields as independent, but a mother and her child, twins, or a
 * father and his namesake son share phone, e-mail and address *because* they live together, so those
 * agreements can outweigh any single disagreement. When the identity fields themselves conflict — given
 * names unrelated, birth dates twelve or more years apart, a man and a woman with different given names,
 * a child and an adult born in different years — the pair is not the same person, whatever else they share.
 */
export function householdConflict(levels: Int8Array): HouseholdConflict | null {
  const first = levels[F_FIRST] ?? -1;
  const birth = levels[F_BIRTH] ?? -1;
  const gender = levels[F_GENDER] ?? -1;
  if (first === FIRST_DIFFERENT) return 'firstName';
  if (birth === BIRTH_FAR_APART) return 'birthDate';
  if (gender === GENDER_CONFLICT && first > FIRST_NICKNAME) return 'gender';
  if (gender === GENDER_CHILD_ADULT && (birth >= BIRTH_SAME_YEAR || first > FIRST_NICKNAME)) return 'childAdult';
  return null;
}

const scratchLevels = newLevels();
const scratchWeights = new Float64Array(FIELD_COUNT);

/** The match weight of a pair, without explanations: the fast path for whole-file scans. */
export function scoreWeight(
  a: PreparedRecord,
  b: PreparedRecord,
  cm: CompiledModel,
  tf: TermFrequencies | null,
  levels: Int8Array = scratchLevels,
): number {
  compareInto(a, b, levels);
  fieldWeights(a, b, levels, cm, tf, scratchWeights);
  let w = cm.priorWeight;
  for (let f = 0; f < FIELD_COUNT; f++) w += scratchWeights[f] ?? 0;
  if (w > CONFLICT_WEIGHT_CAP && householdConflict(levels) !== null) return CONFLICT_WEIGHT_CAP;
  return w;
}

function display(value: string | null): string {
  if (value === null || value === '') return '';
  return value.charAt(0).toUpperCase() + value.slice(1);
}

function fieldParams(
  field: FieldName,
  a: PreparedRecord,
  b: PreparedRecord,
): Record<string, string | number> {
  switch (field) {
    case 'firstName':
      return { a: display(a.firstName), b: display(b.firstName) };
    case 'lastName':
      return { a: display(a.lastName), b: display(b.lastName) };
    case 'email':
      return { a: a.emails[0] ?? '', b: b.emails[0] ?? '' };
    case 'phone':
      return { a: sharedValue(a.phones, b.phones) ?? a.phones[0] ?? '', b: b.phones[0] ?? '' };
    case 'birthDate':
      return { a: a.birthDigits ?? '', b: b.birthDigits ?? '' };
    case 'street':
      return {
        a: `${a.street ?? ''} ${a.houseNumber ?? ''}`.trim(),
        b: `${b.street ?? ''} ${b.houseNumber ?? ''}`.trim(),
      };
    case 'place':
      return { a: a.postalCode ?? a.city ?? '', b: b.postalCode ?? b.city ?? '' };
    case 'gender':
      return { a: a.gender ?? '', b: b.gender ?? '' };
  }
}

function messageKeyFor(field: FieldName, level: string, a: PreparedRecord, b: PreparedRecord): string {
  if (
    field === 'phone' &&
    level === 'exact' &&
    classifyPhone(sharedValue(a.phones, b.phones), null) === 'mobile'
  ) {
    return 'phone.exactMobile';
  }
  return `${field}.${level}`;
}

/** Score a pair with its explanation per field. */
export function scorePair(
  a: PreparedRecord,
  b: PreparedRecord,
  model: MatchModel | CompiledModel,
  tf: TermFrequencies | null = null,
): PairResult {
  const cm = 'weights' in model ? model : compileModel(model);
  const levels = newLevels();
  const swapped = compareInto(a, b, levels);
  const weights = new Float64Array(FIELD_COUNT);
  fieldWeights(a, b, levels, cm, tf, weights);
  const fields: FieldExplanation[] = [];
  let total = cm.priorWeight;
  FIELDS.forEach((def, f) => {
    const level = levels[f] ?? -1;
    const weight = weights[f] ?? 0;
    total += weight;
    const levelName = level < 0 ? 'missing' : (def.levels[level] ?? 'missing');
    fields.push({
      field: def.name,
      level: levelName,
      weight,
      messageKey: messageKeyFor(def.name, levelName, a, b),
      params: fieldParams(def.name, a, b),
    });
  });
  if (swapped) {
    fields.push({
      field: 'nameOrder',
      level: 'swapped',
      weight: 0,
      messageKey: 'nameOrder.swapped',
      params: {
        a: `${display(a.firstName)} ${display(a.lastName)}`,
        b: `${display(b.firstName)} ${display(b.lastName)}`,
      },
    });
  }
  const conflict = householdConflict(levels);
  if (conflict !== null && total > CONFLICT_WEIGHT_CAP) {
    fields.push({
      field: 'household',
      level: conflict,
      weight: CONFLICT_WEIGHT_CAP - total,
      messageKey: `household.${conflict}`,
      params: {},
    });
    total = CONFLICT_WEIGHT_CAP;
  }
  return { a: a.id, b: b.id, probability: weightToProbability(total), weight: total, fields };
}
