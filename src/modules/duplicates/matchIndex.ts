/**
 * The match index: for every live customer its prepared match features and blocking keys, kept
 * up to date by every write (create, edit, import, merge, undo, archive, contact points), so the
 * candidates of one customer are a few index reads instead of a scan. Archived, merged-away, deleted
 * and erased customers are not in the index: they cannot be proposed as duplicates.
 *
 * Every blocking key of the matching core is stored, also the ones only one customer has: a new
 * customer sharing it must find that one. Keys that very many customers share (a common surname with
 * an initial) are cheap to store and are skipped when read (see duplicates.repository.ts).
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.ts';
import { rows } from '../../db/connection.ts';
import { identityHash } from '../../core/customer/identity.ts';
import type { CustomerValues } from '../../core/customer/customer.ts';
import { blockingKeys, createPrepareCache, prepareRecord } from '../../core/matching/index.ts';
import type { MatchRecord, PrepareCache, PreparedRecord } from '../../core/matching/index.ts';
import { decodeFeatures, encodeFeatures } from './features.ts';
import { closeGroupsLeftBy } from './groups.repository.ts';

/** What the index reads of a customer row (a CustomerRow has all of it). */
export interface IndexedCustomer {
  id: string;
  firstName: string | null;
  lastName: string | null;
  gender: CustomerValues['gender'];
  email: string | null;
  mobile: string | null;
  mobileE164: string | null;
  landline: string | null;
  landlineE164: string | null;
  phone2: string | null;
  phone2E164: string | null;
  birthDate: string | null;
  street: string | null;
  houseNumber: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
}

export interface ContactPoint {
  kind: string;
  value: string;
  normalized?: string | null;
}

export function matchRecordOf(
  row: IndexedCustomer,
  contactPoints: readonly ContactPoint[] = [],
): MatchRecord {
  return {
    id: row.id,
    firstName: row.firstName,
    lastName: row.lastName,
    gender: row.gender,
    email: row.email,
    mobile: row.mobileE164 ?? row.mobile,
    landline: row.landlineE164 ?? row.landline,
    phone2: row.phone2E164 ?? row.phone2,
    birthDate: row.birthDate,
    street: row.street,
    houseNumber: row.houseNumber,
    postalCode: row.postalCode,
    city: row.city,
    country: row.country,
    extraEmails: contactPoints.filter((c) => c.kind === 'email').map((c) => c.value),
    extraPhones: contactPoints.filter((c) => c.kind === 'phone').map((c) => c.normalized ?? c.value),
  };
}

export function isLive(row: {
  mergedInto: string | null;
  deletedAt: Date | null;
  archivedAt: Date | null;
  erasedAt: Date | null;
}): boolean {
  return (
    row.mergedInto === null && row.deletedAt === null && row.archivedAt === null && row.erasedAt === null
  );
}

/** Prepares one customer for matching (the same as the index stores for it). */
export function prepareCustomer(
  row: IndexedCustomer,
  contactPoints: readonly ContactPoint[],
  defaultCountry: string,
  cache?: PrepareCache,
): PreparedRecord {
  return prepareRecord(matchRecordOf(row, contactPoints), { defaultCountry, ...(cache ? { cache } : {}) });
}

/** Every distinct blocking key of a prepared customer. */
export function indexKeys(prepared: PreparedRecord): string[] {
  return [...new Set(blockingKeys(prepared))];
}

interface IndexRow extends IndexedCustomer {
  live: boolean;
  merged: boolean;
  identityHash: string;
  gender: CustomerValues['gender'];
}

/** What the index reads of a customer, in the forms it prepares them from (birth date as text). */
export const INDEX_COLUMNS = sql`c.id, c.first_name AS "firstName", c.last_name AS "lastName", c.gender, c.email,
  c.mobile, c.mobile_e164 AS "mobileE164", c.landline, c.landline_e164 AS "landlineE164", c.phone2,
  c.phone2_e164 AS "phone2E164", c.birth_date::text AS "birthDate", c.street, c.house_number AS "houseNumber",
  c.postal_code AS "postalCode", c.city, c.country, c.identity_hash AS "identityHash",
  (c.merged_into IS NULL AND c.deleted_at IS NULL AND c.archived_at IS NULL AND c.erased_at IS NULL) AS live,
  c.merged_into IS NOT NULL AS merged`;

