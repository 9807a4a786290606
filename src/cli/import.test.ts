/**
 * `clienteel import` end to end on the configured database (PGlite data directory or PostgreSQL):
 * dry run writes no customer, a run imports with source "import" and writes the report; misuse
 * and unreadable files give one line and a non-zero exit code.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connection.ts';
import type { Database } from '../db/connection.ts';
import { createTenant } from '../modules/tenants/tenants.service.ts';
import { openTestDatabase } from '../../test/support/db.ts';
import { testEngine } from '../../test/support/engine.ts';
import { runImport } from './import.ts';

let dir: string;
let testDb: Awaited<ReturnType<typeof openTestDatabase>> | undefined;
const env: Record<string, string> = {};
const saved = { ...process.env };

function cli() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      stdout: { write: (s: string) => (out.stdout += s) },
      stderr: { write: (s: string) => (out.stderr += s) },
    },
  };
}

async function withDb<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.CLIENTEEL_DATA_DIR });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}
const countImported = () =>
  withDb(
    async (db) =>
      (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM customers WHERE source = 'import'`))[0]!
        .n,
  );

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'clienteel-import-'));
  const dataDir = join(dir, 'data');
  const db = await openTestDatabase({ dataDir });
  await createTenant(db, {
    name: 'Kapsalon Lotus',
    slug: 'lotus',
    country: 'BE',
    language: 'nl',
    owner: { email: 'owner@lotus.example', name: 'Owner', password: 'correct horse battery' },
  });
  if (testEngine() === 'postgres') {
    env.DATABASE_URL = db.url!;
    testDb = db;
  } else {
    env.CLIENTEEL_DATA_DIR = dataDir;
    await db.close();
  }
  Object.assign(process.env, env);
  writeFileSync(
    join(dir, 'klanten.csv'),
    iconv.encode(
      'Voornaam;Familienaam;GSM;Geboortedatum\r\nSéverine;Müller;0475 12 34 56;24/03/1985\r\nJoël;Dupré;;\r\n;;12;\r\n',
      'windows-1252',
    ),
  );
});
afterAll(async () => {
  await testDb?.close();
  process.env = saved;
  rmSync(dir, { recursive: true, force: true });
});

describe('clienteel import', () => {
  it('dry-runs a Windows-1252 semicolon file without creating anyone', async () => {
    const { out, io } = cli();
    const code = await runImport([join(dir, 'klanten.csv'), '--tenant', 'lotus', '--dry-run'], io);
    expect(code).toBe(0);
    expect(out.stderr).toContain('3 rows, windows-1252, delimiter ";"');
    expect(out.stderr).toContain('Geboortedatum → birthDate');
    expect(out.stderr).toContain(
      'dry run: 2 new, 0 existing customers, 0 possible matches, 0 duplicates within the file, 1 invalid',
    );
    expect(out.stderr).toMatch(/row 4: GSM: Mobile is not a valid phone number/);
    expect(JSON.parse(out.stdout.trim())).toMatchObject({
      rows: 3,
      dryRun: true,
      plan: { new: 2, invalid: 1 },
      actions: null,
    });
    expect(await countImported()).toBe(0);
  });

  it('imports and writes the report', async () => {
    const { out, io } = cli();
    const report = join(dir, 'rapport.csv');
    const code = await runImport(
      [join(dir, 'klanten.csv'), '--tenant', 'lotus', '--report', report, '--lang', 'nl'],
      io,
    );
    expect(code, out.stderr).toBe(0);
    const result = JSON.parse(out.stdout.trim()) as { importId: string; actions: unknown };
    expect(result.actions).toEqual({ created: 2, invalid: 1 });
    expect(await countImported()).toBe(2);
    // The id is printed before applying (to resume a killed run from the app), and the run was a
    // job of its own under the command line's lease, so the app sees who applies the import.
    expect(out.stderr).toContain(`import ${result.importId}\n`);
    const [job] = await withDb((db) =>
      db.query<{ status: string; kind: string; locked_by: string | null }>(
        `SELECT j.status, j.kind, j.locked_by FROM imports i JOIN jobs j ON j.tenant_id = i.tenant_id AND j.id = i.job_id
         WHERE i.id = $1 AND i.status = 'applied'`,
        [result.importId],
      ),
    );
    expect(job).toMatchObject({ status: 'done', kind: 'import.apply' });
    expect(job?.locked_by).toMatch(/^cli-/);
    const names = await withDb((db) =>
      db.query<{ first_name: string; last_name: string }>(
        `SELECT first_name, last_name FROM customers WHERE source = 'import' ORDER BY number`,
      ),
    );
    expect(names).toEqual([
      { first_name: 'Séverine', last_name: 'Müller' },
      { first_name: 'Joël', last_name: 'Dupré' },
    ]);
    const text = readFileSync(report, 'utf8');
    expect(text.startsWith('\uFEFFrow;outcome;action')).toBe(true);
    expect(text).toContain('4;invalid;invalid;;;;;GSM: Gsm is geen geldig telefoonnummer');
  });

  it('explains misuse, unknown businesses and unreadable files in one line', async () => {
    const usage = cli();
    expect(await runImport([join(dir, 'klanten.csv')], usage.io)).toBe(2);
    expect(usage.out.stderr).toMatch(/--tenant is required/);
    const unknown = cli();
    expect(await runImport([join(dir, 'klanten.csv'), '--tenant', 'nope'], unknown.io)).toBe(2);
    expect(unknown.out.stderr).toMatch(/no business with the short name "nope"/);
    writeFileSync(join(dir, 'kapot.csv'), 'naam,notitie\nJan,"nooit gesloten\n');
    const broken = cli();
    expect(await runImport([join(dir, 'kapot.csv'), '--tenant', 'lotus'], broken.io)).toBe(1);
    expect(broken.out.stderr).toBe(
      'clienteel: Line 2 opens a quote (") that is never closed. Check that line in the file.\n',
    );
    expect(await countImported()).toBe(2);
  });
});
