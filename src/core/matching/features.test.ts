import { describe, expect, it } from 'vitest';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { postalDistrict } from './address.ts';
import { canonicalEmail, comparableLocal, localIsOnlyName } from './email.ts';
import { normaliseFirstName, normaliseLastName } from './names.ts';
import { areNicknames, nicknameGroups } from './nicknames.ts';
import { readPhone } from './phone.ts';
import { prepareRecord } from './prepare.ts';
import { decodePrepared, encodePrepared } from './preparedCodec.ts';
import { packRecords, unpackRecords } from './recordColumns.ts';
import type { MatchRecord } from './types.ts';

const record = (fields: Partial<MatchRecord>): MatchRecord => ({
  id: 'x',
  firstName: null,
  lastName: null,
  gender: null,
  email: null,
  mobile: null,
  landline: null,
  phone2: null,
  birthDate: null,
  street: null,
  houseNumber: null,
  postalCode: null,
  city: null,
  country: 'BE',
  ...fields,
});

describe('given names and their short forms', () => {
  const nick = (a: string, b: string): boolean => {
    const groups = (s: string): number[] => {
      const n = normaliseFirstName(s);
      return n === null ? [] : [...new Set([...n.tokens, n.full].flatMap(nicknameGroups))];
    };
    return areNicknames(groups(a), groups(b));
  };
  it('links the forms staff type at BE/NL/DE desks and in English registers', () => {
    for (const [a, b] of [
      ['Elisabeth', 'Liesbeth'],
      ['Elisabeth', 'Els'],
      ['Johannes', 'Jan'],
      ['Johannes', 'Hans'],
      ['Catharina', 'Katrien'],
      ['Catharina', 'Trien'],
      ['Stephanie', 'Steffi'],
      ['Kristof', 'Kris'],
      ['Theodore', 'Ted'],
      ['Herbert', 'Bert'],
      ['Mary', 'Polly'],
    ]) {
      expect(nick(a as string, b as string), `${a}/${b}`).toBe(true);
    }
  });
  it('keeps spellings of one name apart from nicknames', () => {
    expect(nick('Stephanie', 'Stefanie')).toBe(false);
    expect(nick('Jan', 'Piet')).toBe(false);
  });
  it('reads junior and senior but not a surname that happens to be "Sen"', () => {
    expect(normaliseLastName('Janssens Jr')).toMatchObject({ full: 'janssens', generation: 1 });
    expect(normaliseFirstName('Jan sr.')).toMatchObject({ full: 'jan', generation: 2 });
    expect(normaliseLastName('Sen')).toMatchObject({ full: 'sen', generation: 0 });
    expect(normaliseLastName('P.')).toMatchObject({ full: 'p', initialOnly: true });
  });
});

describe('e-mail names that are only the customer’s names', () => {
  const parts = ['stefanie', 'wachters'];
  it('sees names, initials and their order, digits aside', () => {
    expect(localIsOnlyName('stefaniew', parts)).toBe(true);
    expect(localIsOnlyName('swachters', parts)).toBe(true);
    expect(localIsOnlyName('wachtersstefanie', parts)).toBe(true);
    expect(localIsOnlyName(comparableLocal('stefanie.wachters'), parts)).toBe(true);
  });
  it('sees anything else as the person’s own', () => {
    expect(localIsOnlyName('steffiekapsalon', parts)).toBe(false);
    expect(localIsOnlyName('info', parts)).toBe(false);
    expect(localIsOnlyName('stefanie85', parts)).toBe(false);
  });
  it('handles aliases and typo domains before comparing', () => {
    expect(canonicalEmail('Stefanie.W+boeking@HOTMAIL.com')?.address).toBe('stefanie.w@hotmail.com');
    expect(canonicalEmail('els@hotmial.com')?.address).toBe('els@hotmail.com');
    expect(canonicalEmail('els@gmial.com')?.address).toBe('els@gmail.com');
    expect(canonicalEmail('els@telnet.be')?.address).toBe('els@telenet.be');
  });
});

describe('phones', () => {
  it('tells a landline from a mobile', () => {
    expect(readPhone('09 223 45 67', 'BE')).toEqual({ e164: '+3292234567', fixed: true });
    expect(readPhone('0475 88 88 88', 'BE')).toEqual({ e164: '+32475888888', fixed: false });
    expect(readPhone('06-12345678', 'NL')).toEqual({ e164: '+31612345678', fixed: false });
    expect(readPhone('+32 (0)475 88 88 88', null)).toEqual({ e164: '+32475888888', fixed: false });
  });
  it('agrees with libphonenumber on every written form and on mutated numbers', () => {
    const slow = (raw: string, country: string): string | null => {
      const p = parsePhoneNumberFromString(raw, country as 'BE');
      return p !== undefined && p.isValid() ? p.number : null;
    };
    const forms = ['0475 888 888', '0475/88.88.88', '+32 475 88 88 88', '0032475888888', '06-12345678'];
    forms.push(
      '0171 1234567',
      '030 1234567',
      '0612345678',
      '0032 (0)9 223 45 67',
      '047588888',
      '04758888881',
    );
    for (let d = 0; d < 10; d++) forms.push(`04${d}5 12 34 56`, `06-${d}2345678`, `01${d}1 1234567`);
    for (const raw of forms) {
      for (const country of ['BE', 'NL', 'DE']) {
        expect(readPhone(raw, country)?.e164 ?? null, `${raw} ${country}`).toBe(slow(raw, country));
      }
    }
  });
});

describe('postal districts', () => {
  it('takes the outward code of a British code and the digits of a Dutch one', () => {
    expect(postalDistrict('BS16XS')).toBe('BS1');
    expect(postalDistrict('SW175PL')).toBe('SW17');
    expect(postalDistrict('1012AB')).toBe('1012');
    expect(postalDistrict('9000')).toBeNull();
  });
});

describe('codecs for worker threads', () => {
  const rows = [
    record({
      id: 'a',
      firstName: 'Stéphanie',
      lastName: 'Van den Broeck',
      email: 'steph@telenet.be',
      mobile: '0475 888 888',
      landline: '09 223 45 67',
      birthDate: '1985-03-07',
      street: 'Kerkstraat',
      houseNumber: '12 bus 3',
      postalCode: '9000',
      city: 'Gent',
      gender: 'female',
    }),
    record({ id: 'b', lastName: 'P.', extraEmails: ['x@y.be', 'z@y.be'], extraPhones: ['0476 11 22 33'] }),
    record({ id: 'c' }),
  ];
  it('round-trips raw records through field columns', () => {
    expect(unpackRecords(packRecords(rows), 0, rows.length)).toEqual(rows);
    expect(unpackRecords(packRecords(rows), 1, 2)).toEqual([rows[1]]);
  });
  it('round-trips prepared records through one string', () => {
    const prepared = rows.map((r) => prepareRecord(r));
    expect(decodePrepared(encodePrepared(prepared))).toEqual(prepared);
    expect(JSON.parse(JSON.stringify(prepared))).toEqual(prepared);
  });
});
