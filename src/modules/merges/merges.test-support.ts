/**
 * Customers with history for the merge tests: the brief's seed case and helpers that add history
 * rows of every table, written straight to the database the way bookings and the agenda would.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/connection.ts';
import type { CustomerInput, Source } from '../../core/customer/customer.ts';
import { HISTORY_TABLES } from '../../core/merge/index.ts';
import type { HistoryTable } from '../../core/merge/index.ts';
import { createCustomer } from '../customers/customers.service.ts';
import type { Actor } from '../shared/actor.ts';

export async function addCustomer(
  database: Database,
  actor: Actor,
  input: CustomerInput,
  opts: { source?: Source; since?: string; now?: Date } = {},
): Promise<string> {
  const now = opts.now ?? new Date('2026-11-24T10:00:00Z');
  const row = await createCustomer(database, actor.tenantId, input, {
    source: opts.source ?? 'staff',
    actor,
    now,
    ...(opts.since ? { customerSince: new Date(opts.since) } : {}),
  });
  return row.id;
}

export async function addAppointment(
  database: Database,
  tenantId: string,
  customerId: string,
  start: string,
  minutes = 60,
  status = 'completed',
): Promise<string> {
  const id = randomUUID();
  const end = new Date(Date.parse(start) + minutes * 60_000).toISOString();
  await database.query(
    `INSERT INTO appointments (tenant_id, id, customer_id, start_at, end_at, service, staff_member, status, price_cents)
     VALUES ($1, $2, $3, $4, $5, 'Knippen', 'Lisa', $6, 3900)`,
    [tenantId, id, customerId, start, end, status],
  );
  return id;
}

export async function addAccount(
  database: Database,
  tenantId: string,
  customerId: string,
  loginEmail: string,
  state: 'active' | 'invited' | 'disabled' = 'active',
  lastLoginAt: string | null = null,
): Promise<string> {
  const id = randomUUID();
  await database.query(
    `INSERT INTO online_accounts (tenant_id, id, customer_id, login_email, password_hash, state, activated_at, last_login_at)
     VALUES ($1, $2, $3, $4, 'x', $5, CASE WHEN $5 = 'active' THEN now() END, $6)`,
    [tenantId, id, customerId, loginEmail, state, lastLoginAt],
  );
  return id;
}

let invoiceCounter = 0;

/** One row of any history table on the customer; returns its id. */
export async function addHistoryRow(
  database: Database,
  tenantId: string,
  customerId: string,
  table: HistoryTable,
  n = 0,
): Promise<string> {
  const id = randomUUID();
  const day = new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString();
  switch (table) {
    case 'appointments':
      return addAppointment(database, tenantId, customerId, day, 30, 'completed');
    case 'booking_requests':
      await database.query(
        `INSERT INTO booking_requests (tenant_id, id, customer_id, service, wished_start, status, link) VALUES ($1, $2, $3, 'Knippen', $4, 'confirmed', 'staff')`,
        [tenantId, id, customerId, day],
      );
      return id;
    case 'invoices':
      await database.query(
        `INSERT INTO invoices (tenant_id, id, customer_id, number, issued_on, total_cents, paid) VALUES ($1, $2, $3, $4, $5, 3900, true)`,
        [
          tenantId,
          id,
          customerId,
          `T-${process.pid}-${++invoiceCounter}-${id.slice(0, 8)}`,
          day.slice(0, 10),
        ],
      );
      return id;
    case 'subscriptions':
      await database.query(
        `INSERT INTO subscriptions (tenant_id, id, customer_id, name, total_sessions, remaining_sessions) VALUES ($1, $2, $3, '10-beurtenkaart', 10, 4)`,
        [tenantId, id, customerId],
      );
      return id;
    case 'loyalty_ledger':
      await database.query(
        `INSERT INTO loyalty_ledger (tenant_id, id, customer_id, at, points, reason) VALUES ($1, $2, $3, $4, 10, 'Bezoek')`,
        [tenantId, id, customerId, day],
      );
      return id;
    case 'messages':
      await database.query(
        `INSERT INTO messages (tenant_id, id, customer_id, to_address, subject, body, status) VALUES ($1, $2, $3, 'x@example.com', 'Herinnering', 'Tot morgen', 'sent')`,
        [tenantId, id, customerId],
      );
      return id;
    case 'customer_notes':
      await database.query(
        `INSERT INTO customer_notes (tenant_id, id, customer_id, position, body)
         VALUES ($1, $2, $3, (SELECT coalesce(max(position), 0) + 1 FROM customer_notes WHERE tenant_id = $1 AND customer_id = $3), 'Notitie')`,
        [tenantId, id, customerId],
      );
      return id;
    case 'customer_contact_points':
      await database.query(
        `INSERT INTO customer_contact_points (tenant_id, id, customer_id, kind, value, normalized, origin) VALUES ($1, $2, $3, 'email', $4, $4, 'staff')`,
        [tenantId, id, customerId, `extra-${id.slice(0, 8)}@example.com`],
      );
      return id;
    case 'online_accounts':
      // Disabled, so several may exist on one customer without a login clash.
      return addAccount(database, tenantId, customerId, `login-${id.slice(0, 8)}@example.com`, 'disabled');
  }
}

