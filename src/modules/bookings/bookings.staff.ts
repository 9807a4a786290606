/**
 * Staff handling of online booking requests: the open requests, one request with the profile it is
 * linked to and the differences between them, confirm (an appointment, and the typed values staff
 * chose to take over — never more), decline. Confirming is one transaction; taking values over
 * needs the profile's version, so an edit made meanwhile is a 409 instead of being overwritten.
 */
import { sql } from 'drizzle-orm';
import { nameOf } from '../../core/customer/customer.ts';
import type { CustomerInput } from '../../core/customer/customer.ts';
import { changedFields, validateCustomer } from '../../core/customer/validate.ts';
import { rows } from '../../db/connection.ts';
import type { Database, Db } from '../../db/connection.ts';
import { insertAppointmentFor, timesOf } from '../appointments/appointments.service.ts';
import type { AppointmentRow } from '../appointments/appointments.repository.ts';
import { findAppointment } from '../appointments/appointments.repository.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import * as customers from '../customers/customers.repository.ts';
import type { CustomerRow } from '../customers/customers.repository.ts';
import { resolveCustomer, validationContext, validationFailed } from '../customers/customers.service.ts';
import { reindexCustomers } from '../duplicates/matchIndex.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { MessageRow } from '../messages/messages.repository.ts';
import { deliver, storeMail } from '../messages/messages.service.ts';
import type { Actor } from '../shared/actor.ts';
import { actorLabel } from '../shared/actor.ts';
import { AppError, invalid, notFound } from '../shared/errors.ts';
import { isLanguage } from '../shared/language.ts';
import type { Language } from '../shared/language.ts';
import { findTenant } from '../tenants/tenants.repository.ts';
import { differences, takeOverInput } from './differences.ts';
import type { Difference, TakeOverField } from './differences.ts';
import { confirmedMail, declinedMail } from './bookings.mail.ts';
import type { BookingMail } from './bookings.mail.ts';
import * as repo from './bookings.repository.ts';
import type { BookingRequestRow } from './bookings.repository.ts';
import './bookings.messages.ts';

export interface RequestDetail {
  request: BookingRequestRow;
  customer: CustomerRow | null;
  differences: Difference[];
  appointment: AppointmentRow | null;
}

const typedOf = (r: BookingRequestRow) => ({
  firstName: r.firstName,
  lastName: r.lastName,
  email: r.email,
  phone: r.phone,
});

async function countryOf(database: Database, tenantId: string): Promise<string> {
  return (await findTenant(database.db, tenantId))?.country ?? 'BE';
}

export async function requestDetail(
  database: Database,
  tenantId: string,
  id: string,
): Promise<RequestDetail> {
  const request = await repo.findRequest(database.db, tenantId, id);
  if (!request) throw notFound('booking_request');
  let customer: CustomerRow | null = null;
  if (request.customerId) {
    try {
      customer = (await resolveCustomer(database.db, tenantId, request.customerId)).row;
    } catch (err) {
      if (!(err instanceof AppError && err.status === 404)) throw err;
    }
  }
  const diff =
    customer && request.status === 'open'
      ? differences(typedOf(request), customers.valuesOf(customer), await countryOf(database, tenantId))
      : [];
  const appointment = request.appointmentId
    ? ((await findAppointment(database.db, tenantId, request.appointmentId)) ?? null)
    : null;
  return { request, customer, differences: diff, appointment };
}

export interface Confirm {
  takeOver?: TakeOverField[] | undefined;
  /** The profile version staff saw; required when taking values over. */
  version?: number | undefined;
  startAt?: Date | undefined;
  durationMinutes?: number | undefined;
  staffMember?: string | null | undefined;
}

/**
 * The answer e-mailed to the address the customer typed, stored with the customer in the same
 * transaction as the decision (delivered after it commits). No address, or an erased customer: none.
 */
async function storeAnswer(
  tx: Db,
  actor: Actor,
  request: BookingRequestRow,
  customer: CustomerRow,
  answer: (
    lang: Language,
    p: { business: string; name: string; service: string; country: string },
  ) => BookingMail,
  now: Date,
): Promise<MessageRow | null> {
  if (!request.email || customer.erasedAt !== null) return null;
  const tenant = await findTenant(tx, actor.tenantId);
  const lang: Language = isLanguage(request.language)
    ? request.language
    : isLanguage(tenant?.language)
      ? tenant.language
      : 'en';
  const mail = answer(lang, {
    business: tenant?.name ?? '',
    name: [request.firstName, request.lastName].filter(Boolean).join(' ') || (nameOf(customer) ?? ''),
    service: request.service,
    country: tenant?.country ?? 'BE',
  });
  return storeMail(tx, actor.tenantId, customer.id, request.email, mail, actor.staffId, now);
}

