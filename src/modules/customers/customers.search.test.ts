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
let third: TestTenant;
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
  third = await createTestTenant(ctx);
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

  it('corrects a typo anywhere in a long name, before and after its twelfth letter', async () => {
    const numbersIn = async (q: string) => (await find(q, {}, third)).items.map((i) => i.row.number);
    await add(third, 'long', { firstName: 'Marie-Louise', lastName: 'Vanderstraeten' });
    expect(await numbersIn('vandertsraeten')).toEqual([ids.long!.number]); // swapped, 6th letter
    expect(await numbersIn('vanderstraetn')).toEqual([ids.long!.number]); // missing, 13th letter
    expect(await numbersIn('marie louise vanderstraetem')).toEqual([ids.long!.number]);
    expect((await find('vanderstraetn', {}, third)).items[0]?.matchedOn).toBe('typo');
  });

  it("forgets the name words nobody has any more: renamed, erased, deleted customers' words leave no typo keys", async () => {
    const words = async () =>
      (
        await ctx.database.query<{ word: string }>(
          "SELECT word FROM customer_search_words WHERE tenant_id = $1 AND word LIKE 'zw%' ORDER BY word",
          [third.tenantId],
        )
      ).map((r) => r.word);
    const prefixes = async () =>
      (
        await ctx.database.query<{ prefix: string }>(
          "SELECT DISTINCT prefix FROM customer_search_typo_keys WHERE tenant_id = $1 AND prefix LIKE 'zw%' ORDER BY prefix",
          [third.tenantId],
        )
      ).map((r) => r.prefix);
    const a = await add(third, 'zwa', { firstName: 'Ada', lastName: 'Zwirbelmoos' });
    const b = await add(third, 'zwb', { firstName: 'Bea', lastName: 'Zwirbel' });
    expect(await words()).toEqual(['zwirbel', 'zwirbelmoos']);
    expect((await find('zwirbelmoso', {}, third)).items.map((i) => i.row.number)).toEqual([a.number]);
    expect(await prefixes()).toContain('zwirbelmoos');

    const rename = `UPDATE customers SET last_name = $3 WHERE tenant_id = $1 AND id = $2`;
    await ctx.database.query(rename, [third.tenantId, a.id, 'Zwart']);
    expect(await words()).toEqual(['zwart', 'zwirbel']);
    // Beginnings only the old word had are gone; the ones another word shares stay.
    expect(await prefixes()).toEqual(['zwa', 'zwar', 'zwart', 'zwi', 'zwir', 'zwirb', 'zwirbe', 'zwirbel']);
    expect((await find('zwirbelmoso', {}, third)).items.map((i) => i.row.number)).toEqual([]);

    // Erased (the anonymised row keeps no name) and deleted customers take their words along.
    await ctx.database.query(
      `UPDATE customers SET erased_at = now(), first_name = NULL, last_name = NULL WHERE tenant_id = $1 AND id = $2`,
      [third.tenantId, b.id],
    );
    await ctx.database.query('DELETE FROM customers WHERE tenant_id = $1 AND id = $2', [
      third.tenantId,
      a.id,
    ]);
    expect(await words()).toEqual([]);
    expect(await prefixes()).toEqual([]);
  });

  it('keeps words and typo keys equal to a rebuild from scratch after edits and archiving', async () => {
    const snapshot = async () =>
      ctx.database.query<{ words: string; keys: string }>(
        `SELECT (SELECT string_agg(word, ',' ORDER BY word) FROM customer_search_words WHERE tenant_id = $1) AS words,
                (SELECT md5(string_agg(key || '>' || prefix, ',' ORDER BY key, prefix))
                   FROM customer_search_typo_keys WHERE tenant_id = $1) AS keys`,
        [tenant.tenantId],
      );
    const before = await snapshot();
    await ctx.database.query('SELECT clienteel_rebuild_search($1)', [tenant.tenantId]);
    expect(await snapshot()).toEqual(before);
    expect(before[0]?.words?.split(',')).toEqual(expect.arrayContaining(['peeters', 'wahters', 'wachters']));
    expect(before[0]?.words?.split(',')).not.toContain('muller');
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
