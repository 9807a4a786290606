/**
 * The whole-tenant scan behind the review queue: stored features (one COPY) → the matching core's
 * blocking, model, scoring and clustering → duplicate groups with the reasons of their pairs, which
 * replace the previous scan's open groups in one transaction. The tenant's model (learned when the file
 * is large enough) and its name frequencies are saved with them, so lookups score like the scan.
 *
 * Restartable: nothing is written before the last step, so a second attempt simply starts over.
 * Pairs staff marked "not a duplicate" (while both sides kept their identity data) are scored as
 * certain non-matches, which keeps them out of one group.
 */
import { randomUUID } from 'node:crypto';
import {
  buildTermFrequencies,
  clusterPairs,
  collectGroups,
  generateCandidatePairs,
  modelForScan,
  MIN_TRAINING_RECORDS,
  scorePairs,
} from '../../core/matching/index.ts';
import type { MatchModel, PairResult, PreparedRecord, ScoredPairs } from '../../core/matching/index.ts';
import type { Database, Db } from '../../db/connection.ts';
import { sql } from 'drizzle-orm';
import { readSettings } from '../tenants/settings.ts';
import { findAllValidDismissals, findModelContext } from './duplicates.repository.ts';
import { decodeFeatures } from './features.ts';
import { replaceOpenGroups } from './groups.repository.ts';
import type { NewGroup, StoredPair } from './groups.repository.ts';
import { reindexCustomers, saveTerms, uuidLiteral } from './matchIndex.ts';

export type ScanStep = 'read' | 'block' | 'train' | 'score' | 'cluster' | 'write';

export interface ScanSummary {
  records: number;
  candidatePairs: number;
  groups: number;
  recordsInGroups: number;
  trained: boolean;
  threshold: number;
  millis: Record<ScanStep, number>;
}

export interface ScanOptions {
  jobId?: string | null;
  now?: Date;
  /** Called between steps (the job reports it as progress, which also checks for cancellation). */
  onStep?: (step: ScanStep, done: number, total: number) => Promise<void> | void;
}

const STEPS: readonly ScanStep[] = ['read', 'block', 'train', 'score', 'cluster', 'write'];

/** Reads the tenant's stored features; rows of an older layout are re-indexed first. */
export async function readIndexedRecords(database: Database, tenantId: string): Promise<PreparedRecord[]> {
  const select = `SELECT customer_id, features FROM customer_match_features WHERE tenant_id = '${uuidLiteral(tenantId)}'`;
  const records: PreparedRecord[] = [];
  const stale: string[] = [];
  for (const [id, text] of await database.copyRows(select)) {
    const record = decodeFeatures(id as string, text ?? '');
    if (record === null) stale.push(id as string);
    else records.push(record);
  }
  if (stale.length > 0) {
    const [tenant] = await database.query<{ country: string }>('SELECT country FROM tenants WHERE id = $1', [
      tenantId,
    ]);
    await database.db.transaction((tx) => reindexCustomers(tx, tenantId, stale, tenant?.country ?? 'BE'));
    const again = await database.copyRows(`${select} AND customer_id = ANY('{${stale.join(',')}}'::uuid[])`);
    for (const [id, text] of again) {
      const record = decodeFeatures(id as string, text ?? '');
      if (record !== null) records.push(record);
    }
  }
  return records;
}

/** Adds the dismissed pairs as scored pairs of probability 0 (replacing their score when they were candidates). */
function vetoDismissed(
  records: readonly PreparedRecord[],
  pairs: ScoredPairs,
  dismissed: [string, string][],
): ScoredPairs {
  if (dismissed.length === 0) return pairs;
  const index = new Map<string, number>();
  records.forEach((r, i) => index.set(r.id, i));
  const wanted = new Map<number, boolean>();
  const key = (i: number, j: number) => (i < j ? i * 4_194_304 + j : j * 4_194_304 + i);
  for (const [a, b] of dismissed) {
    const i = index.get(a);
    const j = index.get(b);
    if (i !== undefined && j !== undefined) wanted.set(key(i, j), false);
  }
  if (wanted.size === 0) return pairs;
  for (let p = 0; p < pairs.count; p++) {
    const k = key(pairs.left[p] as number, pairs.right[p] as number);
    if (wanted.has(k)) {
      pairs.probability[p] = 0;
      wanted.set(k, true);
    }
  }
  const extra = [...wanted].filter(([, seen]) => !seen).map(([k]) => k);
  const count = pairs.count + extra.length;
  const left = new Int32Array(count);
  const right = new Int32Array(count);
  const probability = new Float32Array(count);
  left.set(pairs.left.subarray(0, pairs.count));
  right.set(pairs.right.subarray(0, pairs.count));
  probability.set(pairs.probability.subarray(0, pairs.count));
  extra.forEach((k, x) => {
    left[pairs.count + x] = Math.floor(k / 4_194_304);
    right[pairs.count + x] = k % 4_194_304;
  });
  return { left, right, probability, count };
}

