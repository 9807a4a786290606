/**
 * Merge bench: two customers with 1,000 history rows each (appointments, invoices, points,
 * messages, notes, booking requests, subscriptions, contact points, online accounts) in an
 * embedded database; merge them (preview, then apply) and undo, many times over, timing each.
 * Target: p99 ≤ 50 ms for the merge (apply) and for the undo on PGlite.
 *
 *   npm run bench -- merge [--iterations 200] [--rows 1000]
 */
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { bulkInsert } from '../src/db/bulk.ts';
import { openPglite } from '../src/db/connection.ts';
import type { Database, RawExec } from '../src/db/connection.ts';
import { migrate } from '../src/db/migrate.ts';
import { createCustomer } from '../src/modules/customers/customers.service.ts';
import { applyMerge, previewMerge } from '../src/modules/merges/merges.service.ts';
import { undoMerge } from '../src/modules/merges/merges.undo.ts';
import type { Actor } from '../src/modules/shared/actor.ts';
import { createTenant } from '../src/modules/tenants/tenants.service.ts';

function arg(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? Number(args[i + 1]) : fallback;
}

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round((sorted[Math.max(0, i)] ?? 0) * 100) / 100;
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: percentile(sorted, 100) };
}

/** How 1,000 rows of one customer's history are spread over the tables (scaled for other sizes). */
const SHARE = {
  appointments: 0.4,
  invoices: 0.1,
  loyalty_ledger: 0.2,
  messages: 0.1,
  customer_notes: 0.05,
  booking_requests: 0.1,
  subscriptions: 0.02,
  customer_contact_points: 0.028,
  online_accounts: 0.002,
} as const;

async function addHistory(exec: RawExec, tenantId: string, customerId: string, rows: number, tag: string) {
  const n = (t: keyof typeof SHARE) => Math.max(1, Math.round(rows * SHARE[t]));
  const day = (i: number) =>
    new Date(Date.UTC(2020, 0, 1) + i * 86_400_000 + (tag.startsWith('a') ? 0 : 3_600_000));
  const col = (name: string, type: string) => ({ name, type });
  const base = [col('tenant_id', 'uuid'), col('id', 'uuid'), col('customer_id', 'uuid')];
  const ids = (count: number) =>
    Array.from({ length: count }, (_, i) => [tenantId, randomUUID(), customerId, i]);
  await bulkInsert(
    exec,
    'appointments',
    [
      ...base,
      col('start_at', 'timestamptz'),
      col('end_at', 'timestamptz'),
      col('service', 'text'),
      col('status', 'text'),
    ],
    ids(n('appointments')).map(([t, id, c, i]) => [
      t,
      id,
      c,
      day(i as number),
      new Date(day(i as number).getTime() + 1_800_000),
      'Knippen',
      'completed',
    ]),
  );
  await bulkInsert(
    exec,
    'invoices',
    [...base, col('number', 'text'), col('issued_on', 'date'), col('total_cents', 'int')],
    ids(n('invoices')).map(([t, id, c, i]) => [
      t,
      id,
      c,
      `B-${tag}-${i}`,
      day(i as number)
        .toISOString()
        .slice(0, 10),
      3900,
    ]),
  );
  await bulkInsert(
    exec,
    'loyalty_ledger',
    [...base, col('at', 'timestamptz'), col('points', 'int'), col('reason', 'text')],
    ids(n('loyalty_ledger')).map(([t, id, c, i]) => [t, id, c, day(i as number), 10, 'Bezoek']),
  );
  await bulkInsert(
    exec,
    'messages',
    [...base, col('to_address', 'text'), col('subject', 'text'), col('body', 'text'), col('status', 'text')],
    ids(n('messages')).map(([t, id, c]) => [
      t,
      id,
      c,
      `${tag}@example.com`,
      'Herinnering',
      'Tot morgen',
      'sent',
    ]),
  );
  await bulkInsert(
    exec,
    'customer_notes',
    [...base, col('position', 'int'), col('body', 'text')],
    ids(n('customer_notes')).map(([t, id, c, i]) => [t, id, c, (i as number) + 1, `Notitie ${i}`]),
  );
  await bulkInsert(
    exec,
    'booking_requests',
    [...base, col('service', 'text'), col('wished_start', 'timestamptz'), col('status', 'text')],
    ids(n('booking_requests')).map(([t, id, c, i]) => [t, id, c, 'Knippen', day(i as number), 'confirmed']),
  );
  await bulkInsert(
    exec,
    'subscriptions',
    [...base, col('name', 'text')],
    ids(n('subscriptions')).map(([t, id, c]) => [t, id, c, '10-beurtenkaart']),
  );
  await bulkInsert(
    exec,
    'customer_contact_points',
    [...base, col('kind', 'text'), col('value', 'text'), col('normalized', 'text')],
    ids(n('customer_contact_points')).map(([t, id, c, i]) => [
      t,
      id,
      c,
      'email',
      `${tag}${i}@example.com`,
      `${tag}${i}@example.com`,
    ]),
  );
  await bulkInsert(
    exec,
    'online_accounts',
    [...base, col('login_email', 'text'), col('state', 'text')],
    ids(n('online_accounts')).map(([t, id, c, i]) => [t, id, c, `login-${tag}${i}@example.com`, 'active']),
  );
}

