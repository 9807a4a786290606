/**
 * A whole file at once, on prepared records: candidate pairs from the blocking rules, the file's own
 * model (or the one handed in), a probability per pair, and duplicate groups with their reasons.
 * Single-threaded and pure; parallel.ts runs the same steps on worker threads.
 */
import { generateCandidatePairs } from './blocking.ts';
import type { CandidatePairs } from './blocking.ts';
import { clusterPairs } from './cluster.ts';
import type { Clustering, ScoredPairs } from './cluster.ts';
import { countExactU, estimateM, estimateRareNames, estimateU } from './estimate.ts';
import {
  compileModel,
  completeModel,
  DEFAULT_MODEL,
  withPriorForFileSize,
  weightToProbability,
} from './model.ts';
import type { MatchModel } from './model.ts';
import { scorePair, scoreWeight } from './score.ts';
import type { PairResult } from './score.ts';
import { buildTermFrequencies } from './termFrequencies.ts';
import type { TermFrequencies } from './termFrequencies.ts';
import type { PreparedRecord } from './types.ts';

/** Probability from which a pair counts as a duplicate (see docs/matching.md for why). */
export const DEFAULT_THRESHOLD = 0.7;
/** Files from this size learn their own model; smaller ones use DEFAULT_MODEL with their size's prior. */
export const MIN_TRAINING_RECORDS = 1000;

export type ScanPhase = 'block' | 'train' | 'score' | 'cluster';

export interface ScanOptions {
  threshold?: number;
  /** Use this model as is; otherwise learn one (files ≥ MIN_TRAINING_RECORDS) or use the default. */
  model?: MatchModel;
  /** Force learning on or off (default: by file size). */
  train?: boolean;
  maxBlockSize?: number;
  /** Seed of the random pair samples used in training. */
  seed?: number;
  /** Build per-pair explanations for the pairs inside each group (default true). */
  explain?: boolean;
  onProgress?: (phase: ScanPhase, done: number, total: number) => void;
}

export interface DuplicateGroup {
  /** Id of the group's first record in input order. */
  id: string;
  /** Record ids, in input order. */
  members: string[];
  /** The weakest link that holds the group together: the least certain member's best probability. */
  probability: number;
  /** Scored pairs inside the group, with their reasons (empty when explanations are off). */
  pairs: PairResult[];
}

export interface ScanResult {
  /** Groups of two or more records, most certain first. */
  groups: DuplicateGroup[];
  /** Per input record: index of its group's first record, and its best probability in the group. */
  clustering: Clustering;
  pairs: ScoredPairs;
  model: MatchModel;
  stats: {
    records: number;
    candidatePairs: number;
    oversizedBlocks: number;
    matchedPairs: number;
    groups: number;
    recordsInGroups: number;
    millis: Record<ScanPhase, number>;
  };
}

/**
 * Learn a model for a record set: u from random pairs (exact levels counted), m and the prior from EM
 * in training sessions.
 */
export function estimateModel(
  records: readonly PreparedRecord[],
  options: { base?: MatchModel; seed?: number } = {},
): MatchModel {
  const seed = options.seed ?? 1;
  const withU = estimateU(records, completeModel(options.base ?? DEFAULT_MODEL), { seed });
  return estimateRareNames(records, countExactU(records, estimateM(records, withU, { seed })));
}

