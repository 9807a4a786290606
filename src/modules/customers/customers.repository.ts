/** SQL of customer rows. Every function takes the tenant id and filters by it. */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.ts';
import { customerContactPoints, customers, tenants } from '../../db/schema.ts';
import type { Customer } from '../../db/schema.ts';
import type { CustomerValues, Source } from '../../core/customer/customer.ts';
import { isUuid } from '../shared/schemas.ts';

export type CustomerRow = Customer;

/** Reserves `count` consecutive customer numbers of the tenant (locks the tenant row until commit). */
export async function reserveNumbers(db: Db, tenantId: string, count: number): Promise<number> {
  const [row] = await db
    .update(tenants)
    .set({ nextCustomerNumber: sql`${tenants.nextCustomerNumber} + ${count}` })
    .where(eq(tenants.id, tenantId))
    .returning({ next: tenants.nextCustomerNumber });
  if (!row) throw new Error(`Tenant ${tenantId} does not exist`);
  return row.next - count;
}

export interface NewCustomerRow {
  id: string;
  number: number;
  values: CustomerValues;
  source: Source;
  identityHash: string;
  now: Date;
  customerSince?: Date;
  newsletterConsentSource?: string | null;
}

export async function insertCustomers(
  db: Db,
  tenantId: string,
  rows: readonly NewCustomerRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(customers).values(
    rows.map((r) => ({
      tenantId,
      id: r.id,
      number: r.number,
      ...r.values,
      newsletterConsentAt: r.values.newsletterConsent === null ? null : r.now,
      newsletterConsentSource:
        r.values.newsletterConsent === null ? null : (r.newsletterConsentSource ?? r.source),
      source: r.source,
      identityHash: r.identityHash,
      customerSince: r.customerSince ?? r.now,
      createdAt: r.now,
      updatedAt: r.now,
    })),
  );
}

/** The row as stored, whatever its state (archived, merged away, deleted). */
export async function findCustomerRow(
  db: Db,
  tenantId: string,
  id: string,
): Promise<CustomerRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select()
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), eq(customers.id, id)));
  return row;
}

/** Rows by id, whatever their state; ids of other tenants are simply not found. */
export async function findCustomerRows(
  db: Db,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, CustomerRow>> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return new Map();
  const found = await db
    .select()
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), inArray(customers.id, valid)));
  return new Map(found.map((r) => [r.id, r]));
}

export async function findCustomerRowByNumber(
  db: Db,
  tenantId: string,
  number: number,
): Promise<CustomerRow | undefined> {
  const [row] = await db
    .select()
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), eq(customers.number, number)));
  return row;
}

/** Locks the rows for the rest of the transaction (merges, edits that must not interleave). */
export async function lockCustomerRows(
  db: Db,
  tenantId: string,
  ids: readonly string[],
): Promise<CustomerRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), sql`${customers.id} = ANY(${sql.param([...ids])}::uuid[])`))
    .orderBy(customers.id)
    .for('update');
}

/**
 * Writes new values if the row still has `expectedVersion` and is live; returns the new row, or
 * undefined when someone else changed it first (the caller answers 409).
 */
export async function updateCustomerValues(
  db: Db,
  tenantId: string,
  id: string,
  expectedVersion: number,
  patch: Partial<CustomerRow>,
  now: Date,
): Promise<CustomerRow | undefined> {
  const [row] = await db
    .update(customers)
    .set({ ...patch, updatedAt: now, version: sql`${customers.version} + 1` })
    .where(
      and(
        eq(customers.tenantId, tenantId),
        eq(customers.id, id),
        eq(customers.version, expectedVersion),
        isNull(customers.mergedInto),
        isNull(customers.deletedAt),
      ),
    )
    .returning();
  return row;
}

export async function contactPointValues(db: Db, tenantId: string, customerId: string): Promise<string[]> {
  const rows = await db
    .select({ value: customerContactPoints.normalized })
    .from(customerContactPoints)
    .where(
      and(eq(customerContactPoints.tenantId, tenantId), eq(customerContactPoints.customerId, customerId)),
    );
  return rows.map((r) => r.value ?? '').filter((v) => v !== '');
}

/** The stored values of the editable fields of a row. */
export function valuesOf(row: CustomerRow): CustomerValues {
  return {
    gender: row.gender,
    firstName: row.firstName,
    lastName: row.lastName,
    displayName: row.displayName,
    email: row.email,
    mobile: row.mobile,
    mobileE164: row.mobileE164,
    landline: row.landline,
    landlineE164: row.landlineE164,
    phone2: row.phone2,
    phone2E164: row.phone2E164,
    birthDate: row.birthDate,
    street: row.street,
    houseNumber: row.houseNumber,
    postalCode: row.postalCode,
    city: row.city,
    country: row.country,
    language: row.language,
    vatNumber: row.vatNumber,
    statusLabel: row.statusLabel,
    newsletterConsent: row.newsletterConsent,
    notes: row.notes,
  };
}
