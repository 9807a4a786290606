/**
 * The whole-tenant scan behind the review queue: stored features (one bulk read) → the matching core's
 * scan (blocking, model, scoring, clustering) → duplicate groups, which replace the previous scan's open
 * groups in one transaction, together with the tenant's model and name frequencies so that lookups
 * score like the scan.
 *
 * - Restartable: nothing is written before the last step, so a second attempt simply starts over.
 * - The model is learned when the file is large enough and no recent model of a file of about the
 *   same size is stored (learning costs about as much as the rest of the scan); otherwise the stored
 *   one is used.
 * - Pairs staff marked "not a duplicate" (while both sides kept their identity data) are scored as
 *   certain non-matches, so the clustering keeps them apart.
 * - Groups store their members and probability; the pairs inside groups of three or more are stored as
 *   (member, member, probability). Reasons are written out when a group is read, in the reader's
 *   language, from the stored features (see groups.service.ts).
 */
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { sql } from 'drizzle-orm';
import {
  clusterPairs,
  collectGroups,
  MIN_TRAINING_RECORDS,
  scanPrepared,
} from '../../core/matching/index.ts';
import type { Clustering, MatchModel, ScanResult, ScoredPairs } from '../../core/matching/index.ts';
import { scanStoredParallel } from '../../core/matching/parallel.ts';
import type { Database, Db } from '../../db/connection.ts';
import { readSettings } from '../tenants/settings.ts';
import { findAllValidDismissals, findModelContext } from './duplicates.repository.ts';
import type { ModelRow } from './duplicates.repository.ts';
import { decodeFeatures, isCurrentLayout } from './features.ts';
import { replaceOpenGroups } from './groups.repository.ts';
import type { NewGroup } from './groups.repository.ts';
import { reindexCustomers, saveTerms } from './matchIndex.ts';
import { readFeatureRows } from './scan.repository.ts';
import type { FeatureRows } from './scan.repository.ts';

export type ScanStep = 'read' | 'scan' | 'write';

export interface ScanSummary {
  records: number;
  candidatePairs: number;
  groups: number;
  recordsInGroups: number;
  /** Whether this scan learned the model (false: the stored or the default model was used). */
  trained: boolean;
  threshold: number;
  millis: Record<ScanStep, number> & Record<string, number>;
}

export interface ScanOptions {
  jobId?: string | null;
  now?: Date;
  /** 'auto' (default): learn when no fitting model is stored; 'always'; 'never' (stored or default model). */
  train?: 'auto' | 'always' | 'never';
  /**
   * From this many customers the scan runs on worker threads (one per core, at most 8), each decoding
   * the stored features itself; below it, in this thread. Default 20,000.
   */
  parallelFrom?: number;
  /** Called after each step (the job reports it as progress, which also checks for cancellation). */
  onStep?: (step: ScanStep, done: number, total: number) => Promise<void> | void;
}

const STEPS: readonly ScanStep[] = ['read', 'scan', 'write'];
/** A stored model is reused while the file stays within this factor of the size it was learned on… */
const MODEL_SIZE_FACTOR = 1.25;
/** …and is younger than this. */
const MODEL_MAX_AGE_MS = 30 * 86_400_000;

/** Customers from which the scan goes to worker threads (see ScanOptions.parallelFrom). */
const PARALLEL_FROM = 20_000;
/** The module the scan's worker threads decode stored features with. */
const FEATURE_DECODER = new URL('./features.ts', import.meta.url).href;

/** The tenant's stored feature rows, undecoded; rows of an older layout are re-indexed first. */
async function readCurrentFeatureRows(database: Database, tenantId: string): Promise<FeatureRows> {
  const rows = await readFeatureRows(database, tenantId);
  const stale = rows.ids.filter((_, i) => !isCurrentLayout(rows.texts[i]!));
  if (stale.length === 0) return rows;
  const [tenant] = await database.query<{ country: string }>('SELECT country FROM tenants WHERE id = $1', [
    tenantId,
  ]);
  await database.db.transaction((tx) => reindexCustomers(tx, tenantId, stale, tenant?.country ?? 'BE'));
  const fresh = await readFeatureRows(database, tenantId);
  const kept: FeatureRows = { ids: [], texts: [] };
  fresh.ids.forEach((id, i) => {
    if (!isCurrentLayout(fresh.texts[i]!)) return;
    kept.ids.push(id);
    kept.texts.push(fresh.texts[i]!);
  });
  return kept;
}

