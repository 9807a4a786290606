/**
 * One code path, two engines: embedded PGlite (a data directory, no server) by default, or a
 * PostgreSQL server through `pg` when DATABASE_URL is set. Everything above this file talks to a
 * `Database` and never asks which engine it is, except bulk reads (`copyRows`), where PGlite's
 * COPY is ~10x faster than row-by-row results.
 */
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import pg from 'pg';
import * as schema from './schema.ts';

export type Engine = 'pglite' | 'postgres';
export type Schema = typeof schema;
/** A Drizzle database or transaction, on either engine. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type RawExec = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

export interface Database {
  readonly engine: Engine;
  readonly db: Db;
  /** Raw SQL with $1.. parameters; rows as plain objects. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Bulk read of a SELECT as arrays of text values (null as null); COPY on PGlite. */
  copyRows(selectSql: string): Promise<(string | null)[][]>;
  /** Runs `fn` in one transaction on one connection, with raw SQL (multi-statement scripts allowed). */
  rawTransaction<T>(fn: (exec: RawExec) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** PGlite only: the underlying instance, for dumps. */
  readonly pglite?: PGlite;
}

/** Rows of a Drizzle `sql` query on a database or transaction. */
export async function rows<T = Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

// Same JavaScript shapes on both engines: dates as 'YYYY-MM-DD' strings, bigint counts as numbers.
pg.types.setTypeParser(1082, (v: string) => v);
pg.types.setTypeParser(20, (v: string) => Number(v));
pg.types.setTypeParser(1700, (v: string) => Number(v));
const pgliteParsers = {
  [pgliteTypes.DATE]: (v: string) => v,
  [pgliteTypes.INT8]: (v: string) => Number(v),
  [pgliteTypes.NUMERIC]: (v: string) => Number(v),
};

export const pgliteExtensions = { pg_trgm, unaccent, fuzzystrmatch };

export async function openPglite(dataDir: string | undefined, loadDataDir?: Blob | File): Promise<Database> {
  const pglite = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(loadDataDir ? { loadDataDir } : {}),
    extensions: pgliteExtensions,
    parsers: pgliteParsers,
  });
  const db = drizzlePglite(pglite, { schema }) as unknown as Db;
  return {
    engine: 'pglite',
    db,
    pglite,
    async query<T>(text: string, params: unknown[] = []) {
      const r = await pglite.query<T>(text, params);
      return r.rows;
    },
    async copyRows(selectSql: string) {
      const r = await pglite.query(`COPY (${selectSql}) TO '/dev/blob' WITH (FORMAT csv, NULL '\\N')`);
      const blob = r.blob;
      if (!blob) return [];
      return parseCopyCsv(await blob.text());
    },
    async rawTransaction<T>(fn: (exec: RawExec) => Promise<T>) {
      return pglite.transaction(async (tx) =>
        fn(async <R>(text: string, params?: unknown[]) => {
          if (params && params.length > 0) return (await tx.query<R>(text, params)).rows;
          const results = await tx.exec(text);
          return (results.at(-1)?.rows ?? []) as R[];
        }),
      );
    },
    async close() {
      await pglite.close();
    },
  };
}

export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection that the server ends (restart, failover, pg_terminate_backend) is dropped by
  // the pool and the next query opens a new one; without a listener the 'error' event would kill
  // the process.
  pool.on('error', () => undefined);
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    engine: 'postgres',
    db,
    async query<T>(text: string, params: unknown[] = []) {
      const r = await pool.query(text, params);
      return r.rows as T[];
    },
    async copyRows(selectSql: string) {
      const r = await pool.query({ text: selectSql, rowMode: 'array' });
      return (r.rows as unknown[][]).map((row) => row.map((v) => (v === null ? null : stringify(v))));
    },
    async rawTransaction<T>(fn: (exec: RawExec) => Promise<T>) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(async <R>(text: string, params?: unknown[]) => {
          const r = await client.query(text, params);
          // A multi-statement script returns one result per statement.
          const last = Array.isArray(r) ? (r.at(-1) as pg.QueryResult | undefined) : r;
          return (last?.rows ?? []) as R[];
        });
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

function stringify(v: unknown): string {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Parses PostgreSQL CSV COPY output with NULL written as \N (unquoted). */
export function parseCopyCsv(text: string): (string | null)[][] {
  const out: (string | null)[][] = [];
  let row: (string | null)[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    let value: string | null;
    if (text[i] === '"') {
      let s = '';
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error('Unterminated quoted field in COPY output');
        s += text.slice(i, q);
        if (text[q + 1] === '"') {
          s += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      value = s;
    } else {
      let j = i;
      while (j < n && text[j] !== ',' && text[j] !== '\n') j++;
      const raw = text.slice(i, j);
      value = raw === '\\N' ? null : raw;
      i = j;
    }
    row.push(value);
    if (text[i] === ',') {
      i++;
      if (i === n) row.push('');
    } else {
      out.push(row);
      row = [];
      i++;
    }
  }
  return out;
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
}

/** Opens the configured engine: DATABASE_URL wins, else PGlite in the data directory. */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  return openPglite(opts.dataDir);
}
