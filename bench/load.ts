/**
 * Load bench: the real server (a child process, as in production) on a tenant of `--n` customers
 * (default 1,000,000), driven over loopback by autocannon with the front desk's mix — live search
 * as staff type (50 %), profile reads (30 %, a third of them before an edit), duplicate lookups
 * (10 %) and edits (10 %) — for `--seconds` (default 60), on PGlite and on PostgreSQL.
 * Prints req/s, p50, p99 and errors (connection errors + timeouts + non-2xx answers) per engine.
 *
 *   npm run bench -- load [--n 1000000] [--seconds 60] [--connections 16] [--engine pglite|postgres|both] [--instances 1]
 *
 * Goal on PostgreSQL: ≥ 1,000 requests/s with p99 ≤ 50 ms and 0 errors on a 2-core machine.
 * The loaded tenant is cached (PGlite: a data directory in .bench-tmp/; PostgreSQL: a database
 * named after the size and the migrations), so only the first run loads; `--fresh` reloads.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { generateCustomers } from './generator/index.ts';
import { loadGenerated } from './generator/load.ts';
import { openPglite, openPostgres } from '../src/db/connection.ts';
import type { Database } from '../src/db/connection.ts';
import { migrate, migrationFiles } from '../src/db/migrate.ts';
import { reindexTenant } from '../src/modules/duplicates/matchIndex.ts';
import { createApiToken, createTenant } from '../src/modules/tenants/tenants.service.ts';
import { startServerProcess } from '../test/support/serverProcess.ts';
import type { ServerProcess } from '../test/support/serverProcess.ts';

const ROOT = join(import.meta.dirname, '..');
const ADMIN_URL = process.env.CLIENTEEL_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const log = (line: string) => process.stderr.write(`${line}\n`);

function arg(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
}

function migrationsHash(): string {
  const h = createHash('sha256');
  for (const m of migrationFiles()) h.update(m.name).update(m.sql);
  return h.digest('hex').slice(0, 10);
}

interface Sample {
  id: string;
  number: number;
  first: string | null;
  last: string | null;
  email: string | null;
  mobile: string | null;
}

/** Loads the tenant: customers without history (the load is about lookups), the search terms, the match index. */
async function fill(database: Database, n: number): Promise<void> {
  await migrate(database);
  const { tenant } = await createTenant(database, {
    name: 'Load Salon',
    slug: 'load',
    country: 'BE',
    language: 'nl',
    owner: { email: 'owner@load.example', name: 'Owner', password: 'load test password' },
  });
  const started = performance.now();
  await loadGenerated(database, generateCustomers({ seed: 42, n, country: 'mixed' }), {
    tenantId: tenant.id,
    history: false,
    batchSize: 20_000,
    onProgress: (done) => {
      if (done % 100_000 === 0 || done === n)
        log(`  loaded ${done} customers (${Math.round((performance.now() - started) / 1000)} s)`);
    },
  });
  log('  building the match index');
  await reindexTenant(database, tenant.id, {
    onProgress: (done, total) => {
      if (done % 200_000 === 0 || done === total) log(`  indexed ${done}/${total}`);
    },
  });
  await database.query('VACUUM ANALYZE');
}

interface World {
  env: Record<string, string>;
  open(): Promise<Database>;
}

async function pgliteWorld(n: number, fresh: boolean): Promise<World> {
  const dir = join(ROOT, '.bench-tmp', `load-pglite-${n}-${migrationsHash()}`);
  if (fresh) rmSync(dir, { recursive: true, force: true });
  if (!existsSync(dir)) {
    log(`PGlite: loading ${n} customers into ${dir} (cached for later runs)`);
    mkdirSync(join(ROOT, '.bench-tmp'), { recursive: true });
    const partial = `${dir}.partial`;
    rmSync(partial, { recursive: true, force: true });
    const db = await openPglite(partial);
    await fill(db, n);
    await db.close();
    renameSync(partial, dir);
  }
  return { env: { CLIENTEEL_DATA_DIR: dir }, open: () => openPglite(dir) };
}