/** The stored model when it still fits this file, else null (learn one). */
function reusableModel(row: ModelRow, records: number, now: Date): MatchModel | null {
  if (!row.trained || row.trainedRecords === null || row.trainedAt === null) return null;
  if (typeof row.params !== 'object' || row.params === null) return null;
  const grown = records / Math.max(row.trainedRecords, 1);
  if (grown > MODEL_SIZE_FACTOR || grown < 1 / MODEL_SIZE_FACTOR) return null;
  if (now.getTime() - new Date(row.trainedAt).getTime() > MODEL_MAX_AGE_MS) return null;
  return row.params as MatchModel;
}

/**
 * Dismissed pairs get probability 0 (added as scored pairs when the blocking did not pair them), and the
 * file is clustered again if one of them had ended inside a group.
 */
function keepDismissedApart(
  ids: readonly string[],
  pairs: ScoredPairs,
  clustering: Clustering,
  dismissed: readonly [string, string][],
  threshold: number,
): { pairs: ScoredPairs; clustering: Clustering } {
  if (dismissed.length === 0) return { pairs, clustering };
  const index = new Map<string, number>();
  ids.forEach((id, i) => index.set(id, i));
  const SHIFT = 4_194_304;
  const key = (i: number, j: number) => (i < j ? i * SHIFT + j : j * SHIFT + i);
  const wanted = new Map<number, boolean>();
  let together = false;
  for (const [a, b] of dismissed) {
    const i = index.get(a);
    const j = index.get(b);
    if (i === undefined || j === undefined) continue;
    wanted.set(key(i, j), false);
    if (clustering.clusterOf[i] === clustering.clusterOf[j]) together = true;
  }
  if (!together) return { pairs, clustering };
  for (let p = 0; p < pairs.count; p++) {
    const k = key(pairs.left[p]!, pairs.right[p]!);
    if (wanted.has(k)) {
      pairs.probability[p] = 0;
      wanted.set(k, true);
    }
  }
  const extra = [...wanted].filter(([, seen]) => !seen).map(([k]) => k);
  const count = pairs.count + extra.length;
  const merged: ScoredPairs = {
    left: new Int32Array(count),
    right: new Int32Array(count),
    probability: new Float32Array(count),
    count,
  };
  merged.left.set(pairs.left.subarray(0, pairs.count));
  merged.right.set(pairs.right.subarray(0, pairs.count));
  merged.probability.set(pairs.probability.subarray(0, pairs.count));
  extra.forEach((k, x) => {
    merged.left[pairs.count + x] = Math.floor(k / SHIFT);
    merged.right[pairs.count + x] = k % SHIFT;
  });
  return { pairs: merged, clustering: clusterPairs(ids.length, merged, { threshold }) };
}

/** Groups to store: members and probability; the scored pairs inside groups of three or more. */
function groupsToStore(ids: readonly string[], pairs: ScoredPairs, clustering: Clustering): NewGroup[] {
  const large = new Map<string, { group: NewGroup; position: Map<string, number> }>();
  const out = collectGroups(ids, clustering, null).map((g) => {
    const group: NewGroup = { id: randomUUID(), probability: g.probability, memberIds: g.members, pairs: [] };
    // The core names a group after its first record, which is also what clusterOf points at.
    if (g.members.length > 2) large.set(g.id, { group, position: new Map(g.members.map((m, i) => [m, i])) });
    return group;
  });
  if (large.size === 0) return out;
  for (let p = 0; p < pairs.count; p++) {
    const i = pairs.left[p]!;
    const j = pairs.right[p]!;
    if (clustering.clusterOf[i] !== clustering.clusterOf[j]) continue;
    const entry = large.get(ids[clustering.clusterOf[i]!]!);
    if (!entry) continue;
    entry.group.pairs.push({
      a: entry.position.get(ids[i]!)!,
      b: entry.position.get(ids[j]!)!,
      p: Math.round(pairs.probability[p]! * 10_000) / 10_000,
    });
  }
  for (const { group } of large.values()) group.pairs.sort((x, y) => y.p - x.p);
  return out;
}