export async function confirmRequest(
  database: Database,
  mailer: Mailer,
  actor: Actor,
  id: string,
  input: Confirm,
  now: Date,
): Promise<RequestDetail> {
  const answer = await database.db.transaction(async (tx) => {
    const request = await repo.lockRequest(tx, actor.tenantId, id);
    if (!request) throw notFound('booking_request');
    if (request.status !== 'open')
      throw new AppError(409, 'booking.already_decided', { details: { status: request.status } });
    const { row: locked } = await resolveCustomer(tx, actor.tenantId, request.customerId ?? '');
    const [customer] = await customers.lockCustomerRows(tx, actor.tenantId, [locked.id]);
    if (!customer) throw notFound('customer');
    const vctx = await validationContext(tx, actor.tenantId, now);
    const base = customers.valuesOf(customer);

    let takenOver: Record<string, { from: unknown; to: unknown }> = {};
    const wanted = [...new Set(input.takeOver ?? [])];
    if (wanted.length > 0) {
      if (input.version !== customer.version) {
        throw new AppError(409, 'version_conflict', {
          details: {
            current: { id: customer.id, version: customer.version, ...base },
            yourVersion: input.version ?? null,
          },
        });
      }
      const diff = differences(typedOf(request), base, vctx.defaultCountry);
      const chosen = wanted.map((field) => {
        const d = diff.find((x) => x.field === field);
        if (!d) throw invalid('takeOver', 'booking.not_a_difference', { field });
        return d;
      });
      const checked = validateCustomer(takeOverInput(chosen) as CustomerInput, base, vctx);
      if (!checked.ok) throw validationFailed(checked.errors);
      const changed = changedFields(base, checked.values);
      const updated = await customers.updateCustomerValues(
        tx,
        actor.tenantId,
        customer.id,
        customer.version,
        checked.values,
        now,
      );
      if (!updated) throw new Error(`customer ${customer.id} changed while locked`);
      await reindexCustomers(tx, actor.tenantId, [customer.id], vctx.defaultCountry);
      takenOver = Object.fromEntries(changed.map((f) => [f, { from: base[f], to: checked.values[f] }]));
      await writeAudit(tx, {
        tenantId: actor.tenantId,
        actorStaffId: actor.staffId,
        actor: actorLabel(actor),
        action: 'customer.updated',
        entityType: 'customer',
        entityId: customer.id,
        customerIds: [customer.id],
        details: { source: 'online booking', bookingRequestId: request.id, changes: takenOver },
        at: now,
      });
    }

    // The business's own service, else (a service the page offered from history) its usual length
    // and price over the last year, as the page showed them.
    const service = request.serviceId
      ? await repo.findService(tx, actor.tenantId, request.serviceId)
      : (
          await repo.servicesFromHistory(
            tx,
            actor.tenantId,
            new Date(now.getTime() - 365 * 86_400_000),
            1,
            request.service,
          )
        )[0];
    const times = timesOf({
      startAt: input.startAt ?? request.wishedStart,
      durationMinutes: input.durationMinutes ?? service?.durationMinutes ?? 30,
    });
    const appointment = await insertAppointmentFor(
      tx,
      actor,
      customer,
      {
        ...times,
        service: request.service,
        staffMember: input.staffMember ?? null,
        priceCents: service?.priceCents ?? 0,
        bookingRequestId: request.id,
      },
      now,
    );
    await repo.updateRequest(tx, actor.tenantId, request.id, {
      status: 'confirmed',
      customerId: customer.id,
      appointmentId: appointment.id,
      decidedAt: now,
      decidedBy: actor.staffId,
      takenOver,
    });
    await writeAudit(tx, {
      tenantId: actor.tenantId,
      actorStaffId: actor.staffId,
      actor: actorLabel(actor),
      action: 'booking.confirmed',
      entityType: 'booking_request',
      entityId: request.id,
      customerIds: [customer.id],
      details: { appointmentId: appointment.id, takenOver: Object.keys(takenOver) },
      at: now,
    });
    return storeAnswer(
      tx,
      actor,
      request,
      customer,
      (lang, p) => confirmedMail(lang, { ...p, start: times.startAt }),
      now,
    );
  });
  if (answer) await deliver(database, mailer, answer, now);
  return requestDetail(database, actor.tenantId, id);
}

