/** Medium tier: the customer list and live search on a real database (PGlite or PostgreSQL). */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createTestTenant } from '../../../test/support/app.ts';
import type { TestContext, TestTenant } from '../../../test/support/app.ts';
import type { CustomerInput } from '../../core/customer/customer.ts';
import type { Actor } from '../shared/actor.ts';
import { listCustomers } from './customers.search.ts';
import { foldWords } from './searchQuery.ts';
import type { ListOptions } from './customers.search.ts';
import { createCustomer } from './customers.service.ts';

let ctx: TestContext;
let tenant: TestTenant;
let other: TestTenant;
const now = new Date('2026-11-24T10:00:00Z');
const ids: Record<string, { id: string; number: number }> = {};

async function add(t: TestTenant, key: string, input: CustomerInput, source: 'staff' | 'online' = 'staff') {
  const actor: Actor = {
    tenantId: t.tenantId,
    staffId: t.ownerId,
    role: 'owner',
    name: 'Owner',
    via: 'session',
  };
  const row = await createCustomer(ctx.database, t.tenantId, input, { source, actor, now });
  ids[key] = { id: row.id, number: row.number };
  return row;
}

const defaults: ListOptions = {
  q: '',
  archived: 'active',
  source: null,
  sort: 'relevance',
  order: 'asc',
  limit: 50,
  offset: 0,
};

async function find(q: string, opts: Partial<ListOptions> = {}, t = tenant) {
  const page = await listCustomers(ctx.database.db, t.tenantId, { ...defaults, ...opts, q });
  return page;
}
const numbersFor = async (q: string, opts: Partial<ListOptions> = {}) =>
  (await find(q, opts)).items.map((i) => i.row.number);

beforeAll(async () => {
  ctx = await createTestContext();
  tenant = await createTestTenant(ctx);
  other = await createTestTenant(ctx);
  await add(tenant, 'stephanie', {
    firstName: 'Stephanie',
    lastName: 'Wahters',
    email: 'stephaniewachters@telenet.be',
    mobile: '0475 88 88 88',
  });
  await add(
    tenant,
    'stefanie',
    { firstName: 'stefanie', lastName: 'wachters', email: 'stefaniew@hotmail.com', mobile: '+32475888888' },
    'online',
  );
  await add(tenant, 'katrien', {
    firstName: 'Katrien',
    lastName: 'Van den Broeck',
    landline: '09 223 45 67',
  });
  await add(tenant, 'muller', { firstName: 'Jörg', lastName: 'Müller', mobile: '+49 171 1234567' });
  await add(tenant, 'elise', { firstName: 'Élise', lastName: "D'Hondt", email: 'elise.dhondt@skynet.be' });
  await add(other, 'foreign', { firstName: 'Stephanie', lastName: 'Wahters', mobile: '0475 88 88 88' });
});
afterAll(async () => ctx?.close());

