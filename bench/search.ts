/**
 * Search bench: live customer search on a tenant with `--n` generated customers (default
 * 1,000,000), on PGlite and on PostgreSQL. 1,000 searches typed the way staff type them — every
 * keystroke of a name (some with a typo), a phone in its national written form, an e-mail address
 * and a customer number — each run through `listCustomers` exactly as the API runs it (first page
 * of 50, relevance order). Prints p50/p99 per kind of query and whether the customer being typed
 * was on the first page once typing was complete.
 *
 *   npm run bench -- search [--n 1000000] [--engine pglite|postgres|both] [--searches 1000]
 *
 * PGlite: the loaded data directory is cached in .bench-tmp/ (by size and migrations), so only the
 * first run loads. PostgreSQL: a scratch database on CLIENTEEL_BENCH_PG_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres), created, loaded and dropped on every run.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { generateCustomers } from './generator/index.ts';
import { loadGenerated } from './generator/load.ts';
import type { GenCustomer } from './generator/types.ts';
import { openPglite, openPostgres } from '../src/db/connection.ts';
import type { Database } from '../src/db/connection.ts';
import { migrate, migrationFiles } from '../src/db/migrate.ts';
import { listCustomers } from '../src/modules/customers/customers.search.ts';

const ROOT = join(import.meta.dirname, '..');
export const TENANT = '5ea4c000-0000-4000-8000-000000000001';
export const SEED = 20261124;
const KINDS = ['name', 'typo', 'phone', 'email', 'number'] as const;
type Kind = (typeof KINDS)[number];

interface Typed {
  kind: Kind;
  q: string;
  /** The customer being typed, checked once the whole value is typed. */
  target: number;
  complete: boolean;
}

function arg(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
}

const log = (line: string) => process.stderr.write(`${line}\n`);

/** A small seeded generator for choosing targets and typos (the data generator has its own). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every keystroke from the second character: "St", "Ste", … "Stephanie Wahters". */
function keystrokes(kind: Kind, value: string, target: number, from = 2): Typed[] {
  const out: Typed[] = [];
  for (let i = from; i <= value.length; i++) {
    if (value[i - 1] === ' ') continue; // the search box trims; a trailing space adds nothing
    out.push({ kind, q: value.slice(0, i), target, complete: i === value.length });
  }
  return out;
}

/** One letter swapped with its neighbour, dropped or doubled, past the first two letters. */
function withTypo(word: string, random: () => number): string {
  if (word.length < 5) return word;
  const at = 2 + Math.floor(random() * (word.length - 3));
  const how = Math.floor(random() * 3);
  if (how === 0) return word.slice(0, at) + word[at + 1]! + word[at]! + word.slice(at + 2);
  if (how === 1) return word.slice(0, at) + word.slice(at + 1);
  return word.slice(0, at) + word[at]! + word.slice(at);
}

/** National written form of a mobile as staff read it off a card: "0475 88 88 88". */
function nationalForm(mobile: string): string {
  const digits = mobile.replace(/\D/g, '');
  if (mobile.trim().startsWith('+') || digits.startsWith('00')) {
    const rest = digits.replace(/^00/, '').slice(2);
    return `0${rest.slice(0, 3)} ${rest.slice(3, 5)} ${rest.slice(5, 7)} ${rest.slice(7)}`.trim();
  }
  return mobile;
}

/** A customer the workload types, as stored (so the workload follows the data, not the generator). */
export interface Target {
  number: number;
  firstName: string | null;
  lastName: string | null;
  mobile: string | null;
  email: string | null;
}

/** Customers picked at random (seeded) from the loaded tenant. */
export async function sampleTargets(database: Database, n: number, count = 800): Promise<Target[]> {
  const random = rng(SEED + 1);
  const numbers = Array.from({ length: count }, () => 1 + Math.floor(random() * n));
  const found = await database.query<{
    number: number;
    first_name: string | null;
    last_name: string | null;
    mobile: string | null;
    email: string | null;
  }>(
    `SELECT number, first_name, last_name, mobile, email FROM customers
     WHERE tenant_id = $1 AND number = ANY($2::int[]) AND merged_into IS NULL AND archived_at IS NULL`,
    [TENANT, numbers],
  );
  const byNumber = new Map(found.map((r) => [r.number, r]));
  return numbers.flatMap((num) => {
    const r = byNumber.get(num);
    return r
      ? [
          {
            number: r.number,
            firstName: r.first_name,
            lastName: r.last_name,
            mobile: r.mobile,
            email: r.email,
          },
        ]
      : [];
  });
}

