/**
 * Per-field comparison of two prepared records into comparison levels (see fields.ts). This runs in the
 * hot loop: no allocation beyond what the string measures need (the swapped-name view is built only
 * for pairs whose names do not match the straight way).
 */
import { compareBirthDigits } from './birthDate.ts';
import type { BirthDateLevel } from './birthDate.ts';
import { areNicknames, nearNicknameForm, oneSlipApart } from './nicknames.ts';
import { jaroWinkler, levenshtein, typingSlip } from './similarity.ts';
import {
  BIRTH_EMAIL_OTHER_YEAR,
  BIRTH_EMAIL_YEAR,
  EMAIL_DIFFERENT,
  EMAIL_FUZZY_LOCAL,
  EMAIL_SAME_LOCAL,
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
  FIRST_DIFFERENT,
  FIRST_FUZZY_HIGH,
  FIRST_FUZZY_LOW,
  FIRST_INITIAL,
  FIRST_NICKNAME,
  FIRST_PHONETIC,
  GENDER_CHILD_ADULT,
  GENDER_CONFLICT,
  LAST_DIFFERENT,
  LAST_FUZZY_HIGH,
  LAST_FUZZY_LOW,
  LAST_INITIAL,
  LAST_PHONETIC,
  PHONE_DIFFERENT,
  PHONE_LANDLINE,
  PHONE_ONE_DIGIT,
  PLACE_CITY,
  PLACE_DIFFERENT,
  PLACE_DISTRICT,
  PLACE_DISTRICT_CITY,
  PLACE_POSTAL,
  STREET_DIFFERENT,
  STREET_SAME_STREET,
  STREET_SIMILAR,
} from './fields.ts';
import { isParticle } from './names.ts';
import type { NameKeys, PreparedRecord } from './types.ts';

/** Levels of one pair, one entry per field, plus whether first and last name were swapped. */
export interface ComparisonLevels {
  levels: Int8Array;
  swapped: boolean;
}

export function newLevels(): Int8Array {
  return new Int8Array(FIELD_COUNT);
}

/**
 * Same sound by Double Metaphone, Kölner Phonetik or the Dutch key. Metaphone's alternate codes
 * (Schmidt ~ Smith) are used for surnames only: for given names they link too much (Jan ~ Anna).
 */
function soundAlike(a: NameKeys, b: NameKeys, alternates: boolean): boolean {
  return (
    (a[0] !== '' && (a[0] === b[0] || (alternates && (a[0] === b[1] || a[1] === b[0])))) ||
    (a[2].length >= 3 && a[2] === b[2]) ||
    (a[3] !== '' && a[3] === b[3])
  );
}

function closeSpelling(a: string, b: string, maxEdits: number, minJw: number): boolean {
  if (jaroWinkler(a, b) >= minJw) return true;
  const shorter = Math.min(a.length, b.length);
  if (shorter < 4 || Math.abs(a.length - b.length) > maxEdits) return false;
  return levenshtein(a, b) <= maxEdits;
}

const SPELLING_CLOSE = 1;
const SPELLING_SOMEWHAT = 2;

/**
 * How close two spellings are, measured once: 1 = close (Jaro-Winkler ≥ 0.95 or one edit), 2 = somewhat
 * (Jaro-Winkler ≥ 0.88 or two edits; edits counted from four letters on), 0 = not close.
 */
function spelling(a: string, b: string): number {
  const jw = jaroWinkler(a, b);
  if (jw >= 0.95) return SPELLING_CLOSE;
  const shorter = Math.min(a.length, b.length);
  const edits = shorter < 4 || Math.abs(a.length - b.length) > 2 ? 3 : levenshtein(a, b);
  if (edits <= 1) return SPELLING_CLOSE;
  return jw >= 0.88 || edits <= 2 ? SPELLING_SOMEWHAT : 0;
}

/** The name fields of a record, as the comparisons read them. */
type Names = Pick<
  PreparedRecord,
  | 'firstName'
  | 'firstToken'
  | 'firstInitialOnly'
  | 'firstKeys'
  | 'nicknames'
  | 'lastName'
  | 'lastCore'
  | 'lastInitialOnly'
  | 'lastKeys'
