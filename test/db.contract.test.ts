/**
 * The database contract, on both engines (`npm test` on PGlite, `npm run test:pg` on PostgreSQL):
 * migrations apply once, the Drizzle schema matches the migrated tables column for column, every
 * tenant-owned table leads its primary key with tenant_id and points at tenant rows only through
 * keys that include tenant_id (so it can be distributed by tenant), and the extensions exist.
 */
import { getTableColumns, getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../src/db/migrate.ts';
import * as schema from '../src/db/schema.ts';
import { openTestDatabase } from './support/db.ts';
import type { TestDatabase } from './support/db.ts';
import { testEngine } from './support/engine.ts';

/** Tables that are not owned by a tenant: the tenants themselves and shared rate-limit counters. */
const NOT_TENANT_OWNED = new Set(['tenants', 'rate_limit_events', 'schema_migrations']);

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db.close();
});

const tables = (Object.values(schema) as unknown[]).filter((v): v is PgTable => is(v, PgTable));

describe(`database contract on ${testEngine()}`, () => {
  it('applies migrations once: a second run changes nothing', async () => {
    expect(await migrate(db)).toEqual([]);
  });

  it('has the extensions matching needs', async () => {
    const rows = await db.query<{ extname: string }>('SELECT extname FROM pg_extension ORDER BY extname');
    expect(rows.map((r) => r.extname)).toEqual(
      expect.arrayContaining(['fuzzystrmatch', 'pg_trgm', 'unaccent']),
    );
    const [row] = await db.query<{ u: string; sim: number; lev: number }>(
      "SELECT unaccent('Müller Ærø') AS u, similarity('Wachters', 'Wahters') AS sim, levenshtein('stefanie', 'stephanie') AS lev",
    );
    expect(row?.u).toBe('Muller AEro');
    expect(row?.sim).toBeGreaterThan(0.3);
    expect(row?.lev).toBe(2);
  });

  it('declares every migrated table in the Drizzle schema, with the same columns', async () => {
    const columns = await db.query<{ table_name: string; column_name: string; is_nullable: string }>(
      `SELECT table_name, column_name, is_nullable FROM information_schema.columns
       WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
    );
    const inDb = new Map<string, string[]>();
    for (const c of columns) {
      if (c.table_name === 'schema_migrations') continue;
      inDb.set(c.table_name, [
        ...(inDb.get(c.table_name) ?? []),
        `${c.column_name}${c.is_nullable === 'NO' ? '!' : ''}`,
      ]);
    }
    const inSchema = new Map<string, string[]>();
    for (const table of tables) {
      inSchema.set(
        getTableName(table),
        Object.values(getTableColumns(table)).map((c) => `${c.name}${c.notNull ? '!' : ''}`),
      );
    }
    expect([...inSchema.keys()].sort()).toEqual([...inDb.keys()].sort());
    for (const [name, cols] of inDb)
      expect(inSchema.get(name)?.slice().sort(), name).toEqual(cols.slice().sort());
  });

  it('leads the primary key of every tenant-owned table with tenant_id', async () => {
    const pks = await db.query<{ table_name: string; first_column: string }>(
      `SELECT c.relname AS table_name, a.attname AS first_column
       FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = i.indkey[0]
       WHERE i.indisprimary AND n.nspname = current_schema()`,
    );
    const tenantTables = tables.map(getTableName).filter((t) => !NOT_TENANT_OWNED.has(t));
    expect(tenantTables.length).toBeGreaterThan(15);
    for (const t of tenantTables) {
      expect(pks.find((p) => p.table_name === t)?.first_column, t).toBe('tenant_id');
    }
  });

  it('has no foreign key to a tenant-owned table that leaves out tenant_id', async () => {
    const fks = await db.query<{ name: string; table_name: string; target: string; cols: string[] }>(
      `SELECT con.conname AS name, src.relname AS table_name, dst.relname AS target,
         array(SELECT attname FROM pg_attribute WHERE attrelid = con.conrelid AND attnum = ANY(con.conkey)) AS cols
       FROM pg_constraint con JOIN pg_class src ON src.oid = con.conrelid JOIN pg_class dst ON dst.oid = con.confrelid
       JOIN pg_namespace n ON n.oid = src.relnamespace
       WHERE con.contype = 'f' AND n.nspname = current_schema()`,
    );
    expect(fks.length).toBeGreaterThan(10);
    for (const fk of fks) {
      if (fk.target === 'tenants') continue;
      expect(fk.cols, `${fk.table_name}.${fk.name}`).toContain('tenant_id');
    }
  });

  it('refuses a row that points at another tenant\u2019s customer', async () => {
    const t1 = '00000000-0000-4000-8000-000000000001';
    const t2 = '00000000-0000-4000-8000-000000000002';
    const customer = '00000000-0000-4000-8000-0000000000c1';
    await db.query("INSERT INTO tenants (id, slug, name) VALUES ($1, 'fk-a', 'A'), ($2, 'fk-b', 'B')", [
      t1,
      t2,
    ]);
    await db.query('INSERT INTO customers (tenant_id, id, number) VALUES ($1, $2, 1)', [t1, customer]);
    await expect(
      db.query(
        `INSERT INTO appointments (tenant_id, id, customer_id, start_at, end_at, service)
         VALUES ($1, gen_random_uuid(), $2, now(), now() + interval '1 hour', 'Knippen')`,
        [t2, customer],
      ),
    ).rejects.toThrow(/foreign key/);
    const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM appointments');
    expect(row?.n).toBe(0);
  });

  it('reads the same JavaScript shapes on both engines', async () => {
    const [row] = await db.query<Record<string, unknown>>(
      "SELECT DATE '2022-03-24' AS d, 42::bigint AS big, 1.5::numeric AS num, TIMESTAMPTZ '2022-03-24 10:00:00+00' AS ts, '{\"a\":1}'::jsonb AS j, ARRAY['00000000-0000-4000-8000-000000000001']::uuid[] AS ids",
    );
    expect(row).toEqual({
      d: '2022-03-24',
      big: 42,
      num: 1.5,
      ts: new Date('2022-03-24T10:00:00Z'),
      j: { a: 1 },
      ids: ['00000000-0000-4000-8000-000000000001'],
    });
  });

  it('bulk-reads with copyRows, NULL and quotes intact', async () => {
    const rows = await db.copyRows(
      `SELECT * FROM (VALUES (1, 'a "quoted", value', NULL::text), (2, E'line\\nbreak', '')) AS t(n, s, e)`,
    );
    expect(rows).toEqual([
      ['1', 'a "quoted", value', null],
      ['2', 'line\nbreak', ''],
    ]);
  });

  it('rolls back everything of a failed transaction', async () => {
    await expect(
      db.rawTransaction(async (exec) => {
        await exec("INSERT INTO tenants (id, slug, name) VALUES (gen_random_uuid(), 'rollback-me', 'R')");
        await exec('SELECT 1/0');
      }),
    ).rejects.toThrow(/division by zero/);
    expect(await db.query("SELECT 1 FROM tenants WHERE slug = 'rollback-me'")).toEqual([]);
  });
});
