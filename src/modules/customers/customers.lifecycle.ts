/**
 * Archive, restore, delete and erase. Archive is the everyday way to take a customer out of the
 * list and searches, and is undone by restore. Delete (owners) and erase (owners, GDPR) anonymise
 * the profile in place: the row stays as a stub so past appointments and invoices keep pointing at
 * something and the books stay whole, but nothing on it identifies the person any more.
 *
 * Rules:
 * - Both are refused while the customer has future appointments, open booking requests or unpaid
 *   invoices (they still need the person's data; GDPR Art. 17(3)(e) lets a business keep what an
 *   open claim needs). The refusal lists them.
 * - Both remove the notes, contact points, messages and online account, clear the personal fields
 *   of past booking requests, and do the same to the older records merged into the customer (the
 *   same person). Appointments, invoices, subscriptions and loyalty points stay, anonymous.
 * - Delete sets deleted_at: the customer is gone (404). Erase sets erased_at and archives: the
 *   anonymous stub stays visible under the archived filter with its history.
 * - Earlier audit entries about only this customer lose their details (they may hold old values);
 *   the new entry says who did it and when.
 */
import { sql } from 'drizzle-orm';
import type { Database, Db } from '../../db/connection.ts';
import { rows } from '../../db/connection.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { reindexCustomers } from '../duplicates/matchIndex.ts';
import type { Actor } from '../shared/actor.ts';
import { actorLabel } from '../shared/actor.ts';
import { AppError, notFound } from '../shared/errors.ts';
import { findTenant } from '../tenants/tenants.repository.ts';
import * as history from './customers.history.ts';
import type { AppointmentItem, BookingRequestItem, InvoiceItem } from './customers.history.ts';
import * as repo from './customers.repository.ts';
import type { CustomerRow } from './customers.repository.ts';
import './customers.messages.ts';

/** At most this many of each kind are listed in a refusal (the counts are always complete). */
const LISTED = 20;

export interface OpenItems {
  futureAppointments: AppointmentItem[];
  openBookingRequests: BookingRequestItem[];
  unpaidInvoices: InvoiceItem[];
}

export interface RemovalPreview {
  customerId: string;
  number: number;
  open: OpenItems;
  allowed: boolean;
  /** What the removal takes away or anonymises. */
  removes: {
    notes: number;
    contactPoints: number;
    messages: number;
    onlineAccounts: number;
    mergedRecords: number;
  };
  /** What stays, anonymous. */
  keeps: { appointments: number; invoices: number; subscriptions: number; loyaltyEntries: number };
}

/** A customer that can be acted on: exists, not deleted, not merged away (409 names the survivor). */
async function liveRow(db: Db, actor: Actor, id: string, lock = false): Promise<CustomerRow> {
  const row = lock
    ? (await repo.lockCustomerRows(db, actor.tenantId, repo.isUuidLike(id) ? [id] : []))[0]
    : await repo.findCustomerRow(db, actor.tenantId, id);
  if (!row || row.deletedAt !== null) throw notFound('customer');
  if (row.mergedInto !== null) {
    throw new AppError(409, 'customer_merged', { details: { mergedInto: row.mergedInto } });
  }
  return row;
}

function checkVersion(row: CustomerRow, version: number | undefined): void {
  if (version !== undefined && version !== row.version) {
    throw new AppError(409, 'version_conflict', {
      details: { current: { id: row.id, version: row.version, ...repo.valuesOf(row) }, yourVersion: version },
    });
  }
}

async function defaultCountry(db: Db, tenantId: string): Promise<string> {
  return (await findTenant(db, tenantId))?.country ?? 'BE';
}

async function setArchived(
  database: Database,
  actor: Actor,
  id: string,
  archived: boolean,
  version: number | undefined,
  now: Date,
): Promise<CustomerRow> {
  return database.db.transaction(async (tx) => {
    const row = await liveRow(tx, actor, id, true);
    checkVersion(row, version);
    if (row.erasedAt !== null) throw new AppError(409, 'customer_erased');
    if ((row.archivedAt !== null) === archived) return row;
    await repo.setArchivedAt(tx, actor.tenantId, row.id, archived ? now : null, now);
    await reindexCustomers(tx, actor.tenantId, [row.id], await defaultCountry(tx, actor.tenantId));
    await writeAudit(tx, {
      tenantId: actor.tenantId,
      actorStaffId: actor.staffId,
      actor: actorLabel(actor),
      action: archived ? 'customer.archived' : 'customer.restored',
      entityType: 'customer',
      entityId: row.id,
      customerIds: [row.id],
      details: { number: row.number },
      at: now,
    });
    return (await repo.findCustomerRow(tx, actor.tenantId, row.id))!;
  });
}

/** Hides the customer from the list, searches and duplicate detection; reversible. */
export function archiveCustomer(
  database: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
  now: Date,
) {
  return setArchived(database, actor, id, true, version, now);
}

export function restoreCustomer(
  database: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
  now: Date,
) {
  return setArchived(database, actor, id, false, version, now);
}

