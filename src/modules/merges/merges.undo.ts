/**
 * Undo of a merge, in one transaction: the merged-away profiles come back with exactly the rows
 * that moved from them (rows added to the survivor since stay with it), the survivor gets back
 * its pre-merge value for every field not edited since (see core/merge/undo.ts), contact points
 * the merge added are removed, accounts it disabled and appointments it cancelled get their old
 * state back, and the undo is written to the merge row and the audit log.
 *
 * Refused (409): a second undo; an undo after the tenant's undo window; an undo while one of the
 * profiles was merged away again by a later merge that is still in place (undo that one first).
 */
import type { Database } from '../../db/connection.ts';
import { HISTORY_TABLES, undoFields } from '../../core/merge/index.ts';
import type { HistoryTable, RestorableField, SurvivorState } from '../../core/merge/index.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { lockCustomerRows, updateCustomerValues } from '../customers/customers.repository.ts';
import { reindexCustomers } from '../duplicates/matchIndex.ts';
import type { Actor } from '../shared/actor.ts';
import { actorLabel } from '../shared/actor.ts';
import { AppError, notFound } from '../shared/errors.ts';
import { isUuid } from '../shared/schemas.ts';
import { readSettings } from '../tenants/settings.ts';
import * as repo from './merges.repository.ts';
import { disabledReason, survivorState, tenantOrThrow } from './merges.service.ts';
import type { BeforeSnapshot, Moved } from './merges.service.ts';

const DAY_MS = 86_400_000;

export interface UndoResult {
  mergeId: string;
  survivorId: string;
  restoredIds: string[];
  /** Rows moved back, per table. */
  movedBack: Partial<Record<HistoryTable, number>>;
  /** Survivor fields given back their pre-merge value. */
  restoredFields: RestorableField[];
  /** Survivor fields edited since the merge, which keep their current value. */
  keptFields: RestorableField[];
  contactPointsRemoved: number;
  accountsReenabled: number;
  appointmentsRestored: number;
}

/** A snapshot row (JSON: dates as ISO strings) as the survivor's state. */
function stateFromSnapshot(row: Record<string, unknown>): SurvivorState {
  return row as unknown as SurvivorState;
}

