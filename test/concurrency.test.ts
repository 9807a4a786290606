/**
 * Scale-out: two app instances on one PostgreSQL, each with its job worker running, doing the same
 * things at the same moment — overlapping edits of one customer, the same CSV imported twice,
 * background jobs, an edit racing a merge. Every race has exactly one winner, losers get a 409
 * that says what happened, nothing is lost or written twice, and no job is left hanging.
 *
 * PostgreSQL only: PGlite is an embedded, single-process database, so there cannot be two app
 * instances on one PGlite; the row locks and SKIP LOCKED claims this test exercises are
 * PostgreSQL's. Run: CLIENTEEL_TEST_ENGINE=postgres npx vitest run test/concurrency.test.ts
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { openPostgres } from '../src/db/connection.ts';
import type { Database } from '../src/db/connection.ts';
import { buildApp } from '../src/server/app.ts';
import { JOB_MODULES } from '../src/server/routes.ts';
import { createDeps } from '../src/server/start.ts';
import type { App, Deps } from '../src/server/types.ts';
import { addCustomer, addHistoryRow } from '../src/modules/merges/merges.test-support.ts';
import type { Actor } from '../src/modules/shared/actor.ts';
import { HISTORY_TABLES } from '../src/core/merge/index.ts';
import { Client, createTestContext, createTestTenant, tokenClient } from './support/app.ts';
import type { TestContext, TestTenant, TestResponse } from './support/app.ts';
import { testEngine } from './support/engine.ts';
import { invariantViolations } from './support/invariants.ts';

/** The pg pool behind a PostgreSQL `Database` (Drizzle keeps it as `$client`). */
interface PoolOwner {
  $client: { on(event: 'error', listener: (err: Error & { code?: string }) => void): void };
}

