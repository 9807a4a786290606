/**
 * Preview and apply a merge. The preview plans it (src/core/merge) from the profiles as they are
 * and returns the plan with a fingerprint of every involved record; the apply locks the
 * profiles, checks the fingerprint (409 naming the record that changed), plans again — the same
 * inputs give the same plan — and executes exactly that plan in one transaction: history moves,
 * contact points, online accounts, tombstones, the survivor's values, the match index, the
 * duplicate groups, the merge row with its before-snapshot and the audit entry.
 */
import { randomUUID } from 'node:crypto';
import type { Database, Db } from '../../db/connection.ts';
import { HISTORY_TABLES, planMerge } from '../../core/merge/index.ts';
import type {
  HistoryTable,
  MergePlan,
  PlanContext,
  PlanError,
  SurvivorState,
} from '../../core/merge/index.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import type { CustomerRow } from '../customers/customers.repository.ts';
import { updateCustomerValues, valuesOf } from '../customers/customers.repository.ts';
import { validationContext } from '../customers/customers.service.ts';
import { reindexCustomers } from '../duplicates/matchIndex.ts';
import type { Actor } from '../shared/actor.ts';
import { actorLabel } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import { findTenant } from '../tenants/tenants.repository.ts';
import { checkFingerprint, choicesOf, fingerprintOf, loadInvolved } from './merges.involved.ts';
import type { Involved, MergeRequest } from './merges.involved.ts';
import * as repo from './merges.repository.ts';
import type { AccountState, MergeRow } from './merges.repository.ts';
import './merges.messages.ts';

/** The most profiles one merge combines (the form shows at least ten). */
export const MAX_MERGE_RECORDS = 20;

/** What a merge moved, kept in the merge row so an undo can put back exactly that. */
export interface Moved {
  /** Per table, per profile the rows came from: the ids of the rows that moved to the survivor. */
  rows: Partial<Record<HistoryTable, Record<string, string[]>>>;
  /** Positions the moved notes had on their own profile. */
  notePositions: Record<string, number>;
  /** Contact points the merge added to the survivor (origin 'merge'). */
  contactPointsAdded: string[];
  /** Online accounts the merge disabled, with the state they had. */
  disabledAccounts: AccountState[];
  /** Appointments the merge cancelled, with the status they had. */
  cancelledAppointments: { id: string; status: string }[];
  /** Duplicate groups the merge closed, with the status it gave them. */
  duplicateGroups: { id: string; status: string }[];
}

export interface BeforeSnapshot {
  customers: Record<string, unknown>[];
  contactPoints: Record<string, unknown>[];
  onlineAccounts: Record<string, unknown>[];
}

export function planError(errors: PlanError[]): AppError {
  const first = errors[0]!;
  return new AppError(400, first.code, {
    field: first.field,
    params: first.params ?? {},
    details: { errors, ...(first.customerId ? { customerId: first.customerId } : {}) },
  });
}

export async function planContext(
  db: Db,
  tenantId: string,
  now: Date,
): Promise<PlanContext & { defaultCountry: string }> {
  const ctx = await validationContext(db, tenantId, now);
  return { ...ctx, maxRecords: MAX_MERGE_RECORDS };
}

function planOf(request: MergeRequest, involved: Involved, ctx: PlanContext): MergePlan {
  const result = planMerge(request.ids, involved.customers, choicesOf(request), ctx);
  if (!result.ok) throw planError(result.errors);
  return result.plan;
}

export interface Preview {
  plan: MergePlan;
  fingerprint: string;
}

export async function previewMerge(
  database: Database,
  actor: Actor,
  request: MergeRequest,
  now: Date,
): Promise<Preview> {
  const db = database.db;
  const involved = await loadInvolved(db, actor.tenantId, request.ids, { lock: false, now });
  const plan = planOf(request, involved, await planContext(db, actor.tenantId, now));
  return { plan, fingerprint: fingerprintOf(request, involved) };
}

export interface ApplyOptions {
  jobId?: string;
  groupId?: string;
}

