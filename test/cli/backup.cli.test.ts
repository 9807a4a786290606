/**
 * Backup and restore, for both engines: the embedded database with `clienteel backup` / `restore`,
 * PostgreSQL with pg_dump -Fc / pg_restore as docs/operations.md describes. The restored database
 * holds exactly the rows of the original.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCustomers } from '../../bench/generator/index.ts';
import { loadGenerated } from '../../bench/generator/load.ts';
import { runBackup, runRestore } from '../../src/cli/backup.ts';
import { openPglite, openPostgres } from '../../src/db/connection.ts';
import type { Database } from '../../src/db/connection.ts';
import { createTenant } from '../../src/modules/tenants/tenants.service.ts';
import { openTestDatabase } from '../support/db.ts';
import { ADMIN_URL, dbUrl, testEngine } from '../support/engine.ts';
import { snapshotOf } from '../support/snapshot.ts';

let dir: string;
const saved = { ...process.env };

function capture() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      stdout: { write: (s: string) => (out.stdout += s) },
      stderr: { write: (s: string) => (out.stderr += s) },
    },
  };
}

async function fill(database: Database): Promise<void> {
  const { tenant } = await createTenant(database, {
    name: 'Backup Salon',
    slug: 'backup-salon',
    country: 'BE',
    language: 'nl',
    owner: { email: 'owner@backup.example', name: 'Owner', password: 'a long enough password' },
  });
  await loadGenerated(database, generateCustomers({ seed: 3, n: 60, country: 'BE' }), {
    tenantId: tenant.id,
    history: { seed: 3 },
  });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'clienteel-backup-'));
});
afterAll(() => {
  process.env = saved;
  rmSync(dir, { recursive: true, force: true });
});

describe.runIf(testEngine() === 'pglite')('clienteel backup / restore (embedded database)', () => {
  it('restores exactly what was backed up, and refuses to overwrite without --force', async () => {
    const source = join(dir, 'source');
    const db = await openTestDatabase({ dataDir: source });
    await fill(db);
    const before = await snapshotOf(db, null);
    await db.close();

    process.env.CLIENTEEL_DATA_DIR = source;
    const backup = capture();
    const file = join(dir, 'backups', 'clienteel.tar.gz');
    expect(await runBackup(['--out', file], backup.io)).toBe(0);
    expect(backup.out.stdout).toBe(`Backed up 1 businesses and 60 customers to ${file}\n`);

    const target = join(dir, 'target');
    process.env.CLIENTEEL_DATA_DIR = target;
    const restore = capture();
    expect(await runRestore(['--from', file], restore.io)).toBe(0);
    const restored = await openPglite(target);
    expect(await snapshotOf(restored, null)).toEqual(before);
    await restored.close();

    const again = capture();
    expect(await runRestore(['--from', file], again.io)).toBe(1);
    expect(again.out.stderr).toContain('already holds a database; add --force');
    expect(await runRestore(['--from', file, '--force'], capture().io)).toBe(0);
    expect(existsSync(`${target}.before-restore`)).toBe(true);
  });

  it('rejects a file that is not a backup, leaving the target untouched', async () => {
    const junk = join(dir, 'junk.tar.gz');
    writeFileSync(junk, 'this is not a backup');
    process.env.CLIENTEEL_DATA_DIR = join(dir, 'untouched');
    const res = capture();
    expect(await runRestore(['--from', junk], res.io)).toBe(1);
    expect(res.out.stderr).toMatch(/^clienteel: .*junk\.tar\.gz is not a Clienteel backup/);
    expect(existsSync(join(dir, 'untouched'))).toBe(false);
  });
});

describe.runIf(testEngine() === 'postgres')('pg_dump / pg_restore (PostgreSQL)', () => {
  it('restores exactly what was dumped into a new database', async () => {
    const db = await openTestDatabase();
    await fill(db);
    const before = await snapshotOf(db, null);
    const file = join(dir, 'clienteel.dump');
    execFileSync('pg_dump', ['-Fc', '--no-owner', '-f', file, db.url!]);
    const name = `${new URL(db.url!).pathname.slice(1)}_restored`;
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    try {
      execFileSync('pg_restore', ['--no-owner', '-d', dbUrl(name), file]);
      const restored = await openPostgres(dbUrl(name), 1);
      expect(await snapshotOf(restored, null)).toEqual(before);
      await restored.close();
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
      await db.close();
    }
  });
});
