/**
 * The agenda: appointments of a day, and creating, moving, cancelling and completing them. A new
 * customer typed into the agenda or a walk-in goes through the same write path as every customer
 * (validation, numbering, match index, audit) with source "agenda" or "walk_in", after the
 * duplicate check — in the same transaction as the appointment, so either both exist or neither.
 */
import { randomUUID } from 'node:crypto';
import type { CustomerInput } from '../../core/customer/customer.ts';
import { splitFullName } from '../../core/import/index.ts';
import { EMPTY_VALUES, validateCustomer } from '../../core/customer/validate.ts';
import type { Database, Db } from '../../db/connection.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import type { CustomerRow } from '../customers/customers.repository.ts';
import {
  insertCustomer,
  resolveCustomer,
  validationContext,
  validationFailed,
} from '../customers/customers.service.ts';
import type { Actor } from '../shared/actor.ts';
import { actorLabel } from '../shared/actor.ts';
import { AppError, invalid, notFound } from '../shared/errors.ts';
import type { Language } from '../shared/language.ts';
import * as repo from './appointments.repository.ts';
import type { AppointmentRow } from './appointments.repository.ts';
import { refuseLikelyDuplicates } from './intake.ts';
import './appointments.messages.ts';

export const DEFAULT_DURATION_MINUTES = 30;
export const MAX_DURATION_MINUTES = 12 * 60;
/** The longest range the agenda reads at once. */
export const MAX_RANGE_DAYS = 42;

export interface Timing {
  startAt?: Date | undefined;
  endAt?: Date | undefined;
  durationMinutes?: number | undefined;
}

/** Start and end of an appointment from a start and an end or a duration; end after start, at most 12 hours. */
export function timesOf(
  t: Timing,
  fallback?: { startAt: Date; endAt: Date },
): { startAt: Date; endAt: Date } {
  const startAt = t.startAt ?? fallback?.startAt;
  if (!startAt) throw invalid('startAt', 'validation.required');
  const keptLength = fallback
    ? fallback.endAt.getTime() - fallback.startAt.getTime()
    : DEFAULT_DURATION_MINUTES * 60_000;
  const endAt =
    t.endAt ??
    new Date(startAt.getTime() + (t.durationMinutes !== undefined ? t.durationMinutes * 60_000 : keptLength));
  const minutes = (endAt.getTime() - startAt.getTime()) / 60_000;
  if (minutes <= 0) throw invalid('endAt', 'appointment.end_before_start');
  if (minutes > MAX_DURATION_MINUTES)
    throw invalid('endAt', 'appointment.too_long', { maximum: MAX_DURATION_MINUTES });
  return { startAt, endAt };
}

interface Context {
  lang: Language;
  now: Date;
}

/** Validates a customer typed at the desk, runs the duplicate check, and inserts it in `tx`. */
async function newCustomer(
  tx: Db,
  actor: Actor,
  input: CustomerInput,
  source: 'agenda' | 'walk_in',
  allowDuplicate: boolean,
  ctx: Context,
): Promise<CustomerRow> {
  const vctx = await validationContext(tx, actor.tenantId, ctx.now);
  const checked = validateCustomer(input, EMPTY_VALUES, vctx);
  if (!checked.ok) throw validationFailed(checked.errors);
  if (!allowDuplicate) await refuseLikelyDuplicates(tx, actor.tenantId, checked.values, ctx);
  return insertCustomer(tx, actor.tenantId, input, { source, actor, now: ctx.now });
}

async function existingCustomer(tx: Db, tenantId: string, id: string): Promise<CustomerRow> {
  const { row } = await resolveCustomer(tx, tenantId, id);
  if (row.erasedAt !== null) throw new AppError(409, 'customer_erased');
  return row;
}

export interface NewAppointment extends Timing {
  customerId?: string | undefined;
  customer?: CustomerInput | undefined;
  allowDuplicate?: boolean | undefined;
  service: string;
  staffMember?: string | null | undefined;
  priceCents?: number | undefined;
}

export interface Created {
  appointment: AppointmentRow;
  customer: CustomerRow;
  customerCreated: boolean;
}

export async function createAppointment(
  database: Database,
  actor: Actor,
  input: NewAppointment,
  ctx: Context,
): Promise<Created> {
  if ((input.customerId === undefined) === (input.customer === undefined)) {
    throw invalid('customerId', 'appointment.customer_required');
  }
  const times = timesOf(input);
  return database.db.transaction(async (tx) => {
    const customer =
      input.customer !== undefined
        ? await newCustomer(tx, actor, input.customer, 'agenda', input.allowDuplicate ?? false, ctx)
        : await existingCustomer(tx, actor.tenantId, input.customerId!);
    const appointment = await insert(
      tx,
      actor,
      customer,
      {
        ...times,
        service: input.service,
        staffMember: input.staffMember ?? null,
        priceCents: input.priceCents ?? 0,
      },
      ctx.now,
    );
    return { appointment, customer, customerCreated: input.customer !== undefined };
  });
}

