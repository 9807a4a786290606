import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { formatPhone, makeLandline, makeMobile, phoneE164 } from './phones.ts';
import type { PhoneStyle } from './phones.ts';
import { Rng } from './random.ts';

const STYLES: PhoneStyle[] = [
  'local_pairs',
  'local_dots',
  'local_triples',
  'local_space',
  'local_dash',
  'local_slash',
  'local_compact',
  'intl_spaced',
  'intl_compact',
  'intl_00',
  'intl_trunk',
];

describe('phones', () => {
  it('writes the brief’s Belgian forms', () => {
    const p = { country: 'BE' as const, area: '475', subscriber: '888888' };
    expect(formatPhone(p, 'local_pairs')).toBe('0475 88 88 88');
    expect(formatPhone(p, 'local_dots')).toBe('0475/88.88.88');
    expect(formatPhone(p, 'local_triples')).toBe('0475 888 888');
    expect(formatPhone(p, 'intl_spaced')).toBe('+32 475 88 88 88');
    expect(formatPhone(p, 'intl_00')).toBe('0032475888888');
    expect(formatPhone({ country: 'NL', area: '6', subscriber: '12345678' }, 'local_dash')).toBe(
      '06-12345678',
    );
    expect(formatPhone({ country: 'DE', area: '171', subscriber: '1234567' }, 'local_space')).toBe(
      '0171 1234567',
    );
  });

  it.each(['BE', 'NL', 'DE'] as const)(
    'every written form of a %s number parses back to the same valid number',
    (country) => {
      const rng = new Rng(11);
      for (let i = 0; i < 40; i++) {
        const mobile = makeMobile(country, rng);
        const landline = makeLandline(country, country === 'BE' ? '3' : country === 'NL' ? '20' : '221', rng);
        for (const phone of [mobile, landline]) {
          for (const style of STYLES) {
            const written = formatPhone(phone, style).replace('(0)', '');
            const parsed = parsePhoneNumberFromString(written, country);
            expect(parsed?.number, `${written}`).toBe(phoneE164(phone));
            expect(parsed?.isValid(), `${written}`).toBe(true);
          }
        }
        expect(parsePhoneNumberFromString(phoneE164(mobile))?.getType()).toBe('MOBILE');
      }
    },
  );
});
