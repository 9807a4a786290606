/**
 * Import bench: a CSV of `--rows` customers (default 100,000; every column of the generator's full
 * export) of which 10% are customers the business already has, imported into a tenant of `--tenant`
 * customers (default: as many as rows) with its match index built — upload, dry run and apply, on
 * PGlite, through the same service functions the API and the job use. The target is dry run and
 * apply together in ≤ 20 s.
 *
 *   npm run bench -- import [--rows 100000] [--tenant 100000] [--chunk 5000]
 *
 * The loaded and indexed tenant is cached in .bench-tmp/ (by size and migrations) and copied for
 * each run, since applying changes it.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { generateCustomers, writeCsv } from './generator/index.ts';
import { loadGenerated } from './generator/load.ts';
import type { GenCustomer } from './generator/types.ts';
import { openPglite } from '../src/db/connection.ts';
import type { Database } from '../src/db/connection.ts';
import { migrate, migrationFiles } from '../src/db/migrate.ts';
import { reindexTenant } from '../src/modules/duplicates/matchIndex.ts';
import { applyImport } from '../src/modules/imports/imports.apply.ts';
import { planImport } from '../src/modules/imports/imports.plan.ts';
import type { PlanTimings } from '../src/modules/imports/imports.plan.ts';
import { updateImport } from '../src/modules/imports/imports.repository.ts';
import { uploadImport } from '../src/modules/imports/imports.service.ts';
import { createTenant } from '../src/modules/tenants/tenants.service.ts';
import { suggestMapping } from '../src/core/import/index.ts';

const ROOT = join(import.meta.dirname, '..');
const TMP = join(ROOT, '.bench-tmp');
const TENANT_SEED = 6100;
const FILE_SEED = 6200;
const TARGET_MS = 20_000;

const log = (line: string) => process.stderr.write(`${line}\n`);

function arg(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive whole number`);
  return value;
}

function migrationsHash(): string {
  const h = createHash('sha256');
  for (const m of migrationFiles()) h.update(m.name).update(m.sql);
  return h.digest('hex');
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function buildTenant(dir: string, customers: GenCustomer[]): Promise<void> {
  const building = `${dir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  const database = await openPglite(building);
  await migrate(database);
  const { tenant } = await createTenant(database, {
    name: 'Bench Salon',
    slug: 'bench-import',
    country: 'BE',
    language: 'nl',
    owner: { email: 'owner@bench-import.example', name: 'Bench Owner', password: 'bench password 2026' },
  });
  log(`loading ${customers.length} customers`);
  const loaded = await loadGenerated(database, customers, { tenantId: tenant.id, batchSize: 10_000 });
  log(`building the match index of ${loaded.customers} customers`);
  await reindexTenant(database, tenant.id);
  await database.close();
  renameSync(building, dir);
}

/** 90% people the business does not have yet (with the generator's own duplicates), 10% it has. */
function fileCustomers(rows: number, tenant: GenCustomer[]): GenCustomer[] {
  const known = Math.round(rows * 0.1);
  const fresh = [...generateCustomers({ seed: FILE_SEED, n: rows - known, country: 'BE' })];
  const step = Math.max(1, Math.floor(tenant.length / known));
  const out: GenCustomer[] = [];
  let k = 0;
  for (let i = 0; i < fresh.length; i++) {
    out.push(fresh[i]!);
    if (k < known && i % 9 === 8) out.push(tenant[(k++ * step) % tenant.length]!);
  }
  while (k < known) out.push(tenant[(k++ * step) % tenant.length]!);
  return out;
}

