/** Medium tier: the duplicates API over HTTP (session + CSRF), on both engines. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createTestTenant, loginOwner } from '../../../test/support/app.ts';
import type { Client, TestContext, TestTenant } from '../../../test/support/app.ts';
import type { CustomerInput } from '../../core/customer/customer.ts';
import { createCustomer } from '../customers/customers.service.ts';

let ctx: TestContext;
let a: TestTenant;
let b: TestTenant;
let clientA: Client;
let clientB: Client;
const now = new Date('2026-11-24T10:00:00Z');
const ids: Record<string, string> = {};

async function add(tenant: TestTenant, name: string, input: CustomerInput): Promise<void> {
  const row = await createCustomer(ctx.database, tenant.tenantId, input, {
    source: 'staff',
    actor: null,
    now,
  });
  ids[name] = row.id;
}

beforeAll(async () => {
  ctx = await createTestContext({ now: () => now });
  a = await createTestTenant(ctx);
  b = await createTestTenant(ctx);
  clientA = await loginOwner(ctx, a);
  clientB = await loginOwner(ctx, b);
  await add(a, 'stephanie', {
    gender: 'female',
    firstName: 'Stephanie',
    lastName: 'Wahters',
    email: 'stephaniewachters@telenet.be',
    mobile: '0475 888 888',
    birthDate: '1988-06-14',
  });
  await add(a, 'stefanie', {
    gender: 'female',
    firstName: 'stefanie',
    lastName: 'wachters',
    email: 'stefaniew@hotmail.com',
    mobile: '+32 475 88 88 88',
  });
  await add(a, 'piet', {
    firstName: 'Piet',
    lastName: 'Janssens',
    mobile: '0478 11 11 11',
    birthDate: '1970-01-02',
  });
  await add(a, 'pieter', {
    firstName: 'Pieter',
    lastName: 'Janssens',
    mobile: '0478111111',
    birthDate: '1970-01-02',
  });
  await add(a, 'lies', { firstName: 'Lies', lastName: 'Peeters', email: 'lies.peeters@gmail.com' });
  await add(b, 'other', { firstName: 'Stephanie', lastName: 'Wahters', mobile: '0475 888 888' });
}, 120_000);
afterAll(async () => ctx?.close());

describe('GET /api/customers/:id/duplicates', () => {
  it('lists the candidates with their reasons in the caller’s language', async () => {
    clientA.language = 'de';
    const res = await clientA.get(`/api/customers/${ids.stephanie}/duplicates`);
    clientA.language = undefined;
    expect(res.status).toBe(200);
    expect(res.body.customerId).toBe(ids.stephanie);
    expect(res.body.candidates.map((c: { customerId: string }) => c.customerId)).toEqual([ids.stefanie]);
    const [c] = res.body.candidates;
    expect(c.fields.map((f: { sentence: string }) => f.sentence)).toEqual(
      expect.arrayContaining(['Gleiche Handynummer', 'Vornamen klingen gleich: Stephanie / Stefanie']),
    );
    expect(c.fields[0].weight).toBeGreaterThan(0);
    expect(typeof c.customerSince).toBe('string');
  });

  it('answers 404 for unknown, malformed and other tenants’ ids', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', ids.other]) {
      const res = await clientA.get(`/api/customers/${id}/duplicates`);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    expect((await clientB.get(`/api/customers/${ids.stephanie}/duplicates`)).status).toBe(404);
  });
});

describe('not a duplicate', () => {
  it('hides the pair, is audited, and can be taken back', async () => {
    const url = `/api/customers/${ids.piet}/duplicates/${ids.pieter}/dismiss`;
    expect((await clientA.get(`/api/customers/${ids.piet}/duplicates`)).body.candidates).toHaveLength(1);
    const res = await clientA.post(url);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ customerId: ids.piet, otherId: ids.pieter });
    expect((await clientA.get(`/api/customers/${ids.piet}/duplicates`)).body.candidates).toEqual([]);
    expect((await clientA.get(`/api/customers/${ids.pieter}/duplicates`)).body.candidates).toEqual([]);
    const audit = await ctx.database.query<{ action: string; customer_ids: string[] }>(
      `SELECT action, customer_ids FROM audit_log WHERE tenant_id = $1 AND action LIKE 'duplicates.%'`,
      [a.tenantId],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.action).toBe('duplicates.dismissed');
    expect([...audit[0]!.customer_ids].sort()).toEqual([ids.piet, ids.pieter].sort());

    expect((await clientA.delete(url)).status).toBe(204);
    expect((await clientA.get(`/api/customers/${ids.piet}/duplicates`)).body.candidates).toHaveLength(1);
    const again = await clientA.delete(url);
    expect(again.status).toBe(404);
  });

  it('refuses a customer with itself, and ids of another tenant, changing nothing', async () => {
    clientA.language = 'nl';
    const self = await clientA.post(`/api/customers/${ids.piet}/duplicates/${ids.piet}/dismiss`);
    clientA.language = undefined;
    expect(self.status).toBe(400);
    expect(self.body.error.code).toBe('same_customer');
    expect(self.body.error.message).toMatch(/zichzelf/);
    expect((await clientA.post(`/api/customers/${ids.piet}/duplicates/${ids.other}/dismiss`)).status).toBe(
      404,
    );
    expect((await clientB.post(`/api/customers/${ids.other}/duplicates/${ids.piet}/dismiss`)).status).toBe(
      404,
    );
    const rows = await ctx.database.query('SELECT 1 FROM duplicate_dismissals WHERE tenant_id IN ($1, $2)', [
      a.tenantId,
      b.tenantId,
    ]);
    expect(rows).toHaveLength(0);
  });
});

describe('POST /api/duplicates/check', () => {
  it('finds existing customers for values typed into the create form', async () => {
    const res = await clientA.post('/api/duplicates/check', {
      firstName: 'Stefanie',
      lastName: 'Wachters',
      mobile: '0475/88.88.88',
    });
    expect(res.status).toBe(200);
    expect(res.body.candidates.map((c: { customerId: string }) => c.customerId).sort()).toEqual(
      [ids.stephanie, ids.stefanie].sort(),
    );
    const other = await clientB.post('/api/duplicates/check', {
      firstName: 'Lies',
      lastName: 'Peeters',
      email: 'lies.peeters@gmail.com',
    });
    expect(other.body.candidates).toEqual([]);
  });

  it('names the field of a malformed value', async () => {
    const res = await clientA.post('/api/duplicates/check', { firstName: 'Jan', birthDate: '14/06/1988' });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('birthDate');
  });
});

describe('scan and review queue', () => {
  it('scans in a job, lists groups most certain first, and dismisses a group', async () => {
    const started = await clientA.post('/api/duplicates/scan');
    expect(started.status).toBe(202);
    expect(started.body.kind).toBe('duplicates.scan');
    // A second click while it is queued follows the same job.
    expect((await clientA.post('/api/duplicates/scan')).body.id).toBe(started.body.id);
    await ctx.deps.jobs.drain();
    const job = await clientA.get(`/api/jobs/${started.body.id}`);
    expect(job.body.status).toBe('done');
    expect(job.body.progress.done).toBe(job.body.progress.total);
    expect(job.body.result.groups).toBe(2);

    const list = await clientA.get('/api/duplicates/groups');
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(2);
    const probabilities = list.body.groups.map((g: { probability: number }) => g.probability);
    expect(probabilities).toEqual([...probabilities].sort((x, y) => y - x));
    const seed = list.body.groups.find((g: { members: { customerId: string }[] }) =>
      g.members.some((m) => m.customerId === ids.stephanie),
    );
    expect(seed.members.map((m: { customerId: string }) => m.customerId).sort()).toEqual(
      [ids.stephanie, ids.stefanie].sort(),
    );
    expect(seed.pairs[0].fields.map((f: { sentence: string }) => f.sentence)).toContain('Same mobile number');
    const filtered = await clientA.get(`/api/duplicates/groups?minSize=3`);
    expect(filtered.body.total).toBe(0);
    expect((await clientB.get('/api/duplicates/groups')).body.total).toBe(0);
    expect((await clientB.post(`/api/duplicates/groups/${seed.id}/dismiss`)).status).toBe(404);

    const dismissed = await clientA.post(`/api/duplicates/groups/${seed.id}/dismiss`);
    expect(dismissed.status).toBe(200);
    expect(dismissed.body.status).toBe('dismissed');
    expect((await clientA.get('/api/duplicates/groups')).body.total).toBe(1);
    expect((await clientA.get(`/api/customers/${ids.stephanie}/duplicates`)).body.candidates).toEqual([]);
    const twice = await clientA.post(`/api/duplicates/groups/${seed.id}/dismiss`);
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('group_not_open');

    // The next scan keeps the dismissed pair apart and replaces the other open group.
    const before = (await clientA.get('/api/duplicates/groups')).body.groups[0].id;
    await clientA.post('/api/duplicates/scan');
    await ctx.deps.jobs.drain();
    const after = await clientA.get('/api/duplicates/groups');
    expect(after.body.total).toBe(1);
    expect(after.body.groups[0].id).not.toBe(before);
    expect(after.body.groups[0].members.map((m: { customerId: string }) => m.customerId).sort()).toEqual(
      [ids.piet, ids.pieter].sort(),
    );
  });
});