describe('live search', () => {
  it('finds a name from any word, as staff type it, ignoring case and accents', async () => {
    for (const q of ['steph', 'STEPHANIE', 'wah', 'Stephanie Wa', 'wahters steph'])
      expect(await numbersFor(q), q).toContain(ids.stephanie!.number);
    for (const q of ['van den br', 'broeck', 'vandenbr', 'Katrien Van', 'broeck katrien'])
      expect(await numbersFor(q), q).toEqual([ids.katrien!.number]);
    for (const q of ['muller', 'Müller', 'jorg m', 'elise', 'hondt', "d'hondt", 'dhondt'])
      expect((await numbersFor(q)).length, q).toBe(1);
  });

  it('puts a whole word before longer words and says what matched', async () => {
    const page = await find('stephanie');
    expect(page.items[0]?.row.number).toBe(ids.stephanie!.number);
    expect(page.items[0]?.matchedOn).toBe('name');
    expect(page.total).toBe(1);
    expect(page.totalExact).toBe(true);
  });

  it('tolerates one typo in a word of four letters or more', async () => {
    expect(await numbersFor('wachtres')).toContain(ids.stefanie!.number);
    expect(await numbersFor('stefanie wahters')).toEqual([ids.stefanie!.number]);
    const page = await find('katrein');
    expect(page.items.map((i) => [i.row.number, i.matchedOn])).toEqual([[ids.katrien!.number, 'typo']]);
    expect(await numbersFor('kat rein')).toEqual([]);
  });

  it('finds a phone from any written form of its beginning', async () => {
    for (const q of ['0475 88', '0475/88.88', '+32 475 888', '0032475', '475 88 88']) {
      expect((await numbersFor(q)).sort(), q).toEqual([ids.stephanie!.number, ids.stefanie!.number].sort());
    }
    expect(await numbersFor('09 223')).toEqual([ids.katrien!.number]);
    expect(await numbersFor('0171 123')).toEqual([ids.muller!.number]);
    expect((await find('0475 88')).items[0]?.matchedOn).toBe('phone');
  });

  it('finds an e-mail address from its beginning, in any case', async () => {
    expect(await numbersFor('STEPHANIEWACHTERS@TEL')).toEqual([ids.stephanie!.number]);
    expect(await numbersFor('elise.d')).toEqual([ids.elise!.number]);
    expect(await numbersFor('stefaniew@')).toEqual([ids.stefanie!.number]);
  });

  it('finds a customer number exactly, first, and a merged-away number on its survivor', async () => {
    const page = await find(String(ids.katrien!.number));
    expect(page.items[0]).toMatchObject({ matchedOn: 'number', mergedFrom: null });
    expect(page.items[0]?.row.number).toBe(ids.katrien!.number);
    expect(await numbersFor(`#${ids.muller!.number}`)).toEqual([ids.muller!.number]);

    const merged = await add(tenant, 'merged', { firstName: 'Stefanie', lastName: 'Wachters' });
    await ctx.database.query(
      'UPDATE customers SET merged_into = $3, merged_at = now() WHERE tenant_id = $1 AND id = $2',
      [tenant.tenantId, merged.id, ids.stephanie!.id],
    );
    const resolved = await find(String(merged.number));
    expect(resolved.items[0]?.row.id).toBe(ids.stephanie!.id);
    expect(resolved.items[0]?.mergedFrom).toEqual({ id: merged.id, number: merged.number });
    // Its own terms are gone: its name no longer finds it.
    expect((await find('stefanie wachters')).items.map((i) => i.row.id)).not.toContain(merged.id);
  });

  it('finds a customer by an extra e-mail address or phone kept as a contact point', async () => {
    await ctx.database.query(
      `INSERT INTO customer_contact_points (tenant_id, id, customer_id, kind, value, normalized)
       VALUES ($1, $2, $3, 'email', 'Old.Address@Example.com', 'old.address@example.com'),
              ($1, $4, $3, 'phone', '0499 12 34 56', '+32499123456')`,
      [tenant.tenantId, randomUUID(), ids.elise!.id, randomUUID()],
    );
    expect(await numbersFor('old.address@')).toEqual([ids.elise!.number]);
    expect(await numbersFor('0499 12')).toEqual([ids.elise!.number]);
    await ctx.database.query(
      `DELETE FROM customer_contact_points WHERE tenant_id = $1 AND customer_id = $2`,
      [tenant.tenantId, ids.elise!.id],
    );
    expect(await numbersFor('old.address@')).toEqual([]);
  });

  it('follows edits, hides archived customers unless asked, and filters by source', async () => {
    await ctx.database.query(`UPDATE customers SET last_name = 'Peeters' WHERE tenant_id = $1 AND id = $2`, [
      tenant.tenantId,
      ids.muller!.id,
    ]);
    expect(await numbersFor('muller')).toEqual([]);
    expect(await numbersFor('peeters')).toEqual([ids.muller!.number]);
    await ctx.database.query(`UPDATE customers SET archived_at = now() WHERE tenant_id = $1 AND id = $2`, [
      tenant.tenantId,
      ids.muller!.id,
    ]);
    expect(await numbersFor('peeters')).toEqual([]);
    expect(await numbersFor('peeters', { archived: 'archived' })).toEqual([ids.muller!.number]);
    expect(await numbersFor('peeters', { archived: 'all' })).toEqual([ids.muller!.number]);
    expect(await numbersFor(String(ids.muller!.number))).toEqual([]);
    expect(await numbersFor('0475', { source: 'online' })).toEqual([ids.stefanie!.number]);
  });

  it("never shows another business's customers", async () => {
    const foreign = await find('stephanie', {}, tenant);
    expect(foreign.items.map((i) => i.row.id)).not.toContain(ids.foreign!.id);
    const theirs = await find('0475 88', {}, other);
    expect(theirs.items.map((i) => i.row.id)).toEqual([ids.foreign!.id]);
    expect((await find(String(ids.stephanie!.number), {}, other)).items.map((i) => i.row.id)).not.toContain(
      ids.stephanie!.id,
    );
  });
});

describe('folding what was typed', () => {
  it('folds names in JavaScript exactly as the database folds search terms', async () => {
    const names = [
      'Élise D’Hondt-Müller',
      'Jörg Straße',
      'Ærø Øster',
      'Łukasz Żółć',
      'Œuvre Þór Ðuro',
      "  O'Neill  van  den Berghe ",
      'Ñandú Çelik Åsa',
      'İlker ı',
      'François-Xavier 2nd',
    ];
    for (const name of names) {
      const [row] = await ctx.database.query<{ words: string | null }>(
        'SELECT clienteel_name_words($1) AS words',
        [name],
      );
      expect(foldWords(name).join(' '), name).toBe(row?.words ?? '');
    }
  });
});

describe('the plain list', () => {
  it('pages and sorts live customers and counts them', async () => {
    const byName = await find('', { sort: 'name', limit: 2 });
    expect(byName.total).toBe(4);
    expect(byName.items.map((i) => i.row.lastName)).toEqual(["D'Hondt", 'Van den Broeck']);
    const next = await find('', { sort: 'name', limit: 2, offset: 2 });
    expect(next.items.map((i) => i.row.lastName)).toEqual(['wachters', 'Wahters']);
    const byNumber = await find('', { sort: 'number', order: 'desc' });
    const numbers = byNumber.items.map((i) => i.row.number);
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    expect(await numbersFor('', { sort: 'number', source: 'online' })).toEqual([ids.stefanie!.number]);
  });

  it('sorts search results by a column when asked', async () => {
    const page = await find('0475', { sort: 'number', order: 'desc' });
    expect(page.items.map((i) => i.row.number)).toEqual(
      [ids.stephanie!.number, ids.stefanie!.number].sort((a, b) => b - a),
    );
  });
});
