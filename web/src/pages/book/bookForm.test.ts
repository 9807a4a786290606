import { describe, expect, it } from 'vitest';
import { EMPTY_BOOKING, validateBooking, wishedStart } from './bookForm.ts';

describe('booking form', () => {
  it('reads the wished moment in local time, and refuses dates that do not exist', () => {
    const iso = wishedStart('2026-12-01', '09:30');
    expect(iso).not.toBeNull();
    const back = new Date(iso!);
    expect([back.getFullYear(), back.getMonth(), back.getDate(), back.getHours(), back.getMinutes()]).toEqual(
      [2026, 11, 1, 9, 30],
    );
    expect(wishedStart('2026-02-30', '09:30')).toBeNull();
    expect(wishedStart('2026-12-01', '9.30')).toBeNull();
  });

  it('asks a visitor for a name and a way to reach them, but not a logged-in customer', () => {
    const now = new Date('2026-11-24T10:00:00');
    const v = { ...EMPTY_BOOKING, service: 'Knippen', date: '2026-12-01', time: '09:30' };
    expect(validateBooking(v, false, now)).toEqual({
      lastName: 'form.nameRequired',
      email: 'form.contactRequired',
    });
    expect(validateBooking(v, true, now)).toEqual({});
    expect(validateBooking({ ...v, firstName: 'An', email: 'an@' }, false, now)).toEqual({
      email: 'form.invalidEmail',
    });
    expect(validateBooking({ ...v, date: '2026-11-01', firstName: 'An', phone: '0475' }, false, now)).toEqual(
      { date: 'form.inPast' },
    );
  });
});
