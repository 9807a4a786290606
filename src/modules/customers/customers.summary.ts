/**
 * What the profile shows beside the customer's fields: appointments past and future, online
 * booking requests, invoices with their totals, subscriptions, loyalty points, and the sidebar
 * (created at, number of appointments, customer since, last appointment, the first five notes).
 */
import type { Database } from '../../db/connection.ts';
import { listNotes } from '../notes/notes.repository.ts';
import * as history from './customers.history.ts';
import { resolveCustomer } from './customers.service.ts';

/** How many of each kind the profile lists (counts and totals are always complete). */
export const SUMMARY_LIMIT = 20;

export async function customerSummary(database: Database, tenantId: string, id: string, now: Date) {
  const db = database.db;
  const { row } = await resolveCustomer(db, tenantId, id);
  const c = row.id;
  const [stats, upcoming, past, bookingRequests, invoices, totals, subscriptions, loyaltyBalance, notes] =
    await Promise.all([
      history.appointmentStats(db, tenantId, c, now),
      history.appointmentsOf(db, tenantId, c, { when: 'upcoming', now, limit: SUMMARY_LIMIT }),
      history.appointmentsOf(db, tenantId, c, { when: 'past', now, limit: SUMMARY_LIMIT }),
      history.bookingRequestsOf(db, tenantId, c, { limit: SUMMARY_LIMIT }),
      history.invoicesOf(db, tenantId, c, { limit: SUMMARY_LIMIT }),
      history.invoiceTotals(db, tenantId, c),
      history.subscriptionsOf(db, tenantId, c),
      history.loyaltyBalance(db, tenantId, c),
      listNotes(db, tenantId, c, 5),
    ]);
  return {
    customerId: c,
    appointments: { ...stats, upcomingItems: upcoming, pastItems: past },
    bookingRequests,
    invoices: { ...totals, items: invoices },
    subscriptions,
    loyaltyBalance,
    sidebar: {
      createdAt: row.createdAt,
      customerSince: row.customerSince,
      appointmentCount: stats.total,
      lastAppointmentAt: stats.lastAt,
      nextAppointmentAt: stats.nextAt,
      firstNotes: notes.map((n) => ({ id: n.id, text: n.body })),
    },
  };
}