export async function applyMerge(
  database: Database,
  actor: Actor,
  request: MergeRequest & { fingerprint: string },
  now: Date,
  opts: ApplyOptions = {},
): Promise<MergeRow> {
  return database.db.transaction(async (tx) => {
    const involved = await loadInvolved(tx, actor.tenantId, request.ids, { lock: true, now });
    checkFingerprint(request.fingerprint, request, involved);
    const ctx = await planContext(tx, actor.tenantId, now);
    const plan = planOf(request, involved, ctx);
    return executePlan(tx, actor, request, plan, involved, ctx.defaultCountry, now, {
      ...opts,
      skipRowTriggers: database.engine === 'pglite',
    });
  });
}

export function survivorState(row: CustomerRow): SurvivorState {
  return {
    ...valuesOf(row),
    customerSince: row.customerSince.toISOString(),
    newsletterConsentAt: row.newsletterConsentAt?.toISOString() ?? null,
    newsletterConsentSource: row.newsletterConsentSource,
  };
}

async function executePlan(
  tx: Db,
  actor: Actor,
  request: MergeRequest,
  plan: MergePlan,
  involved: Involved,
  defaultCountry: string,
  now: Date,
  opts: ApplyOptions & { skipRowTriggers: boolean },
): Promise<MergeRow> {
  const tenantId = actor.tenantId;
  const mergeId = randomUUID();
  const survivorId = plan.survivorId;
  const mergedIds = plan.mergedIds;
  const survivor = involved.rows.get(survivorId)!;

  // History: every row of the merged profiles moves, recorded per table and per origin.
  const tables = HISTORY_TABLES.filter(
    (t) =>
      t !== 'customer_notes' && involved.history.some((h) => h.table === t && h.customerId !== survivorId),
  );
  // Notes are appended after the survivor's own, profile by profile in plan order, each
  // profile's notes in their own order.
  const notes = involved.notes;
  let next = notes
    .filter((n) => n.customerId === survivorId)
    .reduce((max, n) => Math.max(max, n.position), 0);
  const notePositions: Record<string, number> = {};
  const placement: { id: string; position: number }[] = [];
  const movedNotes: Record<string, string[]> = {};
  for (const id of mergedIds) {
    const own = notes.filter((x) => x.customerId === id);
    if (own.length === 0) continue;
    movedNotes[id] = own.map((n) => n.id);
    for (const n of own) {
      notePositions[n.id] = n.position;
      placement.push({ id: n.id, position: ++next });
    }
  }
  const rows: Moved['rows'] = await repo.moving(tx, opts.skipRowTriggers, async () => {
    const moved = await repo.moveAll(tx, tenantId, tables, mergedIds, survivorId);
    await repo.placeNotes(tx, tenantId, survivorId, placement);
    return moved;
  });
  for (const table of tables) {
    const expected = involved.history
      .filter((h) => h.table === table && h.customerId !== survivorId)
      .reduce((n, h) => n + h.count, 0);
    const count = Object.values(rows[table] ?? {}).reduce((n, ids) => n + ids.length, 0);
    if (count !== expected)
      throw new Error(`merge ${mergeId}: ${table} moved ${count} rows, expected ${expected}`);
  }
  if (placement.length > 0) rows.customer_notes = movedNotes;

  const contactPoints = plan.contactPointsAdded.map((p) => ({
    id: randomUUID(),
    customerId: survivorId,
    kind: p.kind,
    value: p.value,
    normalized: p.normalized,
    mergeId,
  }));
  await repo.insertContactPoints(tx, tenantId, contactPoints, now);

  const disabledAccounts: AccountState[] = involved.accounts
    .filter((a) => plan.onlineAccounts.disabled.includes(a.id))
    .map((a) => ({
      id: a.id,
      state: a.state,
      disabledReason: a.disabledReason,
      disabledAt: a.disabledAt?.toISOString() ?? null,
    }));
  await repo.disableAccounts(tx, tenantId, plan.onlineAccounts.disabled, disabledReason(mergeId), now);

  const cancelledAppointments = involved.appointments
    .filter((a) => plan.cancelAppointments.includes(a.id))
    .map((a) => ({ id: a.id, status: a.status }));
  await repo.setAppointmentStatus(
    tx,
    tenantId,
    cancelledAppointments.map((a) => ({ id: a.id, status: 'cancelled' })),
    null,
    now,
  );

  await repo.markMergedAway(tx, tenantId, mergedIds, survivorId, now);
  const newsletterAt =
    plan.newsletter.value === null ? null : plan.newsletter.at === null ? now : new Date(plan.newsletter.at);
  const updated = await updateCustomerValues(
    tx,
    tenantId,
    survivorId,
    survivor.version,
    {
      ...plan.values,
      customerSince: new Date(plan.customerSince.value),
      newsletterConsentAt: newsletterAt,
      newsletterConsentSource:
        plan.newsletter.value === null
          ? null
          : plan.newsletter.from === null
            ? `merge:${actorLabel(actor)}`
            : plan.newsletter.source,
    },
    now,
  );
  if (!updated) throw new Error(`merge ${mergeId}: the locked survivor could not be updated`);
  await repo.rebuildSearch(tx, tenantId, [survivorId, ...mergedIds]);

  await reindexCustomers(tx, tenantId, [survivorId, ...mergedIds], defaultCountry);
  const duplicateGroups = await repo.closeDuplicateGroups(tx, tenantId, mergedIds, [
    survivorId,
    ...mergedIds,
  ]);

  const moved: Moved = {
    rows,
    notePositions,
    contactPointsAdded: contactPoints.map((p) => p.id),
    disabledAccounts,
    cancelledAppointments,
    duplicateGroups,
  };
  const before: BeforeSnapshot = {
    customers: [...involved.rows.values()].map((r) => ({ ...r })),
    contactPoints: involved.contactPoints.map((p) => ({ ...p })),
    onlineAccounts: involved.accounts.map((a) => ({ ...a })),
  };
  const counts = movedCounts(moved);
  const row = await repo.insertMerge(tx, {
    tenantId,
    id: mergeId,
    survivorId,
    mergedIds,
    plan,
    beforeSnapshot: before,
    moved,
    choices: {
      survivorId: request.survivorId ?? null,
      fields: request.fields ?? {},
      ...(request.choices ?? {}),
    },
    afterState: survivorState(updated) as unknown as Record<string, unknown>,
    performedBy: actor.staffId,
    performedAt: now,
    jobId: opts.jobId ?? null,
    groupId: opts.groupId ?? null,
  });
  await writeAudit(tx, {
    tenantId,
    actorStaffId: actor.staffId,
    actor: actorLabel(actor),
    action: 'merge.applied',
    entityType: 'merge',
    entityId: mergeId,
    customerIds: [survivorId, ...mergedIds],
    details: {
      survivor: { id: survivorId, number: survivor.number },
      merged: mergedIds.map((id) => ({ id, number: involved.rows.get(id)!.number })),
      moved: counts,
      contactPointsAdded: contactPoints.length,
      disabledAccounts: disabledAccounts.map((a) => a.id),
      cancelledAppointments: cancelledAppointments.map((a) => a.id),
      ...(opts.jobId ? { jobId: opts.jobId } : {}),
    },
    at: now,
  });
  return row;
}

/** The disabled_reason of accounts a merge disabled; the undo re-enables only accounts still carrying it. */
export function disabledReason(mergeId: string): string {
  return `merge:${mergeId}`;
}

export function movedCounts(moved: Moved): Partial<Record<HistoryTable, number>> {
  const counts: Partial<Record<HistoryTable, number>> = {};
  for (const [table, perOrigin] of Object.entries(moved.rows)) {
    counts[table as HistoryTable] = Object.values(perOrigin ?? {}).reduce((n, ids) => n + ids.length, 0);
  }
  return counts;
}

export async function tenantOrThrow(db: Db, tenantId: string) {
  const tenant = await findTenant(db, tenantId);
  if (!tenant) throw new AppError(404, 'not_found', { params: { entity: 'tenant' } });
  return tenant;
}
