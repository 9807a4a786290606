/**
 * The whole-file scan on worker threads (Node only; no database, no HTTP). The work per pair is the
 * pure core's (scanWorker.ts runs prepareRecords, estimateModel, the block table, scoreWeight and
 * scorePair); this file only deals it out:
 *
 *   main: each worker's share of the records → one string per field ──► the worker prepares it
 *   workers exchange their prepared shares as compact strings, so each holds the whole file
 *   worker 0 learns the model while the last worker builds the block table (shared memory)
 *   every worker scores the candidate pairs of its share of the blocks (block b goes to b mod W)
 *   main: clustering → groups; worker 0 explains the pairs inside groups
 *
 * Same input, same options → same groups as scanPrepared(prepareRecords(records)).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { BlockTable } from './blocking.ts';
import { clusterPairs } from './cluster.ts';
import type { ScoredPairs } from './cluster.ts';
import { DEFAULT_MODEL, withPriorForFileSize } from './model.ts';
import type { MatchModel } from './model.ts';
import { packRecords } from './recordColumns.ts';
import { collectGroups, DEFAULT_THRESHOLD, MIN_TRAINING_RECORDS, pairsInGroups } from './scan.ts';
import type { ScanOptions, ScanResult } from './scan.ts';
import type { PairResult } from './score.ts';
import type { MatchRecord } from './types.ts';
import type { WorkerRequest } from './scanWorker.ts';

export type ParallelPhase = 'prepare' | 'block' | 'train' | 'score' | 'cluster' | 'explain';

export interface ParallelScanOptions extends Omit<ScanOptions, 'onProgress'> {
  defaultCountry?: string | null;
  /** Worker threads; default: the machine's available parallelism, at least 1, at most 8. */
  workers?: number;
  onProgress?: (phase: ParallelPhase, done: number, total: number) => void;
}

export interface ParallelScanResult extends ScanResult {
  stats: ScanResult['stats'] & { workers: number; millis: Record<ParallelPhase, number> };
}

/** A worker with a promise-based request/answer channel. */
class ScanWorker {
  private readonly worker: Worker;
  private pending: { resolve: (m: unknown) => void; reject: (e: Error) => void } | null = null;

  constructor() {
    this.worker = new Worker(new URL('./scanWorker.ts', import.meta.url));
    this.worker.on('message', (msg: { type: string; message?: string }) => {
      const p = this.pending;
      this.pending = null;
      if (p === null) return;
      if (msg.type === 'error') p.reject(new Error(msg.message ?? 'worker failed'));
      else p.resolve(msg);
    });
    this.worker.on('error', (error) => {
      this.pending?.reject(error instanceof Error ? error : new Error(String(error)));
      this.pending = null;
    });
  }

  request<T>(msg: WorkerRequest, transfer: Transferable[] = []): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending = { resolve: resolve as (m: unknown) => void, reject };
      this.worker.postMessage(msg, transfer as never);
    });
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}

function concatPairs(
  parts: ReadonlyArray<{ left: Int32Array; right: Int32Array; probability: Float32Array }>,
): ScoredPairs {
  let count = 0;
  for (const p of parts) count += p.left.length;
  const left = new Int32Array(count);
  const right = new Int32Array(count);
  const probability = new Float32Array(count);
  let at = 0;
  for (const p of parts) {
    left.set(p.left, at);
    right.set(p.right, at);
    probability.set(p.probability, at);
    at += p.left.length;
  }
  return { left, right, probability, count };
}

const workerCount = (n: number, wanted: number | undefined): number =>
  Math.max(1, Math.min(8, wanted ?? availableParallelism(), Math.ceil(n / 1000)));

/** A stopwatch per phase that also reports progress. */
function phases(progress: ParallelScanOptions['onProgress']) {
  const millis: Record<ParallelPhase, number> = {
    prepare: 0,
    block: 0,
    train: 0,
    score: 0,
    cluster: 0,
    explain: 0,
  };
  let t = performance.now();
  const lap = (phase: ParallelPhase): void => {
    const now = performance.now();
    millis[phase] = Math.round(now - t);
    t = now;
    progress?.(phase, 1, 1);
  };
  return { millis, lap };
}

