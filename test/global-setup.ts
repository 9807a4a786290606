/**
 * Runs once per `vitest run`: prepares a migrated database template so each test file starts
 * from a fresh copy in well under a second instead of migrating its own.
 *  - PGlite: a data-directory dump (`dumpDataDir`), cached in .test-tmp by the migrations' hash.
 *  - PostgreSQL (CLIENTEEL_TEST_ENGINE=postgres): a template database, cached by the same hash;
 *    each test file then gets its own database copied from it, so runs never collide.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPglite } from '../src/db/connection.ts';
import { migrate, migrationFiles } from '../src/db/migrate.ts';
import { ADMIN_URL, dbUrl, testEngine } from './support/engine.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplate: string;
  }
}

const TMP = join(import.meta.dirname, '..', '.test-tmp');

function migrationsHash(): string {
  const h = createHash('sha256');
  for (const m of migrationFiles()) h.update(m.name).update(m.sql);
  return h.digest('hex').slice(0, 12);
}

async function pgliteTemplate(hash: string): Promise<string> {
  mkdirSync(TMP, { recursive: true });
  const file = join(TMP, `pglite-template-${hash}.tar`);
  if (existsSync(file)) return file;
  const db = await openPglite(undefined);
  await migrate(db);
  const dump = await db.pglite!.dumpDataDir('none');
  const partial = `${file}.${process.pid}`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, file);
  await db.close();
  return file;
}

async function pgTemplate(hash: string): Promise<string> {
  const name = `clienteel_tpl_${hash}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    // Databases of test files of runs that died more than two hours ago.
    const stale = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname ~ '^clienteel_t_[0-9]+_' AND split_part(datname, '_', 3)::bigint < $1`,
      [Math.floor(Date.now() / 1000) - 7200],
    );
    for (const { datname } of stale.rows)
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) {
      const building = `${name}_building_${process.pid}`;
      await admin.query(`DROP DATABASE IF EXISTS "${building}"`);
      await admin.query(`CREATE DATABASE "${building}"`);
      const { openPostgres } = await import('../src/db/connection.ts');
      const db = await openPostgres(dbUrl(building), 1);
      await migrate(db);
      await db.close();
      try {
        await admin.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
      } catch {
        // Another run built it at the same moment.
        await admin.query(`DROP DATABASE IF EXISTS "${building}"`);
      }
    }
  } finally {
    await admin.end();
  }
  return name;
}

export default async function setup(project: TestProject): Promise<void> {
  const hash = migrationsHash();
  if (testEngine() === 'postgres') project.provide('pgTemplate', await pgTemplate(hash));
  else project.provide('pgliteTemplate', await pgliteTemplate(hash));
}