>;

export function firstNameLevel(a: Names, b: Names): number {
  const x = a.firstName;
  const y = b.firstName;
  if (x === null || y === null) return -1;
  if (x === y) return EXACT;
  if (a.firstInitialOnly || b.firstInitialOnly) return x[0] === y[0] ? FIRST_INITIAL : FIRST_DIFFERENT;
  if (areNicknames(a.nicknames, b.nicknames)) return FIRST_NICKNAME;
  // Same first given name ("Marie" / "Marie-Louise"); a particle typed first ("van Dijk" in the
  // first-name box) is no given name.
  if (a.firstToken === b.firstToken && !isParticle(a.firstToken ?? '')) return FIRST_FUZZY_HIGH;
  const close = spelling(x, y);
  if (close === SPELLING_CLOSE) return FIRST_FUZZY_HIGH;
  // The sound of a particle typed first ("van Dijk" in the first-name box) says nothing.
  const particle = isParticle(a.firstToken ?? '') || isParticle(b.firstToken ?? '');
  if (
    a.firstKeys !== null &&
    b.firstKeys !== null &&
    !particle &&
    soundAlike(a.firstKeys, b.firstKeys, false)
  )
    return FIRST_PHONETIC;
  if (close === SPELLING_SOMEWHAT || slipOfAForm(a, b) || slipOfAForm(b, a)) return FIRST_FUZZY_LOW;
  return FIRST_DIFFERENT;
}

/**
 * A given name that is a slip of the other's name or of one of its forms: two neighbouring letters
 * swapped ("Wmi" / "Wim"), one letter off a nickname form ("Jihanna" / "Anja"), or a short
 * non-name one slip from a name ("jam" / "Jan").
 * Weak evidence, but not "different": between the records of one household a different given name
 * means another person (household rule), and a slip is not another person.
 */
export function slipOfAForm(a: Names, b: Names): boolean {
  const x = a.firstToken;
  const y = b.firstToken;
  if (x === null || y === null) return false;
  if (x.length === y.length && x.length >= 3 && x.charCodeAt(0) === y.charCodeAt(0) && oneSlipApart(x, y)) {
    // Same length, one slip: only a swap of neighbours counts here (a changed letter is another name).
    let d = 0;
    while (x.charCodeAt(d) === y.charCodeAt(d)) d++;
    if (x[d] === y[d + 1] && x[d + 1] === y[d]) return true;
  }
  if (b.nicknames.length === 0) return false;
  // A short "name" that is no known given name, one slip from one that is: "jam" for Jan (a key
  // next to it), "wm" for Wim (no vowel: no name at all).
  if (a.nicknames.length === 0 && x.length <= 3) {
    if (typingSlip(x, y) || (!/[aeiouy]/.test(x) && oneSlipApart(x, y))) return true;
  }
  return nearNicknameForm(x, b.nicknames);
}

export function lastNameLevel(a: Names, b: Names): number {
  const x = a.lastName;
  const y = b.lastName;
  if (x === null || y === null) return -1;
  if (x === y) return EXACT;
  if (a.lastInitialOnly || b.lastInitialOnly) {
    return x[0] === y[0] || a.lastCore?.[0] === b.lastCore?.[0] ? LAST_INITIAL : LAST_DIFFERENT;
  }
  if (a.lastCore === b.lastCore) return LAST_FUZZY_HIGH;
  const close = spelling(x, y);
  if (close === SPELLING_CLOSE) return LAST_FUZZY_HIGH;
  if (a.lastKeys !== null && b.lastKeys !== null && soundAlike(a.lastKeys, b.lastKeys, true))
    return LAST_PHONETIC;
  return close === SPELLING_SOMEWHAT ? LAST_FUZZY_LOW : LAST_DIFFERENT;
}

/** Record b with its first and last name exchanged, to compare names typed in the wrong boxes. */
function swappedNames(b: PreparedRecord): Names {
  return {
    firstName: b.lastName,
    firstToken: b.lastName,
    firstInitialOnly: b.lastInitialOnly,
    firstKeys: b.lastKeys,
    nicknames: [],
    lastName: b.firstName,
    lastCore: b.firstName,
    lastInitialOnly: b.firstInitialOnly,
    lastKeys: b.firstKeys,
  };
}

