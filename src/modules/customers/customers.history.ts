/**
 * SQL reading what hangs on a customer (appointments, booking requests, invoices, subscriptions,
 * loyalty points, messages, notes, the online account, contact points, audit entries), for the
 * profile's summaries, the checks before a delete and the GDPR export. Every function takes the
 * tenant id and filters by it.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.ts';
import { rows } from '../../db/connection.ts';

/**
 * A timestamp from a raw query: the drivers hand timestamptz to `execute` as PostgreSQL's text
 * form ("2022-03-24 09:30:00.123+00"), not as a Date.
 */
export function parseTimestamp(value: unknown): Date {
  if (value instanceof Date) return value;
  const text = String(value)
    .replace(' ', 'T')
    .replace(/([+-]\d{2})$/, '$1:00');
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw new Error(`Not a timestamp: ${String(value)}`);
  return date;
}
const orNull = (v: unknown): Date | null => (v === null || v === undefined ? null : parseTimestamp(v));

export interface AppointmentItem {
  id: string;
  startAt: Date;
  endAt: Date;
  service: string;
  staffMember: string | null;
  status: 'booked' | 'completed' | 'cancelled' | 'no_show';
  priceCents: number;
}

export async function appointmentsOf(
  db: Db,
  tenantId: string,
  customerId: string,
  opts: { when: 'past' | 'upcoming' | 'all'; now: Date; limit: number },
): Promise<AppointmentItem[]> {
  const when =
    opts.when === 'past'
      ? sql`AND start_at <= ${opts.now.toISOString()}`
      : opts.when === 'upcoming'
        ? sql`AND start_at > ${opts.now.toISOString()}`
        : sql``;
  const found = await rows<Record<string, unknown>>(
    db,
    sql`SELECT id, start_at, end_at, service, staff_member, status, price_cents FROM appointments
        WHERE tenant_id = ${tenantId} AND customer_id = ${customerId} ${when}
        ORDER BY start_at ${opts.when === 'upcoming' ? sql`ASC` : sql`DESC`}
        LIMIT ${opts.limit}`,
  );
  return found.map((r) => ({
    id: r.id as string,
    startAt: parseTimestamp(r.start_at),
    endAt: parseTimestamp(r.end_at),
    service: r.service as string,
    staffMember: r.staff_member as string | null,
    status: r.status as AppointmentItem['status'],
    priceCents: r.price_cents as number,
  }));
}

export interface AppointmentStats {
  total: number;
  past: number;
  upcoming: number;
  lastAt: Date | null;
  nextAt: Date | null;
}

/** Counts of appointments that took or will take place (cancelled ones are not counted). */
export async function appointmentStats(
  db: Db,
  tenantId: string,
  customerId: string,
  now: Date,
): Promise<AppointmentStats> {
  const at = now.toISOString();
  const [r] = await rows<Record<string, unknown>>(
    db,
    sql`SELECT count(*)::int AS total,
          count(*) FILTER (WHERE start_at <= ${at})::int AS past,
          count(*) FILTER (WHERE start_at > ${at})::int AS upcoming,
          max(start_at) FILTER (WHERE start_at <= ${at}) AS last_at,
          min(start_at) FILTER (WHERE start_at > ${at}) AS next_at
        FROM appointments
        WHERE tenant_id = ${tenantId} AND customer_id = ${customerId} AND status <> 'cancelled'`,
  );
  return {
    total: Number(r?.total ?? 0),
    past: Number(r?.past ?? 0),
    upcoming: Number(r?.upcoming ?? 0),
    lastAt: orNull(r?.last_at),
    nextAt: orNull(r?.next_at),
  };
}

export interface BookingRequestItem {
  id: string;
  service: string;
  wishedStart: Date;
  status: 'open' | 'confirmed' | 'declined';
  createdAt: Date;
  note: string | null;
}

export async function bookingRequestsOf(
  db: Db,
  tenantId: string,
  customerId: string,
  opts: { onlyOpen?: boolean; limit: number },
): Promise<BookingRequestItem[]> {
  const found = await rows<Record<string, unknown>>(
    db,
    sql`SELECT id, service, wished_start, status, created_at, note FROM booking_requests
        WHERE tenant_id = ${tenantId} AND customer_id = ${customerId}
          ${opts.onlyOpen ? sql`AND status = 'open'` : sql``}
        ORDER BY created_at DESC LIMIT ${opts.limit}`,
  );
  return found.map((r) => ({
    id: r.id as string,
    service: r.service as string,
    wishedStart: parseTimestamp(r.wished_start),
    status: r.status as BookingRequestItem['status'],
    createdAt: parseTimestamp(r.created_at),
    note: r.note as string | null,
  }));
}

export interface InvoiceItem {
  id: string;
  number: string;
  issuedOn: string;
  totalCents: number;
  paid: boolean;
}

export async function invoicesOf(
  db: Db,
  tenantId: string,
  customerId: string,
  opts: { onlyUnpaid?: boolean; limit: number },
): Promise<InvoiceItem[]> {
  const found = await rows<Record<string, unknown>>(
    db,
    sql`SELECT id, number, issued_on, total_cents, paid FROM invoices
        WHERE tenant_id = ${tenantId} AND customer_id = ${customerId}
          ${opts.onlyUnpaid ? sql`AND NOT paid` : sql``}
        ORDER BY issued_on DESC, number DESC LIMIT ${opts.limit}`,
  );
  return found.map((r) => ({
    id: r.id as string,
    number: r.number as string,
    issuedOn: String(r.issued_on).slice(0, 10),
    totalCents: Number(r.total_cents),
    paid: r.paid === true || r.paid === 't',
  }));
}

