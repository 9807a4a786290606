/**
 * Addresses: street names with their abbreviations spelled out the same way (Kerkstr. / Kerkstraat,
 * Brusselsesteenweg / Brusselse stwg, Hauptstraße / Hauptstr.), house numbers with their box
 * ("12 bus 3", "12/3", "12b", "12 bte 3") and postal codes ("B-9000", "1012 ab", "D-10115").
 */
import { foldText } from './text.ts';

/** Word endings mapped to one short form, longest first (applied to the glued street name). */
const STREET_SUFFIXES: ReadonlyArray<[string, string]> = [
  ['steenweg', 'stwg'],
  ['stwg', 'stwg'],
  ['strasse', 'str'],
  ['straat', 'str'],
  ['str', 'str'],
  ['laan', 'ln'],
  ['ln', 'ln'],
  ['plein', 'pl'],
  ['platz', 'pl'],
  ['pl', 'pl'],
  ['dreef', 'dr'],
  ['gracht', 'gr'],
  ['kaai', 'kaai'],
  ['weg', 'wg'],
  ['wg', 'wg'],
];

/** Leading French/English street words mapped to one short form. */
const STREET_PREFIXES: ReadonlyArray<[RegExp, string]> = [
  [/^(avenue|av|ave|avn) /, 'av '],
  [/^(boulevard|bd|blvd|bld) /, 'bd '],
  [/^(chaussee|chee|ch) /, 'chee '],
  [/^(place|pl) /, 'pl '],
  [/^(rue|r) /, 'rue '],
];

/** A comparable street name: "Brusselsesteenweg" and "Brusselse Stwg." both become "brusselsestwg". */
export function normaliseStreet(raw: string | null): string | null {
  if (raw === null) return null;
  let s = foldText(raw);
  if (s === '') return null;
  for (const [re, to] of STREET_PREFIXES) s = s.replace(re, to);
  s = s.replace(/ /g, '');
  for (const [suffix, short] of STREET_SUFFIXES) {
    if (s.endsWith(suffix) && s.length > suffix.length) return s.slice(0, s.length - suffix.length) + short;
  }
  return s;
}

export interface HouseNumber {
  /** The number itself: "12". */
  number: string;
  /** Box, letter or flat: "3", "b" (empty when none). */
  box: string;
}

/** Split a house number into number and box: "12 bus 3", "12/3", "12b", "12 bte 3", "12-3". */
export function parseHouseNumber(raw: string | null): HouseNumber | null {
  if (raw === null) return null;
  const s = foldText(raw);
  const match = /^(\d+)(.*)$/.exec(s);
  if (match === null) {
    const digits = /\d+/.exec(s);
    return digits === null ? null : { number: digits[0], box: '' };
  }
  const rest = (match[2] ?? '')
    .replace(/\b(bus|bte|boite|box|app|apt|appt)\b/g, ' ')
    .replace(/^\s*b\s+(?=\d)/, '')
    .replace(/\s+/g, '');
  return { number: (match[1] ?? '').replace(/^0+(?=\d)/, ''), box: rest.replace(/^0+(?=\d)/, '') };
}

/** Postal code without spaces, country prefix or case: "B-9000" → "9000", "1012 ab" → "1012AB". */
export function normalisePostalCode(raw: string | null): string | null {
  if (raw === null) return null;
  let s = raw.toUpperCase().replace(/[\s.]/g, '');
  s = s.replace(/^(B|NL|D|DE|BE|L|F|A|CH)-(?=\d)/, '');
  s = s.replace(/-/g, '');
  return s === '' ? null : s;
}

/**
 * The district a postal code lies in, where the code has one: the outward code of a British code
 * ("BS16XS" → "BS1") and the four digits of a Dutch one ("1012AB" → "1012"). Null otherwise: a Belgian
 * or German code is already the district.
 */
export function postalDistrict(normalised: string | null): string | null {
  if (normalised === null) return null;
  if (/^\d{4}[A-Z]{2}$/.test(normalised)) return normalised.slice(0, 4);
  if (/^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/.test(normalised)) return normalised.slice(0, -3);
  return null;
}

/** A comparable city name: "Sint-Niklaas" / "St. Niklaas" / "sint niklaas". */
export function normaliseCity(raw: string | null): string | null {
  if (raw === null) return null;
  const s = foldText(raw)
    .replace(/^(st|sint|saint|ste|sainte|sankt)\s/, 'st ')
    .replace(/ /g, '');
  return s === '' ? null : s;
}