describe.runIf(testEngine() === 'postgres')('two app instances on one database at the same time', () => {
  let ctx: TestContext;
  let second: { app: App; deps: Deps; database: Database };
  const counted: { kind: string; jobId: string; worker: string }[] = [];

  beforeAll(async () => {
    ctx = await createTestContext();
    const database = await openPostgres(ctx.database.url!, 5);
    const deps = await createDeps(loadConfig({ CLIENTEEL_DEMO: 'never', LOG_LEVEL: 'silent' }), database);
    for (const register of JOB_MODULES) register(deps);
    const app = await buildApp(deps);
    await app.ready();
    second = { app, deps, database };
    // A job kind that only counts who ran it, on both instances, next to the real ones.
    for (const d of [ctx.deps, second.deps]) {
      d.jobs.register('test.count', async (job) => {
        counted.push({ kind: 'test.count', jobId: job.job.id, worker: d.jobs.workerId });
        await new Promise((r) => setTimeout(r, 5));
        return { ranBy: d.jobs.workerId };
      });
    }
    // Both instances run their job workers, as two app processes with CLIENTEEL_JOBS=on would.
    ctx.deps.jobs.start();
    second.deps.jobs.start();
  });
  afterAll(async () => {
    // pool.end() resolves before its connections have gone, and dropping the test database
    // (WITH FORCE) then terminates them: the pools would emit that as an unhandled 'error'. Only
    // that termination (57P01) is expected here; anything else still fails the file.
    const unexpected: Error[] = [];
    for (const database of [second?.database, ctx?.database]) {
      (database?.db as unknown as PoolOwner | undefined)?.$client.on('error', (err) => {
        if (err.code !== '57P01') unexpected.push(err);
      });
    }
    await second?.deps.jobs.stop();
    await second?.app.close();
    await second?.database.close();
    await ctx?.close();
    expect(unexpected).toEqual([]);
  });

  const q = <T>(sql: string, params: unknown[]) => ctx.database.query<T>(sql, params);

  /** A business with a Bearer-token client on each instance. */
  async function business(): Promise<{ tenant: TestTenant; actor: Actor; clients: [Client, Client] }> {
    const tenant = await createTestTenant(ctx);
    const first = await tokenClient(ctx, tenant);
    const other = new Client(second.app);
    other.bearer = first.bearer;
    const actor: Actor = {
      tenantId: tenant.tenantId,
      staffId: tenant.ownerId,
      role: 'owner',
      name: 'Owner',
      via: 'session',
    };
    return { tenant, actor, clients: [first, other] };
  }

  /** Polls a job until it is finished (never a timing assertion: only a generous give-up). */
  async function settled(client: Client, jobId: string): Promise<TestResponse> {
    const deadline = Date.now() + 40_000;
    for (;;) {
      const res = await client.get(`/api/jobs/${jobId}`);
      expect(res.status, res.text).toBe(200);
      if (!['queued', 'running'].includes(res.body.status as string)) return res;
      if (Date.now() > deadline) throw new Error(`job ${jobId} still ${res.body.status}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  describe('overlapping edits of one customer', () => {
    it('lets exactly one of eight edits on the same version win; the others get 409 with the current values', async () => {
      const { tenant, clients } = await business();
      const created = await clients[0].post('/api/customers', {
        firstName: 'Lotte',
        lastName: 'Claes',
        email: 'lotte.claes@example.be',
      });
      expect(created.status, created.text).toBe(201);
      const id = created.body.id as string;
      const version = created.body.version as number;

      const cities = Array.from({ length: 8 }, (_, i) => `Gent ${i}`);
      const results = await Promise.all(
        cities.map((city, i) => clients[i % 2]!.patch(`/api/customers/${id}`, { version, city })),
      );
      const won = results.filter((r) => r.status === 200);
      expect(won, results.map((r) => `${r.status} ${r.text}`).join('\n')).toHaveLength(1);
      const winner = won[0]!.body.city as string;
      expect(won[0]!.body.version).toBe(version + 1);
      for (const r of results.filter((x) => x.status !== 200)) {
        expect(r.status, r.text).toBe(409);
        expect(r.body.error.code).toBe('version_conflict');
        // The values now stored, so the editor can compare: never the stale ones the edit was made on.
        expect(r.body.error.details.current).toMatchObject({ id, version: version + 1, city: winner });
        expect(r.body.error.details.yourVersion).toBe(version);
      }
      const [stored] = await q<{ city: string; version: number }>(
        'SELECT city, version FROM customers WHERE tenant_id = $1 AND id = $2',
        [tenant.tenantId, id],
      );
      expect(stored).toEqual({ city: winner, version: version + 1 });
      const audit = await q<{ details: { changes: Record<string, { to: unknown }> } }>(
        "SELECT details FROM audit_log WHERE tenant_id = $1 AND action = 'customer.updated' AND entity_id = $2",
        [tenant.tenantId, id],
      );
      expect(audit).toHaveLength(1);
      expect(audit[0]!.details.changes).toEqual({ city: { from: null, to: winner } });
    });

    it('loses no update when eight editors of different fields re-read and retry until they succeed', async () => {
      const { tenant, clients } = await business();
      const created = await clients[1].post('/api/customers', {
        firstName: 'Bram',
        lastName: 'Wouters',
        email: 'bram.wouters@example.be',
      });
      expect(created.status, created.text).toBe(201);
      const id = created.body.id as string;
      const edits: Record<string, string> = {
        city: 'Antwerpen',
        street: 'Meir',
        houseNumber: '12',
        postalCode: '2000',
        statusLabel: 'VIP',
        notes: 'Allergisch voor latex',
        displayName: 'Bram W.',
        language: 'fr',
      };
      await Promise.all(
        Object.entries(edits).map(async ([field, value], i) => {
          const client = clients[i % 2]!;
          for (let attempt = 0; ; attempt++) {
            if (attempt > 100) throw new Error(`${field}: still conflicting after 100 attempts`);
            const current = await client.get(`/api/customers/${id}`);
            expect(current.status, current.text).toBe(200);
            const res = await client.patch(`/api/customers/${id}`, {
              version: current.body.version,
              [field]: value,
            });
            if (res.status === 200) return;
            expect(res.status, res.text).toBe(409);
            expect(res.body.error.code).toBe('version_conflict');
          }
        }),
      );
      const final = await clients[0].get(`/api/customers/${id}`);
      expect(final.body).toMatchObject({ ...edits, firstName: 'Bram', email: 'bram.wouters@example.be' });
      expect(final.body.version).toBe(created.body.version + 8);
      const audit = await q<{ details: { changes: Record<string, unknown> } }>(
        "SELECT details FROM audit_log WHERE tenant_id = $1 AND action = 'customer.updated' AND entity_id = $2",
        [tenant.tenantId, id],
      );
      // One audit row per successful edit, each naming only its own field.
      expect(audit.map((a) => Object.keys(a.details.changes)).sort()).toEqual(
        Object.keys(edits)
          .sort()
          .map((f) => [f]),
      );
    });
  });

  describe('the same file imported on both instances at once', () => {
    const CSV = [
      'Voornaam;Familienaam;E-mail;Gemeente',
      'Annelies;Goossens;annelies.goossens@example.be;Leuven',
      'Koen;Maes;koen.maes@example.be;Mechelen',
      'Sofie;Jacobs;sofie.jacobs@example.be;Brugge',
      'Pieter;Mertens;pieter.mertens@example.be;Hasselt',
    ].join('\r\n');
    const MAPPING = ['firstName', 'lastName', 'email', 'city'];

    async function uploadAndPlan(client: Client, name: string) {
      const up = await client.request('POST', `/api/imports?fileName=${name}`, CSV, {
        'content-type': 'text/csv',
      });
      expect(up.status, up.text).toBe(201);
      const planned = await client.post(`/api/imports/${up.body.id}/plan`, { mapping: MAPPING });
      expect(planned.status, planned.text).toBe(200);
      return planned.body as { id: string; summary: Record<string, number> };
    }

    const customerCount = async (tenantId: string) =>
      (
        await q<{ n: number }>('SELECT count(*)::int AS n FROM customers WHERE tenant_id = $1', [tenantId])
      )[0]!.n;

    it('creates every customer once when two imports of one file are planned and applied together', async () => {
      const { tenant, clients } = await business();
      const [a, b, late] = await Promise.all([
        uploadAndPlan(clients[0], 'a.csv'),
        uploadAndPlan(clients[1], 'b.csv'),
        uploadAndPlan(clients[0], 'late.csv'),
      ]);
      const plans = [a, b];
      // All dry runs ran before anything was applied: each sees four new customers.
      for (const p of [a, b, late]) expect(p.summary).toMatchObject({ rows: 4, new: 4, match: 0 });

      const applies = await Promise.all(
        plans.map((p, i) => clients[i]!.post(`/api/imports/${p.id}/apply`, { onMatch: 'update-empty' })),
      );
      // Exactly one import applies; the other was planned on a file that changes under it and is
      // refused at once, changing nothing, with a message that says to run the dry run again.
      expect(applies.map((a) => a.status).sort(), applies.map((a) => a.text).join('\n')).toEqual([202, 409]);
      const started = applies.findIndex((a) => a.status === 202);
      const refusal = applies[1 - started]!;
      expect(refusal.body.error.code).toBe('import.plan_stale');
      expect(refusal.body.error.message).toMatch(/dry run again/);
      expect(refusal.body.error.details.importId).toBe(plans[started]!.id);
      const job = await settled(clients[1 - started]!, applies[started]!.body.id as string);
      expect(job.body.status, job.text).toBe('done');
      const imports = await Promise.all(plans.map((p, i) => clients[i]!.get(`/api/imports/${p.id}`)));
      expect(imports[started]!.body).toMatchObject({ status: 'applied', result: { created: 4 } });
      const refused = imports[1 - started]!;
      expect(refused.body).toMatchObject({ status: 'planned', appliedThrough: -1, result: null, job: null });
      expect(await customerCount(tenant.tenantId)).toBe(4);
      const perEmail = await q<{ email: string; n: number }>(
        'SELECT email, count(*)::int AS n FROM customers WHERE tenant_id = $1 GROUP BY email ORDER BY email',
        [tenant.tenantId],
      );
      expect(perEmail.map((r) => r.n)).toEqual([1, 1, 1, 1]);
      // Applied only after the other import finished, an import planned before it is refused too.
      const lateApply = await clients[1].post(`/api/imports/${late.id}/apply`, {});
      expect(lateApply.status, lateApply.text).toBe(409);
      expect(lateApply.body.error.code).toBe('import.plan_stale');

      // Planned again, the refused import sees the four as matches and applies without creating any.
      const again = await clients[1].post(`/api/imports/${refused.body.id}/plan`, { mapping: MAPPING });
      expect(again.status, again.text).toBe(200);
      expect(again.body.summary).toMatchObject({ rows: 4, new: 0, match: 4 });
      const apply = await clients[1].post(`/api/imports/${refused.body.id}/apply`, {});
      expect(apply.status, apply.text).toBe(202);
      expect((await settled(clients[0], apply.body.id as string)).body.status).toBe('done');
      const done = await clients[0].get(`/api/imports/${refused.body.id}`);
      expect(done.body).toMatchObject({ status: 'applied', result: { unchanged: 4 } });
      // The reports of all three imports together say four customers were created: the count.
      let createdInReports = 0;
      for (const p of [a, b, late]) {
        const report = await clients[0].get(`/api/imports/${p.id}/report`);
        expect(report.status).toBe(200);
        createdInReports += report.text.match(/;created;/g)?.length ?? 0;
      }
      expect(createdInReports).toBe(4);
      expect(await customerCount(tenant.tenantId)).toBe(4);
      expect(await invariantViolations(ctx.database, tenant.tenantId)).toEqual([]);
    });

    it('starts one run when the same import is applied on both instances at once', async () => {
      const { tenant, clients } = await business();
      const plan = await uploadAndPlan(clients[0], 'c.csv');
      const applies = await Promise.all(clients.map((c) => c.post(`/api/imports/${plan.id}/apply`, {})));
      expect(applies.map((a) => a.status).sort()).toEqual([202, 409]);
      const refused = applies.find((a) => a.status === 409)!;
      expect(refused.body.error.code).toBe('import.already_applied');
      const job = await settled(clients[1], applies.find((a) => a.status === 202)!.body.id as string);
      expect(job.body.status).toBe('done');
      const imp = await clients[1].get(`/api/imports/${plan.id}`);
      expect(imp.body).toMatchObject({ status: 'applied', result: { created: 4 }, appliedThrough: 3 });
      expect(await customerCount(tenant.tenantId)).toBe(4);
      const runs = await q<{ n: number }>(
        "SELECT count(*)::int AS n FROM jobs WHERE tenant_id = $1 AND kind = 'import.apply'",
        [tenant.tenantId],
      );
      expect(runs[0]!.n).toBe(1);
      expect(await invariantViolations(ctx.database, tenant.tenantId)).toEqual([]);
    });
  });

  describe('background jobs with both instances working', () => {
    it('runs each of forty queued jobs exactly once, on one instance or the other', async () => {
      const { tenant } = await business();
      const queues = [ctx.deps.jobs, second.deps.jobs];
      const enqueued = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          queues[i % 2]!.enqueue(tenant.tenantId, 'test.count', { i }, null),
        ),
      );
      const ids = enqueued.map((j) => j.id);
      const deadline = Date.now() + 40_000;
      for (;;) {
        const [left] = await q<{ n: number }>(
          "SELECT count(*)::int AS n FROM jobs WHERE tenant_id = $1 AND status IN ('queued', 'running')",
          [tenant.tenantId],
        );
        if (left!.n === 0) break;
        if (Date.now() > deadline) throw new Error(`${left!.n} jobs still waiting`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const runs = counted.filter((c) => ids.includes(c.jobId));
      expect(runs.map((r) => r.jobId).sort()).toEqual([...ids].sort());
      const rows = await q<{
        id: string;
        status: string;
        attempts: number;
        locked_by: string;
        result: unknown;
      }>(
        'SELECT id, status, attempts, locked_by, result FROM jobs WHERE tenant_id = $1 AND id = ANY($2::uuid[])',
        [tenant.tenantId, ids],
      );
      expect(rows).toHaveLength(40);
      const workers = new Set(queues.map((w) => w.workerId));
      for (const r of rows) {
        expect(r).toMatchObject({ status: 'done', attempts: 1 });
        expect(workers).toContain(r.locked_by);
        // The result is the one of the run that happened, by the worker that holds the job.
        expect(r.result).toEqual({ ranBy: r.locked_by });
        expect(runs.find((x) => x.jobId === r.id)!.worker).toBe(r.locked_by);
      }
    });

    it('scans each business once when both instances are asked at the same moment', async () => {
      const tenants = await Promise.all(Array.from({ length: 4 }, () => business()));
      for (const { actor } of tenants) {
        // Two obvious pairs and a bystander.
        await addCustomer(ctx.database, actor, {
          firstName: 'Eva',
          lastName: 'Peeters',
          email: 'eva@p.example',
        });
        await addCustomer(ctx.database, actor, {
          firstName: 'Eva',
          lastName: 'Peeters',
          email: 'eva@p.example',
        });
        await addCustomer(ctx.database, actor, {
          firstName: 'Johan',
          lastName: 'Dewitte',
          mobile: '0475 12 34 56',
        });
        await addCustomer(ctx.database, actor, {
          firstName: 'Johan',
          lastName: 'De Witte',
          mobile: '+32475123456',
        });
        await addCustomer(ctx.database, actor, { firstName: 'Marie', lastName: 'Lambert' });
      }
      const answers = await Promise.all(
        tenants.flatMap(({ clients }) => clients.map((c) => c.post('/api/duplicates/scan'))),
      );
      for (const a of answers) expect(a.status, a.text).toBe(202);
      for (const [t, { tenant, clients }] of tenants.entries()) {
        const mine = [answers[2 * t]!, answers[2 * t + 1]!];
        for (const a of mine)
          expect((await settled(clients[0], a.body.id as string)).body.status).toBe('done');
        const jobs = await q<{
          id: string;
          attempts: number;
          created_at: Date;
          finished_at: Date;
          result: { groups: number };
        }>(
          "SELECT id, attempts, created_at, finished_at, result FROM jobs WHERE tenant_id = $1 AND kind = 'duplicates.scan' ORDER BY created_at",
          [tenant.tenantId],
        );
        // Both answers are the one scan, unless the first had finished before the second was asked.
        expect(new Set(mine.map((a) => a.body.id))).toEqual(new Set(jobs.map((j) => j.id)));
        for (let i = 1; i < jobs.length; i++) {
          expect(jobs[i]!.created_at.getTime()).toBeGreaterThanOrEqual(jobs[i - 1]!.finished_at.getTime());
        }
        for (const j of jobs) expect(j.attempts).toBe(1);
        // The review queue holds the last scan's groups, once: no customer in two open groups.
        const groups = await q<{ scan_job_id: string; member_ids: string[] }>(
          "SELECT scan_job_id, member_ids FROM duplicate_groups WHERE tenant_id = $1 AND status = 'open'",
          [tenant.tenantId],
        );
        const last = jobs.at(-1)!;
        expect(groups.length).toBe(last.result.groups);
        expect(groups.length).toBeGreaterThanOrEqual(1);
        for (const g of groups) expect(g.scan_job_id).toBe(last.id);
        const members = groups.flatMap((g) => g.member_ids);
        expect(new Set(members).size).toBe(members.length);
        expect(await invariantViolations(ctx.database, tenant.tenantId)).toEqual([]);
      }
    });
  });

  describe('an edit racing a merge of the same customer', () => {
    it('lets the edit or the merge win, never both, and keeps the invariants', async () => {
      const { tenant, actor, clients } = await business();
      const outcomes: string[] = [];
      for (let round = 0; round < 6; round++) {
        const survivor = await addCustomer(ctx.database, actor, {
          firstName: 'Ine',
          lastName: `Verbeke ${round}`,
          email: `ine${round}@example.be`,
        });
        const x = await addCustomer(ctx.database, actor, {
          firstName: 'Ine',
          lastName: `Verbeke ${round}`,
          mobile: '0475 99 88 77',
        });
        for (const table of HISTORY_TABLES)
          await addHistoryRow(ctx.database, tenant.tenantId, x, table, round);
        const request = { ids: [survivor, x], survivorId: survivor };
        // The preview is taken before the edit; the editor has read X before the merge.
        const preview = await clients[1].post('/api/merges/preview', request);
        expect(preview.status, preview.text).toBe(200);
        const seen = await clients[0].get(`/api/customers/${x}`);
        const [edit, merge] = await Promise.all([
          clients[0].patch(`/api/customers/${x}`, { version: seen.body.version, city: `Kortrijk ${round}` }),
          clients[1].post('/api/merges', { ...request, fingerprint: preview.body.fingerprint }),
        ]);
        const [row] = await q<{ merged_into: string | null; city: string | null; version: number }>(
          'SELECT merged_into, city, version FROM customers WHERE tenant_id = $1 AND id = $2',
          [tenant.tenantId, x],
        );
        const merges = await q<{ n: number }>(
          'SELECT count(*)::int AS n FROM merges WHERE tenant_id = $1 AND $2 = ANY(merged_ids)',
          [tenant.tenantId, x],
        );
        if (edit.status === 200) {
          outcomes.push('edit');
          expect(merge.status, merge.text).toBe(409);
          expect(merge.body.error.code).toBe('merge_stale');
          expect(merge.body.error.details.customerId).toBe(x);
          expect(row).toEqual({
            merged_into: null,
            city: `Kortrijk ${round}`,
            version: seen.body.version + 1,
          });
          expect(merges[0]!.n).toBe(0);
        } else {
          outcomes.push('merge');
          expect(merge.status, merge.text).toBe(201);
          expect(edit.status, edit.text).toBe(409);
          // The editor is told where the customer went, so the app can open the survivor.
          expect(edit.body.error.code).toBe('customer_merged');
          expect(edit.body.error.details.mergedInto).toBe(survivor);
          expect(row!.merged_into).toBe(survivor);
          expect(row!.city).toBeNull();
          expect(merges[0]!.n).toBe(1);
          const redirect = await clients[0].get(`/api/customers/${x}`);
          expect(redirect.body).toMatchObject({ id: survivor, mergedFrom: { id: x } });
          expect(redirect.body.city).not.toBe(`Kortrijk ${round}`);
        }
        const audits = await q<{ action: string }>(
          "SELECT action FROM audit_log WHERE tenant_id = $1 AND customer_ids && $2::uuid[] AND action IN ('customer.updated', 'merge.applied')",
          [tenant.tenantId, [x]],
        );
        expect(audits.map((a) => a.action)).toEqual([
          outcomes.at(-1) === 'edit' ? 'customer.updated' : 'merge.applied',
        ]);
        expect(await invariantViolations(ctx.database, tenant.tenantId)).toEqual([]);
      }
      expect(outcomes).toHaveLength(6);
    });
  });
});
