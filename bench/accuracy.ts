/**
 * Accuracy bench: pairwise precision, recall and F1 of `dedupe` on the public benchmark data sets (and on
 * generated salon customers when the generator is present), next to the seed's rule baseline (same
 * normalised phone OR same canonical e-mail, connected components).
 *
 *   node bench/main.ts accuracy [dataset ...]     (env CLIENTEEL_DATASETS overrides ../shared/datasets)
 */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { canonicalEmail, dedupe, normalisePhone } from '../src/core/matching/index.ts';
import type { MatchRecord } from '../src/core/matching/index.ts';
import { recordFromRow } from '../src/cli/dedupe.ts';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DATASETS = ['splink-fake-1000', 'historical-50k'];

export function datasetsDir(): string {
  return process.env['CLIENTEEL_DATASETS'] ?? path.resolve(REPO_ROOT, '..', 'shared', 'datasets');
}

export interface PairCounts {
  truePositives: number;
  predicted: number;
  actual: number;
}

export interface Scores {
  precision: number;
  recall: number;
  f1: number;
  predictedPairs: number;
  truePairs: number;
}

const pairsIn = (size: number): number => (size * (size - 1)) / 2;

/** Pairwise counts from two labelings, without enumerating pairs (sizes of groups and of their overlaps). */
export function pairwiseCounts(predicted: readonly string[], truth: readonly string[]): PairCounts {
  const sizeP = new Map<string, number>();
  const sizeT = new Map<string, number>();
  const both = new Map<string, number>();
  for (let i = 0; i < predicted.length; i++) {
    const p = predicted[i] as string;
    const t = truth[i] as string;
    sizeP.set(p, (sizeP.get(p) ?? 0) + 1);
    sizeT.set(t, (sizeT.get(t) ?? 0) + 1);
    const key = `${p}\u0000${t}`;
    both.set(key, (both.get(key) ?? 0) + 1);
  }
  let tp = 0;
  let pred = 0;
  let actual = 0;
  for (const s of both.values()) tp += pairsIn(s);
  for (const s of sizeP.values()) pred += pairsIn(s);
  for (const s of sizeT.values()) actual += pairsIn(s);
  return { truePositives: tp, predicted: pred, actual };
}

export function scores(c: PairCounts): Scores {
  const precision = c.predicted === 0 ? 1 : c.truePositives / c.predicted;
  const recall = c.actual === 0 ? 1 : c.truePositives / c.actual;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const round = (x: number): number => Math.round(x * 10000) / 10000;
  return {
    precision: round(precision),
    recall: round(recall),
    f1: round(f1),
    predictedPairs: c.predicted,
    truePairs: c.actual,
  };
}

/** The seed's rule: same normalised phone or same canonical e-mail, joined by connected components. */
export function ruleBaseline(records: readonly MatchRecord[], defaultCountry: string): string[] {
  const parent = records.map((_, i) => i);
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] as number;
    while (parent[i] !== r) {
      const next = parent[i] as number;
      parent[i] = r;
      i = next;
    }
    return r;
  };
  const seen = new Map<string, number>();
  records.forEach((r, i) => {
    const keys: string[] = [];
    for (const raw of [r.mobile, r.landline, r.phone2]) {
      const p = normalisePhone(raw, r.country ?? defaultCountry);
      if (p !== null) keys.push(`p:${p}`);
    }
    const e = canonicalEmail(r.email);
    if (e !== null) keys.push(`e:${e.address}`);
    for (const k of keys) {
      const j = seen.get(k);
      if (j === undefined) seen.set(k, i);
      else parent[find(i)] = find(j);
    }
  });
  return records.map((_, i) => String(find(i)));
}

async function loadDataset(dir: string): Promise<{ records: MatchRecord[]; truth: string[] }> {
  const rows = parse(await readFile(path.join(dir, 'customers.csv')), {
    columns: true,
    skip_empty_lines: true,
  }) as Array<Record<string, string>>;
  const truthRows = parse(await readFile(path.join(dir, 'truth.csv')), {
    columns: true,
    skip_empty_lines: true,
  }) as Array<Record<string, string>>;
  const entity = new Map(truthRows.map((r) => [r['id'] ?? '', r['entity'] ?? '']));
  const records = rows.map(recordFromRow);
  return { records, truth: records.map((r) => entity.get(r.id) ?? `missing:${r.id}`) };
}

export interface BenchCase {
  name: string;
  records: MatchRecord[];
  truth: string[];
  defaultCountry: string;
}

export function evaluate(c: BenchCase, threshold?: number): object {
  const started = performance.now();
  const result = dedupe(c.records, {
    defaultCountry: c.defaultCountry,
    ...(threshold === undefined ? {} : { threshold }),
    onProgress: (phase, done, total) => {
      if (done === total) process.stderr.write(`  ${c.name}: ${phase} done\n`);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const matcher = scores(
    pairwiseCounts(
      result.clusters.map((r) => r.clusterId),
      c.truth,
    ),
  );
  const baseline = scores(pairwiseCounts(ruleBaseline(c.records, c.defaultCountry), c.truth));
  return {
    dataset: c.name,
    records: c.records.length,
    matcher,
    baseline,
    candidatePairs: result.stats.candidatePairs,
    seconds: Math.round(seconds * 100) / 100,
    millis: result.stats.millis,
  };
}

/** Generated salon customers from bench/generator (seeded; records carry their entityId as truth). */
async function generatedCase(): Promise<BenchCase | null> {
  const file = path.join(REPO_ROOT, 'bench', 'generator', 'index.ts');
  if (!existsSync(file)) return null;
  const mod = (await import(file)) as Record<string, unknown>;
  const generate = mod['generateCustomers'];
  if (typeof generate !== 'function') return null;
  const customers = [
    ...(generate({ seed: 1, n: 15_000, country: 'mixed', history: false }) as Iterable<
      MatchRecord & { entityId: string }
    >),
  ];
  return {
    name: 'generated-salon-15k-mixed',
    records: customers,
    truth: customers.map((c) => c.entityId),
    defaultCountry: 'BE',
  };
}

export async function benchAccuracy(args: string[]): Promise<object> {
  const threshold = args.find((a) => a.startsWith('--threshold='));
  const names = args.filter((a) => !a.startsWith('--'));
  const results: object[] = [];
  for (const name of names.length > 0 ? names : DATASETS) {
    const dir = path.join(datasetsDir(), name);
    if (!existsSync(dir)) {
      process.stderr.write(`  ${name}: not found in ${datasetsDir()}, skipped\n`);
      continue;
    }
    process.stderr.write(`accuracy: ${name}\n`);
    const { records, truth } = await loadDataset(dir);
    const r = evaluate(
      { name, records, truth, defaultCountry: 'GB' },
      threshold === undefined ? undefined : Number(threshold.split('=')[1]),
    );
    process.stderr.write(`  ${JSON.stringify(r)}\n`);
    results.push(r);
  }
  if (names.length === 0) {
    try {
      const generated = await generatedCase();
      if (generated !== null) results.push(evaluate(generated));
    } catch (error) {
      process.stderr.write(`  generated: generator not usable yet (${String(error)})\n`);
    }
  }
  return { bench: 'accuracy', results };
}
