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
  F_PLACE,
  F_STREET,
  FIELD_COUNT,
  FIELDS,
  FIRST_DIFFERENT,
  FIRST_NICKNAME,
  GENDER_CHILD_ADULT,
  GENDER_CONFLICT,
  PHONE_LANDLINE,
  PHONE_ONE_DIGIT,
  BIRTH_DIFFERENT,
} from './fields.ts';
import type { FieldName } from './fields.ts';
import { compileModel, weightToProbability } from './model.ts';
import type { CompiledModel, MatchModel } from './model.ts';
import { classifyPhone } from './phone.ts';
import type { TermFrequencies } from './termFrequencies.ts';
import type { PreparedRecord } from './types.ts';

/**
 * A pair whose identity fields conflict is capped at this weight (probability ≈ 1e-9): never a match,
 * and below the clustering veto, so the two are not joined through a third record either.
 */
export const CONFLICT_WEIGHT_CAP = -30;
/** Term-frequency adjustments of names stay within ± this many bits of the field's average weight. */
const TF_MAX_BITS = 3;
/** A phone or e-mail shared by many records loses at most this many bits. */
const SHARED_CONTACT_MAX_BITS = 4;

export type HouseholdConflict = 'firstName' | 'birthDate' | 'gender' | 'childAdult' | 'generation';

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

/**
 * A phone or e-mail held by k records matches a random other record with chance (k−1)/(n−1); when that
 * is more than the field's average chance agreement u, the agreement is worth less (a salon's own
 * number typed in for walk-ins, a family address). Never more: a value held by two records is the
 * normal case the model was estimated on.
 */
function sharedContactAdjustment(count: number | undefined, total: number, u: number): number {
  if (count === undefined || count <= 2 || total < 3) return 0;
  const chance = (count - 1) / (total - 1);
  return Math.max(-SHARED_CONTACT_MAX_BITS, Math.min(0, Math.log2(u / chance)));
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
  const fields = cm.model.fields;
  if (tf.total >= 200) {
    if (levels[F_FIRST] === EXACT && a.firstName !== null) {
      const share = (tf.firstName.get(a.firstName) ?? 1) / tf.total;
      out[F_FIRST] = (out[F_FIRST] ?? 0) + tfAdjustment(fields.firstName.u[0] ?? 0.01, share);
    }
    if (levels[F_LAST] === EXACT && a.lastName !== null) {
      const share = (tf.lastName.get(a.lastName) ?? 1) / tf.total;
      out[F_LAST] = (out[F_LAST] ?? 0) + tfAdjustment(fields.lastName.u[0] ?? 0.01, share);
    }
  }
  if (levels[F_PHONE] === EXACT) {
    const v = sharedValue(a.phones, b.phones);
    if (v !== null)
      out[F_PHONE] =
        (out[F_PHONE] ?? 0) + sharedContactAdjustment(tf.phone.get(v), tf.total, fields.phone.u[0] ?? 1e-4);
  }
  if (levels[F_EMAIL] === EXACT) {
    const v = sharedValue(a.emails, b.emails);
    if (v !== null)
      out[F_EMAIL] =
        (out[F_EMAIL] ?? 0) + sharedContactAdjustment(tf.email.get(v), tf.total, fields.email.u[0] ?? 1e-4);
  }
}

/**
 * Household rule. Fellegi–Sunter treats fields as independent, but a mother and her child, twins, a
 * couple, or a father and his namesake son share a phone, an e-mail address or a home *because* they
 * live together, so those agreements can outweigh any single disagreement. When the pair shares such a
 * contact point and its identity fields conflict — given names unrelated, birth dates twelve or more
 * years apart, a man and a woman with different given names, a child and an adult born in different
 * years or with different given names, one written "junior" and the other "senior" or without it — they are two people of one
 * household, whatever else they share. Without a shared contact point the rule does not apply: then
 * the disagreement is weighed like any other (old registers are full of "Harry" for "John").
 * A pair written "junior" and "senior" is never one person.
 */
