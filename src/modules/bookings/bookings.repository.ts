/** SQL of online booking requests and the booking page's services. Every function filters by tenant. */
import { and, asc, desc, eq, getTableColumns, gte, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.ts';
import { rows } from '../../db/connection.ts';
import { bookingRequests, bookingServices, customers } from '../../db/schema.ts';
import { isUuid } from '../shared/schemas.ts';

export type BookingRequestRow = typeof bookingRequests.$inferSelect;
export type BookingServiceRow = typeof bookingServices.$inferSelect;

export async function listServices(
  db: Db,
  tenantId: string,
  activeOnly: boolean,
): Promise<BookingServiceRow[]> {
  return db
    .select()
    .from(bookingServices)
    .where(
      and(eq(bookingServices.tenantId, tenantId), activeOnly ? eq(bookingServices.active, true) : undefined),
    )
    .orderBy(asc(bookingServices.position), asc(bookingServices.name));
}

export async function findService(
  db: Db,
  tenantId: string,
  id: string,
): Promise<BookingServiceRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select()
    .from(bookingServices)
    .where(and(eq(bookingServices.tenantId, tenantId), eq(bookingServices.id, id)));
  return row;
}

export async function serviceNameTaken(
  db: Db,
  tenantId: string,
  name: string,
  exceptId: string | null,
): Promise<boolean> {
  const found = await db
    .select({ id: bookingServices.id })
    .from(bookingServices)
    .where(
      and(
        eq(bookingServices.tenantId, tenantId),
        sql`lower(${bookingServices.name}) = lower(${name})`,
        exceptId ? sql`${bookingServices.id} <> ${exceptId}` : undefined,
      ),
    );
  return found.length > 0;
}

export async function insertService(
  db: Db,
  row: typeof bookingServices.$inferInsert,
): Promise<BookingServiceRow> {
  const [inserted] = await db.insert(bookingServices).values(row).returning();
  return inserted!;
}

export async function updateService(
  db: Db,
  tenantId: string,
  id: string,
  patch: Partial<typeof bookingServices.$inferInsert>,
): Promise<BookingServiceRow> {
  const [row] = await db
    .update(bookingServices)
    .set(patch)
    .where(and(eq(bookingServices.tenantId, tenantId), eq(bookingServices.id, id)))
    .returning();
  return row!;
}

export interface HistoryService {
  name: string;
  durationMinutes: number;
  priceCents: number;
}

/**
 * The services a business actually books, from its appointments of the last year (most booked
 * first, median length and price): what the booking page offers until services are set up.
 */
/** The services booked most since `since` (or only `name`), each with its median length and price. */
export async function servicesFromHistory(
  db: Db,
  tenantId: string,
  since: Date,
  limit: number,
  name?: string,
): Promise<HistoryService[]> {
  return rows<HistoryService>(
    db,
    sql`SELECT service AS name,
        greatest(5, least(720, round(percentile_disc(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM end_at - start_at) / 60))))::int AS "durationMinutes",
        (percentile_disc(0.5) WITHIN GROUP (ORDER BY price_cents))::int AS "priceCents"
      FROM appointments
      WHERE tenant_id = ${tenantId} AND start_at >= ${since} AND status <> 'cancelled'
        ${name === undefined ? sql`` : sql`AND service = ${name}`}
      GROUP BY service ORDER BY count(*) DESC, service LIMIT ${limit}`,
  );
}

export async function insertRequest(
  db: Db,
  row: typeof bookingRequests.$inferInsert,
): Promise<BookingRequestRow> {
  const [inserted] = await db.insert(bookingRequests).values(row).returning();
  return inserted!;
}

export async function findRequest(
  db: Db,
  tenantId: string,
  id: string,
): Promise<BookingRequestRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select()
    .from(bookingRequests)
    .where(and(eq(bookingRequests.tenantId, tenantId), eq(bookingRequests.id, id)));
  return row;
}

export async function lockRequest(
  db: Db,
  tenantId: string,
  id: string,
): Promise<BookingRequestRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select()
    .from(bookingRequests)
    .where(and(eq(bookingRequests.tenantId, tenantId), eq(bookingRequests.id, id)))
    .for('update');
  return row;
}

export async function updateRequest(
  db: Db,
  tenantId: string,
  id: string,
  patch: Partial<typeof bookingRequests.$inferInsert>,
): Promise<BookingRequestRow> {
  const [row] = await db
    .update(bookingRequests)
    .set(patch)
    .where(and(eq(bookingRequests.tenantId, tenantId), eq(bookingRequests.id, id)))
    .returning();
  return row!;
}

export interface ListedRequest extends BookingRequestRow {
  customerNumber: number | null;
  customerFirstName: string | null;
  customerLastName: string | null;
  customerDisplayName: string | null;
}

export async function listRequests(
  db: Db,
  tenantId: string,
  opts: { status: BookingRequestRow['status'] | 'all'; limit: number; offset: number },
): Promise<{ total: number; rows: ListedRequest[] }> {
  const where = and(
    eq(bookingRequests.tenantId, tenantId),
    opts.status === 'all' ? undefined : eq(bookingRequests.status, opts.status),
  );
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(bookingRequests)
    .where(where);
  const list = await db
    .select({
      ...getTableColumns(bookingRequests),
      customerNumber: customers.number,
      customerFirstName: customers.firstName,
      customerLastName: customers.lastName,
      customerDisplayName: customers.displayName,
    })
    .from(bookingRequests)
    .leftJoin(
      customers,
      and(eq(customers.tenantId, bookingRequests.tenantId), eq(customers.id, bookingRequests.customerId)),
    )
    .where(where)
    .orderBy(opts.status === 'open' ? asc(bookingRequests.wishedStart) : desc(bookingRequests.createdAt))
    .limit(opts.limit)
    .offset(opts.offset);
  return { total: count?.n ?? 0, rows: list };
}

/** A customer's recent and pending requests (the booking page's "my bookings"). */
export async function requestsOfCustomer(
  db: Db,
  tenantId: string,
  customerIds: readonly string[],
  since: Date,
) {
  if (customerIds.length === 0) return [];
  return db
    .select()
    .from(bookingRequests)
    .where(
      and(
        eq(bookingRequests.tenantId, tenantId),
        inArray(bookingRequests.customerId, [...customerIds]),
        gte(bookingRequests.createdAt, since),
      ),
    )
    .orderBy(desc(bookingRequests.createdAt))
    .limit(50);
}
