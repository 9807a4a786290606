/**
 * The administration commands end to end: create a business with its owner, add staff, reset a
 * password — then log in through the app with what the command printed. Misuse gives one readable
 * line and a non-zero exit code, and writes nothing.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.ts';
import type { Database } from '../../src/db/connection.ts';
import { runStaffAdd, runStaffPassword, runTenantCreate } from '../../src/cli/tenants.ts';
import { login as loginService } from '../../src/modules/auth/auth.service.ts';
import { openTestDatabase } from '../support/db.ts';
import { testEngine } from '../support/engine.ts';

const run = promisify(execFile);
let dir: string;
let testDb: Awaited<ReturnType<typeof openTestDatabase>> | undefined;
const env: Record<string, string> = {};
const saved = { ...process.env };

function io() {
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

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'clienteel-cli-'));
  const dataDir = join(dir, 'data');
  const db = await openTestDatabase({ dataDir });
  if (testEngine() === 'postgres') {
    env.DATABASE_URL = db.url!;
    testDb = db; // dropped in afterAll
  } else {
    env.CLIENTEEL_DATA_DIR = dataDir;
    await db.close(); // the commands open the directory themselves
  }
  Object.assign(process.env, env);
});
afterAll(async () => {
  await testDb?.close();
  process.env = saved;
  rmSync(dir, { recursive: true, force: true });
});

describe('clienteel tenant:create / staff:add / staff:password', () => {
  it('creates a business with its owner, whose printed password logs in', async () => {
    const { out, io: cli } = io();
    const code = await runTenantCreate(
      [
        '--name',
        'Studio Noord',
        '--slug',
        'studio-noord',
        '--owner-email',
        'an@studio-noord.be',
        '--owner-name',
        'An Noord',
        '--country',
        'NL',
      ],
      cli,
    );
    expect(out.stderr).toBe('');
    expect(code).toBe(0);
    const password = /password (\S+)/.exec(out.stdout)?.[1];
    expect(password).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    const result = await withDb((db) =>
      loginService(db, { email: 'an@studio-noord.be', password: password! }, '127.0.0.1', new Date()),
    );
    expect(result.cookie).toContain('.');
    const [tenant] = await withDb((db) =>
      db.query<{ country: string; name: string }>(
        "SELECT country, name FROM tenants WHERE slug = 'studio-noord'",
      ),
    );
    expect(tenant).toEqual({ country: 'NL', name: 'Studio Noord' });
  });

  it('refuses a taken short name with one line and exit code 1, creating nothing', async () => {
    const { out, io: cli } = io();
    const code = await runTenantCreate(
      ['--name', 'Other', '--slug', 'studio-noord', '--owner-email', 'x@y.be', '--owner-name', 'X'],
      cli,
    );
    expect(code).toBe(1);
    expect(out.stderr).toBe('clienteel: The short name "studio-noord" is already in use.\n');
    const rows = await withDb((db) => db.query("SELECT 1 FROM staff_users WHERE email = 'x@y.be'"));
    expect(rows).toEqual([]);
  });

  it('adds staff and resets a password, ending the old sessions', async () => {
    const { out, io: cli } = io();
    expect(
      await runStaffAdd(
        [
          '--tenant',
          'studio-noord',
          '--email',
          'bo@studio-noord.be',
          '--name',
          'Bo',
          '--password',
          'first password 1',
        ],
        cli,
      ),
    ).toBe(0);
    expect(out.stdout).toBe('Added staff bo@studio-noord.be to studio-noord.\n');
    await withDb((db) =>
      loginService(
        db,
        { email: 'bo@studio-noord.be', password: 'first password 1' },
        '127.0.0.1',
        new Date(),
      ),
    );
    const second = io();
    expect(
      await runStaffPassword(
        ['--tenant', 'studio-noord', '--email', 'BO@studio-noord.be', '--password', 'second password 2'],
        second.io,
      ),
    ).toBe(0);
    const sessions = await withDb((db) =>
      db.query(
        "SELECT 1 FROM sessions s JOIN staff_users u ON u.id = s.staff_id WHERE u.email = 'bo@studio-noord.be'",
      ),
    );
    expect(sessions).toEqual([]);
    await expect(
      withDb((db) =>
        loginService(
          db,
          { email: 'bo@studio-noord.be', password: 'first password 1' },
          '127.0.0.2',
          new Date(),
        ),
      ),
    ).rejects.toMatchObject({ status: 401 });
  });

  it('rejects a weak password and an unknown business with one line each', async () => {
    const weak = io();
    expect(
      await runStaffAdd(
        ['--tenant', 'studio-noord', '--email', 'c@s.be', '--name', 'C', '--password', 'short'],
        weak.io,
      ),
    ).toBe(1);
    expect(weak.out.stderr).toBe('clienteel: The password must have at least 10 characters.\n');
    const unknown = io();
    expect(await runStaffAdd(['--tenant', 'nope', '--email', 'c@s.be', '--name', 'C'], unknown.io)).toBe(1);
    expect(unknown.out.stderr).toBe('clienteel: No business with the short name "nope".\n');
  });

  it('prints usage and exits 2 on a missing argument (the real binary)', async () => {
    const err = await run(process.execPath, ['src/cli/main.ts', 'staff:add', '--tenant', 'x'], {
      env: { ...process.env },
    }).catch((e: unknown) => e);
    expect((err as { code: number }).code).toBe(2);
    expect((err as { stderr: string }).stderr.split('\n')[0]).toBe('clienteel: --email is required');
  });
});