/** Every history row of the tenant: table, id, owner (and a note's position). */
export async function historyOwners(database: Database, tenantId: string): Promise<Map<string, string>> {
  const owners = new Map<string, string>();
  for (const table of HISTORY_TABLES) {
    const rows = await database.query<{ id: string; customer_id: string; position?: number }>(
      `SELECT id, customer_id${table === 'customer_notes' ? ', position' : ''} FROM ${table} WHERE tenant_id = $1`,
      [tenantId],
    );
    for (const r of rows)
      owners.set(`${table}:${r.id}`, `${r.customer_id}${r.position === undefined ? '' : `@${r.position}`}`);
  }
  return owners;
}

export interface SeedCase {
  stephanie: string;
  stefanie: string;
  stefanieAccount: string;
}

/** The brief's Stephanie Wahters (desk, 3 appointments) and stefanie wachters (online, 2, with a login). */
export async function seedCase(database: Database, actor: Actor): Promise<SeedCase> {
  const t = actor.tenantId;
  const stephanie = await addCustomer(
    database,
    actor,
    {
      gender: 'female',
      firstName: 'Stephanie',
      lastName: 'Wahters',
      email: 'stephaniewachters@telenet.be',
      mobile: '0475 888 888',
      birthDate: '1988-06-14',
      street: 'Bruul',
      houseNumber: '42',
      postalCode: '2800',
      city: 'Mechelen',
      newsletterConsent: true,
    },
    { since: '2022-03-24T09:05:00.000Z' },
  );
  const stefanie = await addCustomer(
    database,
    actor,
    {
      gender: 'female',
      firstName: 'stefanie',
      lastName: 'wachters',
      email: 'stefaniew@hotmail.com',
      mobile: '0475 888 888',
      newsletterConsent: false,
    },
    { source: 'online', since: '2022-03-24T21:40:00.000Z' },
  );
  for (const start of ['2022-03-24T09:30:00Z', '2022-05-12T14:00:00Z', '2022-07-07T10:00:00Z'])
    await addAppointment(database, t, stephanie, start);
  for (const start of ['2022-03-26T10:00:00Z', '2022-03-28T15:30:00Z'])
    await addAppointment(database, t, stefanie, start, 30);
  await addHistoryRow(database, t, stephanie, 'invoices');
  await addHistoryRow(database, t, stephanie, 'customer_notes');
  for (let i = 0; i < 3; i++) await addHistoryRow(database, t, stephanie, 'loyalty_ledger', i);
  await addHistoryRow(database, t, stefanie, 'loyalty_ledger');
  await addHistoryRow(database, t, stefanie, 'customer_notes');
  await addHistoryRow(database, t, stefanie, 'booking_requests');
  const stefanieAccount = await addAccount(database, t, stefanie, 'stefaniew@hotmail.com', 'active');
  return { stephanie, stefanie, stefanieAccount };
}
