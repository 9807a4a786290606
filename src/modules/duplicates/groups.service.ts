/**
 * The review queue: duplicate groups of the last whole-tenant scan, most certain first, with their
 * members as they are now (a member merged away or archived since the scan is left out; a group left
 * with fewer than two is closed by the index, see groups.repository.ts) and the reasons of every pair
 * in the reader's language. Starting a scan, and dismissing a whole group ("these are all different
 * people"), which records "not a duplicate" for each of its pairs.
 */
import { nameOf } from '../../core/customer/customer.ts';
import { scorePair } from '../../core/matching/index.ts';
import type { Database, Db } from '../../db/connection.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import type { JobQueue } from '../jobs/jobs.service.ts';
import type { JobRow } from '../jobs/jobs.repository.ts';
import type { Actor } from '../shared/actor.ts';
import { actorLabel } from '../shared/actor.ts';
import { AppError, notFound } from '../shared/errors.ts';
import type { Language } from '../shared/language.ts';
import { isUuid } from '../shared/schemas.ts';
import { frequenciesFor, reasons, tenantMatching } from './duplicates.service.ts';
import type { CandidateReason } from './duplicates.service.ts';
import * as repo from './duplicates.repository.ts';
import * as groups from './groups.repository.ts';
import type { GroupFilter, GroupRow, GroupStatus } from './groups.repository.ts';
import './duplicates.messages.ts';

export const SCAN_JOB = 'duplicates.scan';

export interface GroupMember {
  customerId: string;
  number: number;
  name: string;
  email: string | null;
  mobile: string | null;
  appointmentCount: number;
  customerSince: Date;
  lastAppointmentAt: Date | null;
}

export interface GroupPair {
  a: string;
  b: string;
  probability: number;
  fields: CandidateReason[];
}

export interface DuplicateGroupView {
  id: string;
  probability: number;
  status: GroupStatus;
  /** At or above the tenant's certain threshold: a candidate for bulk merging. */
  certain: boolean;
  createdAt: Date;
  members: GroupMember[];
  pairs: GroupPair[];
}

/** The pairs a group shows: its only pair, or the scored pairs the scan stored for larger groups. */
function pairsOf(g: GroupRow): [string, string][] {
  if (g.memberIds.length === 2) return [[g.memberIds[0]!, g.memberIds[1]!]];
  return g.pairs.flatMap((p) => {
    const a = g.memberIds[p.a];
    const b = g.memberIds[p.b];
    return a === undefined || b === undefined ? [] : [[a, b] as [string, string]];
  });
}

/**
 * Members as they are now and the reasons of each pair, scored again from the stored features with the
 * tenant's model (the same scoring as the profile tab), so they read in the reader's language and
 * reflect an edit made since the scan. The group's probability stays the scan's.
 */
async function present(
  db: Db,
  tenantId: string,
  rows: readonly GroupRow[],
  lang: Language,
  now: Date,
): Promise<DuplicateGroupView[]> {
  const ids = [...new Set(rows.flatMap((g) => g.memberIds))];
  const [details, features, matching] = await Promise.all([
    repo.findCandidateDetails(db, tenantId, ids, now),
    repo.findFeatures(db, tenantId, ids),
    tenantMatching(db, tenantId),
  ]);
  const detailOf = new Map(details.map((d) => [d.id, d]));
  const featuresOf = new Map(features.map((f) => [f.id, f]));
  const tf = matching ? await frequenciesFor(db, tenantId, matching, features) : null;
  const certain = matching?.settings.duplicates.certainThreshold ?? 1;
  return rows.map((g) => {
    const members = g.memberIds.flatMap((id) => {
      const d = detailOf.get(id);
      if (!d || (g.status === 'open' && !d.live)) return [];
      return [
        {
          customerId: d.id,
          number: d.number,
          name: nameOf(d),
          email: d.email,
          mobile: d.mobile,
          appointmentCount: d.appointmentCount,
          customerSince: d.customerSince,
          lastAppointmentAt: d.lastAppointmentAt,
        },
      ];
    });
    const shown = new Set(members.map((m) => m.customerId));
    const pairs = pairsOf(g).flatMap(([a, b]) => {
      const fa = featuresOf.get(a);
      const fb = featuresOf.get(b);
      if (!matching || !shown.has(a) || !shown.has(b) || !fa || !fb) return [];
      const result = scorePair(fa, fb, matching.model, tf);
      return [{ a, b, probability: result.probability, fields: reasons(result, lang) }];
    });
    return {
      id: g.id,
      probability: g.probability,
      status: g.status,
      certain: g.probability >= certain,
      createdAt: g.createdAt,
      members,
      pairs: pairs.sort((x, y) => y.probability - x.probability),
    };
  });
}

export async function listDuplicateGroups(
  database: Database,
  tenantId: string,
  filter: GroupFilter,
  lang: Language,
  now: Date,
): Promise<{ total: number; groups: DuplicateGroupView[] }> {
  const found = await groups.listGroups(database.db, tenantId, filter);
  return { total: found.total, groups: await present(database.db, tenantId, found.groups, lang, now) };
}

export async function getDuplicateGroup(
  database: Database,
  tenantId: string,
  id: string,
  lang: Language,
  now: Date,
): Promise<DuplicateGroupView> {
  const row = isUuid(id) ? await groups.findGroup(database.db, tenantId, id) : undefined;
  if (!row) throw notFound('duplicateGroup');
  const [view] = await present(database.db, tenantId, [row], lang, now);
  return view!;
}

/**
 * "These are all different people": every pair of the group's live members is recorded as not a
 * duplicate (so neither the profile tab nor the next scan proposes them again while their data stays
 * the same), and the group is closed. One transaction, audited.
 */
export async function dismissGroup(database: Database, actor: Actor, id: string, now: Date): Promise<void> {
  if (!isUuid(id)) throw notFound('duplicateGroup');
  await database.db.transaction(async (tx) => {
    const group = await groups.findGroup(tx, actor.tenantId, id, { forUpdate: true });
    if (!group) throw notFound('duplicateGroup');
    if (group.status !== 'open')
      throw new AppError(409, 'group_not_open', { params: { status: group.status } });
    const members = (await repo.findIdentityHashes(tx, actor.tenantId, group.memberIds))
      .filter((m) => m.live)
      .sort((x, y) => (x.id < y.id ? -1 : 1));
    const pairs = [];
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        const a = members[i]!;
        const b = members[j]!;
        pairs.push({ a: a.id, b: b.id, hashA: a.identityHash, hashB: b.identityHash });
      }
    }
    await repo.upsertDismissals(tx, actor.tenantId, pairs, actor.staffId, now);
    await groups.setGroupStatus(tx, actor.tenantId, id, 'dismissed', actor.staffId, now);
    await writeAudit(tx, {
      tenantId: actor.tenantId,
      actorStaffId: actor.staffId,
      actor: actorLabel(actor),
      action: 'duplicates.group_dismissed',
      entityType: 'duplicate_group',
      entityId: id,
      customerIds: members.map((m) => m.id),
      details: { pairs: pairs.length, probability: group.probability },
      at: now,
    });
  });
}

/** Starts a scan of the whole file, or returns the one already queued or running. */
export async function startScan(jobs: JobQueue, actor: Actor): Promise<{ job: JobRow; started: boolean }> {
  // One check-and-insert under a lock: two instances asked at the same moment start one scan.
  return jobs.enqueueUnlessActive(actor.tenantId, SCAN_JOB, {}, actor.staffId);
}