/** The model a scan uses: the one handed in, a learned one, or the default for the file's size. */
export function modelForScan(
  records: readonly PreparedRecord[],
  options: Pick<ScanOptions, 'model' | 'train' | 'seed'>,
): MatchModel {
  if (options.model !== undefined && options.train !== true) return options.model;
  const train = options.train ?? records.length >= MIN_TRAINING_RECORDS;
  if (!train) return withPriorForFileSize(DEFAULT_MODEL, records.length);
  return estimateModel(records, {
    ...(options.model === undefined ? {} : { base: options.model }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  });
}

/** Probability of every candidate pair. */
export function scorePairs(
  records: readonly PreparedRecord[],
  candidates: Pick<CandidatePairs, 'left' | 'right' | 'count'>,
  model: MatchModel,
  tf: TermFrequencies | null,
): Float32Array {
  const cm = compileModel(model);
  const probability = new Float32Array(candidates.count);
  for (let p = 0; p < candidates.count; p++) {
    probability[p] = weightToProbability(
      scoreWeight(
        records[candidates.left[p] as number] as PreparedRecord,
        records[candidates.right[p] as number] as PreparedRecord,
        cm,
        tf,
      ),
    );
  }
  return probability;
}

/** Indices (into `pairs`) of the scored pairs whose two records ended in one group. */
export function pairsInGroups(clustering: Clustering, pairs: ScoredPairs): number[] {
  const out: number[] = [];
  for (let p = 0; p < pairs.count; p++) {
    if (clustering.clusterOf[pairs.left[p] as number] === clustering.clusterOf[pairs.right[p] as number]) {
      out.push(p);
    }
  }
  return out;
}

/**
 * Groups of two or more from a clustering, most certain first. `explained` holds the reasons of the
 * pairs inside groups (from pairsInGroups, same order), or null to leave them out.
 */
export function collectGroups(
  ids: readonly string[],
  clustering: Clustering,
  explained: readonly PairResult[] | null,
): DuplicateGroup[] {
  const n = ids.length;
  const size = new Int32Array(n);
  for (let i = 0; i < n; i++) size[clustering.clusterOf[i] as number]!++;
  const groups = new Map<number, DuplicateGroup>();
  for (let i = 0; i < n; i++) {
    const first = clustering.clusterOf[i] as number;
    if ((size[first] as number) < 2) continue;
    let group = groups.get(first);
    if (group === undefined) {
      group = { id: ids[first] as string, members: [], probability: 1, pairs: [] };
      groups.set(first, group);
    }
    group.members.push(ids[i] as string);
    group.probability = Math.min(group.probability, clustering.bestProbability[i] as number);
  }
  if (explained !== null) {
    const groupOfId = new Map<string, DuplicateGroup>();
    for (const g of groups.values()) for (const id of g.members) groupOfId.set(id, g);
    for (const r of explained) groupOfId.get(r.a)?.pairs.push(r);
    for (const g of groups.values()) g.pairs.sort((x, y) => y.probability - x.probability);
  }
  return [...groups.values()].sort((x, y) => y.probability - x.probability || (x.id < y.id ? -1 : 1));
}

/** Scan a prepared file: blocking → model → scoring → clustering → groups. */
export function scanPrepared(records: readonly PreparedRecord[], options: ScanOptions = {}): ScanResult {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const progress = options.onProgress ?? (() => {});
  const millis: Record<ScanPhase, number> = { block: 0, train: 0, score: 0, cluster: 0 };
  let t = performance.now();
  const lap = (phase: ScanPhase): void => {
    const now = performance.now();
    millis[phase] = Math.round(now - t);
    t = now;
    progress(phase, 1, 1);
  };

  const candidates = generateCandidatePairs(records, { maxBlockSize: options.maxBlockSize ?? 400 });
  lap('block');
  const tf = buildTermFrequencies(records);
  const model = modelForScan(records, options);
  lap('train');
  const probability = scorePairs(records, candidates, model, tf);
  lap('score');
  const pairs: ScoredPairs = {
    left: candidates.left,
    right: candidates.right,
    probability,
    count: candidates.count,
  };
  const clustering = clusterPairs(records.length, pairs, { threshold });
  const explained =
    options.explain === false
      ? null
      : pairsInGroups(clustering, pairs).map((p) =>
          scorePair(
            records[pairs.left[p] as number] as PreparedRecord,
            records[pairs.right[p] as number] as PreparedRecord,
            model,
            tf,
          ),
        );
  const groups = collectGroups(
    records.map((r) => r.id),
    clustering,
    explained,
  );
  lap('cluster');
  let matched = 0;
  for (let p = 0; p < probability.length; p++) if ((probability[p] as number) >= threshold) matched++;
  let inGroups = 0;
  for (const g of groups) inGroups += g.members.length;
  return {
    groups,
    clustering,
    pairs,
    model,
    stats: {
      records: records.length,
      candidatePairs: candidates.count,
      oversizedBlocks: candidates.oversizedBlocks,
      matchedPairs: matched,
      groups: groups.length,
      recordsInGroups: inGroups,
      millis,
    },
  };
}