/** 1,000 searches: each kind gets an equal share, as whole typed values of random customers. */
export function workload(customers: Target[], total: number): Typed[] {
  const random = rng(SEED);
  const perKind = Math.floor(total / KINDS.length);
  const out: Typed[] = [];
  for (const kind of KINDS) {
    const mine: Typed[] = [];
    while (mine.length < perKind) {
      const c = customers[Math.floor(random() * customers.length)]!;
      let typed: Typed[] = [];
      if ((kind === 'name' || kind === 'typo') && c.firstName && c.lastName) {
        const last = kind === 'typo' ? withTypo(c.lastName, random) : c.lastName;
        if (kind === 'typo' && last === c.lastName) continue;
        typed = keystrokes(kind, `${c.firstName} ${last}`, c.number);
        // The typo only matters once it has been typed: keep the keystrokes after it.
        if (kind === 'typo') typed = typed.filter((t) => t.q.length > c.firstName!.length + 3);
      } else if (kind === 'phone' && c.mobile) {
        typed = keystrokes(kind, nationalForm(c.mobile), c.number, 4);
      } else if (kind === 'email' && c.email) {
        typed = keystrokes(kind, c.email, c.number, 3);
      } else if (kind === 'number') {
        typed = keystrokes(kind, String(c.number), c.number, 1);
      }
      mine.push(...typed.slice(0, perKind - mine.length));
    }
    out.push(...mine);
  }
  return out;
}

const percentile = (sorted: number[], p: number): number =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const round = (ms: number) => Math.round(ms * 100) / 100;

async function load(database: Database, customers: GenCustomer[]): Promise<void> {
  await migrate(database);
  await database.query(
    `INSERT INTO tenants (id, slug, name, country) VALUES ($1, 'bench-search', 'Bench', 'BE')`,
    [TENANT],
  );
  const started = performance.now();
  await loadGenerated(database, customers, {
    tenantId: TENANT,
    history: false,
    batchSize: 20_000,
    onProgress: (done) => {
      if (done % 100_000 === 0 || done === customers.length) log(`  loaded ${done} customers`);
    },
  });
  log(`  customers in ${Math.round((performance.now() - started) / 1000)} s; building search terms`);
  const terms = performance.now();
  await database.query('SELECT clienteel_rebuild_search($1)', [TENANT]);
  log(`  search terms in ${Math.round((performance.now() - terms) / 1000)} s; analysing`);
  await database.query('VACUUM ANALYZE');
}