function storedPair(pair: PairResult): StoredPair {
  return {
    a: pair.a,
    b: pair.b,
    probability: pair.probability,
    fields: pair.fields
      .filter((f) => f.level !== 'missing')
      .map((f) => ({
        field: f.field,
        level: f.level,
        weight: Math.round(f.weight * 100) / 100,
        messageKey: f.messageKey,
        params: f.params,
      })),
  };
}

/** Scans a tenant's whole file and stores its duplicate groups; see the file comment. */
export async function scanTenant(
  database: Database,
  tenantId: string,
  opts: ScanOptions = {},
): Promise<ScanSummary> {
  const millis = Object.fromEntries(STEPS.map((s) => [s, 0])) as Record<ScanStep, number>;
  let t = performance.now();
  const step = async (s: ScanStep) => {
    const now = performance.now();
    millis[s] = Math.round(now - t);
    await opts.onStep?.(s, STEPS.indexOf(s) + 1, STEPS.length);
    t = performance.now();
  };

  const context = await findModelContext(database.db, tenantId);
  if (!context) throw new Error(`Tenant ${tenantId} does not exist`);
  const threshold = readSettings(context.settings).duplicates.possibleThreshold;
  const records = await readIndexedRecords(database, tenantId);
  const dismissed = await findAllValidDismissals(database.db, tenantId);
  await step('read');

  const candidates = generateCandidatePairs(records);
  await step('block');
  const tf = buildTermFrequencies(records);
  const model = modelForScan(records, {});
  const trained = records.length >= MIN_TRAINING_RECORDS;
  await step('train');
  const scored = vetoDismissed(
    records,
    { ...candidates, probability: scorePairs(records, candidates, model, tf) },
    dismissed,
  );
  await step('score');
  const clustering = clusterPairs(records.length, scored, { threshold });
  const found = collectGroups(records, clustering, scored, { model, tf });
  await step('cluster');

  const groups: NewGroup[] = found.map((g) => ({
    id: randomUUID(),
    probability: g.probability,
    memberIds: g.members,
    pairs: g.pairs.map(storedPair),
  }));
  const now = opts.now ?? new Date();
  await database.db.transaction(async (tx) => {
    await replaceOpenGroups(tx, tenantId, opts.jobId ?? null, groups, now);
    await saveModel(tx, tenantId, model, records.length, trained, now);
    await saveTerms(tx, tenantId, tf.total, { firstName: tf.firstName, lastName: tf.lastName });
  });
  await step('write');

  let inGroups = 0;
  for (const g of groups) inGroups += g.memberIds.length;
  return {
    records: records.length,
    candidatePairs: candidates.count,
    groups: groups.length,
    recordsInGroups: inGroups,
    trained,
    threshold,
    millis,
  };
}

async function saveModel(
  db: Db,
  tenantId: string,
  model: MatchModel,
  records: number,
  trained: boolean,
  now: Date,
): Promise<void> {
  await db.execute(
    sql`INSERT INTO match_models (tenant_id, params, trained_at, records, trained)
      VALUES (${tenantId}, ${JSON.stringify(model)}::jsonb, ${now.toISOString()}::timestamptz, ${records}, ${trained})
      ON CONFLICT (tenant_id) DO UPDATE SET params = excluded.params, trained_at = excluded.trained_at,
        records = excluded.records, trained = excluded.trained`,
  );
}
