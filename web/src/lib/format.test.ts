import i18next from 'i18next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatMoney, formatNumber } from './format.ts';

// Intl separates currency and digits with (narrow) no-break spaces; compare with plain ones.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('formatDate', () => {
  it('writes a calendar date the way each market does', () => {
    const date = new Date(Date.UTC(1985, 2, 12, 12));
    expect(formatDate(date, {}, 'nl-BE')).toBe('12/03/1985');
    expect(formatDate(date, {}, 'fr-BE')).toBe('12/03/1985');
    expect(formatDate(date, {}, 'de-DE')).toBe('12.03.1985');
    expect(formatDate(date, {}, 'en-GB')).toBe('12/03/1985');
  });

  it('keeps a date-only value (a birth date) on its own day in every time zone', () => {
    const zone = process.env.TZ;
    try {
      for (const tz of ['America/New_York', 'Europe/Brussels', 'Pacific/Kiritimati']) {
        process.env.TZ = tz;
        expect(formatDate('1985-03-12', {}, 'nl-BE')).toBe('12/03/1985');
        expect(formatDate('1985-03-12', { timeZone: 'America/New_York' }, 'nl-BE')).toBe('12/03/1985');
      }
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('takes explicit components instead of the default style', () => {
    expect(formatDate('2024-05-01', { day: 'numeric', month: 'long', year: 'numeric' }, 'nl-BE')).toBe(
      '1 mei 2024',
    );
    expect(formatDate('2024-05-01', { day: 'numeric', month: 'long' }, 'de-DE')).toBe('1. Mai');
  });
});

describe('formatDateTime', () => {
  it('shows date and time in the given time zone', () => {
    const moment = '2024-05-01T08:30:00Z';
    expect(formatDateTime(moment, { timeZone: 'Europe/Brussels' }, 'nl-BE')).toBe('01/05/2024, 10:30');
    expect(formatDateTime(moment, { timeZone: 'Europe/Berlin' }, 'de-DE')).toBe('01.05.2024, 10:30');
    expect(formatDateTime(moment, { timeZone: 'Europe/Brussels' }, 'fr-BE')).toBe('01/05/2024 10:30');
    expect(formatDateTime(moment, { timeZone: 'Europe/London' }, 'en-GB')).toBe('01/05/2024, 09:30');
  });
});

describe('formatNumber and formatMoney', () => {
  it('groups digits and writes decimals per locale', () => {
    expect(plain(formatNumber(1234567.5, {}, 'nl-BE'))).toBe('1.234.567,5');
    expect(plain(formatNumber(1234567.5, {}, 'fr-BE'))).toBe('1 234 567,5');
    expect(plain(formatNumber(1234567.5, {}, 'en-GB'))).toBe('1,234,567.5');
  });

  it('turns cents into an amount with the currency where the locale puts it', () => {
    expect(plain(formatMoney(1250, 'EUR', 'nl-BE'))).toBe('€ 12,50');
    expect(plain(formatMoney(1250, 'EUR', 'fr-BE'))).toBe('12,50 €');
    expect(plain(formatMoney(123456, 'EUR', 'de-DE'))).toBe('1.234,56 €');
    expect(plain(formatMoney(-995, 'EUR', 'en-GB'))).toBe('-€9.95');
    expect(plain(formatMoney(1250, 'CHF', 'de-DE'))).toBe('12,50 CHF');
  });
});

describe('the current language', () => {
  beforeAll(async () => {
    await i18next.init({ lng: 'de', resources: {}, initAsync: false });
  });
  afterAll(async () => {
    await i18next.changeLanguage('en');
  });

  it('is the default locale', async () => {
    expect(plain(formatMoney(1250))).toBe('12,50 €');
    await i18next.changeLanguage('nl');
    expect(plain(formatMoney(1250))).toBe('€ 12,50');
    expect(formatDate('2024-05-01')).toBe('01/05/2024');
  });
});
