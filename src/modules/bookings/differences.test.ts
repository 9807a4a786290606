import { describe, expect, it } from 'vitest';
import { EMPTY_VALUES } from '../../core/customer/validate.ts';
import { differences, takeOverInput } from './differences.ts';

const profile = {
  ...EMPTY_VALUES,
  firstName: 'Stephanie',
  lastName: 'Wahters',
  email: 'stephaniewachters@telenet.be',
  mobile: '0475 888 888',
  mobileE164: '+32475888888',
};

describe('differences between a booking request and the profile', () => {
  it('lists the fields that really differ', () => {
    const diff = differences(
      {
        firstName: 'stefanie',
        lastName: ' WAHTERS ',
        email: 'stefaniew@hotmail.com',
        phone: '+32 475 88 88 88',
      },
      profile,
      'BE',
    );
    expect(diff).toEqual([
      { field: 'firstName', typed: 'stefanie', profile: 'Stephanie' },
      { field: 'email', typed: 'stefaniew@hotmail.com', profile: 'stephaniewachters@telenet.be' },
    ]);
    expect(takeOverInput(diff)).toEqual({ firstName: 'stefanie', email: 'stefaniew@hotmail.com' });
  });

  it('sees a new phone, accents, and values the profile lacks', () => {
    const diff = differences(
      { firstName: 'Stéphanie', lastName: null, email: null, phone: '0476 11 22 33' },
      { ...profile, email: null },
      'BE',
    );
    expect(diff.map((d) => d.field)).toEqual(['firstName', 'mobile']);
    const filled = differences(
      { firstName: null, lastName: null, email: 'new@example.be', phone: null },
      { ...profile, email: null },
      'BE',
    );
    expect(filled).toEqual([{ field: 'email', typed: 'new@example.be', profile: null }]);
  });
});
