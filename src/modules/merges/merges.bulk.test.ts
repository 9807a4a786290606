/** Medium tier: the review queue's bulk merge — combined preview, background job, skips, restart. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addTestStaff,
  createTestContext,
  createTestTenant,
  login,
  tokenClient,
} from '../../../test/support/app.ts';
import type { Client, TestContext, TestTenant } from '../../../test/support/app.ts';
import { updateCustomer } from '../customers/customers.service.ts';
import { findJob } from '../jobs/jobs.repository.ts';
import type { Actor } from '../shared/actor.ts';
import { runBulkMerge } from './merges.bulk.ts';
import { addAppointment, addCustomer } from './merges.test-support.ts';

let ctx: TestContext;
let tenant: TestTenant;
let owner: Client;
let actor: Actor;
const now = new Date('2026-11-24T10:00:00Z');

beforeAll(async () => {
  ctx = await createTestContext({ now: () => now });
  tenant = await createTestTenant(ctx);
  owner = await tokenClient(ctx, tenant);
  actor = {
    tenantId: tenant.tenantId,
    staffId: tenant.ownerId,
    role: 'owner',
    name: 'Owner',
    via: 'session',
  };
});
afterAll(async () => ctx?.close());

async function pair(lastName: string): Promise<[string, string]> {
  const a = await addCustomer(ctx.database, actor, { firstName: 'Eva', lastName, mobile: '0477 12 34 56' });
  const b = await addCustomer(
    ctx.database,
    actor,
    { firstName: 'Eva', lastName, email: `${lastName.toLowerCase()}@example.com` },
    { source: 'online' },
  );
  await addAppointment(ctx.database, tenant.tenantId, b, '2025-02-01T10:00:00Z');
  return [a, b];
}

async function group(members: string[], probability: number): Promise<string> {
  const [row] = await ctx.database.query<{ id: string }>(
    `INSERT INTO duplicate_groups (tenant_id, id, probability, member_ids) VALUES ($1, gen_random_uuid(), $2, $3::uuid[]) RETURNING id`,
    [tenant.tenantId, probability, members],
  );
  return row!.id;
}

const statusOf = async (id: string) =>
  (
    await ctx.database.query<{ status: string }>(
      'SELECT status FROM duplicate_groups WHERE tenant_id = $1 AND id = $2',
      [tenant.tenantId, id],
    )
  )[0]!.status;

describe('bulk merge', () => {
  it('previews every open group above the certain threshold, merges them in a job, skips what changed', async () => {
    const [a1, b1] = await pair('Smets');
    const [a2, b2] = await pair('Goossens');
    const [a3, b3] = await pair('Hermans');
    const [a4, b4] = await pair('Aerts');
    const g1 = await group([a1, b1], 0.999);
    const g2 = await group([a2, b2], 0.995);
    const g3 = await group([a3, b3], 0.95);
    const g4 = await group([a4, b4], 0.998);
    await ctx.database.query('UPDATE customers SET archived_at = now() WHERE tenant_id = $1 AND id = $2', [
      tenant.tenantId,
      b4,
    ]);

    const preview = await owner.post('/api/merges/bulk/preview', {});
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body.minProbability).toBe(0.99);
    expect(preview.body.groups.map((g: any) => g.groupId)).toEqual([g1, g2]);
    expect(preview.body.groups[0]).toMatchObject({
      survivor: { id: a1 },
      merged: [{ id: b1 }],
      moves: { appointments: 1 },
    });
    expect(preview.body.refused).toMatchObject([{ groupId: g4, code: 'merge_archived', customerId: b4 }]);
    expect(preview.body.totals).toEqual({ groups: 2, mergedAway: 2, moves: { appointments: 2 } });
    const lower = await owner.post('/api/merges/bulk/preview', { minProbability: 0.9 });
    expect(lower.body.groups.map((g: any) => g.groupId)).toEqual([g1, g2, g3]);

    // Someone edits a profile of the second group after the preview.
    const row = (
      await ctx.database.query<{ version: number }>('SELECT version FROM customers WHERE id = $1', [a2])
    )[0]!;
    await updateCustomer(ctx.database, actor, a2, row.version, { city: 'Hasselt' }, now);

    const started = await owner.post('/api/merges/bulk', {
      groups: preview.body.groups.map((g: any) => ({ id: g.groupId, fingerprint: g.fingerprint })),
    });
    expect(started.status, started.text).toBe(202);
    await ctx.deps.jobs.drain();
    const job = await owner.get(`/api/jobs/${started.body.id}`);
    expect(job.body).toMatchObject({ status: 'done', progress: { done: 2, total: 2 } });
    expect(job.body.result.merged).toMatchObject([{ groupId: g1, survivorId: a1 }]);
    expect(job.body.result.skipped).toMatchObject([{ groupId: g2, code: 'merge_stale', customerId: a2 }]);
    expect(await statusOf(g1)).toBe('merged');
    expect(await statusOf(g2)).toBe('open');
    const merged = await ctx.database.query<{ merged_into: string | null }>(
      'SELECT merged_into FROM customers WHERE tenant_id = $1 AND id = ANY($2::uuid[]) ORDER BY number',
      [tenant.tenantId, [b1, b2]],
    );
    expect(merged.map((m) => m.merged_into)).toEqual([a1, null]);

    // A second attempt of the same job (after a crash) merges nothing twice.
    const jobRow = (await findJob(ctx.database, tenant.tenantId, started.body.id))!;
    const again = await runBulkMerge(
      { job: jobRow, database: ctx.database, progress: async () => {} },
      () => now,
    );
    expect(again.merged).toEqual(job.body.result.merged);
    const count = await ctx.database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM merges WHERE tenant_id = $1 AND job_id = $2',
      [tenant.tenantId, started.body.id],
    );
    expect(count[0]!.n).toBe(1);

    const closed = await owner.post('/api/merges/bulk', { groups: [{ id: g1, fingerprint: 'x' }] });
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe('merge_groups_changed');
  });

  it('is for owners only', async () => {
    const staff = await addTestStaff(ctx, tenant, 'staff');
    const client = await login(ctx, staff.email);
    expect((await client.post('/api/merges/bulk/preview', {})).status).toBe(403);
    expect(
      (await client.post('/api/merges/bulk', { groups: [{ id: tenant.tenantId, fingerprint: 'x' }] })).status,
    ).toBe(403);
  });
});
