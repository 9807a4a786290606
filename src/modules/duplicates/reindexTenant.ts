/**
 * Rebuilding a tenant's whole match index: after a bulk load that bypassed the customer write path
 * (the demo salon, the benchmarks), or when the matching core changed what it stores. Built for a
 * million customers: one bulk read of customers and contact points, every customer prepared in
 * memory, then one transaction that empties the tenant's index and writes it again — features in
 * customer order and keys in key order, so both B-trees grow at their right edge instead of being
 * written at random (on PGlite that is the difference between hours and minutes) — with the identity
 * hashes that changed, the name frequencies and the file size. Lookups see the old index until the
 * new one is committed.
 */
import type { Database, RawExec } from '../../db/connection.ts';
import { bulkInsert } from '../../db/bulk.ts';
import { identityHash } from '../../core/customer/identity.ts';
import type { CustomerValues } from '../../core/customer/customer.ts';
import { createPrepareCache } from '../../core/matching/index.ts';
import { encodeFeatures } from './features.ts';
import { indexKeys, prepareCustomer, uuidLiteral } from './matchIndex.ts';
import type { ContactPoint, IndexedCustomer } from './matchIndex.ts';

export interface ReindexTenantResult {
  customers: number;
  indexed: number;
}

const COLUMNS = [
  'id',
  'first_name',
  'last_name',
  'gender',
  'email',
  'mobile',
  'mobile_e164',
  'landline',
  'landline_e164',
  'phone2',
  'phone2_e164',
  'birth_date',
  'street',
  'house_number',
  'postal_code',
  'city',
  'country',
  'identity_hash',
] as const;

const truthy = (v: string | null) => v === 't' || v === 'true';

/** Same names frequencies rule as saveTerms in matchIndex.ts, on the raw connection. */
async function writeTerms(
  exec: RawExec,
  tenantId: string,
  total: number,
  counts: Record<'firstName' | 'lastName', Map<string, number>>,
): Promise<void> {
  const minCount = Math.max(2, Math.floor(total / 800));
  const rows: [string, string, string, number][] = [];
  for (const field of ['firstName', 'lastName'] as const) {
    for (const [value, count] of counts[field])
      if (count >= minCount) rows.push([tenantId, field, value, count]);
  }
  await exec('DELETE FROM match_terms WHERE tenant_id = $1', [tenantId]);
  await bulkInsert(
    exec,
    'match_terms',
    [
      { name: 'tenant_id', type: 'uuid' },
      { name: 'field', type: 'text' },
      { name: 'value', type: 'text' },
      { name: 'count', type: 'int' },
    ],
    rows,
  );
}

