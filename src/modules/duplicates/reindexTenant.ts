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
import type { PGlite, Transaction } from '@electric-sql/pglite';
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

/** What a whole-tenant reindex writes: features in customer order, keys in key order, changed hashes. */
interface IndexData {
  features: [string, string, string][];
  /** "key NUL customer", sorted. */
  keys: string[];
  hashes: [string, string][];
  names: Record<'firstName' | 'lastName', Map<string, number>>;
}

/** From this many indexed customers, PGlite drops the key indexes during the load and builds them after. */
const BULK_FROM = 20_000;
/** Rows per COPY on PGlite: one blob of ~50 MB at most. */
const COPY_ROWS = 500_000;

const splitKey = (k: string): [string, string] => {
  const cut = k.lastIndexOf('\u0000');
  return [k.slice(0, cut), k.slice(cut + 1)];
};

/** COPY text format: backslash, tab, newline and carriage return inside a value are escaped. */
function copyText(value: string): string {
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) =>
        c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
      )
    : value;
}

/** COPY … FROM '/dev/blob' in parts of COPY_ROWS rows; `line(i)` is row i without its newline. */
async function copyIn(
  tx: Transaction,
  target: string,
  count: number,
  line: (i: number) => string,
): Promise<void> {
  for (let start = 0; start < count; start += COPY_ROWS) {
    const end = Math.min(count, start + COPY_ROWS);
    const lines: string[] = [];
    for (let i = start; i < end; i++) lines.push(line(i));
    lines.push('');
    const blob = new Blob([lines.join('\n')]);
    await tx.query(`COPY ${target} FROM '/dev/blob'`, [], { blob });
  }
}

/** Hashes, name frequencies and file size: the same on both engines, after features and keys. */
async function writeRest(exec: RawExec, tenantId: string, data: IndexData): Promise<void> {
  for (let start = 0; start < data.hashes.length; start += 20_000) {
    const part = data.hashes.slice(start, start + 20_000);
    await exec(
      `UPDATE customers c SET identity_hash = t.h FROM unnest($2::uuid[], $3::text[]) AS t(id, h)
       WHERE c.tenant_id = $1 AND c.id = t.id`,
      [tenantId, part.map((h) => h[0]), part.map((h) => h[1])],
    );
  }
  await writeTerms(exec, tenantId, data.features.length, data.names);
  await exec(
    `INSERT INTO match_models (tenant_id, params, records, trained) VALUES ($1, 'null'::jsonb, $2, false)
     ON CONFLICT (tenant_id) DO UPDATE SET records = excluded.records`,
    [tenantId, data.features.length],
  );
}

/** Any engine: array INSERTs of 20,000 features and 50,000 keys per statement, in one transaction. */
async function writeRows(exec: RawExec, tenantId: string, data: IndexData): Promise<void> {
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
    data.features,
    { chunkSize: 20_000 },
  );
  for (let start = 0; start < data.keys.length; start += 50_000) {
    const part = data.keys.slice(start, start + 50_000).map(splitKey);
    await exec(
      `INSERT INTO customer_match_keys (tenant_id, key, customer_id)
       SELECT $1, k, c FROM unnest($2::text[], $3::uuid[]) AS t(k, c)`,
      [tenantId, part.map((k) => k[0]), part.map((k) => k[1])],
    );
  }
  await writeRest(exec, tenantId, data);
}

/**
 * PGlite: COPY from a blob into the tables, in one transaction. A PGlite transaction holds the only
 * connection, so nobody else reads meanwhile, and for a large tenant the key table's two indexes are
 * dropped before the load and built after it (one sort each instead of ten million index inserts,
 * of which the customer index's land at random). The foreign key's per-row probe into customers is
 * skipped (`session_replication_role = replica`, transaction-local): every customer was read just
 * before; one anti-join afterwards removes rows of customers deleted since, as the cascade would.
 */
async function writePglite(pglite: PGlite, tenantId: string, data: IndexData, bulk: boolean): Promise<void> {
  await pglite.transaction(async (tx) => {
    const exec: RawExec = async <T>(text: string, params?: unknown[]) =>
      (await tx.query<T>(text, params ?? [])).rows;
    await exec(`SELECT set_config('session_replication_role', 'replica', true)`);
    const [others] = await exec<{ others: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM customer_match_keys WHERE tenant_id < $1)
         OR EXISTS (SELECT 1 FROM customer_match_keys WHERE tenant_id > $1)
         OR EXISTS (SELECT 1 FROM customer_match_features WHERE tenant_id < $1)
         OR EXISTS (SELECT 1 FROM customer_match_features WHERE tenant_id > $1) AS others`,
      [tenantId],
    );
    if (bulk && others?.others === false) {
      await exec('TRUNCATE customer_match_keys, customer_match_features');
    } else {
      await exec('DELETE FROM customer_match_keys WHERE tenant_id = $1', [tenantId]);
      await exec('DELETE FROM customer_match_features WHERE tenant_id = $1', [tenantId]);
    }
    if (bulk) {
      await exec('ALTER TABLE customer_match_keys DROP CONSTRAINT customer_match_keys_pkey');
      await exec('DROP INDEX customer_match_keys_customer');
    }
    const tenant = copyText(tenantId);
    await copyIn(
      tx,
      'customer_match_features (tenant_id, customer_id, features)',
      data.features.length,
      (i) => {
        const f = data.features[i]!;
        return `${tenant}\t${f[1]}\t${copyText(f[2])}`;
      },
    );
    await copyIn(tx, 'customer_match_keys (tenant_id, key, customer_id)', data.keys.length, (i) => {
      const [key, customer] = splitKey(data.keys[i]!);
      return `${tenant}\t${copyText(key)}\t${customer}`;
    });
    if (bulk) {
      await exec(`SET LOCAL maintenance_work_mem = '256MB'`);
      await exec(
        'ALTER TABLE customer_match_keys ADD CONSTRAINT customer_match_keys_pkey PRIMARY KEY (tenant_id, key, customer_id)',
      );
      await exec('CREATE INDEX customer_match_keys_customer ON customer_match_keys (tenant_id, customer_id)');
    }
    await exec(`SELECT set_config('session_replication_role', 'origin', true)`);
    const gone = (
      await exec<{ id: string }>(
        `SELECT f.customer_id AS id FROM customer_match_features f
         WHERE f.tenant_id = $1 AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.tenant_id = f.tenant_id AND c.id = f.customer_id)`,
        [tenantId],
      )
    ).map((r) => r.id);
    if (gone.length > 0) {
      await exec('DELETE FROM customer_match_keys WHERE tenant_id = $1 AND customer_id = ANY($2::uuid[])', [
        tenantId,
        gone,
      ]);
      await exec(
        'DELETE FROM customer_match_features WHERE tenant_id = $1 AND customer_id = ANY($2::uuid[])',
        [tenantId, gone],
      );
    }
    await writeRest(exec, tenantId, data);
  });
}

export async function reindexTenant(
  database: Database,
  tenantId: string,
  opts: {
    onProgress?: (done: number, total: number) => void;
    /** Rebuild the key index around the load from this many indexed customers (PGlite; default 20,000). */
    bulkFrom?: number;
  } = {},
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

  const bulk = features.length >= (opts.bulkFrom ?? BULK_FROM);
  if (database.pglite) await writePglite(database.pglite, tenantId, { features, keys, hashes, names }, bulk);
  else await database.rawTransaction((exec) => writeRows(exec, tenantId, { features, keys, hashes, names }));
  opts.onProgress?.(customers.length, customers.length);
  return { customers: customers.length, indexed: features.length };
}
