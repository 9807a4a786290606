/**
 * The customer list as CSV, honouring the search, filters and sort of the list: UTF-8 with a byte
 * order mark (so Excel reads accents right), comma or semicolon separated (Excel with Dutch,
 * French or German regional settings expects semicolons), CRLF line ends, column names in the
 * caller's language. Without a search the whole file streams out in keyset-paged chunks; with a
 * search, the matches the search collects (SCAN_BUDGET per scan) are exported.
 *
 * Cells starting with = + - @ or a tab get a leading apostrophe, so a spreadsheet never runs a
 * value as a formula (CSV injection).
 */
import { stringify } from 'csv-stringify/sync';
import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Db } from '../../db/connection.ts';
import { rows } from '../../db/connection.ts';
import type { Language } from '../shared/language.ts';
import { fieldLabel } from '../shared/messages.ts';
import { parseTimestamp } from './customers.history.ts';
import { listCustomers, SCAN_BUDGET } from './customers.search.ts';
import type { ListOptions } from './customers.search.ts';
import { parseSearch } from './searchQuery.ts';
import './customers.messages.ts';

const COLUMNS = [
  ['number', 'number'],
  ['firstName', 'first_name'],
  ['lastName', 'last_name'],
  ['displayName', 'display_name'],
  ['email', 'email'],
  ['mobile', 'mobile'],
  ['landline', 'landline'],
  ['phone2', 'phone2'],
  ['birthDate', 'birth_date'],
  ['street', 'street'],
  ['houseNumber', 'house_number'],
  ['postalCode', 'postal_code'],
  ['city', 'city'],
  ['country', 'country'],
  ['language', 'language'],
  ['vatNumber', 'vat_number'],
  ['statusLabel', 'status_label'],
  ['newsletterConsent', 'newsletter_consent'],
  ['newsletterConsentAt', 'newsletter_consent_at'],
  ['source', 'source'],
  ['customerSince', 'customer_since'],
  ['createdAt', 'created_at'],
  ['archivedAt', 'archived_at'],
] as const;

const TIMESTAMPS = new Set(['newsletter_consent_at', 'customer_since', 'created_at', 'archived_at']);
const CHUNK = 2000;

export interface ExportOptions extends Omit<ListOptions, 'limit' | 'offset'> {
  delimiter: 'comma' | 'semicolon';
}

function cell(column: string, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (TIMESTAMPS.has(column)) return parseTimestamp(value).toISOString();
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  const text = String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const selectColumns = sql.raw(COLUMNS.map(([, c]) => `c.${c}`).join(', '));

function orderAndKeyset(
  opts: ExportOptions,
  after: Record<string, unknown> | null,
): { where: SQL; order: SQL } {
  const desc = opts.order === 'desc';
  const cmp = desc ? sql`<` : sql`>`;
  const dir = desc ? sql`DESC` : sql`ASC`;
  const key =
    opts.sort === 'created'
      ? sql`c.created_at`
      : opts.sort === 'number'
        ? null
        : sql`clienteel_sort_key(c.last_name, c.first_name, c.display_name)`;
  if (key === null) {
    return {
      where: after ? sql`AND c.number ${cmp} ${after.number}` : sql``,
      order: sql`c.number ${dir}`,
    };
  }
  return {
    where: after ? sql`AND (${key}, c.number) ${cmp} (${after.sort_value}, ${after.number})` : sql``,
    order: sql`${key} ${dir}, c.number ${dir}`,
  };
}

/** The CSV in chunks of text, ready to stream. */
export async function* customersCsv(
  db: Db,
  tenantId: string,
  opts: ExportOptions,
  lang: Language,
): AsyncGenerator<string> {
  const delimiter = opts.delimiter === 'semicolon' ? ';' : ',';
  const format = (records: string[][]) => stringify(records, { delimiter, record_delimiter: 'windows' });
  yield `\uFEFF${format([COLUMNS.map(([field]) => fieldLabel(lang, field))])}`;

  const where = sql.join(
    [
      sql`c.tenant_id = ${tenantId} AND c.merged_into IS NULL AND c.deleted_at IS NULL`,
      opts.archived === 'active' ? sql`AND c.archived_at IS NULL` : sql``,
      opts.archived === 'archived' ? sql`AND c.archived_at IS NOT NULL` : sql``,
      opts.source ? sql`AND c.source = ${opts.source}` : sql``,
    ],
    sql` `,
  );

  if (parseSearch(opts.q).text !== '') {
    const page = await listCustomers(db, tenantId, { ...opts, limit: SCAN_BUDGET * 4, offset: 0 });
    const ids = page.items.map((i) => i.row.id);
    if (ids.length === 0) return;
    const found = await rows<Record<string, unknown>>(
      db,
      sql`SELECT c.id, ${selectColumns} FROM customers c
          WHERE ${where} AND c.id = ANY(${sql.param(ids)}::uuid[])`,
    );
    const byId = new Map(found.map((r) => [r.id as string, r]));
    const ordered = ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
    yield format(ordered.map((r) => COLUMNS.map(([, c]) => cell(c, r[c]))));
    return;
  }

  const sortOpts = { ...opts, sort: opts.sort === 'relevance' ? 'name' : opts.sort } as ExportOptions;
  let after: Record<string, unknown> | null = null;
  for (;;) {
    const { where: keyset, order } = orderAndKeyset(sortOpts, after);
    const chunk: Record<string, unknown>[] = await rows<Record<string, unknown>>(
      db,
      sql`SELECT ${selectColumns},
            ${sortOpts.sort === 'created' ? sql`c.created_at` : sql`clienteel_sort_key(c.last_name, c.first_name, c.display_name)`} AS sort_value
          FROM customers c WHERE ${where} ${keyset}
          ORDER BY ${order} LIMIT ${CHUNK}`,
    );
    if (chunk.length === 0) return;
    yield format(chunk.map((r) => COLUMNS.map(([, c]) => cell(c, r[c]))));
    if (chunk.length < CHUNK) return;
    after = chunk.at(-1)!;
  }
}