export async function benchImport(args: string[]): Promise<object> {
  const rows = arg(args, 'rows', 100_000);
  const tenantSize = arg(args, 'tenant', rows);
  const chunk = arg(args, 'chunk', 5_000);
  mkdirSync(TMP, { recursive: true });
  const tenantCustomers = [...generateCustomers({ seed: TENANT_SEED, n: tenantSize, country: 'BE' })];
  // The cache follows the migrations and the generator's output (which its own work may change).
  const fingerprint = createHash('sha256')
    .update(migrationsHash())
    .update(JSON.stringify(tenantCustomers))
    .digest('hex')
    .slice(0, 10);
  const dir = join(TMP, `import-tenant-${tenantSize}-${fingerprint}`);
  if (!existsSync(dir)) {
    log(`building the tenant once (cached in ${dir})`);
    await buildTenant(dir, tenantCustomers);
  }
  const csv = join(TMP, `import-${rows}-of-${tenantSize}-${fingerprint}.csv`);
  if (!existsSync(csv)) {
    log(`writing ${csv}`);
    writeCsv(fileCustomers(rows, tenantCustomers), csv, { columns: 'full' });
  }
  const bytes = readFileSync(csv);

  const scratch = join(TMP, `import-run-${process.pid}`);
  rmSync(scratch, { recursive: true, force: true });
  cpSync(dir, scratch, { recursive: true });
  let database: Database | undefined;
  try {
    database = await openPglite(scratch);
    await migrate(database);
    const [tenant] = await database.query<{ id: string }>(
      `SELECT id FROM tenants WHERE slug = 'bench-import'`,
    );
    const tenantId = tenant!.id;
    const now = new Date();
    const actor = { tenantId, staffId: null, label: 'bench' };

    log(`uploading ${(bytes.length / 1024 / 1024).toFixed(1)} MB`);
    const c0 = cpuMs();
    const t0 = performance.now();
    const uploaded = await uploadImport(
      database,
      actor,
      new Uint8Array(bytes),
      { fileName: 'bench.csv', chunkRows: chunk },
      now,
    );
    const t1 = performance.now();
    log(`dry run of ${uploaded.import.rowCount} rows`);
    const planTimings: PlanTimings = {};
    const planned = await planImport(
      database,
      tenantId,
      uploaded.import.id,
      { mapping: suggestMapping(uploaded.import.header), onMatch: 'update-empty', onPossible: 'create' },
      now,
      planTimings,
    );
    const t2 = performance.now();
    const c2 = cpuMs();
    log(`dry run: ${JSON.stringify(planned.summary)}`);
    await updateImport(database.db, tenantId, uploaded.import.id, { status: 'applying' });
    const t3 = performance.now();
    const c3 = cpuMs();
    const applied = await applyImport(database, tenantId, uploaded.import.id, {
      now: () => new Date(),
      actor: 'bench',
      actorStaffId: null,
      progress: async (done, total) => {
        log(`  applied ${done}/${total}`);
      },
    });
    const t4 = performance.now();
    const c4 = cpuMs();
    const [count] = await database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM customers WHERE tenant_id = $1 AND source = 'import'`,
      [tenantId],
    );
    const dryRunMs = Math.round(t2 - t0);
    const applyMs = Math.round(t4 - t3);
    return {
      bench: 'import',
      engine: 'pglite',
      rows: uploaded.import.rowCount,
      fileMB: Math.round((bytes.length / 1024 / 1024) * 10) / 10,
      tenantCustomers: tenantSize,
      uploadMs: Math.round(t1 - t0),
      planMs: Math.round(t2 - t1),
      planPhasesMs: planTimings,
      dryRunMs,
      applyMs,
      totalMs: dryRunMs + applyMs,
      // CPU time of this process (the benchmark machine is shared; wall time includes waiting).
      dryRunCpuMs: Math.round(c2 - c0),
      applyCpuMs: Math.round(c4 - c3),
      loadAverage: Math.round(loadavg()[0]! * 10) / 10,
      targetMs: TARGET_MS,
      withinTarget: dryRunMs + applyMs <= TARGET_MS,
      plan: planned.summary,
      actions: applied.actions,
      importedCustomers: count?.n ?? 0,
    };
  } finally {
    await database?.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}
