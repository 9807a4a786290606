/**
 * The customer list and its live search. A search is one SQL statement of a few range scans of
 * the search-terms B-tree (migration 0201), each reading at most SCAN_BUDGET index entries, that
 * returns only the page: a keystroke costs about the same at a thousand customers as at a
 * million, and PGlite (where every returned row is costly) returns at most `limit` rows.
 *
 * What matches, in relevance order: the customer whose number was typed (a merged-away number
 * answers its survivor); phones, e-mail addresses and names starting as typed, in the order of
 * the matched term (so a whole word comes before longer words: "peeters" before "peetersen"; the
 * words of a name as a phrase in either order of first and last name); when no name starts with
 * the words in that order, customers having every typed word somewhere in their names ("broeck
 * katrien"); and when nobody matched as typed, names with one typo in a word of four letters or
 * more, found through the typo keys (migration 0203). Sorted by a column, the matches within the
 * scan budget are sorted.
 */
import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Db } from '../../db/connection.ts';
import { rows } from '../../db/connection.ts';
import type { Source } from '../../core/customer/customer.ts';
import { findCustomerRowByNumber, findCustomerRows } from './customers.repository.ts';
import {
  foldWords,
  oneTypoVariants,
  parseSearch,
  prefixUpperBound,
  TYPO_KEY_LETTERS,
  typoCorrection,
  typoLookupKeys,
} from './searchQuery.ts';

export type ArchivedFilter = 'active' | 'archived' | 'all';
export type SortKey = 'relevance' | 'name' | 'number' | 'created';

