/**
 * Customer records as one string per field and back: the cheap way to hand a million of them to worker
 * threads (a string crosses threads as one copy; cloning a million objects takes seconds). Control
 * characters U+0000–U+0003 carry no identity and are dropped from values; they separate rows and list
 * items, and mark a missing value.
 */
import type { Gender, MatchRecord } from './types.ts';

const ROW = '\u0000';
/** Not used as a separator here, dropped from values all the same (prepared records use it). */
const FIELD_GAP = '\u0001';
const ITEM = '\u0002';
const MISSING = '\u0003';

const FIELDS = [
  'id',
  'firstName',
  'lastName',
  'gender',
  'email',
  'mobile',
  'landline',
  'phone2',
  'birthDate',
  'street',
  'houseNumber',
  'postalCode',
  'city',
  'country',
] as const;

function cell(value: string | null | undefined): string {
  if (value === null || value === undefined) return MISSING;
  let out = value;
  for (const c of [ROW, FIELD_GAP, ITEM, MISSING]) if (out.includes(c)) out = out.split(c).join('');
  return out;
}

function listCell(values: readonly string[] | undefined): string {
  return values === undefined || values.length === 0 ? '' : values.map(cell).join(ITEM);
}

/** One string per field (plus the extra e-mails and phones), rows in input order. */
export function packRecords(records: readonly MatchRecord[]): string[] {
  const columns = FIELDS.map((f) => records.map((r) => cell(r[f])).join(ROW));
  columns.push(records.map((r) => listCell(r.extraEmails)).join(ROW));
  columns.push(records.map((r) => listCell(r.extraPhones)).join(ROW));
  return columns;
}

const value = (v: string | undefined): string | null => (v === undefined || v === MISSING ? null : v);

/** Rows [start, end) of packed columns as records. */
export function unpackRecords(columns: readonly string[], start: number, end: number): MatchRecord[] {
  const split = columns.map((c) => c.split(ROW));
  const col = (k: number): string[] => split[k] ?? [];
  const out: MatchRecord[] = [];
  for (let i = start; i < end; i++) {
    const get = (k: number): string | null => value(col(k)[i]);
    const extraEmails = col(FIELDS.length)[i] ?? '';
    const extraPhones = col(FIELDS.length + 1)[i] ?? '';
    out.push({
      id: get(0) ?? '',
      firstName: get(1),
      lastName: get(2),
      gender: get(3) as Gender | null,
      email: get(4),
      mobile: get(5),
      landline: get(6),
      phone2: get(7),
      birthDate: get(8),
      street: get(9),
      houseNumber: get(10),
      postalCode: get(11),
      city: get(12),
      country: get(13),
      ...(extraEmails === '' ? {} : { extraEmails: extraEmails.split(ITEM) }),
      ...(extraPhones === '' ? {} : { extraPhones: extraPhones.split(ITEM) }),
    });
  }
  return out;
}
