/**
 * What the customer typed on the booking page against the profile the request is linked to: the
 * fields where they differ, for staff to take over or not. Case and spacing are not differences;
 * accents are (Zoe is not Zoë). A typed phone is a difference when it is none of the profile's
 * numbers in E.164.
 */
import type { CustomerValues } from '../../core/customer/customer.ts';
import { normalisePhone } from '../../core/matching/index.ts';

export const TAKE_OVER_FIELDS = ['firstName', 'lastName', 'email', 'mobile'] as const;
export type TakeOverField = (typeof TAKE_OVER_FIELDS)[number];

export interface Typed {
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
}

export interface Difference {
  field: TakeOverField;
  typed: string;
  profile: string | null;
}

const fold = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim().toLowerCase();

export function differences(typed: Typed, profile: CustomerValues, defaultCountry: string): Difference[] {
  const out: Difference[] = [];
  for (const field of ['firstName', 'lastName', 'email'] as const) {
    const value = typed[field];
    if (value && fold(value) !== fold(profile[field]))
      out.push({ field, typed: value, profile: profile[field] });
  }
  if (typed.phone) {
    const e164 = normalisePhone(typed.phone, profile.country ?? defaultCountry);
    const known = [profile.mobileE164, profile.landlineE164, profile.phone2E164];
    if (e164 === null || !known.includes(e164))
      out.push({ field: 'mobile', typed: typed.phone, profile: profile.mobile });
  }
  return out;
}

/** The customer input that takes over the chosen differences. */
export function takeOverInput(chosen: readonly Difference[]): Partial<Record<TakeOverField, string>> {
  return Object.fromEntries(chosen.map((d) => [d.field, d.typed]));
}