export async function benchMerge(args: string[]): Promise<object> {
  const iterations = arg(args, 'iterations', 200);
  const rows = arg(args, 'rows', 1000);
  const warmup = 10;
  const database: Database = await openPglite(undefined);
  await migrate(database);
  const { tenant, ownerId } = await createTenant(database, {
    name: 'Bench salon',
    slug: 'bench-merge',
    country: 'BE',
    language: 'nl',
    owner: { email: 'owner@bench.example', name: 'Owner', password: 'bench password 123' },
  });
  const actor: Actor = {
    tenantId: tenant.id,
    staffId: ownerId,
    role: 'owner',
    name: 'Owner',
    via: 'session',
  };
  const now = () => new Date();
  // A fresh pair for every merge: re-merging one pair would time a table bloated by its own
  // earlier updates (PGlite has no autovacuum), which is not what a salon does.
  const pairs: { a: string; b: string }[] = [];
  for (let i = 0; i < warmup + iterations; i++) {
    const a = await createCustomer(
      database,
      tenant.id,
      {
        firstName: 'Stephanie',
        lastName: `Wahters ${i}`,
        email: `stephanie${i}@telenet.be`,
        mobile: '0475 888 888',
      },
      { source: 'staff', actor, now: now() },
    );
    const b = await createCustomer(
      database,
      tenant.id,
      {
        firstName: 'stefanie',
        lastName: `wachters ${i}`,
        email: `stefanie${i}@hotmail.com`,
        mobile: '0475 888 888',
      },
      { source: 'online', actor, now: now() },
    );
    await database.rawTransaction(async (exec) => {
      await addHistory(exec, tenant.id, a.id, rows, `a${i}-`);
      await addHistory(exec, tenant.id, b.id, rows, `b${i}-`);
    });
    pairs.push({ a: a.id, b: b.id });
  }
  const [counted] = await database.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM appointments) + (SELECT count(*) FROM invoices) + (SELECT count(*) FROM loyalty_ledger)
      + (SELECT count(*) FROM messages) + (SELECT count(*) FROM customer_notes) + (SELECT count(*) FROM booking_requests)
      + (SELECT count(*) FROM subscriptions) + (SELECT count(*) FROM customer_contact_points)
      + (SELECT count(*) FROM online_accounts) AS n`,
  );
  await database.query('ANALYZE');
  process.stderr.write(
    `merge bench: ${pairs.length} pairs of customers with ${rows} history rows each (${counted?.n} rows); ${iterations} merges and undos\n`,
  );

  const preview: number[] = [];
  const merge: number[] = [];
  const undo: number[] = [];
  // CPU time of this process next to wall time: PGlite runs in-process, so on a machine busy with
  // other work the CPU time shows what the same step costs when it has a core to itself.
  const mergeCpu: number[] = [];
  const undoCpu: number[] = [];
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  for (const [i, { a, b }] of pairs.entries()) {
    const request = { ids: [a, b] };
    let t = performance.now();
    const { fingerprint } = await previewMerge(database, actor, request, now());
    const tPreview = performance.now() - t;
    t = performance.now();
    let c = cpu();
    const applied = await applyMerge(database, actor, { ...request, fingerprint }, now());
    const tMerge = performance.now() - t;
    const cMerge = cpu() - c;
    t = performance.now();
    c = cpu();
    const undone = await undoMerge(database, actor, applied.id, now());
    const tUndo = performance.now() - t;
    const cUndo = cpu() - c;
    if ((undone.movedBack.appointments ?? 0) !== Math.round(rows * SHARE.appointments))
      throw new Error(`undo moved back ${undone.movedBack.appointments} appointments`);
    if (i >= warmup) {
      preview.push(tPreview);
      merge.push(tMerge);
      undo.push(tUndo);
      mergeCpu.push(cMerge);
      undoCpu.push(cUndo);
    }
    if ((i + 1) % 50 === 0) process.stderr.write(`  ${i + 1 - Math.min(i + 1, warmup)}/${iterations}\n`);
  }
  await database.close();
  const result = {
    bench: 'merge',
    engine: 'pglite',
    history_rows_per_customer: rows,
    iterations,
    preview_ms: stats(preview),
    merge_ms: stats(merge),
    undo_ms: stats(undo),
    merge_cpu_ms: stats(mergeCpu),
    undo_cpu_ms: stats(undoCpu),
    load_average: Math.round(loadavg()[0]! * 10) / 10,
    target_p99_ms: 50,
  };
  return { ...result, ok: result.merge_ms.p99 <= 50 && result.undo_ms.p99 <= 50 };
}