async function insert(
  tx: Db,
  actor: Actor,
  customer: CustomerRow,
  a: {
    startAt: Date;
    endAt: Date;
    service: string;
    staffMember: string | null;
    priceCents: number;
    bookingRequestId?: string;
  },
  now: Date,
): Promise<AppointmentRow> {
  const appointment = await repo.insertAppointment(tx, {
    tenantId: actor.tenantId,
    id: randomUUID(),
    customerId: customer.id,
    startAt: a.startAt,
    endAt: a.endAt,
    service: a.service,
    staffMember: a.staffMember,
    priceCents: a.priceCents,
    bookingRequestId: a.bookingRequestId ?? null,
    createdAt: now,
    updatedAt: now,
  });
  await writeAudit(tx, {
    tenantId: actor.tenantId,
    actorStaffId: actor.staffId,
    actor: actorLabel(actor),
    action: 'appointment.created',
    entityType: 'appointment',
    entityId: appointment.id,
    customerIds: [customer.id],
    details: { startAt: a.startAt.toISOString(), service: a.service },
    at: now,
  });
  return appointment;
}

export { insert as insertAppointmentFor };

export interface WalkIn {
  name: string;
  phone?: string | null | undefined;
  email?: string | null | undefined;
  customerId?: string | undefined;
  allowDuplicate?: boolean | undefined;
  service?: string | undefined;
  durationMinutes?: number | undefined;
  staffMember?: string | null | undefined;
}

/**
 * A walk-in: the customer who just came in (a name, perhaps a phone or an e-mail), served now. When
 * staff picked an existing customer from the warning, `customerId` books that one instead.
 */
export async function walkIn(
  database: Database,
  actor: Actor,
  input: WalkIn,
  ctx: Context,
): Promise<Created> {
  const startAt = new Date(Math.floor(ctx.now.getTime() / 60_000) * 60_000);
  const times = timesOf({ startAt, durationMinutes: input.durationMinutes ?? DEFAULT_DURATION_MINUTES });
  return database.db.transaction(async (tx) => {
    let customer: CustomerRow;
    let created = false;
    if (input.customerId !== undefined) {
      customer = await existingCustomer(tx, actor.tenantId, input.customerId);
    } else {
      const { firstName, lastName } = splitFullName(input.name);
      customer = await newCustomer(
        tx,
        actor,
        { firstName, lastName, mobile: input.phone ?? null, email: input.email ?? null },
        'walk_in',
        input.allowDuplicate ?? false,
        ctx,
      );
      created = true;
    }
    const appointment = await insert(
      tx,
      actor,
      customer,
      {
        ...times,
        service: input.service ?? 'Walk-in',
        staffMember: input.staffMember ?? null,
        priceCents: 0,
      },
      ctx.now,
    );
    return { appointment, customer, customerCreated: created };
  });
}

export interface Move extends Timing {
  service?: string | undefined;
  staffMember?: string | null | undefined;
  priceCents?: number | undefined;
}

async function change(
  database: Database,
  actor: Actor,
  id: string,
  now: Date,
  apply: (current: AppointmentRow) => Partial<AppointmentRow>,
  action: string,
): Promise<AppointmentRow> {
  return database.db.transaction(async (tx) => {
    const current = await repo.lockAppointment(tx, actor.tenantId, id);
    if (!current) throw notFound('appointment');
    if (current.status !== 'booked') {
      throw new AppError(409, 'appointment.not_booked', { details: { status: current.status } });
    }
    const patch = apply(current);
    const row = await repo.updateAppointment(tx, actor.tenantId, id, { ...patch, updatedAt: now });
    await writeAudit(tx, {
      tenantId: actor.tenantId,
      actorStaffId: actor.staffId,
      actor: actorLabel(actor),
      action,
      entityType: 'appointment',
      entityId: id,
      customerIds: [current.customerId],
      details: Object.fromEntries(
        Object.entries(patch).map(([k, v]) => [k, { from: current[k as keyof AppointmentRow], to: v }]),
      ),
      at: now,
    });
    return row;
  });
}

/** Moves or edits a booked appointment; a move without a new end keeps its length. */
export function moveAppointment(database: Database, actor: Actor, id: string, input: Move, now: Date) {
  return change(
    database,
    actor,
    id,
    now,
    (current) => ({
      ...timesOf(input, current),
      ...(input.service !== undefined ? { service: input.service } : {}),
      ...(input.staffMember !== undefined ? { staffMember: input.staffMember } : {}),
      ...(input.priceCents !== undefined ? { priceCents: input.priceCents } : {}),
    }),
    'appointment.moved',
  );
}

export function cancelAppointment(database: Database, actor: Actor, id: string, now: Date) {
  return change(database, actor, id, now, () => ({ status: 'cancelled' }), 'appointment.cancelled');
}

export function completeAppointment(database: Database, actor: Actor, id: string, now: Date) {
  return change(database, actor, id, now, () => ({ status: 'completed' }), 'appointment.completed');
}

export async function dayView(database: Database, tenantId: string, from: Date, to: Date) {
  if (!(to > from)) throw invalid('to', 'appointment.empty_range');
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86_400_000) {
    throw invalid('to', 'appointment.range_too_long', { maximum: MAX_RANGE_DAYS });
  }
  return repo.listBetween(database.db, tenantId, from, to);
}
