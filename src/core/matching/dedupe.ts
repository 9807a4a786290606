/**
 * A whole file of customer records at once: prepare every record, then scan (scan.ts). Used by the CLI
 * and the accuracy bench; the result lists every input record with its group.
 */
import { prepareRecords } from './prepare.ts';
import { scanPrepared } from './scan.ts';
import type { ScanOptions, ScanPhase, ScanResult } from './scan.ts';
import type { MatchRecord } from './types.ts';

export type DedupePhase = 'prepare' | ScanPhase;

export interface DedupeOptions extends Omit<ScanOptions, 'onProgress'> {
  defaultCountry?: string | null;
  onProgress?: (phase: DedupePhase, done: number, total: number) => void;
}

export interface DedupeResult extends Omit<ScanResult, 'stats'> {
  /** Per input record (same order): its group's id (the first record's id) and best probability. */
  clusters: Array<{ id: string; clusterId: string; probability: number }>;
  stats: ScanResult['stats'] & { millis: Record<DedupePhase, number> };
}

export function dedupe(records: readonly MatchRecord[], options: DedupeOptions = {}): DedupeResult {
  const started = performance.now();
  const prepared = prepareRecords(records, { defaultCountry: options.defaultCountry ?? null });
  const prepareMillis = Math.round(performance.now() - started);
  options.onProgress?.('prepare', records.length, records.length);
  const result = scanPrepared(prepared, {
    explain: false,
    ...options,
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  });
  const clusters = prepared.map((r, i) => ({
    id: r.id,
    clusterId: (prepared[result.clustering.clusterOf[i] as number] as MatchRecord | { id: string }).id,
    probability: result.clustering.bestProbability[i] as number,
  }));
  return {
    ...result,
    clusters,
    stats: { ...result.stats, millis: { prepare: prepareMillis, ...result.stats.millis } },
  };
}