export async function reindexTenant(
  database: Database,
  tenantId: string,
  opts: { onProgress?: (done: number, total: number) => void } = {},
): Promise<ReindexTenantResult> {
  const tenant = uuidLiteral(tenantId);
  const [row] = await database.query<{ country: string }>('SELECT country FROM tenants WHERE id = $1', [
    tenantId,
  ]);
  if (!row) throw new Error(`Tenant ${tenantId} does not exist`);
  const customers = await database.copyRows(
    `SELECT ${COLUMNS.join(', ')},
       (merged_into IS NULL AND deleted_at IS NULL AND archived_at IS NULL AND erased_at IS NULL) AS live
     FROM customers WHERE tenant_id = '${tenant}'`,
  );
  const points = new Map<string, ContactPoint[]>();
  for (const [customerId, kind, value, normalized] of await database.copyRows(
    `SELECT customer_id, kind, value, normalized FROM customer_contact_points WHERE tenant_id = '${tenant}'`,
  )) {
    const point = { kind: kind as string, value: value as string, normalized };
    const list = points.get(customerId as string);
    if (list) list.push(point);
    else points.set(customerId as string, [point]);
  }

  const cache = createPrepareCache();
  const features: [string, string, string][] = [];
  // "key NUL customer": sorts like the (key, customer_id) index, as one string compare.
  const keys: string[] = [];
  const hashes: [string, string][] = [];
  const names = { firstName: new Map<string, number>(), lastName: new Map<string, number>() };
  customers.forEach((r, n) => {
    const c: IndexedCustomer & { live: boolean; identityHash: string } = {
      id: r[0] as string,
      firstName: r[1] ?? null,
      lastName: r[2] ?? null,
      gender: (r[3] ?? null) as CustomerValues['gender'],
      email: r[4] ?? null,
      mobile: r[5] ?? null,
      mobileE164: r[6] ?? null,
      landline: r[7] ?? null,
      landlineE164: r[8] ?? null,
      phone2: r[9] ?? null,
      phone2E164: r[10] ?? null,
      birthDate: r[11] ?? null,
      street: r[12] ?? null,
      houseNumber: r[13] ?? null,
      postalCode: r[14] ?? null,
      city: r[15] ?? null,
      country: r[16] ?? null,
      identityHash: r[17] ?? '',
      live: truthy(r[18] ?? null),
    };
    const cps = points.get(c.id) ?? [];
    const hash = identityHash(
      c,
      cps.map((p) => p.normalized ?? p.value),
    );
    if (hash !== c.identityHash) hashes.push([c.id, hash]);
    if (c.live) {
      const prepared = prepareCustomer(c, cps, row.country, cache);
      features.push([tenantId, c.id, encodeFeatures(prepared)]);
      for (const key of indexKeys(prepared)) keys.push(`${key}\u0000${c.id}`);
      if (prepared.firstName !== null)
        names.firstName.set(prepared.firstName, (names.firstName.get(prepared.firstName) ?? 0) + 1);
      if (prepared.lastName !== null)
        names.lastName.set(prepared.lastName, (names.lastName.get(prepared.lastName) ?? 0) + 1);
    }
    if ((n + 1) % 50_000 === 0) opts.onProgress?.(n + 1, customers.length);
  });
  features.sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  keys.sort();

  await database.rawTransaction(async (exec) => {
    await exec('DELETE FROM customer_match_keys WHERE tenant_id = $1', [tenantId]);
    await exec('DELETE FROM customer_match_features WHERE tenant_id = $1', [tenantId]);
    await bulkInsert(
      exec,
      'customer_match_features',
      [
        { name: 'tenant_id', type: 'uuid' },
        { name: 'customer_id', type: 'uuid' },
        { name: 'features', type: 'text' },
      ],
      features,
      { chunkSize: 20_000 },
    );
    for (let start = 0; start < keys.length; start += 50_000) {
      const part = keys.slice(start, start + 50_000);
      const cut = part.map((k) => k.lastIndexOf('\u0000'));
      await exec(
        `INSERT INTO customer_match_keys (tenant_id, key, customer_id)
         SELECT $1, k, c FROM unnest($2::text[], $3::uuid[]) AS t(k, c)`,
        [tenantId, part.map((k, i) => k.slice(0, cut[i])), part.map((k, i) => k.slice(cut[i]! + 1))],
      );
    }
    for (let start = 0; start < hashes.length; start += 20_000) {
      const part = hashes.slice(start, start + 20_000);
      await exec(
        `UPDATE customers c SET identity_hash = t.h FROM unnest($2::uuid[], $3::text[]) AS t(id, h)
         WHERE c.tenant_id = $1 AND c.id = t.id`,
        [tenantId, part.map((h) => h[0]), part.map((h) => h[1])],
      );
    }
    await writeTerms(exec, tenantId, features.length, names);
    await exec(
      `INSERT INTO match_models (tenant_id, params, records, trained) VALUES ($1, 'null'::jsonb, $2, false)
       ON CONFLICT (tenant_id) DO UPDATE SET records = excluded.records`,
      [tenantId, features.length],
    );
  });
  opts.onProgress?.(customers.length, customers.length);
  return { customers: customers.length, indexed: features.length };
}
