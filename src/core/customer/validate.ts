/**
 * Validation and normalisation of customer data, the same for staff edits, the API, imports, the
 * booking page and merges. Pure: the caller hands in the tenant's default country, required
 * fields and today's date. Errors name the field and a code that messages.ts turns into a
 * sentence in the user's language.
 */
import validator from 'validator';
import { normalisePhone } from '../matching/phone.ts';
import { CUSTOMER_LANGUAGES, EDITABLE_FIELDS, GENDERS } from './customer.ts';
import type { CustomerInput, CustomerValues, EditableField, Gender } from './customer.ts';

export interface FieldError {
  field: string;
  code: string;
  params?: Record<string, string | number>;
}

export interface ValidationContext {
  /** ISO 3166-1 alpha-2 country phones are read in when the customer has none. */
  defaultCountry: string;
  required: { phone: boolean; email: boolean };
  /** "YYYY-MM-DD" of today, for birth-date sanity. */
  today: string;
}

export type Validated = { ok: true; values: CustomerValues } | { ok: false; errors: FieldError[] };

const MAX: Partial<Record<EditableField, number>> = {
  firstName: 100,
  lastName: 100,
  displayName: 200,
  email: 254,
  mobile: 40,
  landline: 40,
  phone2: 40,
  street: 200,
  houseNumber: 20,
  postalCode: 12,
  city: 100,
  vatNumber: 20,
  statusLabel: 60,
  notes: 5000,
};

export const EMPTY_VALUES: CustomerValues = {
  gender: null,
  firstName: null,
  lastName: null,
  displayName: null,
  email: null,
  mobile: null,
  mobileE164: null,
  landline: null,
  landlineE164: null,
  phone2: null,
  phone2E164: null,
  birthDate: null,
  street: null,
  houseNumber: null,
  postalCode: null,
  city: null,
  country: null,
  language: null,
  vatNumber: null,
  statusLabel: null,
  newsletterConsent: null,
  notes: null,
};

/** Trims, folds inner runs of spaces (not in notes) and turns empty text into null. */
function clean(value: unknown, multiline = false): string | null {
  if (value === null || value === undefined) return null;
  // NUL cannot be stored in PostgreSQL text.
  const s = String(value).replaceAll(String.fromCharCode(0), '');
  const t = multiline ? s.trim() : s.replace(/\s+/g, ' ').trim();
  return t === '' ? null : t;
}

/** A real calendar date "YYYY-MM-DD" between 1900-01-01 and today. */
export function birthDateProblem(value: string, today: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return 'invalid_date';
  const d = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) return 'invalid_date';
  if (value > today) return 'birth_date_future';
  if (value < '1900-01-01') return 'birth_date_too_old';
  return null;
}

/**
 * Applies `input` over `base` (the current values, or empty for a new customer) and checks the
 * result. Only keys present in `input` change; a phone keeps its typed form next to its E.164.
 */
export function validateCustomer(
  input: CustomerInput,
  base: CustomerValues,
  ctx: ValidationContext,
): Validated {
  const errors: FieldError[] = [];
  const v: CustomerValues = { ...base };
  const has = (k: EditableField) => Object.prototype.hasOwnProperty.call(input, k) && input[k] !== undefined;

  for (const field of EDITABLE_FIELDS) {
    if (!has(field) || field === 'newsletterConsent') continue;
    const text = clean(input[field], field === 'notes');
    const max = MAX[field];
    if (text !== null && max !== undefined && text.length > max) {
      errors.push({ field, code: 'validation.too_big', params: { maximum: max } });
      continue;
    }
    (v as unknown as Record<string, unknown>)[field] = text;
  }
  if (has('newsletterConsent')) v.newsletterConsent = input.newsletterConsent ?? null;

  // Only what this call sets is checked: a value stored long ago (an import, another system) that
  // would not pass today never blocks an edit of another field; it is checked when it is edited.
  if (has('gender') && v.gender !== null && !(GENDERS as readonly string[]).includes(v.gender)) {
    errors.push({ field: 'gender', code: 'invalid_gender' });
  } else {
    v.gender = v.gender as Gender | null;
  }
  if (has('country') && v.country !== null) {
    v.country = v.country.toUpperCase();
    if (!/^[A-Z]{2}$/.test(v.country)) errors.push({ field: 'country', code: 'invalid_country_code' });
  }
  if (has('language') && v.language !== null) {
    v.language = v.language.toLowerCase();
    if (!(CUSTOMER_LANGUAGES as readonly string[]).includes(v.language))
      errors.push({ field: 'language', code: 'invalid_language' });
  }
  if (has('email') && v.email !== null) {
    if (!validator.isEmail(v.email, { allow_utf8_local_part: true }))
      errors.push({ field: 'email', code: 'invalid_email' });
  }
  if (has('birthDate') && v.birthDate !== null) {
    const problem = birthDateProblem(v.birthDate, ctx.today);
    if (problem) errors.push({ field: 'birthDate', code: problem });
  }
  if (has('vatNumber') && v.vatNumber !== null) {
    v.vatNumber = v.vatNumber.toUpperCase().replace(/[\s.-]/g, '');
    if (!/^[A-Z]{2}[0-9A-Z]{2,13}$/.test(v.vatNumber))
      errors.push({ field: 'vatNumber', code: 'invalid_vat_number' });
  }

  const region = v.country ?? ctx.defaultCountry;
  for (const [field, e164] of [
    ['mobile', 'mobileE164'],
    ['landline', 'landlineE164'],
    ['phone2', 'phone2E164'],
  ] as const) {
    const typed = v[field];
    if (typed === null) {
      v[e164] = null;
      continue;
    }
    // Re-read only what changed (or when the country changed), so a stored number never flips and
    // a stored one that never parsed does not block an edit of another field.
    if (!has(field) && !has('country')) continue;
    const normalised = normalisePhone(typed, region);
    if (normalised === null) errors.push({ field, code: 'invalid_phone', params: { country: region } });
    v[e164] = normalised;
  }

  if (v.firstName === null && v.lastName === null && v.displayName === null) {
    errors.push({ field: 'lastName', code: 'name_required' });
  }
  if (ctx.required.email && v.email === null) errors.push({ field: 'email', code: 'validation.required' });
  if (ctx.required.phone && v.mobile === null && v.landline === null && v.phone2 === null) {
    errors.push({ field: 'mobile', code: 'phone_required' });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, values: v };
}

/** The fields whose value differs between two versions of a customer. */
export function changedFields(before: CustomerValues, after: CustomerValues): (keyof CustomerValues)[] {
  return (Object.keys(after) as (keyof CustomerValues)[]).filter((k) => before[k] !== after[k]);
}
