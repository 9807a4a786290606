/**
 * A fresh, migrated database for one test file, on the engine of this run. Call it in beforeAll
 * and close it in afterAll; every test file gets its own, so files run in parallel safely.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { openPglite, openPostgres } from '../../src/db/connection.ts';
import type { Database } from '../../src/db/connection.ts';
import { ADMIN_URL, dbUrl, testEngine } from './engine.ts';

export interface TestDatabase extends Database {
  /** For PostgreSQL: the connection URL of this file's database (to start a second app on it). */
  readonly url: string | undefined;
}

async function adminQuery(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

export async function openTestDatabase(opts: { dataDir?: string } = {}): Promise<TestDatabase> {
  if (testEngine() === 'postgres') {
    const name = `clienteel_t_${Math.floor(Date.now() / 1000)}_${process.pid}_${randomBytes(4).toString('hex')}`;
    await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${inject('pgTemplate')}"`);
    const url = dbUrl(name);
    const database = await openPostgres(url, 5);
    const closePool = database.close.bind(database);
    return Object.assign(database, {
      url,
      async close() {
        await closePool();
        await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      },
    });
  }
  const template = new Blob([readFileSync(inject('pgliteTemplate'))]);
  const database = await openPglite(opts.dataDir, template);
  return Object.assign(database, { url: undefined });
}
