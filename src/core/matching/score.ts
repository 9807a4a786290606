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
  FIRST_PHONETIC,
  GENDER_CHILD_ADULT,
  LAST_FUZZY_HIGH,
  GENDER_CONFLICT,
  PHONE_LANDLINE,
  PHONE_ONE_DIGIT,
  BIRTH_DIFFERENT,
} from './fields.ts';
import type { FieldName } from './fields.ts';
import { compileModel, weightToProbability } from './model.ts';
import type { CompiledModel, MatchModel } from './model.ts';
import { classifyPhone } from './phone.ts';
import { typingSlip } from './similarity.ts';
import type { TermFrequencies } from './termFrequencies.ts';
import type { PreparedRecord } from './types.ts';

/**
 * A pair whose identity fields conflict is capped at this weight (probability ≈ 1e-9): never a match,
 * and below the clustering veto, so the two are not joined through a third record either.
 */
export const CONFLICT_WEIGHT_CAP = -30;
/** Term frequencies say something from this file size on (smaller files: the model's averages). */
export const MIN_TF_RECORDS = 200;
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
  if (tf.total >= MIN_TF_RECORDS) {
    if (levels[F_FIRST] === EXACT && a.firstName !== null) {
      const share = (tf.firstName.get(a.firstName) ?? 1) / tf.total;
      out[F_FIRST] = (out[F_FIRST] ?? 0) + tfAdjustment(fields.firstName.u[0] ?? 0.01, share);
    }
    const last = levels[F_LAST];
    if (last === EXACT && a.lastName !== null) {
      const share = (tf.lastName.get(a.lastName) ?? 1) / tf.total;
      out[F_LAST] = (out[F_LAST] ?? 0) + tfAdjustment(fields.lastName.u[0] ?? 0.01, share);
    } else if (last === LAST_FUZZY_HIGH && a.lastName !== null) {
      // A slip of a common surname (Janssen / Jansen) is common too; a slip of a rare one earns no
      // bonus, for rare surnames one letter apart are often two families (Grouls, Gruls).
      let count = tf.lastName.get(a.lastName) ?? 1;
      if (b.lastName !== null) count = Math.max(count, tf.lastName.get(b.lastName) ?? 0);
      const share = count / tf.total;
      out[F_LAST] = (out[F_LAST] ?? 0) + Math.min(0, tfAdjustment(fields.lastName.u[0] ?? 0.01, share));
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
  if (gender === GENDER_CHILD_ADULT && (birthsDiffer(birth, true) || first > FIRST_NICKNAME))
    return 'childAdult';
  return null;
}

/** Whether two birth dates are known to differ (sameYear counts when `sameYear` is true). */
function birthsDiffer(birth: number, sameYear: boolean): boolean {
  return birth === BIRTH_DIFFERENT || birth === BIRTH_FAR_APART || (sameYear && birth === BIRTH_SAME_YEAR);
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
 * fields decide. Other mobiles alone do not discount the home of a woman with the same given name.
 * Returns the (negative) correction in bits.
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
  if (!birthsDiffer(birth, false)) {
    if (!mobilesDiffer(a, b, phone)) return 0;
    // Other mobiles at one home: a namesake son, or the same woman with a new number (a woman rarely
    // lives with someone of her own full name).
    const woman =
      (a.gender === 'female' || b.gender === 'female') && a.gender !== 'male' && b.gender !== 'male';
    if (woman && (levels[F_FIRST] ?? -1) === EXACT) return 0;
  }
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

/** A surname carried by at most this many records of the file is rare (see rareNameKind). */
export const RARE_SURNAME_HOLDERS = 4;

/**
 * The kinds of rare-name pairs: the same surname and given name ('same'), the same surname and a form,
 * spelling or slip of the given name ('form'), a surname one typing slip apart ('slip': a key next to
 * the right one, a letter typed twice, two letters swapped).
 */
export type RareNameKind = 'same' | 'form' | 'slip';
export const RARE_NAME_KINDS: readonly RareNameKind[] = ['same', 'form', 'slip'];

/**
 * Which kind of rare-name pair this is, or null. A pair is one when its surname is rare in the file —
 * no more than RARE_SURNAME_HOLDERS records carry it (or either spelling, for a surname one slip off) —
 * and its given names agree (the same, a form, a close spelling or the same sound). Two men with the
 * same given name are not: a son named after his father shares his full name and often nothing else
 * that is written down in both records; nor is anyone written junior or senior.
 */
export function rareNameKind(
  a: PreparedRecord,
  b: PreparedRecord,
  levels: Int8Array,
  tf: TermFrequencies | null,
  swapped: boolean,
): RareNameKind | null {
  if (tf === null || tf.total < MIN_TF_RECORDS) return null;
  const first = levels[F_FIRST] ?? -1;
  const last = levels[F_LAST] ?? -1;
  if (first < EXACT || first > FIRST_PHONETIC || (last !== EXACT && last !== LAST_FUZZY_HIGH)) return null;
  if (a.generation !== 0 || b.generation !== 0) return null;
  if (first === EXACT && (a.gender === 'male' || b.gender === 'male')) return null;
  // The surnames as written; with names in swapped boxes either of a's names may be the surname, and
  // both must be rare (a lookup knows the frequency of a's surname only: then the rule stays out).
  const [x, y] = swapped ? [a.firstName, a.lastName] : [a.lastName, b.lastName];
  if (x === null || y === null) return null;
  if (last !== EXACT && (swapped || !typingSlip(x, y))) return null;
  let holders = 0;
  for (const name of x === y ? [x] : [x, y]) {
    const count = tf.lastName.get(name);
    if (count === undefined && name !== a.lastName) return null;
    holders = Math.max(holders, count ?? 1);
  }
  if (holders > RARE_SURNAME_HOLDERS) return null;
  return last !== EXACT ? 'slip' : first === EXACT ? 'same' : 'form';
}

/** Whether any field besides the names speaks against the pair (or a shared home was discounted). */
function anythingDisagrees(weights: Float64Array, homeDiscounted: boolean): boolean {
  if (homeDiscounted) return true;
  for (const f of [F_EMAIL, F_PHONE, F_BIRTH, F_STREET, F_PLACE, F_GENDER])
    if ((weights[f] ?? 0) < 0) return true;
  return false;
}

/**
 * Rare-name rule, the exception to corroboration. A customer who booked online with only an e-mail
 * address and at the desk with only a phone shares nothing with herself but her name. When that name
 * is rare (rareNameKind) and nothing else disagrees, the pair is not capped: it gets the share of
 * duplicates the model learned for its kind — among the pairs of the file with such names that could
 * be checked on a phone, an e-mail address or a birth date (MatchModel.rareNames). With a model that
 * learned none, the same full name keeps its own weight and the other kinds stay capped. Returns the
 * weight to use, or null when the rule does not apply.
 */
export function rareNamesWeight(
  a: PreparedRecord,
  b: PreparedRecord,
  levels: Int8Array,
  weights: Float64Array,
  homeDiscounted: boolean,
  tf: TermFrequencies | null,
  swapped: boolean,
  cm: CompiledModel,
  weight: number,
): number | null {
  const kind = rareNameKind(a, b, levels, tf, swapped);
  if (kind === null || anythingDisagrees(weights, homeDiscounted)) return null;
  // Without a learned share only the plainest kind keeps its own weight; the others stay capped.
  return cm.rareNames[kind] ?? (kind === 'same' ? weight : null);
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
  const swapped = compareInto(a, b, levels);
  fieldWeights(a, b, levels, cm, tf, scratchWeights);
  const discount = sharedHomeDiscount(a, b, levels, scratchWeights);
  let w = cm.priorWeight + discount;
  for (let f = 0; f < FIELD_COUNT; f++) w += scratchWeights[f] ?? 0;
  if (w > CONFLICT_WEIGHT_CAP && householdConflict(levels, a, b) !== null) return CONFLICT_WEIGHT_CAP;
  if (corroborated(levels, scratchWeights, discount < 0)) return w;
  const rare = rareNamesWeight(a, b, levels, scratchWeights, discount < 0, tf, swapped, cm, w);
  if (rare !== null) return rare;
  return Math.min(w, NAMES_ONLY_CAP);
}

function display(value: string | null): string {
  if (value === null || value === '') return '';
  return value.charAt(0).toUpperCase() + value.slice(1);
}

function fieldParams(
  field: FieldName,
  level: string,
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
    case 'birthDate': {
      if (level !== 'emailYear' && level !== 'emailOtherYear')
        return { a: a.birthDigits ?? '', b: b.birthDigits ?? '' };
      const [dated, other] = a.birthDigits !== null ? [a, b] : [b, a];
      return { a: dated.birthYear, b: other.emails[0] ?? '' };
    }
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
      params: fieldParams(def.name, levelName, a, b),
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
  if (!corroborated(levels, weights, discount < 0)) {
    const rare = rareNamesWeight(a, b, levels, weights, discount < 0, tf, swapped, cm, total);
    if (rare !== null) {
      const learned = cm.model.rareNames?.[rareNameKind(a, b, levels, tf, swapped) ?? 'same'];
      fields.push({
        field: 'lastName',
        level: 'rare',
        weight: rare - total,
        messageKey: learned === undefined ? 'lastName.rare' : 'lastName.rareLearned',
        params: {
          a: display(a.lastName),
          count: tf?.lastName.get(a.lastName ?? '') ?? 1,
          share: learned === undefined ? '' : Math.round(learned * 100),
        },
      });
      total = rare;
    } else if (total > NAMES_ONLY_CAP) {
      fields.push({
        field: 'household',
        level: 'namesOnly',
        weight: NAMES_ONLY_CAP - total,
        messageKey: 'household.namesOnly',
        params: {},
      });
      total = NAMES_ONLY_CAP;
    }
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
