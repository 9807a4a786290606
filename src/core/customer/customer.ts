/** The customer's editable fields, as staff, the API, imports and merges write them. */

export const GENDERS = ['female', 'male', 'diverse', 'child'] as const;
export type Gender = (typeof GENDERS)[number];
export const SOURCES = ['staff', 'online', 'agenda', 'walk_in', 'import'] as const;
export type Source = (typeof SOURCES)[number];
export const CUSTOMER_LANGUAGES = ['nl', 'fr', 'de', 'en'] as const;

/** What a caller may set on a customer; every field optional (null clears it). */
export interface CustomerInput {
  gender?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  displayName?: string | null;
  email?: string | null;
  mobile?: string | null;
  landline?: string | null;
  phone2?: string | null;
  birthDate?: string | null;
  street?: string | null;
  houseNumber?: string | null;
  postalCode?: string | null;
  city?: string | null;
  country?: string | null;
  language?: string | null;
  vatNumber?: string | null;
  statusLabel?: string | null;
  newsletterConsent?: boolean | null;
  notes?: string | null;
}

/** The stored values of those fields, after validation: phones also in E.164 beside the typed form. */
export interface CustomerValues {
  gender: Gender | null;
  firstName: string | null;
  lastName: string | null;
  displayName: string | null;
  email: string | null;
  mobile: string | null;
  mobileE164: string | null;
  landline: string | null;
  landlineE164: string | null;
  phone2: string | null;
  phone2E164: string | null;
  birthDate: string | null;
  street: string | null;
  houseNumber: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
  language: string | null;
  vatNumber: string | null;
  statusLabel: string | null;
  newsletterConsent: boolean | null;
  notes: string | null;
}

/** The fields a person edits, in the order forms and comparisons show them. */
export const EDITABLE_FIELDS = [
  'gender',
  'firstName',
  'lastName',
  'displayName',
  'email',
  'mobile',
  'landline',
  'phone2',
  'birthDate',
  'street',
  'houseNumber',
  'postalCode',
  'city',
  'country',
  'language',
  'vatNumber',
  'statusLabel',
  'newsletterConsent',
  'notes',
] as const satisfies readonly (keyof CustomerInput)[];
export type EditableField = (typeof EDITABLE_FIELDS)[number];

/** Fields the duplicate matcher reads: a change to any of them re-opens "not a duplicate" decisions. */
export const IDENTITY_FIELDS = [
  'gender',
  'firstName',
  'lastName',
  'email',
  'mobileE164',
  'landlineE164',
  'phone2E164',
  'birthDate',
  'street',
  'houseNumber',
  'postalCode',
  'city',
  'country',
] as const satisfies readonly (keyof CustomerValues)[];

/** The name to show: the display name, else first and last name, else the e-mail. */
export function nameOf(c: {
  displayName: string | null;
  firstName: string | null;
  lastName: string | null;
  email?: string | null;
}): string {
  const full = [c.firstName, c.lastName].filter((p) => p !== null && p.trim() !== '').join(' ');
  return c.displayName?.trim() || full || c.email || '—';
}
