/**
 * A row's cells, as a spreadsheet holds them, into the customer input the editing form would
 * send: values written the way people write them in the four languages are brought to the form
 * validation expects (gender words, dates, yes/no, country and language names). A value that is
 * not recognised is passed on as typed, so the same validation as editing rejects it and names
 * the field. Empty cells set nothing, which is what "fill empty fields" on a match relies on.
 */
import type { CustomerInput } from '../customer/customer.ts';
import type { FieldError } from '../customer/validate.ts';
import type { ColumnMapping, ImportTarget } from './mapping.ts';

const fold = (s: string): string =>
  s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[.\s]/g, '');

const GENDER_WORDS: Record<string, 'female' | 'male' | 'diverse' | 'child'> = {};
const addWords = (target: 'female' | 'male' | 'diverse' | 'child', words: string[]) => {
  for (const w of words) GENDER_WORDS[w] = target;
};
addWords('female', [
  'female',
  'f',
  'v',
  'w',
  'vrouw',
  'vrouwelijk',
  'femme',
  'feminin',
  'frau',
  'weiblich',
  'mevrouw',
  'mevr',
  'mw',
  'mme',
  'madame',
  'mrs',
  'ms',
  'miss',
  'woman',
  'juffrouw',
]);
addWords('male', [
  'male',
  'm',
  'man',
  'mannelijk',
  'homme',
  'masculin',
  'herr',
  'mannlich',
  'heer',
  'meneer',
  'dhr',
  'deheer',
  'mr',
  'monsieur',
  'mnr',
]);
addWords('diverse', ['diverse', 'divers', 'd', 'x', 'other', 'autre', 'anders', 'ander', 'nonbinary']);
addWords('child', ['child', 'kind', 'enfant', 'k']);

const YES = new Set(['ja', 'j', 'yes', 'y', 'oui', 'o', '1', 'true', 'waar', 'vrai', 'wahr', 'x', 'ok']);
const NO = new Set(['nee', 'neen', 'n', 'no', 'non', 'nein', '0', 'false', 'onwaar', 'faux', 'falsch']);

const COUNTRIES: Record<string, string> = {};
const addCountry = (code: string, names: string[]) => {
  for (const n of [code.toLowerCase(), ...names]) COUNTRIES[n] = code;
};
addCountry('BE', ['belgie', 'belgique', 'belgien', 'belgium', 'bel', 'b']);
addCountry('NL', ['nederland', 'paysbas', 'niederlande', 'netherlands', 'thenetherlands', 'holland', 'nld']);
addCountry('DE', ['duitsland', 'allemagne', 'deutschland', 'germany', 'deu', 'd']);
addCountry('LU', ['luxemburg', 'luxembourg', 'lux', 'l']);
addCountry('FR', ['frankrijk', 'france', 'frankreich', 'fra', 'f']);
addCountry('AT', ['oostenrijk', 'autriche', 'osterreich', 'oesterreich', 'austria', 'aut', 'a']);
addCountry('CH', ['zwitserland', 'suisse', 'schweiz', 'switzerland', 'che']);
addCountry('GB', ['verenigdkoninkrijk', 'royaumeuni', 'grossbritannien', 'unitedkingdom', 'uk', 'gbr']);

const LANGUAGES: Record<string, string> = {};
const addLanguage = (code: string, names: string[]) => {
  for (const n of [code, ...names]) LANGUAGES[n] = code;
};
addLanguage('nl', ['nederlands', 'vlaams', 'dutch', 'neerlandais', 'niederlandisch', 'nlbe', 'nlnl']);
addLanguage('fr', ['frans', 'francais', 'french', 'franzosisch', 'frbe', 'frfr']);
addLanguage('de', ['duits', 'deutsch', 'german', 'allemand', 'dede', 'debe']);
addLanguage('en', ['engels', 'english', 'anglais', 'englisch', 'engb', 'enus']);

/**
 * A date as people type it in BE/NL/DE (day before month): 24/03/1985, 24-3-1985, 24.03.85,
 * 1985-03-24. Two-digit years are read as the most recent past year they can be. Returns
 * "YYYY-MM-DD", or the text unchanged when it is not a date at all.
 */
export function readDate(text: string, today: string): string {
  const t = text.trim();
  if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(t)) {
    const [y, m, d] = t.split('-');
    return `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  }
  // Spreadsheets sometimes add a midnight time to a date.
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:\s+0{1,2}:00(?::00)?)?$/.exec(t);
  if (!m) return text;
  let year = m[3]!;
  if (year.length === 2) {
    const century = Number(today.slice(0, 2));
    const yy = Number(year);
    year = String(yy <= Number(today.slice(2, 4)) ? century * 100 + yy : (century - 1) * 100 + yy);
  }
  return `${year}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
}

/**
 * "Peeters, Jan" → Jan / Peeters; "Jan Peeters" → Jan / Peeters; "Jan Van den Broeck" → Jan / Van den
 * Broeck (everything after the first word is the surname, particles included); one word is a first
 * name.
 */
export function splitFullName(text: string): { firstName: string | null; lastName: string | null } {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t === '') return { firstName: null, lastName: null };
  const comma = t.indexOf(',');
  if (comma > 0) {
    const last = t.slice(0, comma).trim();
    const first = t.slice(comma + 1).trim();
    return { firstName: first || null, lastName: last || null };
  }
  const space = t.indexOf(' ');
  if (space < 0) return { firstName: t, lastName: null };
  return { firstName: t.slice(0, space), lastName: t.slice(space + 1) };
}

export interface ConvertContext {
  /** "YYYY-MM-DD", to read two-digit years. */
  today: string;
}

export type ImportInput = CustomerInput;

/** The customer input of one row; `columnOf` tells which column each field came from. */
export function rowToInput(
  cells: readonly string[],
  mapping: ColumnMapping,
  ctx: ConvertContext,
): { input: ImportInput; columnOf: Partial<Record<string, number>>; errors: FieldError[] } {
  const input: ImportInput = {};
  const columnOf: Partial<Record<string, number>> = {};
  const errors: FieldError[] = [];
  const set = (field: keyof ImportInput, value: unknown, column: number) => {
    (input as Record<string, unknown>)[field] = value;
    columnOf[field] = column;
  };
  mapping.forEach((target: ImportTarget | null, column) => {
    if (target === null) return;
    const raw = cells[column] ?? '';
    if (raw.trim() === '') return;
    switch (target) {
      case 'fullName': {
        const { firstName, lastName } = splitFullName(raw);
        if (firstName !== null) set('firstName', firstName, column);
        if (lastName !== null) set('lastName', lastName, column);
        return;
      }
      case 'gender':
        set('gender', GENDER_WORDS[fold(raw)] ?? raw, column);
        return;
      case 'birthDate':
        set('birthDate', readDate(raw, ctx.today), column);
        return;
      case 'newsletterConsent': {
        const f = fold(raw);
        // Anything else than yes or no is left out rather than guessed: consent must be explicit.
        if (YES.has(f)) set('newsletterConsent', true, column);
        else if (NO.has(f)) set('newsletterConsent', false, column);
        else {
          columnOf.newsletterConsent = column;
          errors.push({ field: 'newsletterConsent', code: 'import.invalid_yes_no' });
        }
        return;
      }
      case 'country':
        set('country', COUNTRIES[fold(raw)] ?? raw, column);
        return;
      case 'language':
        set('language', LANGUAGES[fold(raw).replace(/[-_]/g, '')] ?? raw, column);
        return;
      default:
        set(target, raw, column);
    }
  });
  return { input, columnOf, errors };
}