async function postgresWorld(n: number, fresh: boolean): Promise<World> {
  const name = `clienteel_bench_load_${n}_${migrationsHash()}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    if (fresh) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) {
      log(`PostgreSQL: loading ${n} customers into database ${name} (kept for later runs)`);
      await admin.query(`DROP DATABASE IF EXISTS "${name}_partial" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${name}_partial"`);
      const partialUrl = new URL(url);
      partialUrl.pathname = `/${name}_partial`;
      const db = await openPostgres(partialUrl.toString(), 2);
      await fill(db, n);
      await db.close();
      await admin.query(`ALTER DATABASE "${name}_partial" RENAME TO "${name}"`);
    }
  } finally {
    await admin.end();
  }
  return { env: { DATABASE_URL: url.toString() }, open: () => openPostgres(url.toString(), 2) };
}

/** How staff type: prefixes of names, of national phone forms, of e-mails, and numbers. */
function searchQueries(samples: Sample[], random: () => number): string[] {
  const out: string[] = [];
  for (const s of samples) {
    const r = random();
    if (r < 0.55 && s.last)
      out.push(s.last.slice(0, 2 + Math.floor(random() * Math.max(1, s.last.length - 1))));
    else if (r < 0.7 && s.first && s.last) out.push(`${s.first} ${s.last.slice(0, 2)}`);
    else if (r < 0.85 && s.mobile)
      out.push(`0${s.mobile.replace(/^\+\d\d/, '').slice(0, 3)} ${s.mobile.slice(-6, -3)}`);
    else if (r < 0.95 && s.email) out.push(s.email.slice(0, 3 + Math.floor(random() * 5)));
    else out.push(String(s.number));
  }
  return out;
}

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

