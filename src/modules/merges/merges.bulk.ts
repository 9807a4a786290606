/**
 * Bulk merge of the review queue: one combined preview of every open duplicate group above a
 * probability (the tenant's "certain" threshold by default), then a background job that merges
 * the previewed groups, each in its own transaction with the default choices and the
 * fingerprint of its preview. A group whose profiles changed since is skipped and reported; the
 * others go ahead. The job is restartable: a group it already merged is recognised by the merge
 * row carrying the job and group ids, so a second attempt continues where the first stopped.
 */
import type { Database } from '../../db/connection.ts';
import { planMerge } from '../../core/merge/index.ts';
import type { HistoryTable } from '../../core/merge/index.ts';
import type { JobContext, JobQueue } from '../jobs/jobs.service.ts';
import type { JobRow } from '../jobs/jobs.repository.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError, notFound } from '../shared/errors.ts';
import type { Language } from '../shared/language.ts';
import { translate } from '../shared/messages.ts';
import { isUuid } from '../shared/schemas.ts';
import { readSettings } from '../tenants/settings.ts';
import { fingerprintOf, loadInvolvedSets } from './merges.involved.ts';
import * as repo from './merges.repository.ts';
import { applyMerge, planContext, tenantOrThrow } from './merges.service.ts';

export const BULK_MERGE_JOB = 'merges.bulk';
/** Groups per bulk merge; a larger queue is merged in several rounds. */
export const MAX_BULK_GROUPS = 1000;

interface Ref {
  id: string;
  number: number;
  name: string;
}

export interface BulkGroupPreview {
  groupId: string;
  probability: number;
  survivor: Ref;
  merged: Ref[];
  moves: Partial<Record<HistoryTable, number>>;
  clashes: { appointments: number; onlineAccounts: number; newsletter: boolean };
  warnings: string[];
  fingerprint: string;
}

export interface BulkRefusal {
  groupId: string;
  probability: number;
  code: string;
  message: string;
  customerId: string | null;
}

export interface BulkPreview {
  minProbability: number;
  groups: BulkGroupPreview[];
  refused: BulkRefusal[];
  totals: { groups: number; mergedAway: number; moves: Partial<Record<HistoryTable, number>> };
  /** More open groups are above the threshold than one bulk merge takes. */
  truncated: boolean;
}

export async function previewBulkMerge(
  database: Database,
  actor: Actor,
  minProbability: number | undefined,
  lang: Language,
  now: Date,
): Promise<BulkPreview> {
  const db = database.db;
  const tenant = await tenantOrThrow(db, actor.tenantId);
  const threshold = minProbability ?? readSettings(tenant.settings).duplicates.certainThreshold;
  const groups = await repo.openGroupsAbove(db, actor.tenantId, threshold, MAX_BULK_GROUPS + 1);
  const truncated = groups.length > MAX_BULK_GROUPS;
  const taken = groups.slice(0, MAX_BULK_GROUPS);
  const sets = await loadInvolvedSets(
    db,
    actor.tenantId,
    taken.map((g) => g.memberIds),
    now,
  );
  const ctx = await planContext(db, actor.tenantId, now);
  const preview: BulkPreview = {
    minProbability: threshold,
    groups: [],
    refused: [],
    totals: { groups: 0, mergedAway: 0, moves: {} },
    truncated,
  };
  // A profile in two groups (groups of different scans may overlap) is merged with the first.
  const claimed = new Set<string>();
  for (const group of taken) {
    const refuse = (
      code: string,
      params: Record<string, string | number> = {},
      customerId: string | null = null,
    ) =>
      preview.refused.push({
        groupId: group.id,
        probability: group.probability,
        code,
        message: translate(lang, code, params),
        customerId,
      });
    const involved = sets.involved(group.memberIds);
    if (involved === null) {
      refuse('not_found', { entity: 'customer' });
      continue;
    }
    const overlap = group.memberIds.find((id) => claimed.has(id));
    if (overlap) {
      refuse('merge_already_merged', { number: involved.rows.get(overlap)!.number }, overlap);
      continue;
    }
    const result = planMerge(group.memberIds, involved.customers, {}, ctx);
    if (!result.ok) {
      const e = result.errors[0]!;
      refuse(e.code, e.params ?? {}, e.customerId ?? null);
      continue;
    }
    const plan = result.plan;
    for (const id of group.memberIds) claimed.add(id);
    const ref = (id: string): Ref => {
      const c = plan.customers.find((x) => x.id === id)!;
      return { id, number: c.number, name: c.name };
    };
    const moves: Partial<Record<HistoryTable, number>> = {};
    for (const m of plan.moves) {
      moves[m.table] = (moves[m.table] ?? 0) + m.count;
      preview.totals.moves[m.table] = (preview.totals.moves[m.table] ?? 0) + m.count;
    }
    preview.totals.groups++;
    preview.totals.mergedAway += plan.mergedIds.length;
    preview.groups.push({
      groupId: group.id,
      probability: group.probability,
      survivor: ref(plan.survivorId),
      merged: plan.mergedIds.map(ref),
      moves,
      clashes: {
        appointments: plan.clashes.filter((c) => c.kind === 'appointments').length,
        onlineAccounts: plan.onlineAccounts.disabled.length,
        newsletter: plan.clashes.some((c) => c.kind === 'newsletter'),
      },
      warnings: plan.warnings.map((w) => w.code),
      fingerprint: fingerprintOf({ ids: group.memberIds }, involved),
    });
  }
  return preview;
}

