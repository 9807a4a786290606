import { describe, expect, it } from 'vitest';
import { readDate, rowToInput, splitFullName } from './convert.ts';
import { checkRows } from './rows.ts';

const today = '2026-11-24';

describe('reading values as people type them', () => {
  it('reads dates day-first in the usual forms', () => {
    expect(readDate('24/03/1985', today)).toBe('1985-03-24');
    expect(readDate('4-3-1985', today)).toBe('1985-03-04');
    expect(readDate('24.03.85', today)).toBe('1985-03-24');
    expect(readDate('01.02.05', today)).toBe('2005-02-01');
    expect(readDate('1985-3-4', today)).toBe('1985-03-04');
    expect(readDate('24/03/1985 00:00', today)).toBe('1985-03-24');
    expect(readDate('jaartje', today)).toBe('jaartje');
  });

  it('splits a full name', () => {
    expect(splitFullName('Peeters, Jan')).toEqual({ firstName: 'Jan', lastName: 'Peeters' });
    expect(splitFullName('Jan Van den Broeck')).toEqual({ firstName: 'Jan', lastName: 'Van den Broeck' });
    expect(splitFullName('Cher')).toEqual({ firstName: 'Cher', lastName: null });
  });

  it('turns a row into the input of the editing form', () => {
    const { input, errors } = rowToInput(
      ['Mevr.', 'Stephanie Wahters', '24/03/1985', 'ja', 'België', 'Nederlands', '', 'X'],
      ['gender', 'fullName', 'birthDate', 'newsletterConsent', 'country', 'language', 'email', null],
      { today },
    );
    expect(input).toEqual({
      gender: 'female',
      firstName: 'Stephanie',
      lastName: 'Wahters',
      birthDate: '1985-03-24',
      newsletterConsent: true,
      country: 'BE',
      language: 'nl',
    });
    expect(errors).toEqual([]);
    expect(rowToInput(['misschien'], ['newsletterConsent'], { today }).errors).toEqual([
      { field: 'newsletterConsent', code: 'import.invalid_yes_no' },
    ]);
  });
});

describe('row checks', () => {
  const ctx = { defaultCountry: 'BE', required: { phone: false, email: false }, today };

  it('validates with the editing rules and names row, column and reason', () => {
    const header = ['Voornaam', 'Familienaam', 'GSM', 'Geboortedatum'];
    const rows = checkRows(
      header,
      [
        ['Jan', 'Peeters', '0475 88 88 88', '24/03/1985'],
        ['', '', '12', '31/02/1990'],
      ],
      [2, 3],
      ['firstName', 'lastName', 'mobile', 'birthDate'],
      ctx,
    );
    expect(rows[0]!.errors).toEqual([]);
    expect(rows[0]!.input).toMatchObject({
      firstName: 'Jan',
      mobile: '0475 88 88 88',
      birthDate: '1985-03-24',
    });
    expect(rows[1]!.rowNumber).toBe(3);
    expect(rows[1]!.errors.map((e) => [e.column, e.code])).toEqual([
      ['Geboortedatum', 'invalid_date'],
      ['GSM', 'invalid_phone'],
      [null, 'name_required'],
    ]);
  });

  it("applies the business's required fields", () => {
    const rows = checkRows(['Naam'], [['Jan Peeters']], [2], ['fullName'], {
      ...ctx,
      required: { phone: true, email: false },
    });
    expect(rows[0]!.errors.map((e) => e.code)).toEqual(['phone_required']);
  });
});
