/**
 * The dry run's read of the match index: which customers share each of the file's blocking keys,
 * and their stored features. A small file against a large tenant probes the key index for its
 * keys (imports.repository `customersByKey`) and reads the features of the candidates it found.
 * A file whose keys are a good part of the tenant's — a large import — reads the tenant's whole
 * index in one text COPY instead and picks its keys out in memory: at 100,000 rows against 100,000
 * customers that is 2.6 s for every key where 650,000 probes took 5.3 s, plus the time to take
 * apart 650,000 arrays, and nearly every customer is a candidate anyway.
 *
 * Both ways give the same answer: per key, the customers holding it in the order the table stores
 * them, for keys held by at most `maxPerKey` customers.
 */
import type { Database } from '../../db/connection.ts';
import type { PreparedRecord } from '../../core/matching/index.ts';
import { decodeFeatures } from '../duplicates/features.ts';
import { loadFeatures, uuidLiteral } from '../duplicates/matchIndex.ts';
import { parseFeatureCopy, readFeatureRows } from '../duplicates/scan.repository.ts';
import * as repo from './imports.repository.ts';

/** Stored keys per indexed customer, a little over what the blocking rules give on average. */
const KEYS_PER_CUSTOMER = 10;
/** Read the whole index when the file asks for at least this share of the tenant's keys or customers. */
const WHOLE_SHARE = 0.5;
const FEATURE_CHUNK = 5_000;

/** Rows of `SELECT customer_id, <text>` from one text COPY on PGlite, an array-mode query elsewhere. */
async function readPairs(database: Database, select: string): Promise<{ ids: string[]; texts: string[] }> {
  if (database.pglite) {
    const result = await database.pglite.query(`COPY (${select}) TO '/dev/blob'`);
    return result.blob ? parseFeatureCopy(await result.blob.text()) : { ids: [], texts: [] };
  }
  const out = { ids: [] as string[], texts: [] as string[] };
  for (const [id, text] of await database.copyRows(select)) {
    out.ids.push(id as string);
    out.texts.push(text ?? '');
  }
  return out;
}

/**
 * Customers of the match index sharing each key, for keys held by at most `maxPerKey` customers.
 * `tenantRecords` (the tenant's indexed customers, as its model counts them) chooses the way.
 */
export async function customersByKey(
  database: Database,
  tenantId: string,
  keys: readonly string[],
  maxPerKey: number,
  tenantRecords: number,
): Promise<Map<string, string[]>> {
  if (keys.length < tenantRecords * KEYS_PER_CUSTOMER * WHOLE_SHARE) {
    return repo.customersByKey(database.db, tenantId, keys, maxPerKey);
  }
  const wanted = new Set(keys);
  const all = await readPairs(
    database,
    `SELECT customer_id, key FROM customer_match_keys WHERE tenant_id = '${uuidLiteral(tenantId)}'`,
  );
  const out = new Map<string, string[]>();
  for (let i = 0; i < all.ids.length; i++) {
    const key = all.texts[i]!;
    if (!wanted.has(key)) continue;
    const list = out.get(key);
    if (list) list.push(all.ids[i]!);
    else out.set(key, [all.ids[i]!]);
  }
  for (const [key, ids] of out) if (ids.length > maxPerKey) out.delete(key);
  return out;
}

/** Stored features of these customers (rows of another layout are left out). */
export async function candidateFeatures(
  database: Database,
  tenantId: string,
  ids: ReadonlySet<string>,
  tenantRecords: number,
): Promise<Map<string, PreparedRecord>> {
  const out = new Map<string, PreparedRecord>();
  if (ids.size < tenantRecords * WHOLE_SHARE) {
    const list = [...ids];
    for (let s = 0; s < list.length; s += FEATURE_CHUNK) {
      for (const [id, f] of await loadFeatures(database.db, tenantId, list.slice(s, s + FEATURE_CHUNK)))
        out.set(id, f);
    }
    return out;
  }
  const all = await readFeatureRows(database, tenantId);
  for (let i = 0; i < all.ids.length; i++) {
    const id = all.ids[i]!;
    if (!ids.has(id)) continue;
    const record = decodeFeatures(id, all.texts[i]!);
    if (record !== null) out.set(id, record);
  }
  return out;
}
