/**
 * Phone numbers in any national or international form ("0475/88.88.88", "+32 475 88 88 88",
 * "0032475888888", "06-12345678", "0171 1234567") normalised to E.164 with libphonenumber-js, read
 * in the row's country or a default one.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { CountryCode } from 'libphonenumber-js/max';

export type PhoneKind = 'mobile' | 'fixed' | 'other';

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

/** E.164 form ("+32475888888") of a valid number, or null when it is not a valid number. */
export function normalisePhone(raw: string | null, country: string | null): string | null {
  const parsed = parse(raw, country);
  if (parsed === undefined || !parsed.isValid()) return null;
  return parsed.number;
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
