import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api.ts';
import { conflictRows, fieldErrors, rebase, toFormValues, toInput } from './customerForm.ts';

const before = toFormValues({
  firstName: 'Els',
  lastName: 'Peeters',
  city: 'Gent',
  newsletterConsent: false,
});

describe('toInput', () => {
  it('sends every filled field for a new customer and only the changed ones for an edit', () => {
    expect(toInput(before)).toEqual({
      firstName: 'Els',
      lastName: 'Peeters',
      city: 'Gent',
      newsletterConsent: false,
    });
    const edited = { ...before, city: ' ', email: 'els@example.com ' };
    expect(toInput(edited, before)).toEqual({ city: null, email: 'els@example.com' });
  });
});

describe('conflictRows and rebase', () => {
  it('shows what someone else changed, beside my value, and keeps my other changes on top', () => {
    const mine = { ...before, city: 'Brugge', mobile: '0476 11 22 33' };
    const theirs = {
      firstName: 'Els',
      lastName: 'Peeters-Maes',
      city: 'Antwerpen',
      newsletterConsent: false,
      version: 3,
    };
    const rows = conflictRows(before, mine, theirs);
    expect(rows.map((r) => [r.field, r.before, r.mine, r.theirs])).toEqual([
      ['lastName', 'Peeters', 'Peeters', 'Peeters-Maes'],
      ['city', 'Gent', 'Brugge', 'Antwerpen'],
    ]);
    expect(rows.find((r) => r.field === 'city')).toMatchObject({ changedByMe: true, changedByThem: true });
    const next = rebase(before, mine, theirs);
    expect(next).toMatchObject({ lastName: 'Peeters-Maes', city: 'Brugge', mobile: '0476 11 22 33' });
  });
});

describe('fieldErrors', () => {
  it('puts the server sentence on its field and the other listed fields under their code', () => {
    const error = new ApiError(400, {
      code: 'phone_required',
      message: 'Een telefoonnummer is verplicht.',
      field: 'mobile',
      details: {
        errors: [
          { field: 'mobile', code: 'phone_required' },
          { field: 'email', code: 'invalid_email' },
        ],
      },
    });
    expect(fieldErrors(error, (code) => `!${code}`)).toEqual({
      mobile: 'Een telefoonnummer is verplicht.',
      email: '!invalid_email',
    });
    expect(fieldErrors(new ApiError(409, { code: 'x', message: 'Nope' }), String)).toEqual({ form: 'Nope' });
  });
});