/** Customers per statement of a bulk reindex: big enough for few round trips, small enough for memory. */
const CHUNK = 5000;
/** Up to this many customers, keys are updated by difference rather than deleted and inserted again. */
const FEW = 20;

/**
 * Recomputes features, keys and identity hash of these customers, inside the caller's
 * transaction. Customers that are no longer live leave the index. Cheap for one customer (six
 * statements) and for an import of 100,000 (array statements per 5,000 customers).
 */
export async function reindexCustomers(
  db: Db,
  tenantId: string,
  ids: readonly string[],
  defaultCountry: string,
): Promise<void> {
  const unique = [...new Set(ids)];
  const cache = createPrepareCache();
  for (let start = 0; start < unique.length; start += CHUNK) {
    await reindexChunk(db, tenantId, unique.slice(start, start + CHUNK), defaultCountry, cache);
  }
}

async function reindexChunk(
  db: Db,
  tenantId: string,
  ids: string[],
  defaultCountry: string,
  cache: PrepareCache,
): Promise<PreparedRecord[]> {
  const idParam = sql.param(ids);
  const customers = await rows<IndexRow>(
    db,
    sql`SELECT ${INDEX_COLUMNS} FROM customers c WHERE c.tenant_id = ${tenantId} AND c.id = ANY(${idParam}::uuid[])`,
  );
  const points = await rows<ContactPoint & { customerId: string }>(
    db,
    sql`SELECT customer_id AS "customerId", kind, value, normalized FROM customer_contact_points
      WHERE tenant_id = ${tenantId} AND customer_id = ANY(${idParam}::uuid[])`,
  );
  const pointsOf = new Map<string, ContactPoint[]>();
  for (const p of points) {
    const list = pointsOf.get(p.customerId);
    if (list) list.push(p);
    else pointsOf.set(p.customerId, [p]);
  }

  // Ids without a row any more (deleted outright) leave the index like customers that are not live.
  const found = new Set(customers.map((c) => c.id));
  const keyCustomers: string[] = [];
  const keyValues: string[] = [];
  const featureIds: string[] = [];
  const featureTexts: string[] = [];
  const goneIds: string[] = [];
  const leftIds: string[] = [];
  for (const id of ids) if (!found.has(id)) goneIds.push(id);
  const hashIds: string[] = [];
  const hashes: string[] = [];
  const prepared: PreparedRecord[] = [];
  for (const row of customers) {
    const cps = pointsOf.get(row.id) ?? [];
    const hash = identityHash(
      row,
      cps.map((p) => p.normalized ?? p.value),
    );
    if (hash !== row.identityHash) {
      hashIds.push(row.id);
      hashes.push(hash);
    }
    if (!row.live) {
      goneIds.push(row.id);
      if (!row.merged) leftIds.push(row.id);
      continue;
    }
    const record = prepareCustomer(row, cps, defaultCountry, cache);
    prepared.push(record);
    for (const key of indexKeys(record)) {
      keyCustomers.push(row.id);
      keyValues.push(key);
    }
    featureIds.push(row.id);
    featureTexts.push(encodeFeatures(record));
  }

  if (ids.length <= FEW) {
    // A few customers (an edit, a merge, an undo): most of their keys are unchanged, so only the
    // keys that went are deleted and only new ones inserted, in one statement.
    await db.execute(
      sql`WITH k(key, customer_id) AS (SELECT * FROM unnest(${sql.param(keyValues)}::text[], ${sql.param(keyCustomers)}::uuid[])),
        gone AS (DELETE FROM customer_match_keys m WHERE m.tenant_id = ${tenantId} AND m.customer_id = ANY(${idParam}::uuid[])
          AND NOT EXISTS (SELECT 1 FROM k WHERE k.key = m.key AND k.customer_id = m.customer_id))
        INSERT INTO customer_match_keys (tenant_id, key, customer_id)
        SELECT ${tenantId}, k.key, k.customer_id FROM k ON CONFLICT DO NOTHING`,
    );
  } else {
    await db.execute(
      sql`DELETE FROM customer_match_keys WHERE tenant_id = ${tenantId} AND customer_id = ANY(${idParam}::uuid[])`,
    );
  }
  if (keyValues.length > 0 && ids.length > FEW) {
    await db.execute(
      sql`INSERT INTO customer_match_keys (tenant_id, key, customer_id)
        SELECT ${tenantId}, k, c FROM unnest(${sql.param(keyValues)}::text[], ${sql.param(keyCustomers)}::uuid[]) AS t(k, c)
        ON CONFLICT DO NOTHING`,
    );
  }
  if (featureIds.length > 0) {
    await db.execute(
      sql`INSERT INTO customer_match_features (tenant_id, customer_id, features, updated_at)
        SELECT ${tenantId}, c, f, now() FROM unnest(${sql.param(featureIds)}::uuid[], ${sql.param(featureTexts)}::text[]) AS t(c, f)
        ON CONFLICT (tenant_id, customer_id) DO UPDATE SET features = excluded.features, updated_at = excluded.updated_at`,
    );
  }
  if (goneIds.length > 0) {
    await db.execute(
      sql`DELETE FROM customer_match_features WHERE tenant_id = ${tenantId} AND customer_id = ANY(${sql.param(goneIds)}::uuid[])`,
    );
  }
  // Merges close and reopen their groups themselves (src/modules/merges); archive and delete do not.
  await closeGroupsLeftBy(db, tenantId, leftIds);
  if (hashIds.length > 0) {
    await db.execute(
      sql`UPDATE customers c SET identity_hash = t.h
        FROM unnest(${sql.param(hashIds)}::uuid[], ${sql.param(hashes)}::text[]) AS t(id, h)
        WHERE c.tenant_id = ${tenantId} AND c.id = t.id`,
    );
  }
  return prepared;
}

