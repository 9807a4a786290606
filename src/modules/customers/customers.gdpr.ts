/**
 * GDPR access request: everything the business holds about one person, as one JSON document —
 * the profile and the older records merged into it (the same person), contact points, appointments,
 * booking requests, invoices, subscriptions, loyalty points, messages, notes, the online account
 * (without password hash or tokens), newsletter consent, merges and the audit entries. Owners only;
 * the export itself is written to the audit log.
 */
import type { Database } from '../../db/connection.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import type { Actor } from '../shared/actor.ts';
import { actorLabel } from '../shared/actor.ts';
import { notFound } from '../shared/errors.ts';
import * as history from './customers.history.ts';
import { presentCustomer } from './customers.presenter.ts';
import * as repo from './customers.repository.ts';

export const GDPR_EXPORT_FORMAT = 'clienteel.customer-export.v1';

export async function exportCustomerData(database: Database, actor: Actor, id: string, now: Date) {
  const db = database.db;
  const row = await repo.findCustomerRow(db, actor.tenantId, id);
  if (!row || row.deletedAt !== null) throw notFound('customer');
  const mergedIds = await history.mergedAwayInto(db, actor.tenantId, row.id);
  const merged = await repo.findCustomerRows(db, actor.tenantId, mergedIds);
  const ids = [row.id, ...mergedIds];
  const t = actor.tenantId;
  const [
    contactPoints,
    appointments,
    bookingRequests,
    invoices,
    subscriptions,
    loyalty,
    messages,
    notes,
    onlineAccounts,
    merges,
    audit,
  ] = await Promise.all([
    history.allRowsOf(db, t, 'customer_contact_points', ids),
    history.allRowsOf(db, t, 'appointments', ids),
    history.allRowsOf(db, t, 'booking_requests', ids),
    history.allRowsOf(db, t, 'invoices', ids),
    history.allRowsOf(db, t, 'subscriptions', ids),
    history.allRowsOf(db, t, 'loyalty_ledger', ids),
    history.allRowsOf(db, t, 'messages', ids),
    history.allRowsOf(db, t, 'customer_notes', ids),
    history.onlineAccountsOf(db, t, ids),
    history.mergesOf(db, t, ids),
    history.auditEntriesOf(db, t, ids),
  ]);
  const document = {
    format: GDPR_EXPORT_FORMAT,
    exportedAt: now.toISOString(),
    exportedBy: actorLabel(actor),
    customer: presentCustomer(row),
    mergedRecords: [...merged.values()].map((m) => presentCustomer(m)),
    consents: [
      {
        kind: 'newsletter',
        given: row.newsletterConsent,
        at: row.newsletterConsentAt,
        how: row.newsletterConsentSource,
      },
    ],
    contactPoints: contactPoints.map(withoutTenant),
    appointments: appointments.map(withoutTenant),
    bookingRequests: bookingRequests.map(withoutTenant),
    invoices: invoices.map(withoutTenant),
    subscriptions: subscriptions.map(withoutTenant),
    loyalty: {
      balance: loyalty.reduce((sum, l) => sum + Number(l.points ?? 0), 0),
      entries: loyalty.map(withoutTenant),
    },
    messages: messages.map(withoutTenant),
    notes: notes.map(withoutTenant),
    onlineAccounts,
    merges,
    auditLog: audit,
  };
  await writeAudit(db, {
    tenantId: t,
    actorStaffId: actor.staffId,
    actor: actorLabel(actor),
    action: 'customer.exported',
    entityType: 'customer',
    entityId: row.id,
    customerIds: [row.id],
    details: { number: row.number, format: GDPR_EXPORT_FORMAT },
    at: now,
  });
  return document;
}

function withoutTenant(row: Record<string, unknown>): Record<string, unknown> {
  const { tenant_id: _tenant, ...rest } = row;
  return rest;
}
