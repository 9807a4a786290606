/** SQL of duplicate lookups, dismissals, the tenant's model and the review queue. Every function filters by tenant. */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.ts';
import { rows } from '../../db/connection.ts';
import type { PreparedRecord } from '../../core/matching/index.ts';
import { decodeFeatures } from './features.ts';
import type { ContactPoint, IndexedCustomer } from './matchIndex.ts';

export interface ModelRow {
  country: string;
  settings: unknown;
  params: unknown;
  records: number | null;
  trained: boolean | null;
  trainedAt: Date | null;
  /** How many customers the stored model was learned on. */
  trainedRecords: number | null;
}

/** The tenant's country and settings with its stored model (null columns when it has none). */
export async function findModelContext(db: Db, tenantId: string): Promise<ModelRow | undefined> {
  const [row] = await rows<ModelRow>(
    db,
    sql`SELECT t.country, t.settings, m.params, m.records, m.trained, m.trained_at AS "trainedAt",
        m.trained_records AS "trainedRecords"
      FROM tenants t LEFT JOIN match_models m ON m.tenant_id = t.id WHERE t.id = ${tenantId}`,
  );
  return row;
}

/** Indexed customers of the tenant, counted up to `cap` (a tenant without a stored size). */
export async function countIndexed(db: Db, tenantId: string, cap: number): Promise<number> {
  const [row] = await rows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM customer_match_features WHERE tenant_id = ${tenantId} LIMIT ${cap}) s`,
  );
  return row?.n ?? 0;
}

export interface TermCounts {
  firstName: Map<string, number>;
  lastName: Map<string, number>;
}

/** Stored frequencies of these names (names that are not stored are rare). */
export async function findTermCounts(
  db: Db,
  tenantId: string,
  firstNames: readonly string[],
  lastNames: readonly string[],
): Promise<TermCounts> {
  const out: TermCounts = { firstName: new Map(), lastName: new Map() };
  if (firstNames.length === 0 && lastNames.length === 0) return out;
  const found = await rows<{ field: 'firstName' | 'lastName'; value: string; count: number }>(
    db,
    sql`SELECT field, value, count FROM match_terms WHERE tenant_id = ${tenantId}
      AND ((field = 'firstName' AND value = ANY(${sql.param([...firstNames])}::text[]))
        OR (field = 'lastName' AND value = ANY(${sql.param([...lastNames])}::text[])))`,
  );
  for (const r of found) out[r.field].set(r.value, r.count);
  return out;
}

export interface SubjectRow extends IndexedCustomer {
  live: boolean;
  features: string | null;
}

/** A customer with what a lookup needs of it; undefined when it does not exist in this tenant. */
export async function findSubject(db: Db, tenantId: string, id: string): Promise<SubjectRow | undefined> {
  const [row] = await rows<SubjectRow>(
    db,
    sql`SELECT c.id, c.first_name AS "firstName", c.last_name AS "lastName", c.gender, c.email,
        c.mobile, c.mobile_e164 AS "mobileE164", c.landline, c.landline_e164 AS "landlineE164", c.phone2,
        c.phone2_e164 AS "phone2E164", c.birth_date::text AS "birthDate", c.street, c.house_number AS "houseNumber",
        c.postal_code AS "postalCode", c.city, c.country,
        (c.merged_into IS NULL AND c.deleted_at IS NULL AND c.archived_at IS NULL AND c.erased_at IS NULL) AS live,
        f.features
      FROM customers c
      LEFT JOIN customer_match_features f ON f.tenant_id = c.tenant_id AND f.customer_id = c.id
      WHERE c.tenant_id = ${tenantId} AND c.id = ${id}`,
  );
  return row;
}

export async function findContactPoints(
  db: Db,
  tenantId: string,
  customerId: string,
): Promise<ContactPoint[]> {
  return rows<ContactPoint>(
    db,
    sql`SELECT kind, value, normalized FROM customer_contact_points
      WHERE tenant_id = ${tenantId} AND customer_id = ${customerId}`,
  );
}

/**
 * The customers holding each key, at most `limit + 1` per key, so the caller can tell a block that is
 * too large to say anything (more than `limit`) from one it can use, without reading all of it.
 */
export async function findBlockMembers(
  db: Db,
  tenantId: string,
  keys: readonly string[],
  limit: number,
): Promise<Map<string, string[]>> {
  if (keys.length === 0) return new Map();
  const found = await rows<{ key: string; ids: string[] | string }>(
    db,
    sql`SELECT k.key, ARRAY(SELECT m.customer_id FROM customer_match_keys m
        WHERE m.tenant_id = ${tenantId} AND m.key = k.key LIMIT ${limit + 1}) AS ids
      FROM unnest(${sql.param([...keys])}::text[]) AS k(key)`,
  );
  return new Map(found.map((r) => [r.key, uuidArray(r.ids)]));
}

/** Stored features of these customers, decoded (rows of another layout are left out). */
export async function findFeatures(
  db: Db,
  tenantId: string,
  ids: readonly string[],
): Promise<PreparedRecord[]> {
  if (ids.length === 0) return [];
  const found = await rows<{ id: string; features: string }>(
    db,
    sql`SELECT customer_id AS id, features FROM customer_match_features
      WHERE tenant_id = ${tenantId} AND customer_id = ANY(${sql.param([...ids])}::uuid[])`,
  );
  const out: PreparedRecord[] = [];
  for (const r of found) {
    const record = decodeFeatures(r.id, r.features);
    if (record !== null) out.push(record);
  }
  return out;
}

/**
 * The customers a "not a duplicate" decision still hides from `customerId`: dismissals whose two
 * sides both keep the identity hash they had when it was made.
 */
export async function findValidDismissals(
  db: Db,
  tenantId: string,
  customerId: string,
): Promise<Set<string>> {
  const found = await rows<{ other: string }>(
    db,
    sql`SELECT CASE WHEN d.customer_a = ${customerId} THEN d.customer_b ELSE d.customer_a END AS other
      FROM duplicate_dismissals d
      JOIN customers ca ON ca.tenant_id = d.tenant_id AND ca.id = d.customer_a
      JOIN customers cb ON cb.tenant_id = d.tenant_id AND cb.id = d.customer_b
      WHERE d.tenant_id = ${tenantId} AND (d.customer_a = ${customerId} OR d.customer_b = ${customerId})
        AND ca.identity_hash = d.identity_hash_a AND cb.identity_hash = d.identity_hash_b`,
  );
  return new Set(found.map((r) => r.other));
}

/** Every pair of the tenant a dismissal still holds for (for the whole-tenant scan). */
export async function findAllValidDismissals(db: Db, tenantId: string): Promise<[string, string][]> {
  const found = await rows<{ a: string; b: string }>(
    db,
    sql`SELECT d.customer_a AS a, d.customer_b AS b FROM duplicate_dismissals d
      JOIN customers ca ON ca.tenant_id = d.tenant_id AND ca.id = d.customer_a
      JOIN customers cb ON cb.tenant_id = d.tenant_id AND cb.id = d.customer_b
      WHERE d.tenant_id = ${tenantId} AND ca.identity_hash = d.identity_hash_a AND cb.identity_hash = d.identity_hash_b`,
  );
  return found.map((r) => [r.a, r.b]);
}

export interface CandidateDetails {
  id: string;
  number: number;
  firstName: string | null;
  lastName: string | null;
  displayName: string | null;
  email: string | null;
  mobile: string | null;
  customerSince: Date;
  appointmentCount: number;
  lastAppointmentAt: Date | null;
  /** Not archived, merged away, deleted or erased. */
  live: boolean;
}

/**
 * What the profile tab shows of each candidate: contact data, customer since, how many appointments
 * (cancelled ones not counted) and when the last one took place.
 */
export async function findCandidateDetails(
  db: Db,
  tenantId: string,
  ids: readonly string[],
  now: Date,
): Promise<CandidateDetails[]> {
  if (ids.length === 0) return [];
  return rows<CandidateDetails>(
    db,
    sql`SELECT c.id, c.number, c.first_name AS "firstName", c.last_name AS "lastName",
        c.display_name AS "displayName", c.email, c.mobile, c.customer_since AS "customerSince",
        (SELECT count(*)::int FROM appointments a WHERE a.tenant_id = c.tenant_id AND a.customer_id = c.id
          AND a.status <> 'cancelled') AS "appointmentCount",
        (SELECT max(a.start_at) FROM appointments a WHERE a.tenant_id = c.tenant_id AND a.customer_id = c.id
          AND a.status <> 'cancelled' AND a.start_at <= ${now.toISOString()}::timestamptz) AS "lastAppointmentAt",
        (c.merged_into IS NULL AND c.deleted_at IS NULL AND c.archived_at IS NULL AND c.erased_at IS NULL) AS live
      FROM customers c WHERE c.tenant_id = ${tenantId} AND c.id = ANY(${sql.param([...ids])}::uuid[])`,
  ).then((found) =>
    found.map((r) => ({
      ...r,
      customerSince: new Date(r.customerSince),
      lastAppointmentAt: r.lastAppointmentAt === null ? null : new Date(r.lastAppointmentAt),
    })),
  );
}

/** `{a,b}` as drivers may return uuid[] columns, or the array itself. */
export function uuidArray(value: string[] | string | null): string[] {
  if (value === null) return [];
  if (Array.isArray(value)) return value;
  return value
    .replace(/^\{|\}$/g, '')
    .split(',')
    .filter((s) => s !== '');
}

export interface HashRow {
  id: string;
  identityHash: string;
  live: boolean;
}

export async function findIdentityHashes(
  db: Db,
  tenantId: string,
  ids: readonly string[],
): Promise<HashRow[]> {
  if (ids.length === 0) return [];
  return rows<HashRow>(
    db,
    sql`SELECT c.id, c.identity_hash AS "identityHash",
        (c.merged_into IS NULL AND c.deleted_at IS NULL AND c.archived_at IS NULL AND c.erased_at IS NULL) AS live
      FROM customers c WHERE c.tenant_id = ${tenantId} AND c.id = ANY(${sql.param([...ids])}::uuid[])
      FOR UPDATE`,
  );
}

/** Records "not a duplicate" for pairs (a < b), with both sides' identity hashes of now. */
export async function upsertDismissals(
  db: Db,
  tenantId: string,
  pairs: readonly { a: string; b: string; hashA: string; hashB: string }[],
  staffId: string | null,
  now: Date,
): Promise<void> {
  if (pairs.length === 0) return;
  await db.execute(
    sql`INSERT INTO duplicate_dismissals (tenant_id, customer_a, customer_b, identity_hash_a, identity_hash_b, dismissed_by, dismissed_at)
      SELECT ${tenantId}, a, b, ha, hb, ${staffId}::uuid, ${now.toISOString()}::timestamptz
      FROM unnest(${sql.param(pairs.map((p) => p.a))}::uuid[], ${sql.param(pairs.map((p) => p.b))}::uuid[],
        ${sql.param(pairs.map((p) => p.hashA))}::text[], ${sql.param(pairs.map((p) => p.hashB))}::text[]) AS t(a, b, ha, hb)
      ON CONFLICT (tenant_id, customer_a, customer_b) DO UPDATE SET identity_hash_a = excluded.identity_hash_a,
        identity_hash_b = excluded.identity_hash_b, dismissed_by = excluded.dismissed_by, dismissed_at = excluded.dismissed_at`,
  );
}

export async function deleteDismissal(db: Db, tenantId: string, a: string, b: string): Promise<boolean> {
  const deleted = await rows<{ a: string }>(
    db,
    sql`DELETE FROM duplicate_dismissals WHERE tenant_id = ${tenantId} AND customer_a = ${a} AND customer_b = ${b}
      RETURNING customer_a AS a`,
  );
  return deleted.length > 0;
}
