import i18next from 'i18next';
import { localeFor } from './language.ts';

// Dates, numbers and money in the regional format of the current UI language (see language.ts).
// Every function takes an optional locale so callers and tests can pin one.

type DateInput = Date | string | number;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function currentLocale(): string {
  return localeFor(i18next.resolvedLanguage ?? i18next.language);
}

function toDate(value: DateInput): Date {
  return value instanceof Date ? value : new Date(value);
}

// Days and months in two digits and years in four, as lists and forms in these markets expect
// (the CLDR short styles give '1/05/2024' in nl-BE and a two-digit year in fr-BE and de-DE, which
// is ambiguous for birth dates).
const DATE: Intl.DateTimeFormatOptions = { day: '2-digit', month: '2-digit', year: 'numeric' };
const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };

const SHAPE = [
  'dateStyle',
  'timeStyle',
  'weekday',
  'era',
  'year',
  'month',
  'day',
  'hour',
  'minute',
  'second',
] as const;

/** Options that say what to show replace the defaults (Intl refuses styles mixed with components). */
function withDefaults(
  defaults: Intl.DateTimeFormatOptions,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormatOptions {
  const explicit = SHAPE.some((key) => options[key] !== undefined);
  return explicit ? options : { ...defaults, ...options };
}

/**
 * A calendar date, e.g. 12/03/1985 (nl-BE) or 12.03.1985 (de-DE). A date-only string such as a birth
 * date ('1985-03-12') has no time zone; it is formatted as that same calendar day everywhere, not
 * shifted to the previous day west of UTC.
 */
export function formatDate(
  value: DateInput,
  options: Intl.DateTimeFormatOptions = {},
  locale = currentLocale(),
): string {
  const dateOnly = typeof value === 'string' && DATE_ONLY.test(value);
  const zone: Intl.DateTimeFormatOptions = dateOnly ? { timeZone: 'UTC' } : {};
  return new Intl.DateTimeFormat(locale, withDefaults(DATE, { ...options, ...zone })).format(toDate(value));
}

/** A moment in time, in the browser's time zone unless `options.timeZone` says otherwise. */
export function formatDateTime(
  value: DateInput,
  options: Intl.DateTimeFormatOptions = {},
  locale = currentLocale(),
): string {
  return new Intl.DateTimeFormat(locale, withDefaults({ ...DATE, ...TIME }, options)).format(toDate(value));
}

export function formatNumber(
  value: number,
  options: Intl.NumberFormatOptions = {},
  locale = currentLocale(),
): string {
  return new Intl.NumberFormat(locale, options).format(value);
}

/** An amount held in cents (as the API sends money), e.g. 1250 → "€ 12,50" in nl-BE. */
export function formatMoney(cents: number, currency = 'EUR', locale = currentLocale()): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(cents / 100);
}
