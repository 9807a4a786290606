/**
 * Phone numbers in any national or international form ("0475/88.88.88", "+32 475 88 88 88",
 * "0032475888888", "06-12345678", "0171 1234567") normalised to E.164 with libphonenumber-js, read
 * in the row's country or a default one.
 *
 * A whole-file scan normalises a million numbers, and a libphonenumber parse with full validation costs
 * about 10 µs. Belgian, Dutch and German numbers — nearly all of a salon's — are therefore read by a
 * short hand-written step (digits, international prefix, trunk zero), and libphonenumber judges
 * validity and type once per number range: its patterns for these countries depend on the leading
 * digits and the length, never on the last four digits, so the verdict is cached per (country,
 * length, prefix). A test checks the shortcut against libphonenumber on generated and mutated numbers.
 * Everything else goes through libphonenumber directly.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { CountryCode } from 'libphonenumber-js/max';

export type PhoneKind = 'mobile' | 'fixed' | 'other';

/** Countries read by the fast path, by calling code. Their national numbers never start with 0. */
const FAST_CODES: Readonly<Record<string, string>> = { BE: '32', NL: '31', DE: '49' };
const FAST_BY_CODE = new Set(Object.values(FAST_CODES));

function parse(raw: string | null, country: string | null): ReturnType<typeof parsePhoneNumberFromString> {
  if (raw === null) return undefined;
  const cleaned = raw.trim();
  if (!/\d/.test(cleaned)) return undefined;
  const region = (country ?? '').toUpperCase();
  try {
    return parsePhoneNumberFromString(cleaned, region.length === 2 ? (region as CountryCode) : undefined);
  } catch {
    return undefined;
  }
}

/** What libphonenumber says about a number range: invalid, a fixed line, or another (personal) number. */
type RangeVerdict = 'invalid' | 'fixed' | 'personal';

const rangeVerdicts = new Map<string, RangeVerdict>();
const RANGE_CACHE_LIMIT = 100_000;

function verdictOf(parsed: ReturnType<typeof parsePhoneNumberFromString>): RangeVerdict {
  if (parsed === undefined || !parsed.isValid()) return 'invalid';
  return parsed.getType() === 'FIXED_LINE' ? 'fixed' : 'personal';
}

function rangeVerdict(code: string, national: string): RangeVerdict {
  const key = `${code}:${national.length}:${national.slice(0, national.length - 4)}`;
  let verdict = rangeVerdicts.get(key);
  if (verdict === undefined) {
    verdict = verdictOf(parse(`+${code}${national}`, null));
    if (rangeVerdicts.size >= RANGE_CACHE_LIMIT) rangeVerdicts.clear();
    rangeVerdicts.set(key, verdict);
  }
  return verdict;
}

/** A valid number: E.164, and whether it is a fixed line (a household's, not a person's). */
export interface ReadPhone {
  e164: string;
  fixed: boolean;
}

/**
 * A Belgian, Dutch or German number written in one of the usual ways; `undefined` when the written
 * form is not one the fast path reads (then libphonenumber decides), null when it is invalid.
 */
function readFast(raw: string, region: string): ReadPhone | null | undefined {
  if (/[^\d\s+()./-]/.test(raw)) return undefined;
  let s = raw.trim().replace(/\(0\)/g, '');
  const plus = s.startsWith('+');
  s = s.replace(/\D/g, '');
  let code: string | undefined;
  let national: string;
  if (plus || s.startsWith('00')) {
    const digits = plus ? s : s.slice(2);
    code = digits.slice(0, 2);
    if (!FAST_BY_CODE.has(code)) return undefined;
    national = digits.slice(2).replace(/^0/, '');
  } else {
    code = FAST_CODES[region];
    if (code === undefined || !s.startsWith('0')) return undefined;
    national = s.slice(1);
  }
  if (national.length < 5 || national.length > 15) return null;
  const verdict = rangeVerdict(code, national);
  return verdict === 'invalid' ? null : { e164: `+${code}${national}`, fixed: verdict === 'fixed' };
}

/** Read a number in any written form; null when it is not a valid number. */
export function readPhone(raw: string | null, country: string | null): ReadPhone | null {
  if (raw === null) return null;
  const fast = readFast(raw, (country ?? '').toUpperCase());
  if (fast !== undefined) return fast;
  const parsed = parse(raw, country);
  const verdict = verdictOf(parsed);
  return verdict === 'invalid' || parsed === undefined
    ? null
    : { e164: parsed.number, fixed: verdict === 'fixed' };
}

/** E.164 form ("+32475888888") of a valid number, or null when it is not a valid number. */
export function normalisePhone(raw: string | null, country: string | null): string | null {
  return readPhone(raw, country)?.e164 ?? null;
}

/** Whether a number is a mobile, a fixed line, or something else (null when invalid). */
export function classifyPhone(raw: string | null, country: string | null): PhoneKind | null {
  const parsed = parse(raw, country);
  if (parsed === undefined || !parsed.isValid()) return null;
  const type = parsed.getType();
  if (type === 'MOBILE') return 'mobile';
  if (type === 'FIXED_LINE') return 'fixed';
  if (type === 'FIXED_LINE_OR_MOBILE') return 'mobile';
  return 'other';
}
