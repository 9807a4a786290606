/** SQL of customer rows. Every function takes the tenant id and filters by it. */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.ts';
import { rows } from '../../db/connection.ts';
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

export const isUuidLike = isUuid;

/** Archives (a time) or restores (null) a customer; bumps its version. */
export async function setArchivedAt(
  db: Db,
  tenantId: string,
  id: string,
  archivedAt: Date | null,
  now: Date,
): Promise<void> {
  await db
    .update(customers)
    .set({ archivedAt, updatedAt: now, version: sql`${customers.version} + 1` })
    .where(and(eq(customers.tenantId, tenantId), eq(customers.id, id)));
}

export interface Anonymised {
  notes: number;
  contactPoints: number;
  messages: number;
  onlineAccounts: number;
  bookingRequests: number;
}

/**
 * Removes everything that identifies these customers and marks them deleted or erased: notes,
 * contact points, messages and online accounts go; booking requests lose their personal fields;
 * the customer rows keep only number, source and dates. Appointments, invoices, subscriptions and
 * loyalty points stay on the anonymous rows.
 */
export async function anonymiseCustomers(
  db: Db,
  tenantId: string,
  ids: readonly string[],
  mode: 'deleted' | 'erased',
  now: Date,
): Promise<Anonymised> {
  const list = sql`${sql.param([...ids])}::uuid[]`;
  const count = async (query: ReturnType<typeof sql>) => (await rows(db, query)).length;
  const notes = await count(
    sql`DELETE FROM customer_notes WHERE tenant_id = ${tenantId} AND customer_id = ANY(${list}) RETURNING id`,
  );
  const contactPoints = await count(
    sql`DELETE FROM customer_contact_points WHERE tenant_id = ${tenantId} AND customer_id = ANY(${list}) RETURNING id`,
  );
  const messages = await count(
    sql`DELETE FROM messages WHERE tenant_id = ${tenantId} AND customer_id = ANY(${list}) RETURNING id`,
  );
  const onlineAccounts = await count(
    sql`DELETE FROM online_accounts WHERE tenant_id = ${tenantId} AND customer_id = ANY(${list}) RETURNING id`,
  );
  const bookingRequests = await count(
    sql`UPDATE booking_requests SET first_name = NULL, last_name = NULL, email = NULL, phone = NULL,
          note = NULL, candidates = '[]'::jsonb
        WHERE tenant_id = ${tenantId} AND customer_id = ANY(${list}) RETURNING id`,
  );
  const at = now.toISOString();
  await rows(
    db,
    sql`UPDATE customers SET
          gender = NULL, first_name = NULL, last_name = NULL, display_name = NULL, email = NULL,
          mobile = NULL, mobile_e164 = NULL, landline = NULL, landline_e164 = NULL,
          phone2 = NULL, phone2_e164 = NULL, birth_date = NULL, street = NULL, house_number = NULL,
          postal_code = NULL, city = NULL, country = NULL, language = NULL, vat_number = NULL,
          status_label = NULL, newsletter_consent = NULL, newsletter_consent_at = NULL,
          newsletter_consent_source = NULL, notes = NULL, identity_hash = '',
          ${mode === 'deleted' ? sql`deleted_at = ${at}` : sql`erased_at = ${at}, archived_at = coalesce(archived_at, ${at})`},
          updated_at = ${at}, version = version + 1
        WHERE tenant_id = ${tenantId} AND id = ANY(${list})`,
  );
  return { notes, contactPoints, messages, onlineAccounts, bookingRequests };
}

/**
 * Earlier audit entries concerning only these customers lose their details (changes with old
 * values, names); who did what and when stays.
 */
export async function scrubAuditDetails(db: Db, tenantId: string, ids: readonly string[]): Promise<void> {
  await rows(
    db,
    sql`UPDATE audit_log SET details = '{"scrubbed": true}'::jsonb
        WHERE tenant_id = ${tenantId} AND customer_ids <> '{}'
          AND customer_ids <@ ${sql.param([...ids])}::uuid[]`,
  );
}