/** Only quoted into COPY statements (which take no parameters) after this check. */
export function uuidLiteral(id: string): string {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new Error(`Not a uuid: ${id}`);
  return id;
}

/**
 * Name frequencies a lookup weighs names by. Only names common enough to move the weight are stored:
 * the core caps the bonus of a rare name at TF_MAX_BITS (3) over the field's chance agreement u, which
 * every name held by fewer than u·n/8 customers reaches; with u ≤ 1 % that is n/800.
 */
export async function saveTerms(
  db: Db,
  tenantId: string,
  total: number,
  counts: { firstName: ReadonlyMap<string, number>; lastName: ReadonlyMap<string, number> },
): Promise<void> {
  const minCount = Math.max(2, Math.floor(total / 800));
  const fields: string[] = [];
  const values: string[] = [];
  const numbers: number[] = [];
  for (const field of ['firstName', 'lastName'] as const) {
    for (const [value, count] of counts[field]) {
      if (count < minCount) continue;
      fields.push(field);
      values.push(value);
      numbers.push(count);
    }
  }
  await db.execute(sql`DELETE FROM match_terms WHERE tenant_id = ${tenantId}`);
  if (fields.length > 0) {
    await db.execute(
      sql`INSERT INTO match_terms (tenant_id, field, value, count)
        SELECT ${tenantId}, f, v, n FROM unnest(${sql.param(fields)}::text[], ${sql.param(values)}::text[], ${sql.param(numbers)}::int[]) AS t(f, v, n)`,
    );
  }
}

/** Features of customers, as stored in the index (rows of another layout are left out). */
export async function loadFeatures(
  db: Db,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, PreparedRecord>> {
  if (ids.length === 0) return new Map();
  const found = await rows<{ customerId: string; features: string }>(
    db,
    sql`SELECT customer_id AS "customerId", features FROM customer_match_features
      WHERE tenant_id = ${tenantId} AND customer_id = ANY(${sql.param([...ids])}::uuid[])`,
  );
  const out = new Map<string, PreparedRecord>();
  for (const r of found) {
    const record = decodeFeatures(r.customerId, r.features);
    if (record !== null) out.set(r.customerId, record);
  }
  return out;
}

// The whole-tenant rebuild lives in its own file; imported from here by the bulk loaders.
export { reindexTenant } from './reindexTenant.ts';
export type { ReindexTenantResult } from './reindexTenant.ts';