/**
 * Declines a request. The customer is told by e-mail (with the reason) when they typed an address.
 * A profile the request itself created, that nobody has touched and that has nothing else — no
 * other request, appointment, invoice, note, subscription, points, message or account — is
 * archived with it (reversible, logged), so declined strangers do not fill the customer list.
 */
export async function declineRequest(
  database: Database,
  mailer: Mailer,
  actor: Actor,
  id: string,
  reason: string | null,
  now: Date,
): Promise<RequestDetail> {
  const answer = await database.db.transaction(async (tx) => {
    const request = await repo.lockRequest(tx, actor.tenantId, id);
    if (!request) throw notFound('booking_request');
    if (request.status !== 'open')
      throw new AppError(409, 'booking.already_decided', { details: { status: request.status } });
    let customer: CustomerRow | undefined;
    if (request.customerId) {
      const { row } = await resolveCustomer(tx, actor.tenantId, request.customerId).catch((err: unknown) => {
        if (err instanceof AppError && err.status === 404) return { row: undefined };
        throw err;
      });
      if (row) [customer] = await customers.lockCustomerRows(tx, actor.tenantId, [row.id]);
    }
    if (
      customer &&
      request.link === 'new' &&
      customer.id === request.customerId &&
      (await untouched(tx, customer, request))
    ) {
      await customers.setArchivedAt(tx, actor.tenantId, customer.id, now, now);
      await reindexCustomers(
        tx,
        actor.tenantId,
        [customer.id],
        (await findTenant(tx, actor.tenantId))?.country ?? 'BE',
      );
      await writeAudit(tx, {
        tenantId: actor.tenantId,
        actorStaffId: actor.staffId,
        actor: actorLabel(actor),
        action: 'customer.archived',
        entityType: 'customer',
        entityId: customer.id,
        customerIds: [customer.id],
        details: { number: customer.number, reason: 'booking declined', bookingRequestId: request.id },
        at: now,
      });
    }
    await repo.updateRequest(tx, actor.tenantId, id, {
      status: 'declined',
      declineReason: reason,
      decidedAt: now,
      decidedBy: actor.staffId,
    });
    await writeAudit(tx, {
      tenantId: actor.tenantId,
      actorStaffId: actor.staffId,
      actor: actorLabel(actor),
      action: 'booking.declined',
      entityType: 'booking_request',
      entityId: id,
      customerIds: request.customerId ? [request.customerId] : [],
      details: { reason },
      at: now,
    });
    return customer
      ? storeAnswer(
          tx,
          actor,
          request,
          customer,
          (lang, p) => declinedMail(lang, { ...p, start: request.wishedStart, reason }),
          now,
        )
      : null;
  });
  if (answer) await deliver(database, mailer, answer, now);
  return requestDetail(database, actor.tenantId, id);
}

/** A profile exactly as its online request created it, with nothing but that request. */
async function untouched(tx: Db, customer: CustomerRow, request: BookingRequestRow): Promise<boolean> {
  if (customer.source !== 'online' || customer.version !== 1 || customer.archivedAt !== null) return false;
  const [found] = await rows<{ other: boolean }>(
    tx,
    sql`SELECT EXISTS (SELECT 1 FROM booking_requests WHERE tenant_id = ${customer.tenantId} AND customer_id = ${customer.id} AND id <> ${request.id})
        OR EXISTS (SELECT 1 FROM appointments WHERE tenant_id = ${customer.tenantId} AND customer_id = ${customer.id})
        OR EXISTS (SELECT 1 FROM invoices WHERE tenant_id = ${customer.tenantId} AND customer_id = ${customer.id})
        OR EXISTS (SELECT 1 FROM customer_notes WHERE tenant_id = ${customer.tenantId} AND customer_id = ${customer.id})
        OR EXISTS (SELECT 1 FROM subscriptions WHERE tenant_id = ${customer.tenantId} AND customer_id = ${customer.id})
        OR EXISTS (SELECT 1 FROM loyalty_ledger WHERE tenant_id = ${customer.tenantId} AND customer_id = ${customer.id})
        OR EXISTS (SELECT 1 FROM messages WHERE tenant_id = ${customer.tenantId} AND customer_id = ${customer.id})
        OR EXISTS (SELECT 1 FROM online_accounts WHERE tenant_id = ${customer.tenantId} AND customer_id = ${customer.id}) AS other`,
  );
  return found?.other === false;
}