export interface BulkGroupRequest {
  id: string;
  fingerprint: string;
}

/** Checks the previewed groups still exist and are open, then queues the job. */
export async function startBulkMerge(
  database: Database,
  jobs: JobQueue,
  actor: Actor,
  groups: readonly BulkGroupRequest[],
  lang: Language,
): Promise<JobRow> {
  if (!groups.every((g) => isUuid(g.id))) throw notFound('duplicate_group');
  const found = await repo.findGroups(
    database.db,
    actor.tenantId,
    groups.map((g) => g.id),
  );
  if (found.length !== new Set(groups.map((g) => g.id)).size) throw notFound('duplicate_group');
  const closed = found.filter((g) => g.status !== 'open').map((g) => g.id);
  if (closed.length > 0) throw new AppError(409, 'merge_groups_changed', { details: { groups: closed } });
  return jobs.enqueue(
    actor.tenantId,
    BULK_MERGE_JOB,
    { groups, actor: { name: actor.name, role: actor.role, via: actor.via }, language: lang },
    actor.staffId,
  );
}

export interface BulkResult {
  merged: { groupId: string; mergeId: string; survivorId: string }[];
  skipped: { groupId: string; code: string; message: string; customerId: string | null }[];
}

export async function runBulkMerge(ctx: JobContext, now: () => Date): Promise<BulkResult> {
  const { job, database } = ctx;
  const payload = job.payload as {
    groups: BulkGroupRequest[];
    actor: { name: string; role: 'owner' | 'staff'; via: 'session' | 'token' };
    language: Language;
  };
  const actor: Actor = { tenantId: job.tenantId, staffId: job.createdBy ?? '', ...payload.actor };
  const result: BulkResult = { merged: [], skipped: [] };
  const total = payload.groups.length;
  for (const [i, request] of payload.groups.entries()) {
    const done = await repo.findJobMerge(database.db, job.tenantId, job.id, request.id);
    if (done) {
      result.merged.push({ groupId: request.id, mergeId: done.id, survivorId: done.survivorId });
    } else {
      const [group] = await repo.findGroups(database.db, job.tenantId, [request.id]);
      if (!group || group.status !== 'open') {
        result.skipped.push({
          groupId: request.id,
          code: 'merge_groups_changed',
          message: translate(payload.language, 'merge_groups_changed'),
          customerId: null,
        });
      } else {
        try {
          const merge = await applyMerge(
            database,
            actor,
            { ids: group.memberIds, fingerprint: request.fingerprint },
            now(),
            { jobId: job.id, groupId: group.id },
          );
          result.merged.push({ groupId: group.id, mergeId: merge.id, survivorId: merge.survivorId });
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          const customerId = (err.details as { customerId?: string } | undefined)?.customerId ?? null;
          result.skipped.push({
            groupId: group.id,
            code: err.code,
            message: translate(payload.language, err.code, err.params, err.field),
            customerId,
          });
        }
      }
    }
    await ctx.progress(i + 1, total);
  }
  return result;
}

/** The job handlers of this module (JOB_MODULES). */
export function mergesJobs(deps: { jobs: JobQueue; now: () => Date }): void {
  deps.jobs.register(BULK_MERGE_JOB, (ctx) => runBulkMerge(ctx, deps.now));
}
