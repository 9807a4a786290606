/**
 * Writes generated customers in the format of the public data sets (/work/shared/datasets): the
 * canonical customer columns and a truth file `id,entity`, so the accuracy bench reads both alike.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { GenCustomer } from './types.ts';

export const CANONICAL_COLUMNS = [
  'id',
  'first_name',
  'last_name',
  'gender',
  'email',
  'mobile',
  'landline',
  'birth_date',
  'street',
  'house_number',
  'postal_code',
  'city',
  'country',
] as const;

/** Every field, for loaders that want the whole record. */
export const FULL_COLUMNS = [
  ...CANONICAL_COLUMNS,
  'entity',
  'number',
  'display_name',
  'phone2',
  'language',
  'vat_number',
  'status_label',
  'newsletter_consent',
  'newsletter_consent_at',
  'notes',
  'source',
  'created_at',
  'kind',
  'variant',
  'hard_negative_of',
] as const;

type Column = (typeof FULL_COLUMNS)[number];

function cell(c: GenCustomer, column: Column): string | number | boolean | null | undefined {
  switch (column) {
    case 'id':
      return c.id;
    case 'first_name':
      return c.firstName;
    case 'last_name':
      return c.lastName;
    case 'gender':
      return c.gender;
    case 'email':
      return c.email;
    case 'mobile':
      return c.mobile;
    case 'landline':
      return c.landline;
    case 'birth_date':
      return c.birthDate;
    case 'street':
      return c.street;
    case 'house_number':
      return c.houseNumber;
    case 'postal_code':
      return c.postalCode;
    case 'city':
      return c.city;
    case 'country':
      return c.country;
    case 'entity':
      return c.entityId;
    case 'number':
      return c.number;
    case 'display_name':
      return c.displayName;
    case 'phone2':
      return c.phone2;
    case 'language':
      return c.language;
    case 'vat_number':
      return c.vatNumber;
    case 'status_label':
      return c.statusLabel;
    case 'newsletter_consent':
      return c.newsletterConsent;
    case 'newsletter_consent_at':
      return c.newsletterConsentAt;
    case 'notes':
      return c.notes;
    case 'source':
      return c.source;
    case 'created_at':
      return c.createdAt;
    case 'kind':
      return c.kind;
    case 'variant':
      return c.variant;
    case 'hard_negative_of':
      return c.hardNegativeOf;
  }
}

/** RFC 4180: quote a value when it holds a comma, quote or line break; empty for unknown. */
export function csvValue(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Buffered synchronous line writer: fast for a million rows and simple to reason about. */
class LineWriter {
  private readonly fd: number;
  private buffer = '';

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  line(s: string): void {
    this.buffer += s + '\n';
    if (this.buffer.length > 1 << 20) this.flush();
  }

  flush(): void {
    if (this.buffer.length > 0) writeSync(this.fd, this.buffer);
    this.buffer = '';
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

export interface CsvOptions {
  columns?: 'canonical' | 'full';
}

const columnsOf = (opts: CsvOptions): readonly Column[] =>
  opts.columns === 'full' ? FULL_COLUMNS : CANONICAL_COLUMNS;
const row = (c: GenCustomer, columns: readonly Column[]): string =>
  columns.map((k) => csvValue(cell(c, k))).join(',');

/** Writes customers to `path`; returns the number of rows. */
export function writeCsv(customers: Iterable<GenCustomer>, path: string, opts: CsvOptions = {}): number {
  const columns = columnsOf(opts);
  const out = new LineWriter(path);
  out.line(columns.join(','));
  let rows = 0;
  for (const c of customers) {
    out.line(row(c, columns));
    rows++;
  }
  out.close();
  return rows;
}

/** Writes the ground truth `id,entity`; returns the number of rows. */
export function writeTruthCsv(customers: Iterable<GenCustomer>, path: string): number {
  const out = new LineWriter(path);
  out.line('id,entity');
  let rows = 0;
  for (const c of customers) {
    out.line(`${csvValue(c.id)},${csvValue(c.entityId)}`);
    rows++;
  }
  out.close();
  return rows;
}

/**
 * Writes customers.csv and truth.csv into `dir` in one pass over the customers (so a streaming
 * generator is read only once). `onProgress` is called every 10,000 rows.
 */
export function writeDataset(
  customers: Iterable<GenCustomer>,
  dir: string,
  opts: CsvOptions & { onProgress?: (rows: number) => void } = {},
): number {
  const columns = columnsOf(opts);
  const data = new LineWriter(`${dir}/customers.csv`);
  const truth = new LineWriter(`${dir}/truth.csv`);
  data.line(columns.join(','));
  truth.line('id,entity');
  let rows = 0;
  for (const c of customers) {
    data.line(row(c, columns));
    truth.line(`${csvValue(c.id)},${csvValue(c.entityId)}`);
    if (++rows % 10_000 === 0) opts.onProgress?.(rows);
  }
  data.close();
  truth.close();
  return rows;
}
