/**
 * Lookup bench: `findDuplicateCandidates` — what the profile's "Duplicates (n)" tab and the check
 * before a create call — for 1,000 random customers of the cached scan tenant (`--n` customers,
 * default 1,000,000, see bench/scan.ts), on PGlite. Prints p50 and p99 in milliseconds (wall, and the
 * process's CPU time per lookup, which a busy machine disturbs less), and how many lookups found
 * candidates.
 *
 *   npm run bench -- lookup [--n 1000000] [--seed 7] [--lookups 1000] [--warm]
 *
 * `--warm` reads the database files once before timing, so they are in the OS page cache as on a
 * server that has been running; without it a lookup on a cold cache waits for the disk (PGlite reads
 * every page it does not hold in its 128 MB of shared buffers from the file).
 */
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { findDuplicateCandidates } from '../src/modules/duplicates/duplicates.service.ts';
import { arg, BENCH_TENANT, ensureTenant, log, openTenant } from './scan.ts';

/** A small seeded generator for choosing the customers (the data generator has its own). */
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

const percentile = (sorted: number[], p: number): number =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const round = (ms: number) => Math.round(ms * 100) / 100;

/** Reads every file under `dir` once (into the OS page cache); returns the bytes read. */
function readAll(dir: string): number {
  const buffer = Buffer.alloc(1 << 20);
  let bytes = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      bytes += readAll(path);
      continue;
    }
    const fd = openSync(path, 'r');
    try {
      for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) bytes += n;
    } finally {
      closeSync(fd);
    }
  }
  return bytes;
}

export async function benchLookup(args: string[]): Promise<object> {
  const n = Number(arg(args, 'n', '1000000'));
  const seed = Number(arg(args, 'seed', '7'));
  const lookups = Number(arg(args, 'lookups', '1000'));
  const dir = ensureTenant(n, seed, args.includes('--reload'));
  const warm = args.includes('--warm');
  if (warm)
    log(`read ${Math.round(readAll(join(dir, 'base')) / 1e6)} MB of database files into the OS cache`);
  const database = await openTenant(dir);
  try {
    const ids = (
      await database.copyRows(
        `SELECT customer_id FROM customer_match_features WHERE tenant_id = '${BENCH_TENANT}' ORDER BY customer_id`,
      )
    ).map((r) => r[0] as string);
    const random = rng(20261124);
    const pick = () => ids[Math.floor(random() * ids.length)]!;
    const warmup = Array.from({ length: 100 }, pick);
    const chosen = Array.from({ length: lookups }, pick);
    log(`${ids.length} indexed customers; warming up with ${warmup.length} lookups`);
    for (const id of warmup) await findDuplicateCandidates(database.db, BENCH_TENANT, { customerId: id });
    log(`timing ${chosen.length} lookups`);
    const wall: number[] = [];
    const cpu: number[] = [];
    let withCandidates = 0;
    let candidates = 0;
    for (const id of chosen) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const found = await findDuplicateCandidates(database.db, BENCH_TENANT, { customerId: id });
      wall.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
      if (found.length > 0) withCandidates++;
      candidates += found.length;
    }
    wall.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    return {
      bench: 'lookup',
      customers: ids.length,
      lookups: wall.length,
      p50: round(percentile(wall, 50)),
      p99: round(percentile(wall, 99)),
      max: round(wall.at(-1) ?? 0),
      cpu_p50: round(percentile(cpu, 50)),
      cpu_p99: round(percentile(cpu, 99)),
      with_candidates: withCandidates,
      candidates,
      warm,
      load_average: (await import('node:os')).loadavg()[0],
      target: { p99: 5 },
    };
  } finally {
    await database.close();
  }
}