/** Cheap test before the swapped comparison: a's first or last name starts like b's other name. */
function mayBeSwapped(a: PreparedRecord, b: PreparedRecord): boolean {
  const af = a.firstName?.charCodeAt(0);
  const al = a.lastName?.charCodeAt(0);
  const bf = b.firstName?.charCodeAt(0);
  const bl = b.lastName?.charCodeAt(0);
  return (
    (af !== undefined && (af === bl || af === b.lastCore?.charCodeAt(0))) ||
    (al !== undefined && al === bf) ||
    (a.lastCore !== null && a.lastCore.charCodeAt(0) === bf)
  );
}

/**
 * Whether names compared crosswise make a swap believable: both agree (an initial on one side is
 * enough when the other name agrees closely: "de Bruijn Liesbeth" / "Liesbeth d."), or one name
 * agrees as a whole while the other differs (swapped and married: "Loohuis Johanna" / "Johanna de
 * Doveld").
 */
function crossPlausible(crossFirst: number, crossLast: number): boolean {
  const firstClose = crossFirst >= EXACT && crossFirst <= FIRST_FUZZY_HIGH;
  const lastClose = crossLast >= EXACT && crossLast <= LAST_FUZZY_HIGH;
  if (firstClose && (crossLast < 0 || crossLast <= LAST_INITIAL)) return true;
  if (lastClose && (crossFirst < 0 || crossFirst <= FIRST_INITIAL)) return true;
  if (crossFirst >= 0 && crossFirst < FIRST_INITIAL && crossLast < LAST_INITIAL) return true;
  return crossFirst >= EXACT && crossFirst <= FIRST_NICKNAME;
}

/** How well a pair of name levels agrees, lower is better (missing counts as weak). */
function nameRank(first: number, last: number): number {
  return (first < 0 ? 5 : first) + (last < 0 ? 4 : last * 1.2);
}

/** The digits of an e-mail name ("maria.peeters76" → "76"), which namesakes rarely share. */
function localDigits(local: string): string {
  let out = '';
  for (let i = 0; i < local.length; i++) {
    const c = local.charCodeAt(i);
    if (c >= 48 && c <= 57) out += local[i];
  }
  return out;
}

/**
 * Whether agreeing e-mail names say nothing beyond the names: a local part of letters only that is
 * nothing but names ("stefaniew", "lieve.mertens"), while both records carry names. Namesakes pick the
 * same such names at other providers, and the names are weighed already. It is enough that one side's
 * local part is only its owner's names: with a misspelt name in the other record ("Mertes" with
 * lieve.mertens@…) the other side no longer looks like a name. Digits after a full name make it the
 * person's own ("maria.peeters76"), not after a given name alone ("maria66": every Maria born in 1966);
 * and when one record has no name at all the e-mail name is the only name it has, so it counts.
 */
function onlyNamesAgree(a: PreparedRecord, i: number, b: PreparedRecord, j: number, local: string): boolean {
  if (a.emailNamed[i] !== true && b.emailNamed[j] !== true) return false;
  const named = (r: PreparedRecord): boolean => r.firstName !== null || r.lastName !== null;
  if (!named(a) || !named(b)) return false;
  const digits = localDigits(local);
  if (digits === '') return true;
  // A given name and a year ("sabine61", "maria66") is what every Sabine born in 1961 picks.
  const letters = local.slice(0, local.length - digits.length);
  return (
    letters === a.firstToken || letters === b.firstToken || letters === a.firstName || letters === b.firstName
  );
}

/**
 * E-mail addresses: the same mailbox, the same local part at another provider, or a local part one slip
 * away (onlyNamesAgree: no evidence). A slip is a typo in the letters: local parts whose digits differ
 * ("johanna.jansen94" / "johanna.jansen") are two mailboxes, as two namesakes get them from a
 * provider. Different mailboxes are weighed as such.
 */
