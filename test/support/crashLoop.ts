/**
 * Crash safety: run an operation against the real server process and kill it with SIGKILL at a
 * random moment — before, during or after the request, or while its background job runs —, start
 * it again, let any job resume, stop it, and check the invariants on the database. Used by
 * test/crash/crash.test.ts (a few rounds in CI) and `npm run bench -- crash` (100 rounds each).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { generateCustomers } from '../../bench/generator/index.ts';
import { writeCsv } from '../../bench/generator/csv.ts';
import { loadGenerated } from '../../bench/generator/load.ts';
import { openPglite, openPostgres } from '../../src/db/connection.ts';
import type { Database } from '../../src/db/connection.ts';
import { migrate } from '../../src/db/migrate.ts';
import { createTenant } from '../../src/modules/tenants/tenants.service.ts';
import { ADMIN_URL, dbUrl } from './engine.ts';
import type { TestEngine } from './engine.ts';
import { historyCounts, invariantViolations } from './invariants.ts';
import { HttpClient, startServerProcess } from './serverProcess.ts';

export type CrashOperation = 'merge' | 'undo' | 'bulk' | 'import';

export interface CrashWorld {
  engine: TestEngine;
  env: Record<string, string>;
  tenantId: string;
  email: string;
  password: string;
  open(): Promise<Database>;
  dispose(): Promise<void>;
}

const PASSWORD = 'crash test password';

export async function createCrashWorld(engine: TestEngine, customers = 300): Promise<CrashWorld> {
  let env: Record<string, string>;
  let open: () => Promise<Database>;
  let dispose: () => Promise<void>;
  if (engine === 'postgres') {
    const name = `clienteel_crash_${Math.floor(Date.now() / 1000)}_${process.pid}`;
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    env = { DATABASE_URL: dbUrl(name) };
    open = () => openPostgres(dbUrl(name), 2);
    dispose = async () => {
      const a = new pg.Client({ connectionString: ADMIN_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await a.end();
    };
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'clienteel-crash-'));
    env = { CLIENTEEL_DATA_DIR: join(dir, 'data') };
    open = () => openPglite(join(dir, 'data'));
    dispose = async () => rmSync(dir, { recursive: true, force: true });
  }
  const db = await open();
  await migrate(db);
  const email = 'owner@crash.example';
  const { tenant } = await createTenant(db, {
    name: 'Crash Salon',
    slug: 'crash',
    country: 'BE',
    language: 'nl',
    owner: { email, name: 'Owner', password: PASSWORD },
  });
  await loadGenerated(db, generateCustomers({ seed: 11, n: customers, country: 'BE' }), {
    tenantId: tenant.id,
    history: { seed: 11 },
  });
  await db.close();
  return {
    engine,
    env: { ...env, CLIENTEEL_JOB_LEASE_SECONDS: '2' },
    tenantId: tenant.id,
    email,
    password: PASSWORD,
    open,
    dispose,
  };
}

export interface CrashReport {
  operation: CrashOperation;
  rounds: number;
  /** Rounds in which the kill came before the operation had finished (request or job). */
  killedMidway: number;
  violations: string[];
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function liveCustomers(
  db: Database,
  tenantId: string,
  n: number,
  random: () => number,
): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    'SELECT id FROM customers WHERE tenant_id = $1 AND merged_into IS NULL AND deleted_at IS NULL AND archived_at IS NULL ORDER BY id',
    [tenantId],
  );
  const picked = new Set<string>();
  while (picked.size < Math.min(n, rows.length)) picked.add(rows[Math.floor(random() * rows.length)]!.id);
  return [...picked];
}

