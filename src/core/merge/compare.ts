/**
 * Side-by-side comparison of profiles, field by field: which values are the same and which
 * differ. "The same" ignores what staff would not call a difference: letter case, runs of spaces
 * and the way a phone number is written (0475 888 888 and +32 475 88 88 88 are one number).
 */
import { EDITABLE_FIELDS } from '../customer/customer.ts';
import type { CustomerValues, EditableField } from '../customer/customer.ts';

export type FieldValue = string | boolean | null;

const PHONE_E164 = {
  mobile: 'mobileE164',
  landline: 'landlineE164',
  phone2: 'phone2E164',
} as const satisfies Partial<Record<EditableField, keyof CustomerValues>>;

export function isPhoneField(field: EditableField): field is keyof typeof PHONE_E164 {
  return field in PHONE_E164;
}

export function e164Field(field: keyof typeof PHONE_E164): keyof CustomerValues {
  return PHONE_E164[field];
}

/** The form of a field's value two profiles are compared by (null when empty). */
export function comparable(values: CustomerValues, field: EditableField): string | null {
  const v = values[field];
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (isPhoneField(field)) {
    const e164 = values[e164Field(field)];
    if (typeof e164 === 'string' && e164 !== '') return e164;
  }
  const text = v.replace(/\s+/g, ' ').trim().toLowerCase();
  return text === '' ? null : text;
}

export interface ComparedField {
  field: EditableField;
  values: FieldValue[];
  /** Every profile holds the same non-empty value. */
  identical: boolean;
  /** No profile has a value. */
  empty: boolean;
}

/** Every editable field of the profiles, in form order, with whether they agree. */
export function compareValues(profiles: readonly CustomerValues[]): ComparedField[] {
  return EDITABLE_FIELDS.map((field) => {
    const keys = profiles.map((p) => comparable(p, field));
    const empty = keys.every((k) => k === null);
    const identical = !empty && keys.every((k) => k === keys[0]);
    return { field, values: profiles.map((p) => p[field]), identical, empty };
  });
}
