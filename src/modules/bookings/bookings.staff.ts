/**
 * Staff handling of online booking requests: the open requests, one request with the profile it is
 * linked to and the differences between them, confirm (an appointment, and the typed values staff
 * chose to take over — never more), decline. Confirming is one transaction; taking values over
 * needs the profile's version, so an edit made meanwhile is a 409 instead of being overwritten.
 */
import type { CustomerInput } from '../../core/customer/customer.ts';
import { changedFields, validateCustomer } from '../../core/customer/validate.ts';
import type { Database } from '../../db/connection.ts';
import { insertAppointmentFor, timesOf } from '../appointments/appointments.service.ts';
import type { AppointmentRow } from '../appointments/appointments.repository.ts';
import { findAppointment } from '../appointments/appointments.repository.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import * as customers from '../customers/customers.repository.ts';
import type { CustomerRow } from '../customers/customers.repository.ts';
import { resolveCustomer, validationContext, validationFailed } from '../customers/customers.service.ts';
import { reindexCustomers } from '../duplicates/matchIndex.ts';
import type { Actor } from '../shared/actor.ts';
import { actorLabel } from '../shared/actor.ts';
import { AppError, invalid, notFound } from '../shared/errors.ts';
import { findTenant } from '../tenants/tenants.repository.ts';
import { differences, takeOverInput } from './differences.ts';
import type { Difference, TakeOverField } from './differences.ts';
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

export async function confirmRequest(
  database: Database,
  actor: Actor,
  id: string,
  input: Confirm,
  now: Date,
): Promise<RequestDetail> {
  await database.db.transaction(async (tx) => {
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

    const service = request.serviceId
      ? await repo.findService(tx, actor.tenantId, request.serviceId)
      : undefined;
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
  });
  return requestDetail(database, actor.tenantId, id);
}

export async function declineRequest(
  database: Database,
  actor: Actor,
  id: string,
  reason: string | null,
  now: Date,
): Promise<RequestDetail> {
  await database.db.transaction(async (tx) => {
    const request = await repo.lockRequest(tx, actor.tenantId, id);
    if (!request) throw notFound('booking_request');
    if (request.status !== 'open')
      throw new AppError(409, 'booking.already_decided', { details: { status: request.status } });
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
  });
  return requestDetail(database, actor.tenantId, id);
}
