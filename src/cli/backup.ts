/**
 * Backup and restore of the embedded database:
 *   backup --out FILE.tar.gz        a consistent copy of the data directory (PGlite dumpDataDir)
 *   restore --from FILE.tar.gz      into an empty (or, with --force, replaced) data directory
 * The server must be stopped (the data-directory lock says so). On PostgreSQL use the server's own
 * tools, pg_dump -Fc and pg_restore (docs/operations.md); these commands say that too.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadConfig } from '../config.ts';
import { openPglite } from '../db/connection.ts';
import { migrate } from '../db/migrate.ts';
import { acquireDataDirLock } from '../server/dataDirLock.ts';
import { readArgs, UsageError } from './args.ts';
import type { CliIo } from './dedupe.ts';
import { run } from './tenants.ts';

function refuseOnPostgres(command: string): void {
  if (loadConfig().databaseUrl) {
    throw new Error(
      `${command} is for the embedded database; on PostgreSQL use pg_dump -Fc / pg_restore (see docs/operations.md).`,
    );
  }
}

export function runBackup(argv: string[], io: CliIo): Promise<number> {
  return run(io, async () => {
    const { values } = readArgs(
      argv,
      { out: { type: 'string', required: true } },
      'clienteel backup --out FILE.tar.gz',
    );
    refuseOnPostgres('backup');
    const config = loadConfig();
    if (!existsSync(config.dataDir)) throw new Error(`There is no database in ${config.dataDir}.`);
    const out = resolve(values.out as string);
    const release = acquireDataDirLock(config.dataDir);
    try {
      const database = await openPglite(config.dataDir);
      try {
        const dump = await database.pglite!.dumpDataDir('gzip');
        mkdirSync(dirname(out), { recursive: true });
        const partial = `${out}.partial`;
        writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
        renameSync(partial, out);
        const [counts] = await database.query<{ tenants: number; customers: number }>(
          'SELECT (SELECT count(*) FROM tenants)::int AS tenants, (SELECT count(*) FROM customers)::int AS customers',
        );
        io.stdout.write(
          `Backed up ${counts?.tenants} businesses and ${counts?.customers} customers to ${out}\n`,
        );
      } finally {
        await database.close();
      }
    } finally {
      release();
    }
  });
}

export function runRestore(argv: string[], io: CliIo): Promise<number> {
  return run(io, async () => {
    const usage = 'clienteel restore --from FILE.tar.gz [--force]';
    const { values } = readArgs(
      argv,
      { from: { type: 'string', required: true }, force: { type: 'boolean' } },
      usage,
    );
    refuseOnPostgres('restore');
    const config = loadConfig();
    const from = resolve(values.from as string);
    if (!existsSync(from)) throw new UsageError(`${from} does not exist\nusage: ${usage}`);
    const occupied =
      existsSync(config.dataDir) && readdirSync(config.dataDir).some((f) => f !== 'clienteel.lock');
    if (occupied && !values.force) {
      throw new Error(
        `${config.dataDir} already holds a database; add --force to replace it (it is kept as ${config.dataDir}.before-restore).`,
      );
    }
    mkdirSync(dirname(config.dataDir), { recursive: true });
    // Refuse while a server uses the directory; hold the lock until the swap.
    const release = occupied ? acquireDataDirLock(config.dataDir) : () => undefined;
    // Restore into a fresh directory beside the target, check it opens and migrates, then swap.
    const staging = `${config.dataDir}.restoring`;
    rmSync(staging, { recursive: true, force: true });
    let database;
    try {
      database = await openPglite(staging, new Blob([readFileSync(from)]));
    } catch (err) {
      release();
      rmSync(staging, { recursive: true, force: true });
      throw new Error(`${from} is not a Clienteel backup (${(err as Error).message}).`, { cause: err });
    }
    try {
      await migrate(database);
      const [counts] = await database.query<{ tenants: number; customers: number }>(
        'SELECT (SELECT count(*) FROM tenants)::int AS tenants, (SELECT count(*) FROM customers)::int AS customers',
      );
      await database.close();
      if (occupied) {
        const kept = `${config.dataDir}.before-restore`;
        rmSync(kept, { recursive: true, force: true });
        renameSync(config.dataDir, kept);
      } else {
        rmSync(config.dataDir, { recursive: true, force: true });
      }
      renameSync(staging, config.dataDir);
      io.stdout.write(
        `Restored ${counts?.tenants} businesses and ${counts?.customers} customers into ${config.dataDir}\n`,
      );
    } catch (err) {
      await database.close().catch(() => undefined);
      rmSync(staging, { recursive: true, force: true });
      throw err;
    } finally {
      release();
    }
  });
}