function emailLevel(a: PreparedRecord, b: PreparedRecord): number {
  if (a.emails.length === 0 || b.emails.length === 0) return -1;
  for (const e of a.emails) if (b.emails.includes(e)) return EXACT;
  let onlyNames = false;
  for (let i = 0; i < a.emailLocals.length; i++) {
    const l = a.emailLocals[i] as string;
    const j = b.emailLocals.indexOf(l);
    if (l.length < 3 || j < 0) continue;
    if (onlyNamesAgree(a, i, b, j, l)) onlyNames = true;
    else return EMAIL_SAME_LOCAL;
  }
  for (let i = 0; i < a.emailLocals.length; i++) {
    const l = a.emailLocals[i] as string;
    if (l.length < 5) continue;
    for (let j = 0; j < b.emailLocals.length; j++) {
      const m = b.emailLocals[j] as string;
      if (m.length < 5 || localDigits(l) !== localDigits(m) || !closeSpelling(l, m, 1, 0.95)) continue;
      if (onlyNamesAgree(a, i, b, j, l)) onlyNames = true;
      else return EMAIL_FUZZY_LOCAL;
    }
  }
  return onlyNames ? -1 : EMAIL_DIFFERENT;
}

function oneDigitOff(x: string, y: string): boolean {
  if (x.length !== y.length) return false;
  let diff = 0;
  let at = -1;
  for (let i = 0; i < x.length; i++) {
    if (x.charCodeAt(i) !== y.charCodeAt(i)) {
      diff++;
      if (diff === 1) at = i;
      else if (diff > 2) return false;
    }
  }
  if (diff <= 1) return true;
  return x[at] === y[at + 1] && x[at + 1] === y[at];
}

/**
 * A shared mobile (or number of unknown kind) is the person's; a shared fixed line only the home's.
 * Numbers that differ only count as "different" when both records have a number of the same kind: a
 * landline on one record and a mobile on the other are two numbers one person can have at once.
 */
function phoneLevel(a: PreparedRecord, b: PreparedRecord): number {
  if (a.phones.length === 0 || b.phones.length === 0) return -1;
  let landline = false;
  for (const p of a.phones) {
    if (!b.phones.includes(p)) continue;
    if (!a.fixedPhones.includes(p)) return EXACT;
    landline = true;
  }
  if (landline) return PHONE_LANDLINE;
  for (const p of a.phones) for (const q of b.phones) if (oneDigitOff(p, q)) return PHONE_ONE_DIGIT;
  const bothMobile = a.phones.length > a.fixedPhones.length && b.phones.length > b.fixedPhones.length;
  const bothFixed = a.fixedPhones.length > 0 && b.fixedPhones.length > 0;
  return bothMobile || bothFixed ? PHONE_DIFFERENT : -1;
}

const BIRTH_LEVEL: Readonly<Record<BirthDateLevel, number>> = {
  exact: 0,
  swapped: 1,
  oneDigit: 2,
  sameYear: 3,
  different: 4,
  farApart: 5,
};

/**
 * The year an e-mail name ends in ("maria.peeters76", "jan1985"): two digits as 19xx/20xx's last two,
 * four digits as a year; -1 when no e-mail name ends in two or four digits. People often put their
 * birth year there.
 */
function emailYearDigits(local: string): number {
  let end = local.length;
  let value = 0;
  let scale = 1;
  while (end > 0) {
    const c = local.charCodeAt(end - 1);
    if (c < 48 || c > 57) break;
    value += (c - 48) * scale;
    scale *= 10;
    end--;
  }
  const digits = local.length - end;
  if (end === 0) return -1;
  if (digits === 2) return value;
  if (digits === 4 && value >= 1900 && value <= 2099) return value % 100;
  return -1;
}

/**
 * Birth dates. When only one record has one, the other's e-mail name may still say the year:
 * "maria.peeters76@…" next to a birth date in 1976 (emailYear), or in another year (emailOtherYear,
 * weak: the digits need not be a year at all).
 */
function birthLevel(a: PreparedRecord, b: PreparedRecord): number {
  if (a.birthDigits !== null && b.birthDigits !== null)
    return BIRTH_LEVEL[compareBirthDigits(a.birthDigits, a.birthYear, b.birthDigits, b.birthYear)];
  const dated = a.birthDigits !== null ? a : b.birthDigits !== null ? b : null;
  if (dated === null || dated.birthYear <= 0) return -1;
  const other = dated === a ? b : a;
  let seen = false;
  for (const local of other.emailLocals) {
    const yy = emailYearDigits(local);
    if (yy < 0) continue;
    if (yy === dated.birthYear % 100) return BIRTH_EMAIL_YEAR;
    seen = true;
  }
  return seen ? BIRTH_EMAIL_OTHER_YEAR : -1;
}

