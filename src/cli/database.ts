/**
 * How CLI commands reach the data: the same configuration as the server (DATABASE_URL or the
 * embedded data directory), migrations applied, and on PGlite the data-directory lock, so a
 * command never opens a directory a running server is using.
 */
import { mkdirSync } from 'node:fs';
import { loadConfig } from '../config.ts';
import type { Config } from '../config.ts';
import { openDatabase } from '../db/connection.ts';
import type { Database } from '../db/connection.ts';
import { migrate } from '../db/migrate.ts';
import { acquireDataDirLock } from '../server/dataDirLock.ts';

export async function withDatabase<T>(
  fn: (database: Database, config: Config) => Promise<T>,
  env = process.env,
): Promise<T> {
  const config = loadConfig(env);
  let release = (): void => undefined;
  if (!config.databaseUrl) {
    mkdirSync(config.dataDir, { recursive: true });
    release = acquireDataDirLock(config.dataDir);
  }
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(database);
    return await fn(database, config);
  } finally {
    await database.close();
    release();
  }
}