export async function undoMerge(
  database: Database,
  actor: Actor,
  mergeId: string,
  now: Date,
): Promise<UndoResult> {
  if (!isUuid(mergeId)) throw notFound('merge');
  return database.db.transaction(async (tx) => {
    const tenantId = actor.tenantId;
    const merge = await repo.findMerge(tx, tenantId, mergeId, true);
    if (!merge) throw notFound('merge');
    if (merge.undoneAt !== null) {
      throw new AppError(409, 'merge_already_undone', {
        details: { undoneAt: merge.undoneAt.toISOString(), undoneBy: merge.undoneBy },
      });
    }
    const tenant = await tenantOrThrow(tx, tenantId);
    const days = readSettings(tenant.settings).undoWindowDays;
    if (now.getTime() - merge.performedAt.getTime() > days * DAY_MS) {
      throw new AppError(409, 'merge_undo_expired', { params: { days } });
    }
    const involvedIds = [merge.survivorId, ...merge.mergedIds];
    const [later] = await repo.laterMergesAway(tx, tenantId, merge.performedAt, involvedIds, merge.id);
    const before = merge.beforeSnapshot as BeforeSnapshot;
    const numberOf = (id: string) =>
      (before.customers.find((c) => c.id === id)?.number as number | undefined) ?? '?';
    if (later) {
      const blocked = later.mergedIds.find((id) => involvedIds.includes(id))!;
      const laterRow = await repo.findMerge(tx, tenantId, later.id);
      const survivorRow = (laterRow?.beforeSnapshot as BeforeSnapshot | undefined)?.customers.find(
        (c) => c.id === later.survivorId,
      );
      throw new AppError(409, 'merge_undo_blocked', {
        params: { number: numberOf(blocked), survivor: (survivorRow?.number as number | undefined) ?? '?' },
        details: { laterMergeId: later.id, customerId: blocked },
      });
    }

    const rows = new Map((await lockCustomerRows(tx, tenantId, involvedIds)).map((r) => [r.id, r]));
    for (const id of involvedIds) {
      const row = rows.get(id);
      const inPlace =
        row !== undefined &&
        row.deletedAt === null &&
        row.erasedAt === null &&
        (id === merge.survivorId ? row.mergedInto === null : row.mergedInto === merge.survivorId);
      if (!inPlace) throw new AppError(409, 'merge_undo_customer_gone', { params: { number: numberOf(id) } });
    }

    const moved = merge.moved as Moved;
    const reason = disabledReason(merge.id);
    // A re-enabled login must not collide with one created since (one live login per e-mail).
    const toReenable = moved.disabledAccounts.filter((a) => a.state !== 'disabled');
    const snapshotAccounts = before.onlineAccounts as { id: string; loginEmail: string }[];
    const emails = toReenable
      .map((a) => snapshotAccounts.find((s) => s.id === a.id)?.loginEmail)
      .filter((e): e is string => e !== undefined);
    const taken = await repo.liveLoginsWithEmail(
      tx,
      tenantId,
      emails,
      toReenable.map((a) => a.id),
    );
    if (taken.length > 0) {
      throw new AppError(409, 'merge_undo_login_taken', {
        params: { email: taken[0]!.loginEmail },
        details: { accountId: taken[0]!.id },
      });
    }

    const back: Partial<Record<HistoryTable, Record<string, string[]>>> = {};
    for (const table of HISTORY_TABLES) if (table !== 'customer_notes') back[table] = moved.rows[table] ?? {};
    const movedBack = await repo.moving(tx, database.engine === 'pglite', async () => {
      const counts = await repo.moveBack(tx, tenantId, back, merge.survivorId);
      for (const [origin, ids] of Object.entries(moved.rows.customer_notes ?? {})) {
        const placement = ids.map((id) => ({ id, position: moved.notePositions[id] ?? 0 }));
        const count = await repo.placeNotes(tx, tenantId, origin, placement, merge.survivorId);
        counts.customer_notes = (counts.customer_notes ?? 0) + count;
      }
      return counts;
    });
    const contactPointsRemoved = await repo.deleteMergeContactPoints(
      tx,
      tenantId,
      merge.id,
      moved.contactPointsAdded,
    );
    const accountsReenabled = await repo.restoreAccounts(tx, tenantId, moved.disabledAccounts, reason);
    const appointmentsRestored = await repo.setAppointmentStatus(
      tx,
      tenantId,
      moved.cancelledAppointments,
      'cancelled',
      now,
    );

    await repo.revive(tx, tenantId, merge.mergedIds, now);
    const survivor = rows.get(merge.survivorId)!;
    const beforeRow = before.customers.find((c) => c.id === merge.survivorId)!;
    const fields = undoFields(
      stateFromSnapshot(beforeRow),
      merge.afterState as unknown as SurvivorState,
      survivorState(survivor),
    );
    const { customerSince, newsletterConsentAt, ...values } = fields.restore;
    const updated = await updateCustomerValues(
      tx,
      tenantId,
      survivor.id,
      survivor.version,
      {
        ...values,
        ...(customerSince !== undefined ? { customerSince: new Date(customerSince) } : {}),
        ...(newsletterConsentAt !== undefined
          ? { newsletterConsentAt: newsletterConsentAt === null ? null : new Date(newsletterConsentAt) }
          : {}),
      },
      now,
    );
    if (!updated) throw new Error(`undo ${merge.id}: the locked survivor could not be updated`);
    await repo.rebuildSearch(tx, tenantId, involvedIds);

    await reindexCustomers(tx, tenantId, involvedIds, tenant.country);
    await repo.reopenDuplicateGroups(tx, tenantId, moved.duplicateGroups);
    const result: UndoResult = {
      mergeId: merge.id,
      survivorId: merge.survivorId,
      restoredIds: merge.mergedIds,
      movedBack,
      restoredFields: fields.restored,
      keptFields: fields.kept,
      contactPointsRemoved,
      accountsReenabled,
      appointmentsRestored,
    };
    await repo.finishUndo(
      tx,
      tenantId,
      merge.id,
      actor.staffId,
      now,
      result as unknown as Record<string, unknown>,
    );
    await writeAudit(tx, {
      tenantId,
      actorStaffId: actor.staffId,
      actor: actorLabel(actor),
      action: 'merge.undone',
      entityType: 'merge',
      entityId: merge.id,
      customerIds: involvedIds,
      details: result as unknown as Record<string, unknown>,
      at: now,
    });
    return result;
  });
}
