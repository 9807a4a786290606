/**
 * Whole-file scan of the pure matching core on worker threads, no database:
 *
 *   node bench/main.ts scan-core [--n 1000000] [--seed 1] [--workers 2]
 *
 * Generates `n` mixed BE/NL/DE salon customers (bench/generator, seeded; not timed), then times
 * scanParallel: prepare → blocking → model → scoring → clustering → groups with their reasons.
 * Last line on stdout: {records, seconds, candidate_pairs, groups, peak_rss_mb, ...}.
 */
import { generateCustomers } from './generator/index.ts';
import type { GenCustomer } from './generator/index.ts';
import { scanParallel } from '../src/core/matching/parallel.ts';
import type { MatchRecord } from '../src/core/matching/index.ts';

function option(args: string[], name: string, fallback: number): number {
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return fallback;
  const raw = args[i]?.includes('=') ? args[i]?.split('=')[1] : args[i + 1];
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number`);
  return value;
}

function asRecord(c: GenCustomer): MatchRecord {
  return {
    id: c.id,
    firstName: c.firstName,
    lastName: c.lastName,
    gender: c.gender,
    email: c.email,
    mobile: c.mobile,
    landline: c.landline,
    phone2: c.phone2,
    birthDate: c.birthDate,
    street: c.street,
    houseNumber: c.houseNumber,
    postalCode: c.postalCode,
    city: c.city,
    country: c.country,
  };
}

export async function benchScanCore(args: string[]): Promise<object> {
  const n = option(args, 'n', 1_000_000);
  const seed = option(args, 'seed', 1);
  const workers = option(args, 'workers', 2);
  process.stderr.write(`scan-core: generating ${n} customers (seed ${seed}, mixed BE/NL/DE)\n`);
  const records: MatchRecord[] = [];
  for (const c of generateCustomers({ seed, n, country: 'mixed', history: false })) records.push(asRecord(c));

  process.stderr.write(`scan-core: scanning on ${workers} worker threads\n`);
  const started = performance.now();
  const result = await scanParallel(records, {
    workers,
    defaultCountry: 'BE',
    onProgress: (phase) =>
      process.stderr.write(`  ${phase} done at ${((performance.now() - started) / 1000).toFixed(1)}s\n`),
  });
  const seconds = (performance.now() - started) / 1000;
  const out = {
    bench: 'scan-core',
    records: n,
    seconds: Math.round(seconds * 100) / 100,
    candidate_pairs: result.stats.candidatePairs,
    groups: result.stats.groups,
    records_in_groups: result.stats.recordsInGroups,
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    workers: result.stats.workers,
    millis: result.stats.millis,
  };
  process.stderr.write(`  ${JSON.stringify(out)}\n`);
  return out;
}
