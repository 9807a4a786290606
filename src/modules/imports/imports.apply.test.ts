/**
 * Applying an import writes the derived data of the customers it creates and changes exactly as
 * the normal write path does: the match index (keys, features, identity hashes) as
 * `reindexCustomers` computes it, and the search terms, words and typo keys as the triggers'
 * own rebuild computes them — checked by recomputing everything the normal way afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createTestTenant } from '../../../test/support/app.ts';
import type { TestContext, TestTenant } from '../../../test/support/app.ts';
import { suggestMapping } from '../../core/import/index.ts';
import { createCustomer } from '../customers/customers.service.ts';
import { reindexCustomers } from '../duplicates/matchIndex.ts';
import { applyImport } from './imports.apply.ts';
import { candidateFeatures, customersByKey } from './imports.lookup.ts';
import { planImport } from './imports.plan.ts';
import { findImport, updateImport } from './imports.repository.ts';
import { uploadImport } from './imports.service.ts';

let ctx: TestContext;
let tenant: TestTenant;
beforeAll(async () => {
  ctx = await createTestContext();
  tenant = await createTestTenant(ctx);
});
afterAll(async () => ctx?.close());

const NOW = new Date('2026-11-24T10:00:00.000Z');

/** Every derived row of the tenant, in a stable order. */
async function derived(tenantId: string): Promise<Record<string, unknown[]>> {
  const q = (text: string) => ctx.database.query(text, [tenantId]);
  const tables = await ctx.database.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_name IN ('customer_search_words', 'customer_search_typo_keys')`,
  );
  const out: Record<string, unknown[]> = {
    keys: await q(
      'SELECT key, customer_id FROM customer_match_keys WHERE tenant_id = $1 ORDER BY key, customer_id',
    ),
    features: await q(
      'SELECT customer_id, features::text AS f FROM customer_match_features WHERE tenant_id = $1 ORDER BY customer_id',
    ),
    hashes: await q('SELECT id, identity_hash FROM customers WHERE tenant_id = $1 ORDER BY id'),
    terms: await q(
      'SELECT customer_id, term, archived FROM customer_search_terms WHERE tenant_id = $1 ORDER BY customer_id, term',
    ),
  };
  // Tables of the search's typo tolerance (migration 0203), when present.
  const order: Record<string, string> = {
    customer_search_words: 'word',
    customer_search_typo_keys: 'key, prefix',
  };
  for (const { name } of tables) {
    out[name] = await q(`SELECT * FROM ${name} WHERE tenant_id = $1 ORDER BY ${order[name]}`);
  }
  return out;
}

describe('applying an import', () => {
  it('writes the same match index and search terms as the normal write path', async () => {
    const actor = { tenantId: tenant.tenantId, staffId: null, label: 'test' };
    const existing = [
      { firstName: 'Stephanie', lastName: 'Wahters', mobile: '+32 475 88 88 88', email: 'steph@example.be' },
      { firstName: 'Jan', lastName: 'Peeters', email: 'jan.peeters@telenet.be' },
      { firstName: 'Els', lastName: 'Vermeulen', city: 'Gent' },
    ];
    for (const input of existing) {
      await createCustomer(ctx.database, tenant.tenantId, input, { source: 'staff', actor: null, now: NOW });
    }
    const file = [
      'Voornaam;Familienaam;GSM;E-mail;Geboortedatum;Straat;Gemeente;Nieuwsbrief',
      // certain by phone and name: overwritten, so the surname changes (old words leave the search)
      'Stefanie;Wachters;0475 88 88 88;steph@example.be;24/03/1985;Kerkstraat 1;Gent;ja',
      // certain by e-mail: fills the birth date and the newsletter answer
      'Jan;Peeters-Claes;;Jan.Peeters@telenet.be;02.02.1970;;;nee',
      'Ahmed;El Amrani;0486 12 34 56;ahmed@example.be;;;Antwerpen;',
      'Zoë;Van den Broeck;0477 11 22 33;zoe.vdb@example.be;01/01/2001;Dorpsplein 3;Brugge;ja',
      'Ahmed;El Amrani;0486123456;;11.07.1990;;;',
      'Marie-Claire;D’Hondt;;mc@example.be;;;Kortrijk;',
      ';;;;;;;',
      'Lotte;Janssens;0499 00 00 01;;;;Leuven;nee',
    ].join('\r\n');
    const uploaded = await uploadImport(
      ctx.database,
      actor,
      new TextEncoder().encode(file),
      { fileName: 'klanten.csv', chunkRows: 3 },
      NOW,
    );
    const id = uploaded.import.id;
    const planned = await planImport(
      ctx.database,
      tenant.tenantId,
      id,
      { mapping: suggestMapping(uploaded.import.header), onMatch: 'overwrite', onPossible: 'create' },
      NOW,
    );
    expect(planned.summary).toMatchObject({ match: 2, fileDuplicate: 1 });
    await updateImport(ctx.database.db, tenant.tenantId, id, { status: 'applying' });
    const applied = await applyImport(ctx.database, tenant.tenantId, id, {
      now: () => NOW,
      actor: 'test',
      actorStaffId: null,
    });
    expect(applied.actions).toMatchObject({ created: 4, updated: 2 });
    expect((await findImport(ctx.database.db, tenant.tenantId, id))?.status).toBe('applied');

    const [jan] = await ctx.database.query<Record<string, unknown>>(
      `SELECT last_name, birth_date, newsletter_consent, newsletter_consent_source, version, updated_at
       FROM customers WHERE tenant_id = $1 AND lower(email) = 'jan.peeters@telenet.be'`,
      [tenant.tenantId],
    );
    expect(jan).toMatchObject({
      last_name: 'Peeters-Claes',
      birth_date: '1970-02-02',
      newsletter_consent: false,
      newsletter_consent_source: 'import:klanten.csv',
      version: 2,
    });

    const afterImport = await derived(tenant.tenantId);
    // The normal path, for every customer of the tenant: the match index and the search data again.
    const ids = (
      await ctx.database.query<{ id: string }>('SELECT id FROM customers WHERE tenant_id = $1', [
        tenant.tenantId,
      ])
    ).map((r) => r.id);
    await ctx.database.db.transaction(async (tx) => {
      await reindexCustomers(tx, tenant.tenantId, ids, 'BE');
    });
    await ctx.database.query('SELECT clienteel_rebuild_search($1)', [tenant.tenantId]);
    const recomputed = await derived(tenant.tenantId);
    expect(afterImport.keys!.length).toBeGreaterThan(0);
    expect(afterImport.terms!.length).toBeGreaterThan(0);
    expect(afterImport).toEqual(recomputed);
  });
});

describe("the dry run's read of the match index", () => {
  it('finds the same customers per key and the same features by probing as by reading it whole', async () => {
    const other = await createTestTenant(ctx);
    for (const [firstName, lastName, city] of [
      ['An', 'Claes', 'Gent'],
      ['Ann', 'Claes', 'Gent'],
      ['Bart', 'Maes', 'Gent'],
      ['Bart', 'Maes', 'Leuven'],
    ] as const) {
      await createCustomer(
        ctx.database,
        other.tenantId,
        { firstName, lastName, city },
        {
          source: 'staff',
          actor: null,
          now: NOW,
        },
      );
    }
    const keys = (
      await ctx.database.query<{ key: string }>(
        'SELECT DISTINCT key FROM customer_match_keys WHERE tenant_id = $1',
        [other.tenantId],
      )
    ).map((r) => r.key);
    keys.push('no-such-key');
    const sorted = (m: Map<string, string[]>) =>
      Object.fromEntries([...m].map(([k, ids]) => [k, [...ids].sort()]).sort());
    for (const maxPerKey of [1, 100]) {
      const probed = await customersByKey(ctx.database, other.tenantId, keys, maxPerKey, 1_000_000);
      const whole = await customersByKey(ctx.database, other.tenantId, keys, maxPerKey, 0);
      expect(Object.keys(sorted(probed)).length).toBeGreaterThan(0);
      expect(sorted(whole)).toEqual(sorted(probed));
    }
    const ids = new Set(
      (
        await ctx.database.query<{ id: string }>('SELECT id FROM customers WHERE tenant_id = $1 LIMIT 3', [
          other.tenantId,
        ])
      ).map((r) => r.id),
    );
    const probed = await candidateFeatures(ctx.database, other.tenantId, ids, 1_000_000);
    const whole = await candidateFeatures(ctx.database, other.tenantId, ids, 0);
    expect(probed.size).toBe(3);
    expect(whole).toEqual(probed);
  });
});
