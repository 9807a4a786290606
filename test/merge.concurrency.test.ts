/**
 * Two app instances on one PostgreSQL merge overlapping sets of customers at the same moment:
 * exactly one merge wins, every other answers 409 `merge_stale`, and nothing is half-merged.
 *
 * PostgreSQL only: PGlite is an embedded, single-process database, so there cannot be two app
 * instances on one PGlite; the row locks this test exercises are PostgreSQL's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { openPostgres } from '../src/db/connection.ts';
import type { Database } from '../src/db/connection.ts';
import { buildApp } from '../src/server/app.ts';
import { createDeps } from '../src/server/start.ts';
import type { App } from '../src/server/types.ts';
import { addCustomer, addHistoryRow } from '../src/modules/merges/merges.test-support.ts';
import type { Actor } from '../src/modules/shared/actor.ts';
import { HISTORY_TABLES } from '../src/core/merge/index.ts';
import { Client, createTestContext, createTestTenant, tokenClient } from './support/app.ts';
import type { TestContext, TestTenant } from './support/app.ts';
import { testEngine } from './support/engine.ts';

describe.runIf(testEngine() === 'postgres')('merging at the same time from two app instances', () => {
  let ctx: TestContext;
  let second: { app: App; database: Database };
  let tenant: TestTenant;
  let actor: Actor;
  let clients: [Client, Client];

  beforeAll(async () => {
    ctx = await createTestContext();
    const database = await openPostgres(ctx.database.url!, 5);
    const deps = await createDeps(loadConfig({ CLIENTEEL_DEMO: 'never', LOG_LEVEL: 'silent' }), database);
    const app = await buildApp(deps);
    await app.ready();
    second = { app, database };
    tenant = await createTestTenant(ctx);
    actor = {
      tenantId: tenant.tenantId,
      staffId: tenant.ownerId,
      role: 'owner',
      name: 'Owner',
      via: 'session',
    };
    const first = await tokenClient(ctx, tenant);
    const other = new Client(second.app);
    other.bearer = first.bearer;
    clients = [first, other];
  });
  afterAll(async () => {
    await second?.app.close();
    await second?.database.close();
    await ctx?.close();
  });

  const q = <T>(sql: string, params: unknown[]) => ctx.database.query<T>(sql, params);

  async function customersWithHistory(n: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const id = await addCustomer(ctx.database, actor, { firstName: 'Eva', lastName: `Peeters ${i}` });
      for (const table of HISTORY_TABLES) await addHistoryRow(ctx.database, tenant.tenantId, id, table, i);
      ids.push(id);
    }
    return ids;
  }

  async function race(sets: string[][]) {
    const previews = await Promise.all(
      sets.map((ids, i) => clients[i % 2]!.post('/api/merges/preview', { ids })),
    );
    for (const p of previews) expect(p.status, p.text).toBe(200);
    return Promise.all(
      sets.map((ids, i) =>
        clients[(i + 1) % 2]!.post('/api/merges', { ids, fingerprint: previews[i]!.body.fingerprint }),
      ),
    );
  }

  it('lets exactly one of three pairwise-overlapping merges win, round after round', async () => {
    for (let round = 0; round < 5; round++) {
      const [a, b, c] = (await customersWithHistory(3)) as [string, string, string];
      const rowsBefore = await q<{ table: string; n: number }>(
        HISTORY_TABLES.map(
          (t) =>
            `SELECT '${t}' AS table, count(*)::int AS n FROM ${t} WHERE tenant_id = $1 AND customer_id = ANY($2::uuid[])`,
        ).join(' UNION ALL '),
        [tenant.tenantId, [a, b, c]],
      );
      const results = await race([
        [a, b],
        [b, c],
        [c, a],
      ]);
      const won = results.filter((r) => r.status === 201);
      const lost = results.filter((r) => r.status !== 201);
      expect(won).toHaveLength(1);
      for (const r of lost) {
        expect(r.status).toBe(409);
        expect(r.body.error.code).toBe('merge_stale');
      }

      const winner = won[0]!.body;
      const survivor = winner.survivor.id as string;
      const loser = winner.merged[0].id as string;
      const bystander = [a, b, c].find((id) => id !== survivor && id !== loser)!;
      const customers = await q<{ id: string; merged_into: string | null }>(
        'SELECT id, merged_into FROM customers WHERE tenant_id = $1 AND id = ANY($2::uuid[])',
        [tenant.tenantId, [a, b, c]],
      );
      expect(Object.fromEntries(customers.map((r) => [r.id, r.merged_into]))).toEqual({
        [survivor]: null,
        [loser]: survivor,
        [bystander]: null,
      });
      // Every row is still there, on a live customer: the winner's two profiles on the survivor.
      const rowsAfter = await q<{ table: string; owner: string; n: number }>(
        HISTORY_TABLES.map(
          (t) =>
            `SELECT '${t}' AS table, customer_id::text AS owner, count(*)::int AS n FROM ${t} WHERE tenant_id = $1 AND customer_id = ANY($2::uuid[]) AND NOT (${t === 'customer_contact_points' ? "origin = 'merge'" : 'false'}) GROUP BY customer_id`,
        ).join(' UNION ALL '),
        [tenant.tenantId, [a, b, c]],
      );
      for (const { table, n } of rowsBefore) {
        const owners = rowsAfter.filter((r) => r.table === table);
        expect(owners.reduce((sum, r) => sum + r.n, 0)).toBe(n);
        expect(owners.find((r) => r.owner === loser)).toBeUndefined();
        expect(owners.find((r) => r.owner === survivor)?.n).toBe((2 * n) / 3);
        expect(owners.find((r) => r.owner === bystander)?.n).toBe(n / 3);
      }
      const merges = await q<{ n: number }>(
        'SELECT count(*)::int AS n FROM merges WHERE tenant_id = $1 AND survivor_id = ANY($2::uuid[])',
        [tenant.tenantId, [a, b, c]],
      );
      expect(merges[0]!.n).toBe(1);
    }
  });

  it('lets one of two instances merging the very same pair win', async () => {
    const [a, b] = (await customersWithHistory(2)) as [string, string];
    const results = await race([
      [a, b],
      [b, a],
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const audit = await q<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE tenant_id = $1 AND action = 'merge.applied' AND customer_ids && $2::uuid[]",
      [tenant.tenantId, [a, b]],
    );
    expect(audit[0]!.n).toBe(1);
  });
});
