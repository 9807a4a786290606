/**
 * Per-field comparison of two prepared records into comparison levels (see fields.ts). This runs in the
 * hot loop: no allocation beyond what the string measures need.
 */
import { compareBirthDates } from './birthDate.ts';
import type { BirthDateLevel } from './birthDate.ts';
import { areNicknames } from './nicknames.ts';
import { jaroWinkler, levenshtein } from './similarity.ts';
import {
  F_BIRTH,
  F_EMAIL,
  F_FIRST,
  F_GENDER,
  F_LAST,
  F_PHONE,
  F_PLACE,
  F_STREET,
  FIELD_COUNT,
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

function soundAlike(a: NameKeys, b: NameKeys): boolean {
  return (
    (a[0] !== '' && (a[0] === b[0] || a[0] === b[1] || a[1] === b[0])) ||
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

export function firstNameLevel(a: PreparedRecord, b: PreparedRecord): number {
  const x = a.firstName;
  const y = b.firstName;
  if (x === null || y === null) return -1;
  if (x === y) return 0;
  if (a.firstInitialOnly || b.firstInitialOnly) return x[0] === y[0] ? 5 : 6;
  if (areNicknames(a.nicknames, b.nicknames)) return 1;
  if (a.firstToken === b.firstToken) return 2;
  if (closeSpelling(x, y, 1, 0.95)) return 2;
  if (a.firstKeys !== null && b.firstKeys !== null && soundAlike(a.firstKeys, b.firstKeys)) return 3;
  if (closeSpelling(x, y, 2, 0.88)) return 4;
  return 6;
}

export function lastNameLevel(a: PreparedRecord, b: PreparedRecord): number {
  const x = a.lastName;
  const y = b.lastName;
  if (x === null || y === null) return -1;
  if (x === y) return 0;
  if (a.lastCore === b.lastCore || closeSpelling(x, y, 1, 0.95)) return 1;
  if (a.lastKeys !== null && b.lastKeys !== null && soundAlike(a.lastKeys, b.lastKeys)) return 2;
  if (closeSpelling(x, y, 2, 0.88)) return 3;
  return 4;
}

function crossNameMatch(a: PreparedRecord, b: PreparedRecord): boolean {
  const af = a.firstName;
  const al = a.lastName;
  const bf = b.firstName;
  const bl = b.lastName;
  const close = (x: string | null, y: string | null): boolean =>
    x !== null && y !== null && closeSpelling(x, y, 2, 0.9);
  if (af !== null && al !== null && bf !== null && bl !== null)
    return af !== al && close(af, bl) && close(al, bf);
  // One record holds a single name: it may be the other's first or last name typed in the wrong box.
  if ((af === null) !== (al === null) && bf !== null && bl !== null)
    return close(af ?? al, bf === (af ?? al) ? null : bl);
  if ((bf === null) !== (bl === null) && af !== null && al !== null)
    return close(bf ?? bl, af === (bf ?? bl) ? null : al);
  return false;
}

function emailLevel(a: PreparedRecord, b: PreparedRecord): number {
  if (a.emails.length === 0 || b.emails.length === 0) return -1;
  for (const e of a.emails) if (b.emails.includes(e)) return 0;
  for (const l of a.emailLocals) if (l.length >= 3 && b.emailLocals.includes(l)) return 1;
  for (const l of a.emailLocals) {
    for (const m of b.emailLocals)
      if (l.length >= 5 && m.length >= 5 && closeSpelling(l, m, 1, 0.95)) return 2;
  }
  return 3;
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

function phoneLevel(a: PreparedRecord, b: PreparedRecord): number {
  if (a.phones.length === 0 || b.phones.length === 0) return -1;
  for (const p of a.phones) if (b.phones.includes(p)) return 0;
  for (const p of a.phones) for (const q of b.phones) if (oneDigitOff(p, q)) return 1;
  return 2;
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
  return BIRTH_LEVEL[
    compareBirthDates(
      { digits: a.birthDigits, year: a.birthYear, valid: true },
      { digits: b.birthDigits, year: b.birthYear, valid: true },
    )
  ];
}

function placesConflict(a: PreparedRecord, b: PreparedRecord): boolean {
  if (a.postalCode !== null && b.postalCode !== null) return a.postalCode !== b.postalCode;
  if (a.city !== null && b.city !== null) return a.city !== b.city;
  return false;
}

function streetLevel(a: PreparedRecord, b: PreparedRecord): number {
  if (a.street === null || b.street === null) return -1;
  // The same street name in two towns says nothing; the place field carries that disagreement.
  if (placesConflict(a, b)) return -1;
  const sameNumber = a.houseNumber !== null && a.houseNumber === b.houseNumber;
  if (a.street === b.street) return sameNumber && a.houseBox === b.houseBox ? 0 : 1;
  if (sameNumber && closeSpelling(a.street, b.street, 1, 0.93)) return 2;
  return 3;
}

function placeLevel(a: PreparedRecord, b: PreparedRecord): number {
  const postal = a.postalCode !== null && b.postalCode !== null ? a.postalCode === b.postalCode : null;
  const city =
    a.city !== null && b.city !== null ? a.city === b.city || jaroWinkler(a.city, b.city) >= 0.93 : null;
  if (postal === null && city === null) return -1;
  if (postal === true) return city === true ? 0 : 1;
  if (city === true) return 2;
  return 3;
}

function genderLevel(a: PreparedRecord, b: PreparedRecord): number {
  const x = a.gender;
  const y = b.gender;
  if (x === null || y === null || x === 'diverse' || y === 'diverse') return -1;
  if (x === y) return 0;
  if (x === 'child' || y === 'child') return 1;
  return 2;
}

/** Fill `out` with the level of every field; returns true when the names only match swapped. */
export function compareInto(a: PreparedRecord, b: PreparedRecord, out: Int8Array): boolean {
  let first = firstNameLevel(a, b);
  let last = lastNameLevel(a, b);
  let swapped = false;
  if ((first >= 4 || last >= 3 || first < 0 || last < 0) && crossNameMatch(a, b)) {
    swapped = true;
    if (first !== 0) first = first < 0 ? -1 : 2;
    if (last !== 0) last = last < 0 ? -1 : 1;
    if (first < 0 && last < 0) first = 2;
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
