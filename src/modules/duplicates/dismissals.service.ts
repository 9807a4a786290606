/**
 * "Not a duplicate": staff decide that two customers are different people. The decision is stored
 * with both customers' identity hashes and holds while both keep them; when either side's names,
 * contact data, birth date or address change, the pair may be proposed again. Every decision and its
 * removal is in the audit log.
 */
import type { Database } from '../../db/connection.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { resolveCustomer } from '../customers/customers.service.ts';
import type { Actor } from '../shared/actor.ts';
import { actorLabel } from '../shared/actor.ts';
import { AppError, notFound } from '../shared/errors.ts';
import * as repo from './duplicates.repository.ts';
import './duplicates.messages.ts';

export interface DismissedPair {
  customerId: string;
  otherId: string;
}

/** Both ids resolved to live customers (merged-away ids to their survivor), ordered as stored (a < b). */
async function resolvePair(database: Database, actor: Actor, customerId: string, otherId: string) {
  const one = await resolveCustomer(database.db, actor.tenantId, customerId);
  const two = await resolveCustomer(database.db, actor.tenantId, otherId);
  if (one.row.id === two.row.id) throw new AppError(400, 'same_customer', { field: 'otherId' });
  for (const r of [one.row, two.row]) {
    if (r.archivedAt !== null || r.erasedAt !== null)
      throw new AppError(409, 'customer_not_live', { params: { number: r.number } });
  }
  const [a, b] = one.row.id < two.row.id ? [one.row, two.row] : [two.row, one.row];
  return { a, b, customerId: one.row.id, otherId: two.row.id };
}

export async function dismissPair(
  database: Database,
  actor: Actor,
  customerId: string,
  otherId: string,
  now: Date,
): Promise<DismissedPair> {
  const pair = await resolvePair(database, actor, customerId, otherId);
  await database.db.transaction(async (tx) => {
    // The hashes as of this transaction (locked), so an edit committed meanwhile is not overlooked.
    const hashes = await repo.findIdentityHashes(tx, actor.tenantId, [pair.a.id, pair.b.id]);
    const hashOf = new Map(hashes.map((h) => [h.id, h]));
    const ha = hashOf.get(pair.a.id);
    const hb = hashOf.get(pair.b.id);
    if (!ha?.live || !hb?.live) throw notFound('customer');
    await repo.upsertDismissals(
      tx,
      actor.tenantId,
      [{ a: pair.a.id, b: pair.b.id, hashA: ha.identityHash, hashB: hb.identityHash }],
      actor.staffId,
      now,
    );
    await writeAudit(tx, {
      tenantId: actor.tenantId,
      actorStaffId: actor.staffId,
      actor: actorLabel(actor),
      action: 'duplicates.dismissed',
      entityType: 'customer',
      entityId: pair.customerId,
      customerIds: [pair.a.id, pair.b.id],
      details: { numbers: [pair.a.number, pair.b.number] },
      at: now,
    });
  });
  return { customerId: pair.customerId, otherId: pair.otherId };
}

/** Takes a "not a duplicate" decision back; 404 when there is none for the pair. */
export async function restorePair(
  database: Database,
  actor: Actor,
  customerId: string,
  otherId: string,
  now: Date,
): Promise<void> {
  const one = await resolveCustomer(database.db, actor.tenantId, customerId);
  const two = await resolveCustomer(database.db, actor.tenantId, otherId);
  if (one.row.id === two.row.id) throw new AppError(400, 'same_customer', { field: 'otherId' });
  const [a, b] = one.row.id < two.row.id ? [one.row, two.row] : [two.row, one.row];
  await database.db.transaction(async (tx) => {
    if (!(await repo.deleteDismissal(tx, actor.tenantId, a.id, b.id))) throw notFound('dismissal');
    await writeAudit(tx, {
      tenantId: actor.tenantId,
      actorStaffId: actor.staffId,
      actor: actorLabel(actor),
      action: 'duplicates.dismissal_removed',
      entityType: 'customer',
      entityId: one.row.id,
      customerIds: [a.id, b.id],
      details: { numbers: [a.number, b.number] },
      at: now,
    });
  });
}