async function openItems(db: Db, tenantId: string, customerId: string, now: Date): Promise<OpenItems> {
  const [futureAppointments, openBookingRequests, unpaidInvoices] = await Promise.all([
    history
      .appointmentsOf(db, tenantId, customerId, { when: 'upcoming', now, limit: LISTED })
      .then((list) => list.filter((a) => a.status === 'booked')),
    history.bookingRequestsOf(db, tenantId, customerId, { onlyOpen: true, limit: LISTED }),
    history.invoicesOf(db, tenantId, customerId, { onlyUnpaid: true, limit: LISTED }),
  ]);
  return { futureAppointments, openBookingRequests, unpaidInvoices };
}

const hasOpen = (o: OpenItems) =>
  o.futureAppointments.length + o.openBookingRequests.length + o.unpaidInvoices.length > 0;

function refusal(row: CustomerRow, open: OpenItems): AppError {
  return new AppError(409, 'customer_has_open_items', {
    params: {
      appointments: open.futureAppointments.length,
      requests: open.openBookingRequests.length,
      invoices: open.unpaidInvoices.length,
    },
    details: { customerId: row.id, ...open },
  });
}

/** What deleting or erasing would do, and whether it is allowed now; changes nothing. */
export async function previewRemoval(
  database: Database,
  actor: Actor,
  id: string,
  now: Date,
): Promise<RemovalPreview> {
  const db = database.db;
  const row = await liveRow(db, actor, id);
  const merged = await history.mergedAwayInto(db, actor.tenantId, row.id);
  const ids = [row.id, ...merged];
  const open = await openItems(db, actor.tenantId, row.id, now);
  const [c] = await rows<Record<string, number>>(
    db,
    sql`SELECT
      (SELECT count(*)::int FROM customer_notes WHERE tenant_id = ${actor.tenantId} AND customer_id = ANY(${sql.param(ids)}::uuid[])) AS notes,
      (SELECT count(*)::int FROM customer_contact_points WHERE tenant_id = ${actor.tenantId} AND customer_id = ANY(${sql.param(ids)}::uuid[])) AS contact_points,
      (SELECT count(*)::int FROM messages WHERE tenant_id = ${actor.tenantId} AND customer_id = ANY(${sql.param(ids)}::uuid[])) AS messages,
      (SELECT count(*)::int FROM online_accounts WHERE tenant_id = ${actor.tenantId} AND customer_id = ANY(${sql.param(ids)}::uuid[])) AS online_accounts,
      (SELECT count(*)::int FROM appointments WHERE tenant_id = ${actor.tenantId} AND customer_id = ANY(${sql.param(ids)}::uuid[])) AS appointments,
      (SELECT count(*)::int FROM invoices WHERE tenant_id = ${actor.tenantId} AND customer_id = ANY(${sql.param(ids)}::uuid[])) AS invoices,
      (SELECT count(*)::int FROM subscriptions WHERE tenant_id = ${actor.tenantId} AND customer_id = ANY(${sql.param(ids)}::uuid[])) AS subscriptions,
      (SELECT count(*)::int FROM loyalty_ledger WHERE tenant_id = ${actor.tenantId} AND customer_id = ANY(${sql.param(ids)}::uuid[])) AS loyalty`,
  );
  const n = (k: string) => Number(c?.[k] ?? 0);
  return {
    customerId: row.id,
    number: row.number,
    open,
    allowed: !hasOpen(open),
    removes: {
      notes: n('notes'),
      contactPoints: n('contact_points'),
      messages: n('messages'),
      onlineAccounts: n('online_accounts'),
      mergedRecords: merged.length,
    },
    keeps: {
      appointments: n('appointments'),
      invoices: n('invoices'),
      subscriptions: n('subscriptions'),
      loyaltyEntries: n('loyalty'),
    },
  };
}

async function remove(
  database: Database,
  actor: Actor,
  id: string,
  mode: 'deleted' | 'erased',
  version: number | undefined,
  now: Date,
): Promise<{ id: string; number: number }> {
  return database.db.transaction(async (tx) => {
    const row = await liveRow(tx, actor, id, true);
    checkVersion(row, version);
    if (row.erasedAt !== null && mode === 'erased') throw new AppError(409, 'customer_erased');
    // Checked again under the lock: nothing can be booked on the customer in between.
    const open = await openItems(tx, actor.tenantId, row.id, now);
    if (hasOpen(open)) throw refusal(row, open);
    const merged = await history.mergedAwayInto(tx, actor.tenantId, row.id);
    const ids = [row.id, ...merged];
    const removed = await repo.anonymiseCustomers(tx, actor.tenantId, ids, mode, now);
    await reindexCustomers(tx, actor.tenantId, ids, await defaultCountry(tx, actor.tenantId));
    await repo.scrubAuditDetails(tx, actor.tenantId, ids);
    await writeAudit(tx, {
      tenantId: actor.tenantId,
      actorStaffId: actor.staffId,
      actor: actorLabel(actor),
      action: mode === 'deleted' ? 'customer.deleted' : 'customer.erased',
      entityType: 'customer',
      entityId: row.id,
      customerIds: ids,
      details: { number: row.number, mergedRecords: merged.length, removed },
      at: now,
    });
    return { id: row.id, number: row.number };
  });
}

/** Deletes the profile (owners): see the rules above. */
export function deleteCustomer(
  database: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
  now: Date,
) {
  return remove(database, actor, id, 'deleted', version, now);
}

/** Erases the person (owners, GDPR): anonymised in place, financial history kept anonymous. */
export function eraseCustomer(
  database: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
  now: Date,
) {
  return remove(database, actor, id, 'erased', version, now);
}
