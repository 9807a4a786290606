/**
 * Medium tier: duplicate lookups on the match index and the whole-tenant scan, on a real database
 * (PGlite or PostgreSQL), with the demo salon loaded by the generator and hand-made households.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_CASE } from '../../../bench/generator/demo.ts';
import { seedDemo } from '../../../bench/generator/seedDemo.ts';
import { createTestContext, createTestTenant } from '../../../test/support/app.ts';
import type { TestContext, TestTenant } from '../../../test/support/app.ts';
import type { CustomerInput } from '../../core/customer/customer.ts';
import { createCustomer, updateCustomer } from '../customers/customers.service.ts';
import type { Actor } from '../shared/actor.ts';
import { dismissPair } from './dismissals.service.ts';
import { scanTenant } from './duplicates.scan.ts';
import { findDuplicateCandidates } from './duplicates.service.ts';
import { getDuplicateGroup } from './groups.service.ts';
import { reindexCustomers } from './matchIndex.ts';

let ctx: TestContext;
let demo: Awaited<ReturnType<typeof seedDemo>>;
let small: TestTenant;
let demoActor: Actor;
let smallActor: Actor;
const now = new Date('2026-11-24T10:00:00Z');
let stephanie: string;
let stefanie: string;

const actorOf = (tenantId: string, staffId: string): Actor => ({
  tenantId,
  staffId,
  role: 'owner',
  name: 'Owner',
  via: 'session',
});

async function add(input: CustomerInput): Promise<string> {
  const row = await createCustomer(ctx.database, small.tenantId, input, {
    source: 'staff',
    actor: smallActor,
    now,
  });
  return row.id;
}

const candidatesOf = async (tenantId: string, customerId: string) =>
  (await findDuplicateCandidates(ctx.database.db, tenantId, { customerId }, { lang: 'en', now })).map(
    (c) => c.customerId,
  );

beforeAll(async () => {
  ctx = await createTestContext();
  demo = await seedDemo(ctx.database, { now, password: 'demo-password-1' });
  const [owner] = await ctx.database.query<{ id: string }>(
    'SELECT id FROM staff_users WHERE tenant_id = $1',
    [demo.tenantId],
  );
  demoActor = actorOf(demo.tenantId, owner!.id);
  small = await createTestTenant(ctx);
  smallActor = actorOf(small.tenantId, small.ownerId);
  stephanie = demo.ids.get(SEED_CASE.stephanie.id)!;
  stefanie = demo.ids.get(SEED_CASE.stefanie.id)!;
}, 300_000);
afterAll(async () => ctx?.close());

describe('findDuplicateCandidates', () => {
  it('finds stefanie wachters for Stephanie Wahters in the demo salon, with the same mobile and first names that sound alike', async () => {
    const found = await findDuplicateCandidates(
      ctx.database.db,
      demo.tenantId,
      { customerId: stephanie },
      { lang: 'en', now },
    );
    const c = found.find((x) => x.customerId === stefanie);
    expect(c).toBeDefined();
    expect(c!.number).toBe(SEED_CASE.stefanie.number);
    expect(c!.name).toBe('stefanie wachters');
    expect(c!.mobile).toBe('0475 888 888');
    expect(c!.probability).toBeGreaterThan(0.95);
    const sentences = c!.fields.map((f) => f.sentence);
    expect(sentences).toContain('Same mobile number');
    expect(sentences).toContain('First names sound alike: Stephanie / Stefanie');
    // The new e-mail address at another provider counts against the pair, and says so.
    const email = c!.fields.find((f) => f.field === 'email')!;
    expect(email.weight).toBeLessThan(0);
    expect(c!.appointmentCount).toBe(2);
    expect(c!.customerSince.toISOString()).toBe('2022-03-24T21:40:00.000Z');
    expect(c!.lastAppointmentAt).not.toBeNull();
    // And the other way round, in Dutch.
    const back = await findDuplicateCandidates(
      ctx.database.db,
      demo.tenantId,
      { customerId: stefanie },
      { lang: 'nl', now },
    );
    const s = back.find((x) => x.customerId === stephanie)!;
    expect(s.fields.map((f) => f.sentence)).toContain('Zelfde gsm-nummer');
    expect(s.appointmentCount).toBe(3);
  });

  it('checks values before they are stored: a new online booking finds the existing customer', async () => {
    const found = await findDuplicateCandidates(
      ctx.database.db,
      demo.tenantId,
      { values: { firstName: 'Stefanie', lastName: 'Wachters', mobile: '+32 475 88 88 88' } },
      { lang: 'en', now },
    );
    expect(found.map((c) => c.customerId)).toEqual(expect.arrayContaining([stephanie, stefanie]));
    // excludeId leaves the customer being edited out.
    const editing = await findDuplicateCandidates(
      ctx.database.db,
      demo.tenantId,
      { values: { firstName: 'Stefanie', lastName: 'Wachters', mobile: '0475888888' }, excludeId: stefanie },
      { lang: 'en', now },
    );
    expect(editing.map((c) => c.customerId)).toContain(stephanie);
    expect(editing.map((c) => c.customerId)).not.toContain(stefanie);
  });

  it('does not propose a mother and her child on one mobile, twins, or a father and son with the same name', async () => {
    const mother = await add({
      gender: 'female',
      firstName: 'Anja',
      lastName: 'Verstraeten',
      mobile: '0476 12 34 56',
      email: 'anja.verstraeten@telenet.be',
      birthDate: '1978-02-11',
      street: 'Kerkstraat',
      houseNumber: '12',
      postalCode: '9000',
      city: 'Gent',
    });
    const child = await add({
      gender: 'child',
      firstName: 'Lotte',
      lastName: 'Verstraeten',
      mobile: '0476/12.34.56',
      email: 'anja.verstraeten@telenet.be',
      birthDate: '2016-09-03',
      street: 'Kerkstraat',
      houseNumber: '12',
      postalCode: '9000',
      city: 'Gent',
    });
    const twinA = await add({
      gender: 'female',
      firstName: 'Emma',
      lastName: 'Claes',
      landline: '09 223 45 67',
      birthDate: '2001-05-17',
      street: 'Dorpsstraat',
      houseNumber: '4',
      postalCode: '9050',
      city: 'Gentbrugge',
    });
    const twinB = await add({
      gender: 'female',
      firstName: 'Noor',
      lastName: 'Claes',
      landline: '+32 9 223 45 67',
      birthDate: '2001-05-17',
      street: 'Dorpsstraat',
      houseNumber: '4',
      postalCode: '9050',
      city: 'Gentbrugge',
    });
    const father = await add({
      gender: 'male',
      firstName: 'Jan',
      lastName: 'De Smet',
      landline: '03 456 78 90',
      email: 'jan.desmet@skynet.be',
      birthDate: '1958-12-01',
      street: 'Molenweg',
      houseNumber: '8',
      postalCode: '2000',
      city: 'Antwerpen',
    });
    const son = await add({
      gender: 'male',
      firstName: 'Jan',
      lastName: 'De Smet',
      landline: '034567890',
      mobile: '0499 88 77 66',
      birthDate: '1989-04-23',
      street: 'Molenweg',
      houseNumber: '8',
      postalCode: '2000',
      city: 'Antwerpen',
    });
    // A real duplicate in the same file, so an empty answer is not the whole story.
    const copy = await add({
      gender: 'female',
      firstName: 'anja',
      lastName: 'verstraeten',
      mobile: '+32476123456',
      birthDate: '1978-02-11',
    });

    expect(await candidatesOf(small.tenantId, mother)).toEqual([copy]);
    expect(await candidatesOf(small.tenantId, child)).toEqual([]);
    expect(await candidatesOf(small.tenantId, twinA)).not.toContain(twinB);
    expect(await candidatesOf(small.tenantId, twinB)).not.toContain(twinA);
    expect(await candidatesOf(small.tenantId, father)).not.toContain(son);
    expect(await candidatesOf(small.tenantId, son)).not.toContain(father);
    // Even at a low bar the household pairs stay below it.
    const low = await findDuplicateCandidates(
      ctx.database.db,
      small.tenantId,
      { customerId: child },
      { minProbability: 0.5, now },
    );
    expect(low.map((c) => c.customerId)).not.toContain(mother);
  });

  it('honours "not a duplicate" until one side changes its identity data', async () => {
    await dismissPair(ctx.database, demoActor, stephanie, stefanie, now);
    expect(await candidatesOf(demo.tenantId, stephanie)).not.toContain(stefanie);
    expect(await candidatesOf(demo.tenantId, stefanie)).not.toContain(stephanie);
    // A change outside the identity data (notes) keeps the decision.
    const [row] = await ctx.database.query<{ version: number }>(
      'SELECT version FROM customers WHERE tenant_id = $1 AND id = $2',
      [demo.tenantId, stefanie],
    );
    await updateCustomer(ctx.database, demoActor, stefanie, row!.version, { notes: 'Booked online' }, now);
    expect(await candidatesOf(demo.tenantId, stephanie)).not.toContain(stefanie);
    // A new birth date is identity data: the pair is proposed again.
    await updateCustomer(
      ctx.database,
      demoActor,
      stefanie,
      row!.version + 1,
      { birthDate: '1988-06-14' },
      now,
    );
    expect(await candidatesOf(demo.tenantId, stephanie)).toContain(stefanie);
  });

  it('drops an archived customer from the candidates in the same transaction as the archive', async () => {
    const a = await add({ firstName: 'Bram', lastName: 'Wouters', mobile: '0485 55 44 33' });
    const b = await add({
      firstName: 'bram',
      lastName: 'wouters',
      mobile: '+32485554433',
      email: 'bram@wouters.be',
    });
    expect(await candidatesOf(small.tenantId, a)).toEqual([b]);
    await ctx.database.db.transaction(async (tx) => {
      await tx.execute(
        sql`UPDATE customers SET archived_at = now() WHERE tenant_id = ${small.tenantId} AND id = ${b}`,
      );
      await reindexCustomers(tx, small.tenantId, [b], 'BE');
    });
    expect(await candidatesOf(small.tenantId, a)).toEqual([]);
    const keys = await ctx.database.query(
      'SELECT 1 FROM customer_match_keys WHERE tenant_id = $1 AND customer_id = $2',
      [small.tenantId, b],
    );
    expect(keys).toHaveLength(0);
    // The archived customer itself has no candidates either.
    expect(await candidatesOf(small.tenantId, b)).toEqual([]);
  });

  it('never looks across tenants', async () => {
    const found = await findDuplicateCandidates(
      ctx.database.db,
      small.tenantId,
      { values: { firstName: 'Stephanie', lastName: 'Wahters', mobile: '0475 888 888' } },
      { now },
    );
    expect(found).toEqual([]);
    expect(await candidatesOf(small.tenantId, stephanie)).toEqual([]);
  });
});

describe('scanTenant', () => {
  it('stores the demo salon’s duplicate groups with their reasons, and a second scan replaces them', async () => {
    const first = await scanTenant(ctx.database, demo.tenantId, { now });
    expect(first.records).toBeGreaterThan(1900);
    expect(first.groups).toBeGreaterThan(50);
    const groups = await ctx.database.query<{
      id: string;
      member_ids: string[];
      pairs: unknown[];
      probability: number;
    }>(
      `SELECT id, member_ids, pairs, probability FROM duplicate_groups WHERE tenant_id = $1 AND status = 'open'`,
      [demo.tenantId],
    );
    expect(groups).toHaveLength(first.groups);
    for (const g of groups) {
      expect(g.member_ids.length).toBeGreaterThanOrEqual(2);
      expect(g.probability).toBeGreaterThanOrEqual(first.threshold);
      // Larger groups keep the scored pairs that hold them together (at least a chain through all).
      if (g.member_ids.length > 2) expect(g.pairs.length).toBeGreaterThanOrEqual(g.member_ids.length - 1);
    }
    const seed = groups.find((g) => g.member_ids.includes(stephanie))!;
    expect([...seed.member_ids].sort()).toEqual([stephanie, stefanie].sort());
    const view = await getDuplicateGroup(ctx.database, demo.tenantId, seed.id, 'en', now);
    expect(view.members.map((m) => m.number).sort()).toEqual([
      SEED_CASE.stephanie.number,
      SEED_CASE.stefanie.number,
    ]);
    expect(view.pairs[0]!.fields.map((f) => f.sentence)).toContain('Same mobile number');
    const model = await ctx.database.query<{ trained: boolean; records: number }>(
      'SELECT trained, records FROM match_models WHERE tenant_id = $1',
      [demo.tenantId],
    );
    expect(model[0]).toEqual({ trained: true, records: first.records });

    const second = await scanTenant(ctx.database, demo.tenantId, { now });
    const after = await ctx.database.query<{ id: string }>(
      `SELECT id FROM duplicate_groups WHERE tenant_id = $1 AND status = 'open'`,
      [demo.tenantId],
    );
    expect(after).toHaveLength(second.groups);
    expect(second.groups).toBe(first.groups);
    const before = new Set(groups.map((g) => g.id));
    expect(after.some((g) => before.has(g.id))).toBe(false);
  });
});
