/**
 * The match index: for every live customer its prepared match features and blocking keys, kept
 * up to date by every write (create, edit, import, merge, undo, archive), so the candidates of one
 * customer are a few index reads instead of a scan. Archived, merged-away and deleted customers
 * are not in the index: they cannot be proposed as duplicates.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.ts';
import {
  customerContactPoints,
  customerMatchFeatures,
  customerMatchKeys,
  customers,
} from '../../db/schema.ts';
import { identityHash } from '../../core/customer/identity.ts';
import { blockingKeys, prepareRecord } from '../../core/matching/index.ts';
import type { MatchRecord, PreparedRecord } from '../../core/matching/index.ts';
import type { CustomerRow } from '../customers/customers.repository.ts';
import { valuesOf } from '../customers/customers.repository.ts';

export function matchRecordOf(
  row: CustomerRow,
  contactPoints: { kind: string; value: string }[] = [],
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
    extraPhones: contactPoints.filter((c) => c.kind === 'phone').map((c) => c.value),
  };
}

export function isLive(row: CustomerRow): boolean {
  return (
    row.mergedInto === null && row.deletedAt === null && row.archivedAt === null && row.erasedAt === null
  );
}

/**
 * Recomputes features, keys and identity hash of these customers, inside the caller's
 * transaction. Customers that are no longer live leave the index.
 */
export async function reindexCustomers(
  db: Db,
  tenantId: string,
  ids: readonly string[],
  defaultCountry: string,
): Promise<void> {
  if (ids.length === 0) return;
  const unique = [...new Set(ids)];
  const rows = await db
    .select()
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), inArray(customers.id, unique)));
  const points = await db
    .select({
      customerId: customerContactPoints.customerId,
      kind: customerContactPoints.kind,
      value: customerContactPoints.value,
      normalized: customerContactPoints.normalized,
    })
    .from(customerContactPoints)
    .where(
      and(eq(customerContactPoints.tenantId, tenantId), inArray(customerContactPoints.customerId, unique)),
    );
  const pointsOf = new Map<string, { kind: string; value: string; normalized: string | null }[]>();
  for (const p of points) pointsOf.set(p.customerId, [...(pointsOf.get(p.customerId) ?? []), p]);

  await db
    .delete(customerMatchKeys)
    .where(and(eq(customerMatchKeys.tenantId, tenantId), inArray(customerMatchKeys.customerId, unique)));
  const keyRows: { tenantId: string; key: string; customerId: string }[] = [];
  const featureRows: { tenantId: string; customerId: string; features: PreparedRecord }[] = [];
  const live = rows.filter(isLive);
  for (const row of live) {
    const prepared = prepareRecord(matchRecordOf(row, pointsOf.get(row.id) ?? []), { defaultCountry });
    for (const key of new Set(blockingKeys(prepared))) keyRows.push({ tenantId, key, customerId: row.id });
    featureRows.push({ tenantId, customerId: row.id, features: prepared });
  }
  const gone = rows.filter((r) => !isLive(r)).map((r) => r.id);
  if (gone.length > 0) {
    await db
      .delete(customerMatchFeatures)
      .where(
        and(eq(customerMatchFeatures.tenantId, tenantId), inArray(customerMatchFeatures.customerId, gone)),
      );
  }
  for (let i = 0; i < keyRows.length; i += 5000)
    await db.insert(customerMatchKeys).values(keyRows.slice(i, i + 5000));
  for (let i = 0; i < featureRows.length; i += 2000) {
    await db
      .insert(customerMatchFeatures)
      .values(featureRows.slice(i, i + 2000))
      .onConflictDoUpdate({
        target: [customerMatchFeatures.tenantId, customerMatchFeatures.customerId],
        set: { features: sql`excluded.features`, updatedAt: sql`now()` },
      });
  }
  for (const row of rows) {
    const hash = identityHash(
      valuesOf(row),
      (pointsOf.get(row.id) ?? []).map((p) => p.normalized ?? p.value),
    );
    if (hash !== row.identityHash) {
      await db
        .update(customers)
        .set({ identityHash: hash })
        .where(and(eq(customers.tenantId, tenantId), eq(customers.id, row.id)));
    }
  }
}

/** Features of customers, as stored in the index. */
export async function loadFeatures(
  db: Db,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, PreparedRecord>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ customerId: customerMatchFeatures.customerId, features: customerMatchFeatures.features })
    .from(customerMatchFeatures)
    .where(
      and(eq(customerMatchFeatures.tenantId, tenantId), inArray(customerMatchFeatures.customerId, [...ids])),
    );
  return new Map(rows.map((r) => [r.customerId, r.features as PreparedRecord]));
}

/** Customers sharing at least one blocking key with `keys`, the customer itself excluded. */
export async function customersSharingKeys(
  db: Db,
  tenantId: string,
  keys: readonly string[],
  exclude: string | null,
  limit: number,
): Promise<string[]> {
  if (keys.length === 0) return [];
  const rows = await db
    .selectDistinct({ customerId: customerMatchKeys.customerId })
    .from(customerMatchKeys)
    .where(
      and(
        eq(customerMatchKeys.tenantId, tenantId),
        inArray(customerMatchKeys.key, [...new Set(keys)]),
        exclude ? sql`${customerMatchKeys.customerId} <> ${exclude}` : undefined,
      ),
    )
    .limit(limit);
  return rows.map((r) => r.customerId);
}
