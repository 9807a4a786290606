/**
 * Phonetic keys for names. Double Metaphone (English and general European spelling) and Kölner
 * Phonetik (German) come from their packages. No published package encodes Dutch spelling rules, so the
 * Dutch key is written here: Double Metaphone treats "ij" as two letters and "g"/"ch" as different
 * sounds, and Kölner Phonetik maps "v" and "w" together but keeps "ei"/"ij" apart, while in Dutch and
 * Flemish ij = ei = y, ch = g (and in West Flanders g = h), dt/d/t at the end of a word all sound "t",
 * ph = f, c = k or s, z = s, v = f, ae = aa (old spelling: Claes = Claas) and oe is one vowel.
 */
import { doubleMetaphone } from 'double-metaphone';
import { colognePhonetic } from 'cologne-phonetic';

/** Primary Double Metaphone code of a folded word ('' when none). */
export function metaphoneKey(folded: string): string {
  if (folded === '') return '';
  return doubleMetaphone(folded)[0];
}

/** Both Double Metaphone codes (primary, alternate). */
export function metaphoneKeys(folded: string): [string, string] {
  if (folded === '') return ['', ''];
  const [a, b] = doubleMetaphone(folded);
  return [a, b];
}

/** Kölner Phonetik code of a folded word. */
export function cologneKey(folded: string): string {
  if (folded === '') return '';
  return colognePhonetic(folded);
}

const DUTCH_RULES: ReadonlyArray<[RegExp, string]> = [
  [/[^a-z]/g, ''],
  [/sch$/g, 's'],
  [/sch/g, 'sh'],
  [/ph/g, 'f'],
  [/th/g, 't'],
  [/ch/g, 'H'],
  [/qu/g, 'kw'],
  [/ck/g, 'k'],
  [/c(?=[eiy])/g, 's'],
  [/c/g, 'k'],
  [/x/g, 'ks'],
  [/q/g, 'k'],
  [/eij|ij|ei|ey|y/g, 'Y'],
  [/au|ou/g, 'W'],
  [/ae|aa/g, 'a'],
  [/ee/g, 'e'],
  [/oo/g, 'o'],
  [/uu/g, 'u'],
  [/oe/g, 'U'],
  [/ie/g, 'i'],
  [/[gh]/g, 'H'],
  [/z/g, 's'],
  [/v/g, 'f'],
  [/(dt|d|tt)$/g, 't'],
  [/(.)\1+/g, '$1'],
];

/**
 * Dutch/Flemish spelling key: two names with the same key are spelled differently but pronounced the
 * same by a Dutch speaker (Wachters/Wahters, Meyer/Meijer, Claes/Claas, Philips/Filips, Goossens/Hoosens).
 */
export function dutchKey(folded: string): string {
  let s = folded;
  for (const [re, to] of DUTCH_RULES) s = s.replace(re, to);
  return s.toUpperCase();
}
