/**
 * Per-field comparison of two prepared records into comparison levels (see fields.ts). This runs in the
 * hot loop: no allocation beyond what the string measures need (the swapped-name view is built only
 * for pairs whose names do not match the straight way).
 */
import { compareBirthDigits } from './birthDate.ts';
import type { BirthDateLevel } from './birthDate.ts';
import { areNicknames } from './nicknames.ts';
import { jaroWinkler, levenshtein } from './similarity.ts';
import {
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
  if (a.firstToken === b.firstToken) return FIRST_FUZZY_HIGH;
  const close = spelling(x, y);
  if (close === SPELLING_CLOSE) return FIRST_FUZZY_HIGH;
  if (a.firstKeys !== null && b.firstKeys !== null && soundAlike(a.firstKeys, b.firstKeys, false)) {
    return FIRST_PHONETIC;
  }
  return close === SPELLING_SOMEWHAT ? FIRST_FUZZY_LOW : FIRST_DIFFERENT;
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

/** How well a pair of name levels agrees, lower is better (missing counts as weak). */
function nameRank(first: number, last: number): number {
  return (first < 0 ? 5 : first) + (last < 0 ? 4 : last * 1.2);
}

/**
 * E-mail addresses: the same mailbox, the same local part at another provider, or a local part one slip
 * away. Local parts that spell only the customers' names (with or without digits: "stefaniew",
 * "maria.peeters76") are no evidence when they agree: namesakes pick the same ones, and the names are
 * already weighed. Different mailboxes are weighed as such.
 */
function emailLevel(a: PreparedRecord, b: PreparedRecord): number {
  if (a.emails.length === 0 || b.emails.length === 0) return -1;
  for (const e of a.emails) if (b.emails.includes(e)) return EXACT;
  let onlyNames = false;
  for (let i = 0; i < a.emailLocals.length; i++) {
    const l = a.emailLocals[i] as string;
    const j = b.emailLocals.indexOf(l);
    if (l.length < 3 || j < 0) continue;
    if (a.emailNamed[i] === true && b.emailNamed[j] === true) onlyNames = true;
    else return EMAIL_SAME_LOCAL;
  }
  for (let i = 0; i < a.emailLocals.length; i++) {
    const l = a.emailLocals[i] as string;
    if (l.length < 5) continue;
    for (let j = 0; j < b.emailLocals.length; j++) {
      const m = b.emailLocals[j] as string;
      if (m.length < 5 || !closeSpelling(l, m, 1, 0.95)) continue;
      if (a.emailNamed[i] === true && b.emailNamed[j] === true) onlyNames = true;
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

/** A shared mobile (or number of unknown kind) is the person's; a shared fixed line only the home's. */
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
  return PHONE_DIFFERENT;
}

const BIRTH_LEVEL: Readonly<Record<BirthDateLevel, number>> = {
  exact: 0,
  swapped: 1,
  oneDigit: 2,
  sameYear: 3,
  different: 4,
  farApart: 5,
};

function birthLevel(a: PreparedRecord, b: PreparedRecord): number {
  if (a.birthDigits === null || b.birthDigits === null) return -1;
  return BIRTH_LEVEL[compareBirthDigits(a.birthDigits, a.birthYear, b.birthDigits, b.birthYear)];
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
    if (
      nameRank(crossFirst, crossLast) < nameRank(first, last) &&
      (crossFirst >= 0 ? crossFirst < FIRST_INITIAL : crossLast < LAST_INITIAL) &&
      (crossLast < 0 || crossLast < LAST_INITIAL)
    ) {
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