/** Scan raw customer records on worker threads: prepare → block → model → score → cluster → groups. */
export async function scanParallel(
  input: readonly MatchRecord[],
  options: ParallelScanOptions = {},
): Promise<ParallelScanResult> {
  const n = input.length;
  const count = workerCount(n, options.workers);
  const { millis, lap } = phases(options.onProgress);
  const workers = Array.from({ length: count }, () => new ScanWorker());
  try {
    const shares = await Promise.all(
      workers.map((worker, w) => {
        const rows = input.slice(Math.floor((w * n) / count), Math.floor(((w + 1) * n) / count));
        return worker.request<{ text: string }>({
          type: 'prepare',
          columns: packRecords(rows),
          start: 0,
          end: rows.length,
          defaultCountry: options.defaultCountry ?? null,
        });
      }),
    );
    await Promise.all(
      workers.map((worker, w) =>
        worker.request({
          type: 'assemble',
          shares: shares.map((s, k) => (k === w ? null : s.text)),
        }),
      ),
    );
    lap('prepare');
    return await scanLoaded(
      workers,
      input.map((r) => r.id),
      options,
      millis,
      lap,
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

export interface StoredRecords {
  ids: readonly string[];
  /** Each record in the caller's stored text form, same order as ids. */
  texts: readonly string[];
  /**
   * URL of a module exporting `decodeFeatureList(ids, texts): PreparedRecord[]`; every worker imports it
   * and decodes the whole file itself (the core does not know how its callers store prepared records).
   */
  decoder: string;
}

export interface StoredScanResult extends ParallelScanResult {
  /** How many records carry each normalised first and last name. */
  names: { firstName: Map<string, number>; lastName: Map<string, number> };
}

/**
 * Scan records prepared earlier and stored as text (the match index's features) on worker threads:
 * every worker decodes the file, then block → model → score as in scanParallel. The 'prepare' phase
 * times the decoding. Same records → same groups as scanPrepared.
 */
export async function scanStoredParallel(
  input: StoredRecords,
  options: ParallelScanOptions = {},
): Promise<StoredScanResult> {
  const n = input.ids.length;
  const count = workerCount(n, options.workers);
  const { millis, lap } = phases(options.onProgress);
  const workers = Array.from({ length: count }, () => new ScanWorker());
  try {
    type Names = { firstName: [string, number][]; lastName: [string, number][] };
    const decoded = await Promise.all(
      workers.map((worker, w) =>
        worker.request<{ count: number; names: Names | null }>({
          type: 'decode',
          decoder: input.decoder,
          ids: input.ids as string[],
          texts: input.texts as string[],
          names: w === 0,
        }),
      ),
    );
    lap('prepare');
    const names = decoded[0]?.names ?? { firstName: [], lastName: [] };
    const result = await scanLoaded(workers, input.ids, options, millis, lap);
    return {
      ...result,
      names: { firstName: new Map(names.firstName), lastName: new Map(names.lastName) },
    };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** Block → model → score → cluster → groups, on workers that each hold the whole prepared file. */
async function scanLoaded(
  workers: ScanWorker[],
  ids: readonly string[],
  options: ParallelScanOptions,
  millis: Record<ParallelPhase, number>,
  lap: (phase: ParallelPhase) => void,
): Promise<ParallelScanResult> {
  const n = ids.length;
  const count = workers.length;
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const train =
    options.model === undefined ? (options.train ?? n >= MIN_TRAINING_RECORDS) : options.train === true;
  // Without a model to learn, every worker hashes the blocking keys of its share of the records and
  // one builds the table; while worker 0 learns the model, the last one does both alone.
  const pieces =
    !train && count > 1
      ? (
          await Promise.all(
            workers.map((worker, w) =>
              worker.request<{ packed: Float64Array[] }>({
                type: 'pack',
                start: Math.floor((w * n) / count),
                end: Math.floor(((w + 1) * n) / count),
              }),
            ),
          )
        ).map((p) => p.packed)
      : null;
  const last = workers[count - 1] as ScanWorker;
  const first = workers[0] as ScanWorker;
  const modelPromise: Promise<MatchModel> = train
    ? first
        .request<{ model: MatchModel }>({
          type: 'train',
          ...(options.model === undefined ? {} : { base: options.model }),
          ...(options.seed === undefined ? {} : { seed: options.seed }),
        })
        .then((m) => m.model)
    : Promise.resolve(options.model ?? withPriorForFileSize(DEFAULT_MODEL, n));
  const tablePromise = last.request<{ table: BlockTable }>({
    type: 'blocks',
    ...(options.maxBlockSize === undefined ? {} : { maxBlockSize: options.maxBlockSize }),
    ...(pieces === null ? {} : { pieces }),
  });
  const [{ table }, model] = await Promise.all([tablePromise, modelPromise]);
  lap('block');

  const scored = await Promise.all(
    workers.map((worker, w) =>
      worker.request<{ left: Int32Array; right: Int32Array; probability: Float32Array }>({
        type: 'score',
        table,
        model,
        part: w,
        parts: count,
      }),
    ),
  );
  const pairs = concatPairs(scored);
  lap('score');

  const clustering = clusterPairs(n, pairs, { threshold });
  lap('cluster');

  let explained: PairResult[] | null = null;
  if (options.explain !== false) {
    const inGroups = pairsInGroups(clustering, pairs);
    const left = Int32Array.from(inGroups, (p) => pairs.left[p] as number);
    const right = Int32Array.from(inGroups, (p) => pairs.right[p] as number);
    explained = (await first.request<{ results: PairResult[] }>({ type: 'explain', left, right, model }))
      .results;
  }
  const groups = collectGroups(ids, clustering, explained);
  lap('explain');

  let matched = 0;
  for (let p = 0; p < pairs.count; p++) if ((pairs.probability[p] as number) >= threshold) matched++;
  let inGroups = 0;
  for (const g of groups) inGroups += g.members.length;
  return {
    groups,
    clustering,
    pairs,
    model,
    stats: {
      records: n,
      candidatePairs: pairs.count,
      oversizedBlocks: table.oversizedBlocks,
      matchedPairs: matched,
      groups: groups.length,
      recordsInGroups: inGroups,
      workers: count,
      millis,
    },
  };
}
