/**
 * Birth dates as eight digits "YYYYMMDD". Typed dates are kept even when they are not a real calendar
 * date ("1847-72-03"), because a one-digit typo is still strong evidence when compared digit by digit.
 */

export interface ParsedBirthDate {
  /** "YYYYMMDD". */
  digits: string;
  year: number;
  /** True when month and day form a real date. */
  valid: boolean;
}

export type BirthDateLevel = 'exact' | 'swapped' | 'oneDigit' | 'sameYear' | 'different' | 'farApart';

/** Birth dates this many years apart are never the same person (parent and child). */
export const FAR_APART_YEARS = 12;

/** Parse "YYYY-MM-DD", "dd.mm.yyyy", "dd/mm/yyyy", "dd-mm-yyyy" (also one-digit day/month). */
export function parseBirthDate(raw: string | null): ParsedBirthDate | null {
  if (raw === null) return null;
  const s = raw.trim();
  let y: string | undefined;
  let m: string | undefined;
  let d: string | undefined;
  let match = /^(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?:[T ].*)?$/.exec(s);
  if (match !== null) [, y, m, d] = match;
  else {
    match = /^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$/.exec(s);
    if (match !== null) [, d, m, y] = match;
    else {
      match = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
      if (match === null) return null;
      [, y, m, d] = match;
    }
  }
  if (y === undefined || m === undefined || d === undefined) return null;
  const mm = m.padStart(2, '0');
  const dd = d.padStart(2, '0');
  const year = Number(y);
  const month = Number(mm);
  const day = Number(dd);
  const valid = month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
  return { digits: `${y}${mm}${dd}`, year, valid };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** How close two birth dates are, from identical to years apart. */
export function compareBirthDates(a: ParsedBirthDate, b: ParsedBirthDate): BirthDateLevel {
  return compareBirthDigits(a.digits, a.year, b.digits, b.year);
}

/** compareBirthDates on the stored "YYYYMMDD" digits and years (the hot loop: no allocation). */
export function compareBirthDigits(x: string, xYear: number, y: string, yYear: number): BirthDateLevel {
  if (x === y) return 'exact';
  if (
    x.charCodeAt(0) === y.charCodeAt(0) &&
    x.charCodeAt(1) === y.charCodeAt(1) &&
    x.charCodeAt(2) === y.charCodeAt(2) &&
    x.charCodeAt(3) === y.charCodeAt(3) &&
    x.charCodeAt(4) === y.charCodeAt(6) &&
    x.charCodeAt(5) === y.charCodeAt(7) &&
    x.charCodeAt(6) === y.charCodeAt(4) &&
    x.charCodeAt(7) === y.charCodeAt(5)
  ) {
    return 'swapped';
  }
  let diff = 0;
  let firstDiff = -1;
  for (let i = 0; i < 8; i++) {
    if (x.charCodeAt(i) !== y.charCodeAt(i)) {
      diff++;
      if (firstDiff < 0) firstDiff = i;
    }
  }
  if (diff === 1) return 'oneDigit';
  if (
    diff === 2 &&
    firstDiff < 7 &&
    x.charCodeAt(firstDiff) === y.charCodeAt(firstDiff + 1) &&
    x.charCodeAt(firstDiff + 1) === y.charCodeAt(firstDiff)
  ) {
    return 'oneDigit';
  }
  if (xYear === yYear) return 'sameYear';
  return Math.abs(xYear - yYear) >= FAR_APART_YEARS ? 'farApart' : 'different';
}
