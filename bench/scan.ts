/**
 * Scan bench: a tenant of `--n` generated customers (default 1,000,000, country mix BE/NL/DE) in the
 * embedded database, then the whole-tenant scan's work — stored features → candidate pairs → model →
 * scores → clusters → stored duplicate groups — timed from the first read to the committed groups.
 * Prints {records, seconds, candidate_pairs, groups, peak_rss_mb} and the time per step.
 *
 *   npm run bench -- scan [--n 1000000] [--seed 7] [--reload]
 *
 * Loading is not measured: the first run generates the customers, bulk-loads them and builds the match
 * index (reindexTenant) in a child process, into a PGlite data directory cached in .bench-tmp/ (keyed by
 * size, seed, migrations and feature layout); later runs open it directly. The scan runs in this
 * process, which did not load anything, so peak_rss_mb is the scan's own (PGlite included).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { generateCustomers } from './generator/index.ts';
import { loadGenerated } from './generator/load.ts';
import { openPglite } from '../src/db/connection.ts';
import type { Database } from '../src/db/connection.ts';
import { migrate } from '../src/db/migrate.ts';
import { reindexTenant } from '../src/modules/duplicates/reindexTenant.ts';
import { scanTenant } from '../src/modules/duplicates/duplicates.scan.ts';

const ROOT = join(import.meta.dirname, '..');
export const BENCH_TENANT = 'd0b1e000-0000-4000-8000-000000000001';

export function arg(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
}

export const log = (line: string) => process.stderr.write(`${line}\n`);

/** Where the tenant is cached. Migrations added since are applied when it is opened. */
export function dataDir(n: number, seed: number): string {
  return join(ROOT, '.bench-tmp', `duplicates-${n}-${seed}`);
}

/** Generates, loads and indexes the tenant into `dir` (run in a child process, see ensureTenant). */
async function build(dir: string, n: number, seed: number): Promise<object> {
  const building = `${dir}.building-${process.pid}`;
  mkdirSync(join(ROOT, '.bench-tmp'), { recursive: true });
  const database = await openPglite(building);
  // Search terms are not needed here: skip their triggers for this load.
  await database.query(`SET clienteel.defer_search = 'on'`);
  await migrate(database);
  await database.query(
    `INSERT INTO tenants (id, slug, name, country) VALUES ($1, 'bench-duplicates', 'Bench', 'BE')`,
    [BENCH_TENANT],
  );
  let started = performance.now();
  await loadGenerated(database, generateCustomers({ seed, n, country: 'mixed', history: false }), {
    tenantId: BENCH_TENANT,
    history: false,
    batchSize: 20_000,
    onProgress: (done) => {
      if (done % 100_000 === 0 || done === n) log(`  loaded ${done} customers`);
    },
  });
  const loadSeconds = Math.round((performance.now() - started) / 1000);
  log(`  customers in ${loadSeconds} s; building the match index`);
  started = performance.now();
  await reindexTenant(database, BENCH_TENANT, {
    onProgress: (done, total) => {
      if (done % 100_000 < 5000 || done === total) log(`  indexed ${done} of ${total}`);
    },
  });
  const indexSeconds = Math.round((performance.now() - started) / 1000);
  log(`  index in ${indexSeconds} s; analysing`);
  await database.query('VACUUM ANALYZE');
  await database.close();
  renameSync(building, dir);
  return { built: dir, loadSeconds, indexSeconds };
}

/** Makes sure the cached tenant exists; builds it in a child process so this one stays small. */
export function ensureTenant(n: number, seed: number, reload: boolean): string {
  const dir = dataDir(n, seed);
  if (reload && existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  if (existsSync(dir)) return dir;
  log(`loading ${n} generated customers into ${dir} (once; later runs reuse it)`);
  const child = spawnSync(
    process.execPath,
    [
      '--max-old-space-size=6000',
      join(ROOT, 'bench', 'main.ts'),
      'scan',
      '--build',
      '--n',
      String(n),
      '--seed',
      String(seed),
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (child.status !== 0 || !existsSync(dir))
    throw new Error(`loading the bench tenant failed (${child.status})`);
  return dir;
}

export async function openTenant(dir: string): Promise<Database> {
  const database = await openPglite(dir);
  await migrate(database);
  return database;
}

export async function benchScan(args: string[]): Promise<object> {
  const n = Number(arg(args, 'n', '1000000'));
  const seed = Number(arg(args, 'seed', '7'));
  if (args.includes('--build')) return build(dataDir(n, seed), n, seed);
  const dir = ensureTenant(n, seed, args.includes('--reload'));
  const database = await openTenant(dir);
  try {
    log(`scanning ${n} customers`);
    const started = performance.now();
    const cpuStart = process.cpuUsage();
    let cpuLast = cpuStart;
    const cpu: Record<string, number> = {};
    const summary = await scanTenant(database, BENCH_TENANT, {
      onStep: (step) => {
        const now = process.cpuUsage();
        cpu[step] = Math.round((now.user - cpuLast.user + now.system - cpuLast.system) / 1000);
        cpuLast = now;
        log(`  ${step} done at ${Math.round(performance.now() - started)} ms (cpu ${cpu[step]} ms)`);
      },
    });
    const cpuTotal = process.cpuUsage(cpuStart);
    const seconds = (performance.now() - started) / 1000;
    return {
      bench: 'scan',
      records: summary.records,
      seconds: Math.round(seconds * 10) / 10,
      candidate_pairs: summary.candidatePairs,
      groups: summary.groups,
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
      records_in_groups: summary.recordsInGroups,
      trained: summary.trained,
      millis: summary.millis,
      // CPU time of this process (all threads) per step: on a busy machine wall time says little.
      cpu_millis: { ...cpu, total: Math.round((cpuTotal.user + cpuTotal.system) / 1000) },
      target: { seconds: 20, peak_rss_mb: 4096 },
    };
  } finally {
    await database.close();
  }
}
