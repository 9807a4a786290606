import { describe, expect, it } from 'vitest';
import { EMPTY_VALUES } from '../customer/validate.ts';
import { compareValues } from './compare.ts';

describe('compareValues', () => {
  it('marks values equal apart from case, spaces and phone format as identical, and lists differences', () => {
    const a = {
      ...EMPTY_VALUES,
      firstName: 'Stephanie',
      lastName: 'Wahters ',
      mobile: '0475 888 888',
      mobileE164: '+32475888888',
    };
    const b = {
      ...EMPTY_VALUES,
      firstName: 'stefanie',
      lastName: 'wahters',
      mobile: '+32 475 88 88 88',
      mobileE164: '+32475888888',
    };
    const rows = new Map(compareValues([a, b]).map((r) => [r.field, r]));
    expect(rows.get('firstName')).toMatchObject({
      identical: false,
      empty: false,
      values: ['Stephanie', 'stefanie'],
    });
    expect(rows.get('lastName')).toMatchObject({ identical: true });
    expect(rows.get('mobile')).toMatchObject({ identical: true });
    expect(rows.get('landline')).toMatchObject({ identical: false, empty: true });
  });

  it('does not call a value identical to an empty one', () => {
    const a = { ...EMPTY_VALUES, city: 'Mechelen' };
    const rows = new Map(compareValues([a, EMPTY_VALUES]).map((r) => [r.field, r]));
    expect(rows.get('city')).toMatchObject({ identical: false, empty: false });
  });
});
