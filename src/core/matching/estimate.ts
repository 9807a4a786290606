/**
 * Learning the model from a tenant's own file: u from random pairs (what agreement by chance looks
 * like), m and the match rate by expectation–maximisation over the candidate pairs.
 */
import { compareInto, newLevels } from './compare.ts';
import { FIELD_COUNT, FIELDS } from './fields.ts';
import type { FieldName } from './fields.ts';
import type { MatchModel } from './model.ts';
import type { CandidatePairs } from './blocking.ts';
import type { PreparedRecord } from './types.ts';

/** Deterministic pseudo-random numbers (mulberry32) from a seed the caller hands in. */
export function seededRandom(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

function cloneModel(model: MatchModel): MatchModel {
  return structuredClone(model);
}

/** u per field and level from `samples` random pairs (Laplace-smoothed). */
export function estimateU(
  records: readonly PreparedRecord[],
  base: MatchModel,
  options: { samples?: number; seed?: number } = {},
): MatchModel {
  const n = records.length;
  const model = cloneModel(base);
  if (n < 50) return model;
  const samples = Math.min(options.samples ?? 200_000, (n * (n - 1)) / 2);
  const random = seededRandom(options.seed ?? 1);
  const counts = FIELDS.map((f) => new Float64Array(f.levels.length));
  const levels = newLevels();
  for (let s = 0; s < samples; s++) {
    const i = Math.floor(random() * n);
    let j = Math.floor(random() * (n - 1));
    if (j >= i) j++;
    compareInto(records[i] as PreparedRecord, records[j] as PreparedRecord, levels);
    for (let f = 0; f < FIELD_COUNT; f++) {
      const l = levels[f] as number;
      if (l >= 0) (counts[f] as Float64Array)[l]! += 1;
    }
  }
  FIELDS.forEach((f, fi) => {
    const c = counts[fi] as Float64Array;
    const total = c.reduce((x, y) => x + y, 0);
    if (total < 1000) return;
    model.fields[f.name as FieldName].u = Array.from(c, (v) => (v + 1) / (total + c.length));
  });
  return model;
}

/** Levels of every candidate pair, one row of FIELD_COUNT per pair. */
export function pairLevels(records: readonly PreparedRecord[], pairs: CandidatePairs): Int8Array {
  const out = new Int8Array(pairs.count * FIELD_COUNT);
  const levels = newLevels();
  for (let p = 0; p < pairs.count; p++) {
    compareInto(
      records[pairs.left[p] as number] as PreparedRecord,
      records[pairs.right[p] as number] as PreparedRecord,
      levels,
    );
    out.set(levels, p * FIELD_COUNT);
  }
  return out;
}

export interface EmOptions {
  iterations?: number;
  /** Number of records, to turn the match rate among candidates into the prior over all pairs. */
  recordCount: number;
}

/**
 * m and prior by EM over candidate pairs, u kept fixed. Identical comparison vectors are grouped first, so
 * each iteration runs over a few thousand patterns instead of millions of pairs.
 */
export function estimateM(model: MatchModel, levels: Int8Array, options: EmOptions): MatchModel {
  const pairCount = levels.length / FIELD_COUNT;
  const result = cloneModel(model);
  if (pairCount < 100) return result;
  const patterns = new Map<number, number>();
  for (let p = 0; p < pairCount; p++) {
    let key = 0;
    for (let f = 0; f < FIELD_COUNT; f++) key = key * 8 + ((levels[p * FIELD_COUNT + f] as number) + 1);
    patterns.set(key, (patterns.get(key) ?? 0) + 1);
  }
  const rows: Int8Array[] = [];
  const weights: number[] = [];
  for (const [key, count] of patterns) {
    const row = new Int8Array(FIELD_COUNT);
    let k = key;
    for (let f = FIELD_COUNT - 1; f >= 0; f--) {
      row[f] = (k % 8) - 1;
      k = Math.floor(k / 8);
    }
    rows.push(row);
    weights.push(count);
  }
  let lambda = 0.1;
  const m = FIELDS.map((f) => [...result.fields[f.name as FieldName].m]);
  const u = FIELDS.map((f) => result.fields[f.name as FieldName].u);
  for (let it = 0; it < (options.iterations ?? 25); it++) {
    const mNum = FIELDS.map((f) => new Float64Array(f.levels.length));
    let matchMass = 0;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r] as Int8Array;
      let pm = lambda;
      let pu = 1 - lambda;
      for (let f = 0; f < FIELD_COUNT; f++) {
        const l = row[f] as number;
        if (l < 0) continue;
        pm *= (m[f] as number[])[l] as number;
        pu *= (u[f] as number[])[l] as number;
      }
      const post = pm / (pm + pu);
      const mass = post * (weights[r] as number);
      matchMass += mass;
      for (let f = 0; f < FIELD_COUNT; f++) {
        const l = row[f] as number;
        if (l >= 0) (mNum[f] as Float64Array)[l]! += mass;
      }
    }
    lambda = Math.min(0.99, Math.max(1e-6, matchMass / pairCount));
    for (let f = 0; f < FIELD_COUNT; f++) {
      const num = mNum[f] as Float64Array;
      const total = num.reduce((x, y) => x + y, 0);
      if (total <= 0) continue;
      m[f] = Array.from(num, (v) => Math.max(1e-4, v / total));
    }
  }
  FIELDS.forEach((f, fi) => {
    result.fields[f.name as FieldName].m = m[fi] as number[];
  });
  const allPairs = (options.recordCount * (options.recordCount - 1)) / 2;
  result.prior = Math.min(0.5, Math.max(1e-9, (lambda * pairCount) / allPairs));
  return result;
}
