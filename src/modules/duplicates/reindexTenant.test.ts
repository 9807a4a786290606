/**
 * The whole-tenant rebuild (reindexTenant) must store exactly what the incremental path
 * (reindexCustomers, run by every customer write) stores: the same features, keys and identity
 * hashes — on its bulk path (COPY with the key indexes rebuilt, PGlite) and its plain path, with
 * another tenant's index left alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCustomers } from '../../../bench/generator/index.ts';
import { loadGenerated } from '../../../bench/generator/load.ts';
import { createTestContext, createTestTenant } from '../../../test/support/app.ts';
import type { TestContext, TestTenant } from '../../../test/support/app.ts';
import { scanTenant } from './duplicates.scan.ts';
import { reindexCustomers } from './matchIndex.ts';
import { reindexTenant } from './reindexTenant.ts';

let ctx: TestContext;
let tenant: TestTenant;
let other: TestTenant;
let large: TestTenant;

interface Snapshot {
  keys: string[];
  features: string[];
  hashes: string[];
}

async function snapshot(tenantId: string): Promise<Snapshot> {
  const q = (text: string) => ctx.database.query<{ v: string }>(text, [tenantId]);
  return {
    keys: (
      await q(
        `SELECT key || ' ' || customer_id AS v FROM customer_match_keys WHERE tenant_id = $1 ORDER BY 1`,
      )
    ).map((r) => r.v),
    features: (
      await q(
        `SELECT customer_id || ' ' || features AS v FROM customer_match_features WHERE tenant_id = $1 ORDER BY 1`,
      )
    ).map((r) => r.v),
    hashes: (
      await q(`SELECT id || ' ' || identity_hash AS v FROM customers WHERE tenant_id = $1 ORDER BY 1`)
    ).map((r) => r.v),
  };
}

async function incremental(tenantId: string): Promise<Snapshot> {
  await ctx.database.query('DELETE FROM customer_match_keys WHERE tenant_id = $1', [tenantId]);
  await ctx.database.query('DELETE FROM customer_match_features WHERE tenant_id = $1', [tenantId]);
  await ctx.database.query(`UPDATE customers SET identity_hash = '' WHERE tenant_id = $1`, [tenantId]);
  const ids = (
    await ctx.database.query<{ id: string }>('SELECT id FROM customers WHERE tenant_id = $1', [tenantId])
  ).map((r) => r.id);
  await ctx.database.db.transaction((tx) => reindexCustomers(tx, tenantId, ids, 'BE'));
  return snapshot(tenantId);
}

beforeAll(async () => {
  ctx = await createTestContext();
  tenant = await createTestTenant(ctx);
  other = await createTestTenant(ctx);
  large = await createTestTenant(ctx);
  for (const [t, seed, n] of [
    [tenant, 3, 400],
    [other, 4, 400],
    [large, 5, 1500],
  ] as const) {
    await loadGenerated(ctx.database, generateCustomers({ seed, n, country: 'mixed', history: false }), {
      tenantId: t.tenantId,
      history: false,
    });
  }
  // Some customers whose hash is stale and some that are not live (they must stay out of the index).
  await ctx.database.query(
    `UPDATE customers SET identity_hash = 'stale' WHERE tenant_id = $1 AND number % 7 = 0`,
    [tenant.tenantId],
  );
  await ctx.database.query(
    `UPDATE customers SET archived_at = now() WHERE tenant_id = $1 AND number % 11 = 0`,
    [tenant.tenantId],
  );
}, 120_000);
afterAll(async () => ctx?.close());

describe('reindexTenant', () => {
  it('stores what the incremental path stores, on the bulk and the plain path', async () => {
    const expected = await incremental(tenant.tenantId);
    expect(expected.features.length).toBeGreaterThan(300);
    expect(expected.features.length).toBeLessThan(400);
    expect(expected.keys.length).toBeGreaterThan(expected.features.length * 4);

    await ctx.database.query(
      `UPDATE customers SET identity_hash = 'stale' WHERE tenant_id = $1 AND number % 5 = 0`,
      [tenant.tenantId],
    );
    const plain = await reindexTenant(ctx.database, tenant.tenantId, { bulkFrom: Number.POSITIVE_INFINITY });
    expect(plain.indexed).toBe(expected.features.length);
    expect(await snapshot(tenant.tenantId)).toEqual(expected);

    await ctx.database.query(
      `UPDATE customers SET identity_hash = 'stale' WHERE tenant_id = $1 AND number % 5 = 0`,
      [tenant.tenantId],
    );
    // The other tenant is indexed too, so the bulk path must delete this tenant's rows only.
    await reindexTenant(ctx.database, other.tenantId, { bulkFrom: 0 });
    const otherBefore = await snapshot(other.tenantId);
    expect(otherBefore).toEqual(await incremental(other.tenantId));
    await reindexTenant(ctx.database, tenant.tenantId, { bulkFrom: 0 });
    expect(await snapshot(tenant.tenantId)).toEqual(expected);
    expect(await snapshot(other.tenantId)).toEqual(otherBefore);

    // Alone in the index (the other tenant's rows gone), the bulk path empties the tables outright.
    await ctx.database.query('DELETE FROM customer_match_keys WHERE tenant_id = $1', [other.tenantId]);
    await ctx.database.query('DELETE FROM customer_match_features WHERE tenant_id = $1', [other.tenantId]);
    await reindexTenant(ctx.database, tenant.tenantId, { bulkFrom: 0 });
    expect(await snapshot(tenant.tenantId)).toEqual(expected);

    // The key indexes are back, under their names, and a lookup by customer uses them.
    const indexes = await ctx.database.query<{ name: string; def: string }>(
      `SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE tablename = 'customer_match_keys' ORDER BY 1`,
    );
    expect(indexes.map((i) => i.name)).toEqual(['customer_match_keys_customer', 'customer_match_keys_pkey']);
    expect(indexes[1]!.def).toContain('(tenant_id, key, customer_id)');
  }, 120_000);
});

describe('scanTenant on worker threads', () => {
  it('stores the same groups, model and name frequencies as the scan in one thread', async () => {
    await reindexTenant(ctx.database, large.tenantId);
    const stored = async () => ({
      groups: (
        await ctx.database.query<{
          members: string[];
          probability: number;
          pairs: { a: number; b: number; p: number }[];
        }>(
          `SELECT member_ids AS members, probability, pairs FROM duplicate_groups
           WHERE tenant_id = $1 AND status = 'open'`,
          [large.tenantId],
        )
      )
        // Pairs of equal probability are stored in the order they were scored, which differs.
        .map((g) => ({ ...g, pairs: [...g.pairs].sort((x, y) => y.p - x.p || x.a - y.a || x.b - y.b) }))
        .sort((a, b) => (a.members[0]! < b.members[0]! ? -1 : 1)),
      model: await ctx.database.query(
        'SELECT params, records, trained, trained_records FROM match_models WHERE tenant_id = $1',
        [large.tenantId],
      ),
      terms: await ctx.database.query(
        'SELECT field, value, count FROM match_terms WHERE tenant_id = $1 ORDER BY field, value',
        [large.tenantId],
      ),
    });
    const now = new Date('2026-11-24T10:00:00Z');
    const one = await scanTenant(ctx.database, large.tenantId, {
      train: 'always',
      now,
      parallelFrom: Number.POSITIVE_INFINITY,
    });
    const inThread = await stored();
    const two = await scanTenant(ctx.database, large.tenantId, { train: 'always', now, parallelFrom: 0 });
    expect(two.candidatePairs).toBe(one.candidatePairs);
    expect(two.groups).toBe(one.groups);
    expect(one.groups).toBeGreaterThan(20);
    expect(await stored()).toEqual(inThread);
  }, 120_000);
});
