/** Medium tier: the customer write path on a real database (PGlite or PostgreSQL). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createTestTenant } from '../../../test/support/app.ts';
import type { TestContext, TestTenant } from '../../../test/support/app.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import { createCustomer, resolveCustomer, updateCustomer } from './customers.service.ts';

let ctx: TestContext;
let tenant: TestTenant;
let actor: Actor;
const now = new Date('2026-11-24T10:00:00Z');

beforeAll(async () => {
  ctx = await createTestContext();
  tenant = await createTestTenant(ctx);
  actor = {
    tenantId: tenant.tenantId,
    staffId: tenant.ownerId,
    role: 'owner',
    name: 'Owner',
    via: 'session',
  };
});
afterAll(async () => ctx?.close());

describe('customer write path', () => {
  it('numbers customers per tenant, stores the typed phone beside its E.164 and indexes the customer', async () => {
    const a = await createCustomer(
      ctx.database,
      tenant.tenantId,
      { firstName: 'Stephanie', lastName: 'Wahters', mobile: '0475/88.88.88' },
      { source: 'staff', actor, now },
    );
    const b = await createCustomer(
      ctx.database,
      tenant.tenantId,
      { firstName: 'stefanie', lastName: 'wachters', mobile: '+32 475 88 88 88' },
      { source: 'online', actor, now },
    );
    expect(b.number).toBe(a.number + 1);
    expect(a.mobile).toBe('0475/88.88.88');
    expect(a.mobileE164).toBe('+32475888888');
    expect(b.mobileE164).toBe('+32475888888');
    const keys = await ctx.database.query<{ key: string }>(
      'SELECT key FROM customer_match_keys WHERE tenant_id = $1 AND customer_id = $2',
      [tenant.tenantId, a.id],
    );
    expect(keys.map((k) => k.key)).toContain('ph:+32475888888');
    const audit = await ctx.database.query<{ action: string }>(
      'SELECT action FROM audit_log WHERE tenant_id = $1 AND entity_id = $2',
      [tenant.tenantId, a.id],
    );
    expect(audit.map((r) => r.action)).toEqual(['customer.created']);
  });

  it('refuses invalid data naming the field, and writes nothing', async () => {
    const before = await ctx.database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM customers WHERE tenant_id = $1',
      [tenant.tenantId],
    );
    const err = await createCustomer(
      ctx.database,
      tenant.tenantId,
      { firstName: 'Jan', mobile: '12' },
      { source: 'staff', actor, now },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).field).toBe('mobile');
    expect((err as AppError).code).toBe('invalid_phone');
    const noName = await createCustomer(
      ctx.database,
      tenant.tenantId,
      { email: 'x@example.com' },
      { source: 'staff', actor, now },
    ).catch((e: unknown) => e);
    expect((noName as AppError).code).toBe('name_required');
    const after = await ctx.database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM customers WHERE tenant_id = $1',
      [tenant.tenantId],
    );
    expect(after).toEqual(before);
  });

  it('answers a stale edit with 409 and the current values, and keeps the newer edit', async () => {
    const c = await createCustomer(
      ctx.database,
      tenant.tenantId,
      { firstName: 'Els', lastName: 'Peeters' },
      { source: 'staff', actor, now },
    );
    const first = await updateCustomer(ctx.database, actor, c.id, c.version, { city: 'Gent' }, now);
    expect(first.changed).toEqual(['city']);
    expect(first.row.version).toBe(c.version + 1);
    const err = (await updateCustomer(ctx.database, actor, c.id, c.version, { city: 'Brugge' }, now).catch(
      (e: unknown) => e,
    )) as AppError;
    expect(err.status).toBe(409);
    expect(err.code).toBe('version_conflict');
    expect((err.details as { current: { city: string } }).current.city).toBe('Gent');
    const { row } = await resolveCustomer(ctx.database.db, tenant.tenantId, c.id);
    expect(row.city).toBe('Gent');
  });

  it('resolves a merged-away id to its survivor, and a foreign id to 404', async () => {
    const survivor = await createCustomer(
      ctx.database,
      tenant.tenantId,
      { firstName: 'Anna', lastName: 'Maes' },
      { source: 'staff', actor, now },
    );
    const merged = await createCustomer(
      ctx.database,
      tenant.tenantId,
      { firstName: 'Ana', lastName: 'Maes' },
      { source: 'online', actor, now },
    );
    await ctx.database.query(
      'UPDATE customers SET merged_into = $3, merged_at = now() WHERE tenant_id = $1 AND id = $2',
      [tenant.tenantId, merged.id, survivor.id],
    );
    const resolved = await resolveCustomer(ctx.database.db, tenant.tenantId, merged.id);
    expect(resolved.row.id).toBe(survivor.id);
    expect(resolved.mergedFrom).toBe(merged.id);
    const other = await createTestTenant(ctx);
    await expect(resolveCustomer(ctx.database.db, other.tenantId, survivor.id)).rejects.toMatchObject({
      status: 404,
    });
    await expect(resolveCustomer(ctx.database.db, tenant.tenantId, 'not-a-uuid')).rejects.toMatchObject({
      status: 404,
    });
  });
});
