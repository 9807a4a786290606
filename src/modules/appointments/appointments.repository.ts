/** SQL of appointments. Every function takes the tenant id and filters by it. */
import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.ts';
import { appointments, customers } from '../../db/schema.ts';
import { isUuid } from '../shared/schemas.ts';

export type AppointmentRow = typeof appointments.$inferSelect;

export interface DayEntry extends AppointmentRow {
  customerNumber: number;
  firstName: string | null;
  lastName: string | null;
  displayName: string | null;
  mobile: string | null;
  email: string | null;
}

export async function insertAppointment(
  db: Db,
  row: typeof appointments.$inferInsert,
): Promise<AppointmentRow> {
  const [inserted] = await db.insert(appointments).values(row).returning();
  return inserted!;
}

export async function findAppointment(
  db: Db,
  tenantId: string,
  id: string,
): Promise<AppointmentRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select()
    .from(appointments)
    .where(and(eq(appointments.tenantId, tenantId), eq(appointments.id, id)));
  return row;
}

export async function lockAppointment(
  db: Db,
  tenantId: string,
  id: string,
): Promise<AppointmentRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select()
    .from(appointments)
    .where(and(eq(appointments.tenantId, tenantId), eq(appointments.id, id)))
    .for('update');
  return row;
}

export async function updateAppointment(
  db: Db,
  tenantId: string,
  id: string,
  patch: Partial<typeof appointments.$inferInsert>,
): Promise<AppointmentRow> {
  const [row] = await db
    .update(appointments)
    .set(patch)
    .where(and(eq(appointments.tenantId, tenantId), eq(appointments.id, id)))
    .returning();
  return row!;
}

const WITH_CUSTOMER = {
  tenantId: appointments.tenantId,
  id: appointments.id,
  customerId: appointments.customerId,
  startAt: appointments.startAt,
  endAt: appointments.endAt,
  service: appointments.service,
  staffMember: appointments.staffMember,
  status: appointments.status,
  priceCents: appointments.priceCents,
  bookingRequestId: appointments.bookingRequestId,
  createdAt: appointments.createdAt,
  updatedAt: appointments.updatedAt,
  customerNumber: customers.number,
  firstName: customers.firstName,
  lastName: customers.lastName,
  displayName: customers.displayName,
  mobile: customers.mobile,
  email: customers.email,
};

/** Appointments starting in [from, to), with their customer, in time order. */
export async function listBetween(db: Db, tenantId: string, from: Date, to: Date): Promise<DayEntry[]> {
  return db
    .select(WITH_CUSTOMER)
    .from(appointments)
    .innerJoin(
      customers,
      and(eq(customers.tenantId, appointments.tenantId), eq(customers.id, appointments.customerId)),
    )
    .where(
      and(eq(appointments.tenantId, tenantId), gte(appointments.startAt, from), lt(appointments.startAt, to)),
    )
    .orderBy(asc(appointments.startAt), asc(appointments.createdAt));
}

export async function findWithCustomer(db: Db, tenantId: string, id: string): Promise<DayEntry | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select(WITH_CUSTOMER)
    .from(appointments)
    .innerJoin(
      customers,
      and(eq(customers.tenantId, appointments.tenantId), eq(customers.id, appointments.customerId)),
    )
    .where(and(eq(appointments.tenantId, tenantId), eq(appointments.id, id)));
  return row;
}

/** A customer's appointments from `from` on (the booking page's "my appointments"). */
export async function listForCustomer(
  db: Db,
  tenantId: string,
  customerId: string,
  from: Date,
): Promise<AppointmentRow[]> {
  return db
    .select()
    .from(appointments)
    .where(
      and(
        eq(appointments.tenantId, tenantId),
        eq(appointments.customerId, customerId),
        sql`${appointments.endAt} >= ${from}`,
      ),
    )
    .orderBy(asc(appointments.startAt));
}