export function householdConflict(
  levels: Int8Array,
  a: Pick<PreparedRecord, 'generation'>,
  b: Pick<PreparedRecord, 'generation'>,
): HouseholdConflict | null {
  if (a.generation !== 0 && b.generation !== 0 && a.generation !== b.generation) return 'generation';
  const phone = levels[F_PHONE] ?? -1;
  const email = levels[F_EMAIL] ?? -1;
  const street = levels[F_STREET] ?? -1;
  const sharesHome = (phone >= EXACT && phone <= PHONE_ONE_DIGIT) || email === EXACT || street === EXACT;
  if (!sharesHome) return null;
  const first = levels[F_FIRST] ?? -1;
  const birth = levels[F_BIRTH] ?? -1;
  const gender = levels[F_GENDER] ?? -1;
  if (first === FIRST_DIFFERENT) return 'firstName';
  if (birth === BIRTH_FAR_APART) return 'birthDate';
  if (a.generation !== b.generation) return 'generation';
  if (gender === GENDER_CONFLICT && first > FIRST_NICKNAME) return 'gender';
  if (gender === GENDER_CHILD_ADULT && (birth >= BIRTH_SAME_YEAR || first > FIRST_NICKNAME))
    return 'childAdult';
  return null;
}

/** Whether both records have a mobile (or other personal number) and none of them is in common. */
function mobilesDiffer(a: PreparedRecord, b: PreparedRecord, phoneLevel: number): boolean {
  if (phoneLevel === EXACT || phoneLevel < 0) return false;
  return a.phones.length > a.fixedPhones.length && b.phones.length > b.fixedPhones.length;
}

/**
 * Shared-home rule. An address or a landline shared by two records is strong evidence only while
 * nothing personal contradicts it: when both have mobiles and none is in common, or their birth dates
 * differ, the shared home is just as well explained by two people living there (a father and his
 * namesake son), so the street, place and landline agreements count for nothing and the personal
 * fields decide. Returns the (negative) correction in bits.
 */
export function sharedHomeDiscount(
  a: PreparedRecord,
  b: PreparedRecord,
  levels: Int8Array,
  weights: Float64Array,
): number {
  const phone = levels[F_PHONE] ?? -1;
  const landline = phone === PHONE_LANDLINE;
  if (levels[F_STREET] !== EXACT && !landline) return 0;
  const birth = levels[F_BIRTH] ?? -1;
  if (birth < BIRTH_DIFFERENT && !mobilesDiffer(a, b, phone)) return 0;
  let discount = Math.max(0, weights[F_STREET] ?? 0) + Math.max(0, weights[F_PLACE] ?? 0);
  if (landline) discount += Math.max(0, weights[F_PHONE] ?? 0);
  return -discount;
}

/** A pair whose only evidence is its names stays at or below this weight: possible, never certain. */
export const NAMES_ONLY_CAP = 0;

/**
 * Corroboration rule. Names are what namesakes share: two "Jan Peeters", a father and his namesake son,
 * agree on them as fully as two records of one person. A pair is only called a duplicate when something
 * besides the names agrees — a phone, an e-mail address, a birth date, an address or a place — and a
 * shared home that the shared-home rule discounted does not count.
 */
export function corroborated(levels: Int8Array, weights: Float64Array, homeDiscounted: boolean): boolean {
  if ((weights[F_EMAIL] ?? 0) > 0 || (weights[F_BIRTH] ?? 0) > 0) return true;
  if ((weights[F_PHONE] ?? 0) > 0 && !(homeDiscounted && levels[F_PHONE] === PHONE_LANDLINE)) return true;
  return !homeDiscounted && ((weights[F_STREET] ?? 0) > 0 || (weights[F_PLACE] ?? 0) > 0);
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
  const discount = sharedHomeDiscount(a, b, levels, scratchWeights);
  let w = cm.priorWeight + discount;
  for (let f = 0; f < FIELD_COUNT; f++) w += scratchWeights[f] ?? 0;
  if (w > CONFLICT_WEIGHT_CAP && householdConflict(levels, a, b) !== null) return CONFLICT_WEIGHT_CAP;
  if (w > NAMES_ONLY_CAP && !corroborated(levels, scratchWeights, discount < 0)) return NAMES_ONLY_CAP;
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
  if (field === 'phone' && level === 'exact') {
    const shared = sharedValue(a.phones, b.phones);
    if (shared !== null && classifyPhone(shared, null) === 'mobile') return 'phone.exactMobile';
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
  const discount = sharedHomeDiscount(a, b, levels, weights);
  if (discount < 0) {
    fields.push({
      field: 'household',
      level: 'sharedHome',
      weight: discount,
      messageKey: 'household.sharedHome',
      params: {},
    });
    total += discount;
  }
  if (total > NAMES_ONLY_CAP && !corroborated(levels, weights, discount < 0)) {
    fields.push({
      field: 'household',
      level: 'namesOnly',
      weight: NAMES_ONLY_CAP - total,
      messageKey: 'household.namesOnly',
      params: {},
    });
    total = NAMES_ONLY_CAP;
  }
  const conflict = householdConflict(levels, a, b);
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
