/** Background jobs on a real database: one claim per job, crash recovery by lease, progress, cancel, failure. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createTestTenant } from '../../../test/support/app.ts';
import type { TestContext, TestTenant } from '../../../test/support/app.ts';
import { JobQueue } from './jobs.service.ts';

let ctx: TestContext;
let tenant: TestTenant;

beforeAll(async () => {
  ctx = await createTestContext();
  tenant = await createTestTenant(ctx);
});
afterAll(async () => ctx?.close());

describe('JobQueue', () => {
  it('runs a job once even with two workers polling, recording its result', async () => {
    const runs: string[] = [];
    const a = new JobQueue(ctx.database, { workerId: 'a' });
    const b = new JobQueue(ctx.database, { workerId: 'b' });
    for (const q of [a, b]) {
      q.register('test.once', async (job) => {
        runs.push(job.job.id);
        await job.progress(1, 2);
        return { ok: true };
      });
    }
    const job = await a.enqueue(tenant.tenantId, 'test.once', { n: 1 }, null);
    const claimed = await Promise.all([a.runOnce(), b.runOnce()]);
    expect(claimed.filter(Boolean)).toHaveLength(1);
    expect(runs).toEqual([job.id]);
    const done = await a.get(tenant.tenantId, job.id);
    expect(done).toMatchObject({
      status: 'done',
      result: { ok: true },
      progressDone: 2,
      progressTotal: 2,
      attempts: 1,
    });
  });

  it('lets another instance take over a job whose worker died, and gives up after the attempts', async () => {
    const dead = new JobQueue(ctx.database, { workerId: 'dead', leaseSeconds: 1 });
    dead.register('test.crash', () => new Promise(() => undefined)); // never finishes: the "crash"
    const job = await dead.enqueue(tenant.tenantId, 'test.crash', {}, null);
    void dead.runOnce();
    await new Promise((r) => setTimeout(r, 100));
    await ctx.database.query("UPDATE jobs SET locked_until = now() - interval '1 second' WHERE id = $1", [
      job.id,
    ]);
    const rescuer = new JobQueue(ctx.database, { workerId: 'rescuer', maxAttempts: 3 });
    rescuer.register('test.crash', async () => 'resumed');
    expect(await rescuer.runOnce()).toBe(true);
    expect(await rescuer.get(tenant.tenantId, job.id)).toMatchObject({
      status: 'done',
      result: 'resumed',
      attempts: 2,
    });

    const hopeless = await rescuer.enqueue(tenant.tenantId, 'test.crash', {}, null);
    await ctx.database.query(
      "UPDATE jobs SET attempts = 3, status = 'running', locked_until = now() - interval '1 second' WHERE id = $1",
      [hopeless.id],
    );
    await rescuer.runOnce();
    const failed = await rescuer.get(tenant.tenantId, hopeless.id);
    expect(failed?.status).toBe('failed');
    expect(failed?.error).toMatch(/Gave up after 3 attempts/);
  });

  it('marks a throwing job failed with its message, and stops a cancelled one at its next progress', async () => {
    const q = new JobQueue(ctx.database, { workerId: 'c' });
    q.register('test.fail', async () => {
      throw new Error('the file vanished');
    });
    const bad = await q.enqueue(tenant.tenantId, 'test.fail', {}, null);
    await q.drain();
    expect(await q.get(tenant.tenantId, bad.id)).toMatchObject({
      status: 'failed',
      error: 'the file vanished',
    });

    let steps = 0;
    q.register('test.cancel', async (job) => {
      for (let i = 0; i < 100; i++) {
        steps++;
        if (i === 2) await q.cancel(tenant.tenantId, job.job.id);
        await new Promise((r) => setTimeout(r, 200));
        await job.progress(i, 100);
      }
      return 'finished';
    });
    const long = await q.enqueue(tenant.tenantId, 'test.cancel', {}, null);
    await q.runOnce();
    expect(steps).toBeLessThan(10);
    expect((await q.get(tenant.tenantId, long.id))?.status).toBe('cancelled');
  });

  it('keeps tenants apart: another tenant cannot read or cancel the job', async () => {
    const other = await createTestTenant(ctx);
    const q = new JobQueue(ctx.database, { workerId: 'd' });
    const job = await q.enqueue(tenant.tenantId, 'test.nothing', {}, null);
    expect(await q.get(other.tenantId, job.id)).toBeUndefined();
    expect(await q.cancel(other.tenantId, job.id)).toBe(false);
    expect((await q.get(tenant.tenantId, job.id))?.status).toBe('queued');
  });
});
