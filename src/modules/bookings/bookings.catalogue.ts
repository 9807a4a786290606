/** The services a business offers on its booking page (owners keep the list). */
import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/connection.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import type { Actor } from '../shared/actor.ts';
import { actorLabel } from '../shared/actor.ts';
import { AppError, notFound } from '../shared/errors.ts';
import * as repo from './bookings.repository.ts';
import type { BookingServiceRow } from './bookings.repository.ts';

export interface ServiceInput {
  name?: string | undefined;
  durationMinutes?: number | undefined;
  priceCents?: number | undefined;
  position?: number | undefined;
  active?: boolean | undefined;
}

export async function createService(
  database: Database,
  actor: Actor,
  input: Required<Pick<ServiceInput, 'name' | 'durationMinutes'>> & ServiceInput,
  now: Date,
): Promise<BookingServiceRow> {
  return database.db.transaction(async (tx) => {
    if (await repo.serviceNameTaken(tx, actor.tenantId, input.name, null)) {
      throw new AppError(409, 'booking.service_name_taken', { field: 'name' });
    }
    const row = await repo.insertService(tx, {
      tenantId: actor.tenantId,
      id: randomUUID(),
      name: input.name,
      durationMinutes: input.durationMinutes,
      priceCents: input.priceCents ?? 0,
      position: input.position ?? 0,
      active: input.active ?? true,
      createdAt: now,
    });
    await writeAudit(tx, {
      tenantId: actor.tenantId,
      actorStaffId: actor.staffId,
      actor: actorLabel(actor),
      action: 'booking_service.created',
      entityType: 'booking_service',
      entityId: row.id,
      details: { name: row.name },
      at: now,
    });
    return row;
  });
}

export async function updateService(
  database: Database,
  actor: Actor,
  id: string,
  input: ServiceInput,
  now: Date,
): Promise<BookingServiceRow> {
  return database.db.transaction(async (tx) => {
    const current = await repo.findService(tx, actor.tenantId, id);
    if (!current) throw notFound('booking_service');
    if (input.name !== undefined && (await repo.serviceNameTaken(tx, actor.tenantId, input.name, id))) {
      throw new AppError(409, 'booking.service_name_taken', { field: 'name' });
    }
    const patch = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    const row = await repo.updateService(tx, actor.tenantId, id, patch);
    await writeAudit(tx, {
      tenantId: actor.tenantId,
      actorStaffId: actor.staffId,
      actor: actorLabel(actor),
      action: 'booking_service.updated',
      entityType: 'booking_service',
      entityId: id,
      details: { changes: patch },
      at: now,
    });
    return row;
  });
}