/** Scans a tenant's whole file and stores its duplicate groups; see the file comment. */
export async function scanTenant(
  database: Database,
  tenantId: string,
  opts: ScanOptions = {},
): Promise<ScanSummary> {
  const millis: Record<string, number> = {};
  let t = performance.now();
  const step = async (s: ScanStep) => {
    millis[s] = Math.round(performance.now() - t);
    await opts.onStep?.(s, STEPS.indexOf(s) + 1, STEPS.length);
    t = performance.now();
  };
  const now = opts.now ?? new Date();

  const context = await findModelContext(database.db, tenantId);
  if (!context) throw new Error(`Tenant ${tenantId} does not exist`);
  const threshold = readSettings(context.settings).duplicates.possibleThreshold;
  const workers = Math.min(8, availableParallelism());
  // Read undecoded: a large file is decoded by the worker threads, each into its own copy.
  const rows = await readCurrentFeatureRows(database, tenantId);
  const size = rows.ids.length;
  const inThread = workers < 2 || size < (opts.parallelFrom ?? PARALLEL_FROM);
  const dismissed = await findAllValidDismissals(database.db, tenantId);
  await step('read');

  const stored = opts.train === 'always' ? null : reusableModel(context, size, now);
  const train = opts.train === 'never' ? false : stored === null && size >= MIN_TRAINING_RECORDS;
  const modelChoice = stored && !train ? { model: stored } : { train };
  const names = { firstName: new Map<string, number>(), lastName: new Map<string, number>() };
  const ids = rows.ids;
  let result: Pick<ScanResult, 'pairs' | 'clustering' | 'model' | 'stats'>;
  if (inThread) {
    const records = rows.ids.map((id, i) => decodeFeatures(id, rows.texts[i]!)!);
    result = scanPrepared(records, { threshold, explain: false, ...modelChoice });
    for (const r of records) {
      if (r.firstName !== null) names.firstName.set(r.firstName, (names.firstName.get(r.firstName) ?? 0) + 1);
      if (r.lastName !== null) names.lastName.set(r.lastName, (names.lastName.get(r.lastName) ?? 0) + 1);
    }
  } else {
    const parallel = await scanStoredParallel(
      { ids, texts: rows.texts, decoder: FEATURE_DECODER },
      { threshold, explain: false, workers, ...modelChoice },
    );
    result = parallel;
    names.firstName = parallel.names.firstName;
    names.lastName = parallel.names.lastName;
  }
  for (const [phase, ms] of Object.entries(result.stats.millis)) millis[`scan.${phase}`] = ms;
  const kept = keepDismissedApart(ids, result.pairs, result.clustering, dismissed, threshold);
  const groups = groupsToStore(ids, kept.pairs, kept.clustering);
  await step('scan');

  await database.db.transaction(async (tx) => {
    await replaceOpenGroups(tx, tenantId, opts.jobId ?? null, groups, now);
    await saveModel(tx, tenantId, result.model, size, train ? now : null, stored !== null);
    await saveTerms(tx, tenantId, size, names);
  });
  await step('write');

  let inGroups = 0;
  for (const g of groups) inGroups += g.memberIds.length;
  return {
    records: size,
    candidatePairs: result.stats.candidatePairs,
    groups: groups.length,
    recordsInGroups: inGroups,
    trained: train,
    threshold,
    millis: millis as ScanSummary['millis'],
  };
}

/**
 * Saves the model the scan used and the file size lookups score with. A newly learned model records
 * when and on how many customers it was learned; a reused one keeps that.
 */
async function saveModel(
  db: Db,
  tenantId: string,
  model: MatchModel,
  records: number,
  learnedAt: Date | null,
  reused: boolean,
): Promise<void> {
  const trained = learnedAt !== null || reused;
  await db.execute(
    sql`INSERT INTO match_models (tenant_id, params, trained_at, records, trained, trained_records)
      VALUES (${tenantId}, ${JSON.stringify(model)}::jsonb, ${(learnedAt ?? new Date()).toISOString()}::timestamptz,
        ${records}, ${trained}, ${learnedAt === null ? null : records}::int)
      ON CONFLICT (tenant_id) DO UPDATE SET params = excluded.params, records = excluded.records,
        trained = excluded.trained,
        trained_at = CASE WHEN ${reused} THEN match_models.trained_at ELSE excluded.trained_at END,
        trained_records = CASE WHEN ${reused} THEN match_models.trained_records ELSE excluded.trained_records END`,
  );
}