/** Same town: equal, one typo away, or one name the start of the other ("london" / "londonboroughofcamden"). */
function sameCity(x: string, y: string): boolean {
  if (x === y) return true;
  const shorter = Math.min(x.length, y.length);
  if (shorter >= 4 && (x.startsWith(y) || y.startsWith(x))) return true;
  return shorter >= 5 && closeSpelling(x, y, 2, 0.92);
}

function placesConflict(a: PreparedRecord, b: PreparedRecord): boolean {
  if (a.postalCode !== null && b.postalCode !== null) return a.postalCode !== b.postalCode;
  if (a.city !== null && b.city !== null) return !sameCity(a.city, b.city);
  return false;
}

function streetLevel(a: PreparedRecord, b: PreparedRecord): number {
  if (a.street === null || b.street === null) return -1;
  // The same street name in two towns says nothing; the place field carries that disagreement.
  if (placesConflict(a, b)) return -1;
  const sameNumber = a.houseNumber !== null && a.houseNumber === b.houseNumber;
  if (a.street === b.street) return sameNumber && a.houseBox === b.houseBox ? EXACT : STREET_SAME_STREET;
  if (sameNumber && closeSpelling(a.street, b.street, 1, 0.93)) return STREET_SIMILAR;
  return STREET_DIFFERENT;
}

function placeLevel(a: PreparedRecord, b: PreparedRecord): number {
  const postal = a.postalCode !== null && b.postalCode !== null ? a.postalCode === b.postalCode : null;
  const city = a.city !== null && b.city !== null ? sameCity(a.city, b.city) : null;
  if (postal === null && city === null) return -1;
  if (postal === true) return city === true ? EXACT : PLACE_POSTAL;
  const district = a.postalDistrict !== null && a.postalDistrict === b.postalDistrict;
  if (city === true) return district ? PLACE_DISTRICT_CITY : PLACE_CITY;
  return district ? PLACE_DISTRICT : PLACE_DIFFERENT;
}

function genderLevel(a: PreparedRecord, b: PreparedRecord): number {
  const x = a.gender;
  const y = b.gender;
  if (x === null || y === null || x === 'diverse' || y === 'diverse') return -1;
  if (x === y) return EXACT;
  if (x === 'child' || y === 'child') return GENDER_CHILD_ADULT;
  return GENDER_CONFLICT;
}

/** Fill `out` with the level of every field; returns true when the names only match swapped. */
export function compareInto(a: PreparedRecord, b: PreparedRecord, out: Int8Array): boolean {
  let first = firstNameLevel(a, b);
  let last = lastNameLevel(a, b);
  let swapped = false;
  const weak = first < 0 || last < 0 || first >= FIRST_FUZZY_LOW || last >= LAST_FUZZY_LOW;
  if (weak && mayBeSwapped(a, b)) {
    const view = swappedNames(b);
    const crossFirst = firstNameLevel(a, view);
    const crossLast = lastNameLevel(a, view);
    if (nameRank(crossFirst, crossLast) < nameRank(first, last) && crossPlausible(crossFirst, crossLast)) {
      first = crossFirst;
      last = crossLast;
      swapped = true;
    }
  }
  out[F_FIRST] = first;
  out[F_LAST] = last;
  out[F_EMAIL] = emailLevel(a, b);
  out[F_PHONE] = phoneLevel(a, b);
  out[F_BIRTH] = birthLevel(a, b);
  out[F_STREET] = streetLevel(a, b);
  out[F_PLACE] = placeLevel(a, b);
  out[F_GENDER] = genderLevel(a, b);
  return swapped;
}

export function comparePair(a: PreparedRecord, b: PreparedRecord): ComparisonLevels {
  const levels = newLevels();
  const swapped = compareInto(a, b, levels);
  return { levels, swapped };
}