export interface InvoiceTotals {
  count: number;
  totalCents: number;
  paidCents: number;
  openCents: number;
}

export async function invoiceTotals(db: Db, tenantId: string, customerId: string): Promise<InvoiceTotals> {
  const [r] = await rows<Record<string, unknown>>(
    db,
    sql`SELECT count(*)::int AS count, coalesce(sum(total_cents), 0)::bigint AS total,
          coalesce(sum(total_cents) FILTER (WHERE paid), 0)::bigint AS paid
        FROM invoices WHERE tenant_id = ${tenantId} AND customer_id = ${customerId}`,
  );
  const total = Number(r?.total ?? 0);
  const paid = Number(r?.paid ?? 0);
  return { count: Number(r?.count ?? 0), totalCents: total, paidCents: paid, openCents: total - paid };
}

export interface SubscriptionItem {
  id: string;
  name: string;
  kind: 'package' | 'membership';
  totalSessions: number | null;
  remainingSessions: number | null;
  validFrom: string | null;
  validUntil: string | null;
}

export async function subscriptionsOf(
  db: Db,
  tenantId: string,
  customerId: string,
): Promise<SubscriptionItem[]> {
  const found = await rows<Record<string, unknown>>(
    db,
    sql`SELECT id, name, kind, total_sessions, remaining_sessions, valid_from, valid_until FROM subscriptions
        WHERE tenant_id = ${tenantId} AND customer_id = ${customerId} ORDER BY created_at DESC`,
  );
  return found.map((r) => ({
    id: r.id as string,
    name: r.name as string,
    kind: r.kind as SubscriptionItem['kind'],
    totalSessions: r.total_sessions === null ? null : Number(r.total_sessions),
    remainingSessions: r.remaining_sessions === null ? null : Number(r.remaining_sessions),
    validFrom: r.valid_from === null ? null : String(r.valid_from).slice(0, 10),
    validUntil: r.valid_until === null ? null : String(r.valid_until).slice(0, 10),
  }));
}

export async function loyaltyBalance(db: Db, tenantId: string, customerId: string): Promise<number> {
  const [r] = await rows<{ balance: number | string }>(
    db,
    sql`SELECT coalesce(sum(points), 0)::int AS balance FROM loyalty_ledger
        WHERE tenant_id = ${tenantId} AND customer_id = ${customerId}`,
  );
  return Number(r?.balance ?? 0);
}

/** Every row of a table that belongs to these customers, as stored (for the GDPR export). */
export async function allRowsOf(
  db: Db,
  tenantId: string,
  table:
    | 'customer_contact_points'
    | 'appointments'
    | 'booking_requests'
    | 'invoices'
    | 'subscriptions'
    | 'loyalty_ledger'
    | 'messages'
    | 'customer_notes',
  customerIds: readonly string[],
): Promise<Record<string, unknown>[]> {
  const order = table === 'loyalty_ledger' ? 'at' : table === 'customer_notes' ? 'position' : 'created_at';
  return rows(
    db,
    sql`SELECT * FROM ${sql.raw(table)}
        WHERE tenant_id = ${tenantId} AND customer_id = ANY(${sql.param([...customerIds])}::uuid[])
        ORDER BY ${sql.raw(order)}, id`,
  );
}

/** Online accounts without their secrets (password hash, invitation and reset tokens). */
export async function onlineAccountsOf(
  db: Db,
  tenantId: string,
  customerIds: readonly string[],
): Promise<Record<string, unknown>[]> {
  return rows(
    db,
    sql`SELECT id, customer_id, login_email, state, password_hash IS NOT NULL AS has_password,
          invite_expires_at, disabled_reason, created_at, activated_at, disabled_at, last_login_at
        FROM online_accounts
        WHERE tenant_id = ${tenantId} AND customer_id = ANY(${sql.param([...customerIds])}::uuid[])
        ORDER BY created_at`,
  );
}

export async function auditEntriesOf(
  db: Db,
  tenantId: string,
  customerIds: readonly string[],
): Promise<Record<string, unknown>[]> {
  return rows(
    db,
    sql`SELECT id, at, actor, action, entity_type, entity_id, customer_ids, details FROM audit_log
        WHERE tenant_id = ${tenantId} AND customer_ids && ${sql.param([...customerIds])}::uuid[]
        ORDER BY at, id`,
  );
}

/** Merges this customer took part in (without the before-snapshots, which hold other people too). */
export async function mergesOf(
  db: Db,
  tenantId: string,
  customerIds: readonly string[],
): Promise<Record<string, unknown>[]> {
  return rows(
    db,
    sql`SELECT id, survivor_id, merged_ids, performed_at, undone_at FROM merges
        WHERE tenant_id = ${tenantId}
          AND (survivor_id = ANY(${sql.param([...customerIds])}::uuid[])
               OR merged_ids && ${sql.param([...customerIds])}::uuid[])
        ORDER BY performed_at`,
  );
}

/** Customers merged into this one, directly or through earlier merges (same person, older records). */
export async function mergedAwayInto(db: Db, tenantId: string, customerId: string): Promise<string[]> {
  const found = await rows<{ id: string }>(
    db,
    sql`WITH RECURSIVE chain(id) AS (
          SELECT id FROM customers WHERE tenant_id = ${tenantId} AND merged_into = ${customerId}
          UNION
          SELECT c.id FROM customers c JOIN chain ON c.tenant_id = ${tenantId} AND c.merged_into = chain.id
        )
        SELECT id FROM chain`,
  );
  return found.map((r) => r.id);
}
