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

export interface LookupStart extends ModelRow {
  /** The subject (null when not asked for, or not in this tenant). */
  subject: SubjectRow | null;
}

/**
 * The first of a lookup's two round trips: the tenant's settings and model, and the subject with its
 * stored features when the lookup is for a stored customer.
 */
export async function findLookupStart(
  db: Db,
  tenantId: string,
  customerId: string | null,
): Promise<LookupStart | undefined> {
  const [row] = await rows<ModelRow & Partial<SubjectRow> & { subjectId: string | null }>(
    db,
    sql`SELECT t.country, t.settings, m.params, m.records, m.trained, m.trained_at AS "trainedAt",
        m.trained_records AS "trainedRecords",
        c.id AS "subjectId", c.first_name AS "firstName", c.last_name AS "lastName", c.gender, c.email,
        c.mobile, c.mobile_e164 AS "mobileE164", c.landline, c.landline_e164 AS "landlineE164", c.phone2,
        c.phone2_e164 AS "phone2E164", c.birth_date::text AS "birthDate", c.street, c.house_number AS "houseNumber",
        c.postal_code AS "postalCode", c.city, c.country AS "subjectCountry",
        (c.merged_into IS NULL AND c.deleted_at IS NULL AND c.archived_at IS NULL AND c.erased_at IS NULL) AS live,
        f.features
      FROM tenants t
      LEFT JOIN match_models m ON m.tenant_id = t.id
      LEFT JOIN customers c ON c.tenant_id = t.id AND c.id = ${customerId}::uuid
      LEFT JOIN customer_match_features f ON f.tenant_id = c.tenant_id AND f.customer_id = c.id
      WHERE t.id = ${tenantId}`,
  );
  if (!row) return undefined;
  const r = row as typeof row & { subjectCountry: string | null };
  return {
    country: r.country,
    settings: r.settings,
    params: r.params,
    records: r.records,
    trained: r.trained,
    trainedAt: r.trainedAt,
    trainedRecords: r.trainedRecords,
    subject:
      r.subjectId === null
        ? null
        : {
            id: r.subjectId,
            firstName: r.firstName ?? null,
            lastName: r.lastName ?? null,
            gender: r.gender ?? null,
            email: r.email ?? null,
            mobile: r.mobile ?? null,
            mobileE164: r.mobileE164 ?? null,
            landline: r.landline ?? null,
            landlineE164: r.landlineE164 ?? null,
            phone2: r.phone2 ?? null,
            phone2E164: r.phone2E164 ?? null,
            birthDate: r.birthDate ?? null,
            street: r.street ?? null,
            houseNumber: r.houseNumber ?? null,
            postalCode: r.postalCode ?? null,
            city: r.city ?? null,
            country: r.subjectCountry,
            live: r.live ?? false,
            features: r.features ?? null,
          },
  };
}

export interface Neighbours {
  /** Per blocking key of the subject: how many customers hold it (at most limit + 1 counted). */
  blockSizes: Map<string, number>;
  /** Stored features of the customers sharing a usable block (the subject left out). */
  features: PreparedRecord[];
  terms: TermCounts;
  /** Customers a valid "not a duplicate" decision hides from the subject. */
  dismissed: Set<string>;
}

/**
 * The second round trip of a lookup, in one statement: the customers sharing each key (a block of more
 * than its key's limit is skipped, after reading limit + 1 of its entries), their stored features, the
 * stored frequencies of the subject's names, and the subject's valid dismissals.
 */
export async function findNeighbours(
  db: Db,
  tenantId: string,
  keys: readonly { key: string; limit: number }[],
  selfId: string | null,
  names: { firstName: string | null; lastName: string | null } | null,
): Promise<Neighbours> {
  const found = await rows<{
    kind: 'b' | 'f' | 't' | 'd';
    name: string;
    n: number | null;
    features: string | null;
  }>(
    db,
    // MATERIALIZED: k is read three times below; inlined, every key's index probe ran once per read.
    sql`WITH k AS MATERIALIZED (
        SELECT k.key, k.lim, ARRAY(SELECT m.customer_id FROM customer_match_keys m
          WHERE m.tenant_id = ${tenantId} AND m.key = k.key LIMIT k.lim + 1) AS ids
        FROM unnest(${sql.param(keys.map((k) => k.key))}::text[], ${sql.param(keys.map((k) => k.limit))}::int[]) AS k(key, lim)
      ), c AS (
        SELECT DISTINCT u.id FROM k, unnest(k.ids) AS u(id)
        WHERE cardinality(k.ids) <= k.lim AND u.id IS DISTINCT FROM ${selfId}::uuid
      )
      SELECT 'b' AS kind, k.key AS name, cardinality(k.ids) AS n, NULL::text AS features FROM k
      UNION ALL
      SELECT 'f', f.customer_id::text, NULL, f.features
        FROM c JOIN customer_match_features f ON f.tenant_id = ${tenantId} AND f.customer_id = c.id
      UNION ALL
      SELECT 't', mt.field || ':' || mt.value, mt.count, NULL FROM match_terms mt
        WHERE mt.tenant_id = ${tenantId} AND ((mt.field = 'firstName' AND mt.value = ${names?.firstName ?? null}::text)
          OR (mt.field = 'lastName' AND mt.value = ${names?.lastName ?? null}::text))
      UNION ALL
      SELECT 'd', (CASE WHEN d.customer_a = ${selfId}::uuid THEN d.customer_b ELSE d.customer_a END)::text, NULL, NULL
        FROM duplicate_dismissals d
        JOIN customers ca ON ca.tenant_id = d.tenant_id AND ca.id = d.customer_a
        JOIN customers cb ON cb.tenant_id = d.tenant_id AND cb.id = d.customer_b
        WHERE d.tenant_id = ${tenantId} AND (d.customer_a = ${selfId}::uuid OR d.customer_b = ${selfId}::uuid)
          AND ca.identity_hash = d.identity_hash_a AND cb.identity_hash = d.identity_hash_b`,
  );
  const out: Neighbours = {
    blockSizes: new Map(),
    features: [],
    terms: { firstName: new Map(), lastName: new Map() },
    dismissed: new Set(),
  };
  for (const r of found) {
    if (r.kind === 'b') out.blockSizes.set(r.name, r.n ?? 0);
    else if (r.kind === 'f') {
      const record = decodeFeatures(r.name, r.features ?? '');
      if (record !== null) out.features.push(record);
    } else if (r.kind === 't') {
      const colon = r.name.indexOf(':');
      const field = r.name.slice(0, colon) as 'firstName' | 'lastName';
      out.terms[field].set(r.name.slice(colon + 1), r.n ?? 0);
    } else out.dismissed.add(r.name);
  }
  return out;
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