/** Runs `rounds` crash rounds of one operation; returns what broke (nothing, we hope). */
export async function crashRounds(
  world: CrashWorld,
  operation: CrashOperation,
  rounds: number,
  seed: number,
  log: (line: string) => void = () => undefined,
): Promise<CrashReport> {
  const random = rng(seed);
  const report: CrashReport = { operation, rounds, killedMidway: 0, violations: [] };
  // The kill comes at a random moment within `span` ms of starting the operation. The span adapts
  // so that about half the kills land while the operation (request or job) is still under way: it
  // shrinks after a round the operation finished before the kill and grows after one it did not.
  // A fixed span either always killed too late (an undo takes ~100 ms) or always too early.
  let span = { merge: 400, undo: 400, bulk: 1500, import: 2500 }[operation];
  const adapt = (midway: boolean) => {
    span = midway ? Math.min(span * 1.3, 60_000) : Math.max(span * 0.6, 5);
  };
  const baseline = await (async () => {
    const db = await world.open();
    try {
      return await historyCounts(db, world.tenantId);
    } finally {
      await db.close();
    }
  })();

  for (let round = 0; round < rounds; round++) {
    // Choose what to work on while the server is down (PGlite: one process at a time).
    const db = await world.open();
    const members = await liveCustomers(db, world.tenantId, 2 + Math.floor(random() * 2), random);
    if (operation === 'bulk') {
      for (let g = 0; g < 4; g++) {
        const ids = await liveCustomers(db, world.tenantId, 2, random);
        await db.query(
          `INSERT INTO duplicate_groups (tenant_id, id, probability, member_ids, pairs, status) VALUES ($1, $2, 0.999, $3::uuid[], '[]'::jsonb, 'open')`,
          [world.tenantId, randomUUID(), ids],
        );
      }
    }
    await db.close();

    let server = await startServerProcess(world.env);
    const client = new HttpClient(server.url);
    await client.login(world.email, world.password);
    let finished = false;
    try {
      if (operation === 'undo') {
        const preview = await client.request('POST', '/api/merges/preview', { ids: members });
        const applied = await client.request('POST', '/api/merges', {
          ids: members,
          fingerprint: preview.body.fingerprint,
        });
        if (applied.status !== 201)
          throw new Error(`merge before undo failed: ${applied.status} ${JSON.stringify(applied.body)}`);
        const kill = setTimeout(() => void server.kill(), Math.floor(random() * span));
        await client.request('POST', `/api/merges/${applied.body.id}/undo`).then(
          () => (finished = true),
          () => undefined,
        );
        clearTimeout(kill);
      } else if (operation === 'merge') {
        const preview = await client.request('POST', '/api/merges/preview', { ids: members });
        const kill = setTimeout(() => void server.kill(), Math.floor(random() * span));
        await client
          .request('POST', '/api/merges', { ids: members, fingerprint: preview.body.fingerprint })
          .then(
            () => (finished = true),
            () => undefined,
          );
        clearTimeout(kill);
      } else if (operation === 'bulk') {
        const preview = await client.request('POST', '/api/merges/bulk/preview', {});
        const groups = (preview.body.groups ?? []).map((g: { groupId: string; fingerprint: string }) => ({
          id: g.groupId,
          fingerprint: g.fingerprint,
        }));
        if (groups.length > 0) {
          const kill = setTimeout(() => void server.kill(), Math.floor(random() * span));
          await client.request('POST', '/api/merges/bulk', { groups }).then(
            () => undefined,
            () => undefined,
          );
          await server.exited;
          clearTimeout(kill);
        }
      } else {
        const file = join(mkdtempSync(join(tmpdir(), 'clienteel-crash-csv-')), 'import.csv');
        writeCsv(generateCustomers({ seed: 1000 + round, n: 200, country: 'BE' }), file, { columns: 'full' });
        const csv = readFileSync(file, 'utf8');
        rmSync(file, { force: true });
        const uploaded = await client.request(
          'POST',
          `/api/imports?fileName=round-${round}.csv`,
          csv,
          'text/csv',
        );
        if (uploaded.status !== 201)
          throw new Error(`upload failed: ${uploaded.status} ${JSON.stringify(uploaded.body)}`);
        const planned = await client.request('POST', `/api/imports/${uploaded.body.id}/plan`, {
          mapping: uploaded.body.mapping,
        });
        if (planned.status !== 200)
          throw new Error(`plan failed: ${planned.status} ${JSON.stringify(planned.body)}`);
        const kill = setTimeout(() => void server.kill(), Math.floor(random() * span));
        await client.request('POST', `/api/imports/${uploaded.body.id}/apply`, {}).then(
          () => undefined,
          () => undefined,
        );
        await server.exited;
        clearTimeout(kill);
      }
    } finally {
      await server.kill();
    }
    let midway = !finished && (operation === 'merge' || operation === 'undo');
    if (operation === 'bulk' || operation === 'import') {
      // The job was under way when the server died if it is still queued or running now.
      const db = await world.open();
      try {
        const [open] = await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM jobs WHERE tenant_id = $1 AND status IN ('queued', 'running')`,
          [world.tenantId],
        );
        midway = (open?.n ?? 0) > 0;
      } finally {
        await db.close();
      }
    }

    // Restart: interrupted jobs resume (their lease runs out) and finish or fail cleanly.
    server = await startServerProcess(world.env);
    const after = new HttpClient(server.url);
    await after.login(world.email, world.password);
    if (operation === 'bulk' || operation === 'import') {
      await waitForJobsViaApi(after, 120_000);
    }
    if (midway) report.killedMidway++;
    adapt(midway);
    await server.kill('SIGTERM');

    const check = await world.open();
    try {
      const problems = await invariantViolations(check, world.tenantId);
      const counts = await historyCounts(check, world.tenantId);
      for (const [table, n] of Object.entries(baseline)) {
        if (counts[table] !== n) problems.push(`${table}: ${n} rows before, ${counts[table]} after`);
      }
      if (problems.length > 0) report.violations.push(...problems.map((p) => `round ${round}: ${p}`));
      log(`${operation} round ${round + 1}/${rounds}: ${problems.length === 0 ? 'ok' : problems.join('; ')}`);
    } finally {
      await check.close();
    }
    if (report.violations.length > 20) break;
  }
  return report;
}

async function waitForJobsViaApi(client: HttpClient, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await client.request<{ status: string }[]>('GET', '/api/jobs?limit=100');
    if (res.status === 200 && res.body.every((j) => j.status !== 'queued' && j.status !== 'running')) return;
    if (Date.now() > deadline)
      throw new Error(`jobs did not finish after the restart: ${JSON.stringify(res.body)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
