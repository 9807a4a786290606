import { describe, expect, it } from 'vitest';
import type { CustomerValues } from './customer.ts';
import { EMPTY_VALUES, validateCustomer } from './validate.ts';
import type { ValidationContext } from './validate.ts';

const ctx: ValidationContext = {
  defaultCountry: 'BE',
  required: { phone: false, email: false },
  today: '2026-11-25',
};

/** A profile as an old import left it: an e-mail and a landline that would not pass today. */
const legacy: CustomerValues = {
  ...EMPTY_VALUES,
  firstName: 'An',
  lastName: 'Peeters',
  email: 'an.peeters@@telenet',
  landline: '12',
  landlineE164: null,
  mobile: '0475 88 88 88',
  mobileE164: '+32475888888',
};

describe('validateCustomer', () => {
  it('checks a new customer completely', () => {
    const result = validateCustomer(
      { lastName: 'Peeters', email: 'not an address', mobile: '12', birthDate: '2030-01-01' },
      EMPTY_VALUES,
      ctx,
    );
    expect(result.ok ? [] : result.errors.map((e) => `${e.field}:${e.code}`)).toEqual([
      'email:invalid_email',
      'birthDate:birth_date_future',
      'mobile:invalid_phone',
    ]);
  });

  it('lets staff edit one field of a profile whose stored values would not pass today', () => {
    const result = validateCustomer({ statusLabel: 'VIP' }, legacy, ctx);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.values.statusLabel).toBe('VIP');
      expect(result.values.email).toBe(legacy.email);
      expect(result.values.landline).toBe('12');
      expect(result.values.mobileE164).toBe('+32475888888');
    }
  });

  it('checks a stored value again as soon as it is edited, or when the country changes', () => {
    const email = validateCustomer({ email: 'an.peeters@@telenet' }, legacy, ctx);
    expect(email.ok ? [] : email.errors.map((e) => e.field)).toEqual(['email']);
    const country = validateCustomer({ country: 'NL' }, legacy, ctx);
    expect(country.ok ? [] : country.errors.map((e) => e.field)).toContain('landline');
  });
});