export interface ListOptions {
  q: string;
  archived: ArchivedFilter;
  source: Source | null;
  sort: SortKey;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

export type MatchKind = 'number' | 'phone' | 'email' | 'name' | 'typo';

/** The columns the list shows (a list never reads whole rows). */
export interface ListRow {
  id: string;
  number: number;
  firstName: string | null;
  lastName: string | null;
  displayName: string | null;
  email: string | null;
  mobile: string | null;
  landline: string | null;
  phone2: string | null;
  source: Source;
  createdAt: Date;
  archivedAt: Date | null;
  erasedAt: Date | null;
}

export interface ListHit {
  row: ListRow;
  /** Why a search found it (null for the plain list). */
  matchedOn: MatchKind | null;
  /** A customer number typed that was merged into this customer. */
  mergedFrom: { id: string; number: number } | null;
}

export interface ListPage {
  items: ListHit[];
  /** Matches counted; a lower bound when `totalExact` is false. */
  total: number;
  totalExact: boolean;
}

/** Index entries one scan reads at most; also how far search results are counted and sorted. */
export const SCAN_BUDGET = 250;
/** The plain list counts up to this many customers ("10,000+" beyond). */
export const LIST_COUNT_CAP = 10_000;
/** Words shorter than this are not corrected (too many words are one letter away). */
const MIN_TYPO_LENGTH = 4;
/** A one-typo variant is ranked by how many search terms start with it, counted up to this. */
const VARIANT_COUNT_CAP = 20;
/** Corrected beginnings kept per typed word. */
const CORRECTIONS_PER_WORD = 4;
/** Corrected phrases tried per search, fewest corrections first. */
const MAX_VARIANTS = 8;

const LIST_COLUMNS = sql`c.id, c.number, c.first_name AS "firstName", c.last_name AS "lastName",
  c.display_name AS "displayName", c.email, c.mobile, c.landline, c.phone2, c.source,
  c.created_at AS "createdAt", c.archived_at AS "archivedAt", c.erased_at AS "erasedAt"`;

interface RawListRow extends Omit<ListRow, 'createdAt' | 'archivedAt' | 'erasedAt'> {
  createdAt: Date | string;
  archivedAt: Date | string | null;
  erasedAt: Date | string | null;
}

const toDate = (v: Date | string): Date => (v instanceof Date ? v : new Date(v));
const toListRow = (r: RawListRow): ListRow => ({
  ...r,
  createdAt: toDate(r.createdAt),
  archivedAt: r.archivedAt === null ? null : toDate(r.archivedAt),
  erasedAt: r.erasedAt === null ? null : toDate(r.erasedAt),
});

const archivedStates = (filter: ArchivedFilter): boolean[] =>
  filter === 'active' ? [false] : filter === 'archived' ? [true] : [false, true];

function listFilter(tenantId: string, opts: ListOptions): SQL {
  return sql.join(
    [
      sql`c.tenant_id = ${tenantId}`,
      sql`c.merged_into IS NULL`,
      sql`c.deleted_at IS NULL`,
      opts.archived === 'active'
        ? sql`c.archived_at IS NULL`
        : opts.archived === 'archived'
          ? sql`c.archived_at IS NOT NULL`
          : undefined,
      opts.source ? sql`c.source = ${opts.source}` : undefined,
    ].filter((p): p is SQL => p !== undefined),
    sql` AND `,
  );
}

function orderBy(sort: Exclude<SortKey, 'relevance'>, order: 'asc' | 'desc'): SQL {
  const dir = order === 'desc' ? sql`DESC` : sql`ASC`;
  switch (sort) {
    case 'name':
      return sql`clienteel_sort_key(c.last_name, c.first_name, c.display_name) ${dir}, c.number ${dir}`;
    case 'created':
      return sql`c.created_at ${dir}, c.number ${dir}`;
    case 'number':
      return sql`c.number ${dir}`;
  }
}

/** The customer list: a page of live customers, filtered and sorted, or the results of `q`. */
export async function listCustomers(db: Db, tenantId: string, opts: ListOptions): Promise<ListPage> {
  const query = parseSearch(opts.q);
  if (query.text === '') return plainList(db, tenantId, opts);

  let number: NumberHit | null = null;
  if (query.number !== null) number = await numberHit(db, tenantId, query.number, opts);
  const base: Branch[] = [];
  if (query.phonePrefix) base.push({ kind: 'phone', rank: 1, prefixes: [query.phonePrefix] });
  if (query.emailPrefix) base.push({ kind: 'email', rank: 1, prefixes: [query.emailPrefix] });
  const words = query.name ? foldWords(query.text) : [];
  if (words.length > 0) base.push({ kind: 'name', rank: 1, prefixes: [words.join(' ')] });

  let page = await runSearch(db, tenantId, opts, number, base);
  if (page.total === 0 && words.length > 1) {
    // No name starts with the words in this order: every word somewhere in the names instead
    // ("broeck katrien"), scanning the rarest word and checking the others.
    const [driver, ...others] = await byRarity(db, tenantId, opts, words);
    page = await runSearch(db, tenantId, opts, null, [
      { kind: 'name', rank: 2, prefixes: [driver!], others },
    ]);
  }
  // Corrections are tried when the words as typed find nobody: then a typo is likely. (Trying
  // them on every short page would cost each rare name ~50 index probes per letter typed.)
  if (page.total > 0 || words.length === 0) return page;
  const variants = await phraseVariants(db, tenantId, opts, words);
  if (variants.length === 0) return page;
  return runSearch(db, tenantId, opts, null, [{ kind: 'typo', rank: 3, prefixes: variants }]);
}

async function plainList(db: Db, tenantId: string, opts: ListOptions): Promise<ListPage> {
  const where = listFilter(tenantId, opts);
  const page = await rows<RawListRow>(
    db,
    sql`SELECT ${LIST_COLUMNS} FROM customers c WHERE ${where}
        ORDER BY ${orderBy(opts.sort === 'relevance' ? 'name' : opts.sort, opts.order)}
        LIMIT ${opts.limit} OFFSET ${opts.offset}`,
  );
  const [counted] = await rows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM customers c WHERE ${where} LIMIT ${LIST_COUNT_CAP + 1}) s`,
  );
  const n = counted?.n ?? 0;
  return {
    items: page.map((r) => ({ row: toListRow(r), matchedOn: null, mergedFrom: null })),
    total: Math.min(n, LIST_COUNT_CAP),
    totalExact: n <= LIST_COUNT_CAP,
  };
}

interface Branch {
  kind: MatchKind;
  /** Lower ranks come first in relevance order. */
  rank: number;
  /** Terms starting with any of these match… */
  prefixes: readonly string[];
  /** …provided the customer also has a term starting with each of these. */
  others?: readonly string[];
}

interface NumberHit {
  id: string;
  mergedFrom: { id: string; number: number } | null;
}

/**
 * One range scan. `archived` is compared with = (not = ANY): with an array, PostgreSQL before 17
 * cannot read the index in order and would read the tenant's whole range.
 */
function branchSql(
  tenantId: string,
  opts: ListOptions,
  b: Branch,
  prefix: string,
  archived: boolean,
  index: number,
): SQL {
  const scan = sql`SELECT t.customer_id, t.term FROM customer_search_terms t
    ${opts.source ? sql`JOIN customers s ON s.tenant_id = t.tenant_id AND s.id = t.customer_id AND s.source = ${opts.source}` : sql``}
    WHERE t.tenant_id = ${tenantId} AND t.archived = ${archived}
      AND t.term >= ${prefix} AND t.term < ${prefixUpperBound(prefix)}
    ORDER BY t.term, t.customer_id
    LIMIT ${SCAN_BUDGET}`;
  const others = b.others ?? [];
  if (others.length === 0)
    return sql`(SELECT customer_id, term, ${b.rank}::int AS rank, ${index}::int AS branch FROM (${scan}) d)`;
  // The other words are checked on the scanned customers only, so a word nobody has costs at
  // most SCAN_BUDGET index probes.
  return sql`(SELECT d.customer_id, d.term, ${b.rank}::int AS rank, ${index}::int AS branch FROM (${scan}) d
    WHERE ${sql.join(
      others.map(
        (o) => sql`EXISTS (SELECT 1 FROM customer_search_terms x
          WHERE x.tenant_id = ${tenantId} AND x.customer_id = d.customer_id
            AND x.term >= ${o} AND x.term < ${prefixUpperBound(o)})`,
      ),
      sql` AND `,
    )})`;
}

/** The words ordered by how many search terms start with them (capped at SCAN_BUDGET), rarest first. */
async function byRarity(
  db: Db,
  tenantId: string,
  opts: ListOptions,
  words: readonly string[],
): Promise<string[]> {
  const archived = opts.archived !== 'archived' ? false : true;
  const counted = await rows<{ word: string; n: number }>(
    db,
    sql`SELECT q.word, (SELECT count(*)::int FROM (
          SELECT 1 FROM customer_search_terms t
          WHERE t.tenant_id = ${tenantId} AND t.archived = ${archived}
            AND t.term >= q.word AND t.term < q.word || chr(1114111)
          LIMIT ${SCAN_BUDGET}) s) AS n
        FROM unnest(${sql.param([...words])}::text[]) AS q(word)`,
  );
  return counted.sort((a, b) => a.n - b.n || b.word.length - a.word.length).map((c) => c.word);
}

const RANK_KINDS: Record<number, MatchKind> = { 0: 'number', 2: 'name', 3: 'typo' };

/** One statement: every branch's scan, grouped per customer, the page joined to its rows. */
async function runSearch(
  db: Db,
  tenantId: string,
  opts: ListOptions,
  number: NumberHit | null,
  branches: readonly Branch[],
): Promise<ListPage> {
  const scans: SQL[] = [];
  const kinds: MatchKind[] = [];
  for (const b of branches) {
    for (const prefix of b.prefixes) {
      for (const archived of archivedStates(opts.archived)) {
        scans.push(branchSql(tenantId, opts, b, prefix, archived, kinds.length));
        kinds.push(b.kind);
      }
    }
  }
  if (number) {
    scans.push(
      sql`(SELECT ${number.id}::uuid AS customer_id, ''::text COLLATE "C" AS term, 0 AS rank, -1 AS branch)`,
    );
  }
  if (scans.length === 0) return { items: [], total: 0, totalExact: true };
  // One pass: the scans' rows grouped per customer, counted with window functions (how many
  // customers, how many index entries read), and in relevance order the page cut before any
  // customer row is read. No CTE: materialising them doubled the cost on PGlite.
  const relevance = opts.sort === 'relevance';
  const grouped = sql`SELECT customer_id, min(rank) AS rank, min(term) AS first, min(branch) AS branch,
      count(*) OVER ()::int AS total, sum(count(*)) OVER ()::int AS scanned
    FROM (${sql.join(scans, sql` UNION ALL `)}) raw
    GROUP BY customer_id`;
  const hits = relevance
    ? sql`(${grouped} ORDER BY rank, first, customer_id LIMIT ${opts.limit} OFFSET ${opts.offset})`
    : sql`(${grouped})`;
  const found = await rows<RawListRow & { rank: number; branch: number; total: number; scanned: number }>(
    db,
    sql`SELECT ${LIST_COLUMNS}, h.rank, h.branch, h.total, h.scanned
      FROM ${hits} h JOIN customers c ON c.tenant_id = ${tenantId} AND c.id = h.customer_id
      ORDER BY ${relevance ? sql`h.rank, h.first, c.id` : orderBy(opts.sort as Exclude<SortKey, 'relevance'>, opts.order)}
      ${relevance ? sql`` : sql`LIMIT ${opts.limit} OFFSET ${opts.offset}`}`,
  );
  const first = found[0];
  const total = first?.total ?? (await countHits(db, opts, scans));
  return {
    items: found.map((r) => ({
      row: toListRow(r),
      matchedOn: r.branch >= 0 ? (kinds[r.branch] ?? 'name') : (RANK_KINDS[r.rank] ?? 'name'),
      mergedFrom: number && r.id === number.id ? number.mergedFrom : null,
    })),
    total,
    // A scan that read its whole budget may have left matches unread.
    totalExact: first ? first.scanned < SCAN_BUDGET : true,
  };
}

/** The count when the page asked for lies beyond the last match (a page past the end). */
async function countHits(db: Db, opts: ListOptions, scans: SQL[]): Promise<number> {
  if (opts.offset === 0) return 0;
  const [row] = await rows<{ n: number }>(
    db,
    sql`SELECT count(DISTINCT customer_id)::int AS n FROM (${sql.join(scans, sql` UNION ALL `)}) raw`,
  );
  return row?.n ?? 0;
}

/**
 * The typed words as phrases with one typo corrected in one or more words, fewest corrections
 * first: "stefanie wahters" → "stefanie wachters", … The corrections of each word of four letters
 * or more are the beginnings of the tenant's name words one typo away, found through the typo keys
 * (migration 0203: the word and the word with each letter left out, one index probe each); a
 * typo past the first TYPO_KEY_LETTERS letters of a long word is found by probing that tail's
 * one-typo variants. The corrections starting the most search terms (counted up to
 * VARIANT_COUNT_CAP) are kept, CORRECTIONS_PER_WORD per word.
 */
async function phraseVariants(
  db: Db,
  tenantId: string,
  opts: ListOptions,
  words: readonly string[],
): Promise<string[]> {
  const typedWords = [...new Set(words)].filter((w) => w.length >= MIN_TYPO_LENGTH && /^[a-z]+$/.test(w));
  if (typedWords.length === 0) return [];
  const lookups = typedWords.flatMap((typed) => typoLookupKeys(typed).map((key) => ({ typed, key })));
  const beginnings = await rows<{ typed: string; prefix: string }>(
    db,
    sql`SELECT DISTINCT q.typed, k.prefix
        FROM unnest(${sql.param(lookups.map((l) => l.typed))}::text[],
                    ${sql.param(lookups.map((l) => l.key))}::text[]) AS q(typed, key)
        JOIN customer_search_typo_keys k ON k.tenant_id = ${tenantId} AND k.key = q.key`,
  );
  const candidates = new Map<string, { typed: string; variant: string }>();
  const add = (typed: string, variant: string | null) => {
    if (variant !== null) candidates.set(`${typed}\u0000${variant}`, { typed, variant });
  };
  for (const b of beginnings) add(b.typed, typoCorrection(b.typed, b.prefix));
  for (const typed of typedWords) {
    if (typed.length <= TYPO_KEY_LETTERS) continue;
    const head = typed.slice(0, TYPO_KEY_LETTERS - 1);
    for (const variant of oneTypoVariants(typed)) if (variant.startsWith(head)) add(typed, variant);
  }
  if (candidates.size === 0) return [];
  const list = [...candidates.values()];
  const archived = opts.archived === 'archived';
  const found = await rows<{ typed: string; variant: string; n: number }>(
    db,
    sql`SELECT c.typed, c.variant, s.n
        FROM unnest(${sql.param(list.map((c) => c.typed))}::text[],
                    ${sql.param(list.map((c) => c.variant))}::text[]) AS c(typed, variant)
        CROSS JOIN LATERAL (
          SELECT count(*)::int AS n FROM (
            SELECT 1 FROM customer_search_terms t
            WHERE t.tenant_id = ${tenantId} AND t.archived = ${archived}
              AND t.term >= c.variant AND t.term < c.variant || chr(1114111)
            LIMIT ${VARIANT_COUNT_CAP}) AS hit
        ) AS s
        WHERE s.n > 0`,
  );
  const corrections = new Map<string, string[]>();
  for (const f of found.sort((a, b) => b.n - a.n || a.variant.localeCompare(b.variant))) {
    const kept = corrections.get(f.typed) ?? [];
    if (kept.length < CORRECTIONS_PER_WORD) kept.push(f.variant);
    corrections.set(f.typed, kept);
  }
  let phrases: { words: string[]; corrected: number }[] = [{ words: [], corrected: 0 }];
  for (const word of words) {
    const options = [word, ...(corrections.get(word) ?? [])];
    phrases = phrases.flatMap((p) =>
      options.map((o) => ({ words: [...p.words, o], corrected: p.corrected + (o === word ? 0 : 1) })),
    );
  }
  return phrases
    .filter((p) => p.corrected > 0)
    .sort((a, b) => a.corrected - b.corrected)
    .slice(0, MAX_VARIANTS)
    .map((p) => p.words.join(' '));
}

async function numberHit(
  db: Db,
  tenantId: string,
  number: number,
  opts: ListOptions,
): Promise<NumberHit | null> {
  let row = await findCustomerRowByNumber(db, tenantId, number);
  if (!row) return null;
  let mergedFrom: NumberHit['mergedFrom'] = null;
  // A number merged away resolves to the customer it lives on in now (through several merges).
  for (let hops = 0; row && row.mergedInto !== null && hops < 20; hops++) {
    mergedFrom ??= { id: row.id, number: row.number };
    row = (await findCustomerRows(db, tenantId, [row.mergedInto])).get(row.mergedInto);
  }
  if (!row || row.mergedInto !== null || row.deletedAt !== null) return null;
  if (opts.archived === 'active' && row.archivedAt !== null) return null;
  if (opts.archived === 'archived' && row.archivedAt === null) return null;
  if (opts.source && row.source !== opts.source) return null;
  return { id: row.id, mergedFrom };
}