async function runEngine(engine: 'pglite' | 'postgres', args: string[]): Promise<Record<string, unknown>> {
  const n = Number(arg(args, 'n', '1000000'));
  const seconds = Number(arg(args, 'seconds', '60'));
  const connections = Number(arg(args, 'connections', '16'));
  const instances = engine === 'postgres' ? Number(arg(args, 'instances', '1')) : 1;
  const fresh = args.includes('--fresh');
  const world = engine === 'pglite' ? await pgliteWorld(n, fresh) : await postgresWorld(n, fresh);

  const db = await world.open();
  const [tenant] = await db.query<{ id: string; owner: string }>(
    "SELECT t.id, s.id AS owner FROM tenants t JOIN staff_users s ON s.tenant_id = t.id WHERE t.slug = 'load' AND s.role = 'owner'",
  );
  if (!tenant) throw new Error('the load tenant is missing; run with --fresh');
  const { token } = await createApiToken(
    db,
    { tenantId: tenant.id, staffId: tenant.owner, role: 'owner', name: 'bench', via: 'session' },
    'load bench',
  );
  const samples = await db.query<Sample>(
    `SELECT id, number, first_name AS first, last_name AS last, email, mobile_e164 AS mobile
     FROM customers WHERE tenant_id = $1 AND merged_into IS NULL ORDER BY md5(id::text) LIMIT 20000`,
    [tenant.id],
  );
  await db.close();
  const random = rng(7);
  const queries = searchQueries(samples, random);
  // Reads go to one half of the sample, edits to the other (so a small smoke-test tenant works too).
  const half = Math.floor(samples.length / 2);
  const viewed = samples.slice(0, half);
  const editable = samples.slice(half);
  if (editable.length < connections * 2)
    throw new Error(`--n ${n} is too small for ${connections} connections`);
  const busy = new Set<string>();
  let q = 0;
  let v = 0;
  let e = 0;
  const nextSearch = () => `/api/customers?q=${encodeURIComponent(queries[q++ % queries.length]!)}&limit=20`;
  const nextViewed = () => viewed[v++ % viewed.length]!.id;

  const servers: ServerProcess[] = [];
  try {
    for (let i = 0; i < instances; i++) {
      servers.push(
        await startServerProcess({ ...world.env, CLIENTEEL_JOBS: 'off', LOG_LEVEL: 'warn' }, 300_000),
      );
    }
    log(
      `${engine}: ${instances} instance(s) at ${servers.map((s) => s.url).join(', ')}; ${seconds} s with ${connections} connections`,
    );
    // Answers other than 2xx, by kind of request and status, so an error in the total can be traced.
    const failures: Record<string, number> = {};
    const tally = (kind: string, status: number, path?: string) => {
      if (status >= 200 && status < 300) return;
      const key = `${kind} ${status}`;
      failures[key] = (failures[key] ?? 0) + 1;
      if (path !== undefined && failures[key] <= 3) log(`  ${key}: ${path}`);
    };
    const search = {
      method: 'GET' as const,
      setupRequest: (req: { path: string }, context: Record<string, unknown>) => {
        context.path = nextSearch();
        return { ...req, path: context.path as string };
      },
      onResponse: (status: number, _body: string, context: Record<string, unknown>) =>
        tally('search', status, context.path as string),
    };
    const profile = {
      method: 'GET' as const,
      setupRequest: (req: { path: string }) => ({ ...req, path: `/api/customers/${nextViewed()}` }),
      onResponse: (status: number) => tally('profile', status),
    };
    const duplicates = {
      method: 'GET' as const,
      setupRequest: (req: { path: string }) => ({
        ...req,
        path: `/api/customers/${nextViewed()}/duplicates`,
      }),
      onResponse: (status: number) => tally('duplicates', status),
    };
    // An edit: read the profile (as the form does), then save a change on its version. Each
    // customer is edited by one connection at a time, so a 409 here would be a real lost-update bug.
    const readForEdit = {
      method: 'GET' as const,
      setupRequest: (req: { path: string }, context: Record<string, unknown>) => {
        let c = editable[e++ % editable.length]!;
        while (busy.has(c.id)) c = editable[e++ % editable.length]!;
        busy.add(c.id);
        context.editing = c.id;
        return { ...req, path: `/api/customers/${c.id}` };
      },
      onResponse: (status: number, body: string, context: Record<string, unknown>) => {
        tally('read-for-edit', status);
        context.version = status === 200 ? (JSON.parse(body) as { version: number }).version : undefined;
      },
    };
    const save = {
      method: 'PATCH' as const,
      headers: { 'content-type': 'application/json' },
      setupRequest: (req: { path: string }, context: Record<string, unknown>) => ({
        ...req,
        path: `/api/customers/${context.editing as string}`,
        body: JSON.stringify({ version: context.version ?? 1, statusLabel: `vip ${(e % 7) + 1}` }),
      }),
      onResponse: (status: number, body: string, context: Record<string, unknown>) => {
        tally('edit', status, status >= 300 ? body.slice(0, 200) : undefined);
        busy.delete(context.editing as string);
      },
    };
    const cycle = [search, search, profile, search, duplicates, readForEdit, save, search, profile, search];
    const results = await Promise.all(
      servers.map((server) =>
        autocannon({
          url: server.url,
          connections: Math.max(1, Math.round(connections / instances)),
          duration: seconds,
          headers: { authorization: `Bearer ${token}`, 'accept-language': 'nl' },
          requests: cycle as unknown as autocannon.Request[],
        }),
      ),
    );
    const total = results.reduce((s, r) => s + r.requests.total, 0);
    const errors = results.reduce((s, r) => s + r.errors + r.timeouts + r.non2xx, 0);
    const p50 = Math.max(...results.map((r) => r.latency.p50));
    const p99 = Math.max(...results.map((r) => r.latency.p99));
    return {
      engine,
      customers: n,
      instances,
      connections,
      seconds,
      requests: total,
      req_per_s: Math.round(total / seconds),
      p50_ms: p50,
      p99_ms: p99,
      errors,
      non2xx: results.reduce((s, r) => s + r.non2xx, 0),
      non2xx_by_kind: failures,
    };
  } finally {
    for (const s of servers) await s.kill('SIGTERM');
  }
}

export async function benchLoad(args: string[]): Promise<object> {
  const engine = arg(args, 'engine', 'both');
  const out: Record<string, unknown>[] = [];
  for (const e of engine === 'both' ? (['pglite', 'postgres'] as const) : [engine as 'pglite' | 'postgres']) {
    const result = await runEngine(e, args);
    log(JSON.stringify(result));
    out.push(result);
  }
  return { bench: 'load', results: out };
}