export async function run(database: Database, n: number, total: number): Promise<Record<string, unknown>> {
  const searches = workload(await sampleTargets(database, n), total);
  const inProcess = database.engine === 'pglite';
  const opts = {
    archived: 'active' as const,
    source: null,
    sort: 'relevance' as const,
    order: 'asc' as const,
  };
  for (const s of searches.slice(0, 50))
    await listCustomers(database.db, TENANT, { ...opts, q: s.q, limit: 50, offset: 0 });
  const times = new Map<Kind, number[]>(KINDS.map((k) => [k, []]));
  const cpu = new Map<Kind, number[]>(KINDS.map((k) => [k, []]));
  const found = new Map<Kind, { complete: number; found: number }>(
    KINDS.map((k) => [k, { complete: 0, found: 0 }]),
  );
  const all: number[] = [];
  const slowest: { ms: number; kind: Kind; q: string }[] = [];
  for (const s of searches) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const page = await listCustomers(database.db, TENANT, { ...opts, q: s.q, limit: 50, offset: 0 });
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpuStarted);
    cpu.get(s.kind)!.push((used.user + used.system) / 1000);
    times.get(s.kind)!.push(ms);
    all.push(ms);
    slowest.push({ ms, kind: s.kind, q: s.q });
    if (s.complete) {
      const f = found.get(s.kind)!;
      f.complete++;
      if (page.items.some((i) => i.row.number === s.target)) f.found++;
      else log(`  not on the first page: ${s.kind} "${s.q}" (#${s.target}, ${page.total} matches)`);
    }
  }
  const byKind: Record<string, unknown> = {};
  for (const kind of KINDS) {
    const t = times.get(kind)!.sort((a, b) => a - b);
    const c = cpu.get(kind)!.sort((a, b) => a - b);
    const f = found.get(kind)!;
    byKind[kind] = {
      searches: t.length,
      p50: round(percentile(t, 50)),
      p99: round(percentile(t, 99)),
      max: round(t.at(-1) ?? 0),
      // PGlite runs in this process: its CPU time per search, which machine load does not inflate.
      ...(inProcess ? { cpuP50: round(percentile(c, 50)), cpuP99: round(percentile(c, 99)) } : {}),
      targetOnFirstPage: `${f.found}/${f.complete}`,
    };
  }
  all.sort((a, b) => a - b);
  slowest.sort((a, b) => b.ms - a.ms);
  for (const x of slowest.slice(0, 10)) log(`  slow: ${round(x.ms)} ms ${x.kind} "${x.q}"`);
  return { searches: all.length, p50: round(percentile(all, 50)), p99: round(percentile(all, 99)), byKind };
}

function migrationsHash(): string {
  const h = createHash('sha256');
  for (const m of migrationFiles()) h.update(m.name).update(m.sql);
  return h.digest('hex').slice(0, 10);
}

async function onPglite(n: number, customers: () => GenCustomer[], total: number) {
  const dir = join(ROOT, '.bench-tmp', `search-pglite-${n}-${migrationsHash()}`);
  if (!existsSync(dir)) {
    log(`PGlite: loading ${n} customers into ${dir} (once; later runs reuse it)`);
    const building = `${dir}.building-${process.pid}`;
    mkdirSync(join(ROOT, '.bench-tmp'), { recursive: true });
    const database = await openPglite(building);
    await database.query(`SET clienteel.defer_search = 'on'`);
    await load(database, customers());
    await database.query('RESET clienteel.defer_search');
    await database.close();
    renameSync(building, dir);
  }
  const database = await openPglite(dir);
  try {
    log('PGlite: searching');
    return await run(database, n, total);
  } finally {
    await database.close();
  }
}

async function onPostgres(n: number, customers: () => GenCustomer[], total: number) {
  const adminUrl = process.env.CLIENTEEL_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `clienteel_bench_search_${process.pid}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  try {
    // Connections opened from now on defer search terms until the rebuild at the end of the load.
    await admin.query(`ALTER DATABASE "${name}" SET clienteel.defer_search = 'on'`);
    log(`PostgreSQL: loading into scratch database ${name}`);
    const loading = await openPostgres(url.toString(), 2);
    await load(loading, customers());
    await loading.close();
    await admin.query(`ALTER DATABASE "${name}" RESET clienteel.defer_search`);
    const database = await openPostgres(url.toString(), 2);
    try {
      log('PostgreSQL: searching');
      return await run(database, n, total);
    } finally {
      await database.close();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

export async function benchSearch(args: string[]): Promise<object> {
  const n = Number(arg(args, 'n', '1000000'));
  const engine = arg(args, 'engine', 'both');
  const total = Number(arg(args, 'searches', '1000'));
  let generated: GenCustomer[] | null = null;
  const customers = () => {
    log(`generating ${n} customers`);
    generated ??= [...generateCustomers({ seed: SEED, n, history: false })];
    return generated;
  };
  const result: Record<string, unknown> = {
    bench: 'search',
    customers: n,
    targetP99Ms: 30,
    machine: { cpus: cpus().length, loadAverage1mAtStart: round(loadavg()[0] ?? 0) },
  };
  if (engine === 'pglite' || engine === 'both') result.pglite = await onPglite(n, customers, total);
  if (engine === 'postgres' || engine === 'both') result.postgres = await onPostgres(n, customers, total);
  (result.machine as Record<string, number>).loadAverage1mAtEnd = round(loadavg()[0] ?? 0);
  return result;
}
