/**
 * A whole file at once: prepare every record, generate candidate pairs, (optionally) learn the model
 * from the file, score, and group. Used by the CLI, the accuracy bench, and anything scanning a tenant.
 */
import { generateCandidatePairs } from './blocking.ts';
import { clusterPairs } from './cluster.ts';
import { estimateM, estimateU, pairLevels } from './estimate.ts';
import { compileModel, DEFAULT_MODEL, weightToProbability } from './model.ts';
import type { MatchModel } from './model.ts';
import { prepareRecord } from './prepare.ts';
import { scoreWeight } from './score.ts';
import { buildTermFrequencies } from './termFrequencies.ts';
import type { MatchRecord, PreparedRecord } from './types.ts';

export type DedupePhase = 'prepare' | 'block' | 'train' | 'score' | 'cluster';

export interface DedupeOptions {
  defaultCountry?: string | null;
  /** Probability from which a pair counts as a duplicate; default 0.9. */
  threshold?: number;
  /** Learn u and m from this file (worth it from a few thousand records); default: from 500 records. */
  trainEM?: boolean;
  model?: MatchModel;
  maxBlockSize?: number;
  seed?: number;
  onProgress?: (phase: DedupePhase, done: number, total: number) => void;
}

export interface DedupeResult {
  /** Per input record (same order): its group's id (the first record's id) and best probability. */
  clusters: Array<{ id: string; clusterId: string; probability: number }>;
  pairs: { left: Int32Array; right: Int32Array; probability: Float32Array; count: number };
  model: MatchModel;
  stats: {
    records: number;
    candidatePairs: number;
    oversizedBlocks: number;
    matchedPairs: number;
    clusters: number;
    recordsInClusters: number;
    millis: Record<DedupePhase, number>;
  };
}

export const DEFAULT_THRESHOLD = 0.9;

/** Learn a model for a record set: u from random pairs, then m and prior by EM over the candidates. */
export function estimateModel(
  records: readonly PreparedRecord[],
  pairs: ReturnType<typeof generateCandidatePairs>,
  options: { base?: MatchModel; seed?: number } = {},
): MatchModel {
  const withU = estimateU(records, options.base ?? DEFAULT_MODEL, { seed: options.seed ?? 1 });
  return estimateM(withU, pairLevels(records, pairs), { recordCount: records.length });
}

export function dedupe(records: readonly MatchRecord[], options: DedupeOptions = {}): DedupeResult {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const progress = options.onProgress ?? (() => {});
  const millis: Record<DedupePhase, number> = { prepare: 0, block: 0, train: 0, score: 0, cluster: 0 };
  const n = records.length;
  let t = performance.now();
  const lap = (phase: DedupePhase): void => {
    const now = performance.now();
    millis[phase] = Math.round(now - t);
    t = now;
  };

  const prepared: PreparedRecord[] = new Array<PreparedRecord>(n);
  for (let i = 0; i < n; i++) {
    prepared[i] = prepareRecord(records[i] as MatchRecord, {
      defaultCountry: options.defaultCountry ?? null,
    });
    if (i % 5000 === 0) progress('prepare', i, n);
  }
  progress('prepare', n, n);
  lap('prepare');

  const candidates = generateCandidatePairs(prepared, { maxBlockSize: options.maxBlockSize ?? 400 });
  progress('block', 1, 1);
  lap('block');

  let model = options.model ?? DEFAULT_MODEL;
  if (options.trainEM ?? n >= 500) {
    model = estimateModel(prepared, candidates, { base: model, seed: options.seed ?? 1 });
  }
  progress('train', 1, 1);
  lap('train');

  const cm = compileModel(model);
  const tf = buildTermFrequencies(prepared);
  const probability = new Float32Array(candidates.count);
  let matched = 0;
  for (let p = 0; p < candidates.count; p++) {
    const w = scoreWeight(
      prepared[candidates.left[p] as number] as PreparedRecord,
      prepared[candidates.right[p] as number] as PreparedRecord,
      cm,
      tf,
    );
    const pr = weightToProbability(w);
    probability[p] = pr;
    if (pr >= threshold) matched++;
    if (p % 100_000 === 0) progress('score', p, candidates.count);
  }
  progress('score', candidates.count, candidates.count);
  lap('score');

  const pairs = { left: candidates.left, right: candidates.right, probability, count: candidates.count };
  const clustering = clusterPairs(n, pairs, { threshold });
  const sizes = new Map<number, number>();
  for (let i = 0; i < n; i++)
    sizes.set(clustering.clusterOf[i] as number, (sizes.get(clustering.clusterOf[i] as number) ?? 0) + 1);
  let clusters = 0;
  let inClusters = 0;
  for (const size of sizes.values()) {
    if (size > 1) {
      clusters++;
      inClusters += size;
    }
  }
  const out = prepared.map((r, i) => ({
    id: r.id,
    clusterId: (prepared[clustering.clusterOf[i] as number] as PreparedRecord).id,
    probability: clustering.bestProbability[i] as number,
  }));
  progress('cluster', 1, 1);
  lap('cluster');

  return {
    clusters: out,
    pairs,
    model,
    stats: {
      records: n,
      candidatePairs: candidates.count,
      oversizedBlocks: candidates.oversizedBlocks,
      matchedPairs: matched,
      clusters,
      recordsInClusters: inClusters,
      millis,
    },
  };
}
