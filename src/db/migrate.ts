/**
 * Applies the SQL files in ./migrations in name order, each once, each in its own transaction.
 * Files are numbered by module (0001 foundation, 01xx matching, 02xx customers, …) so work on
 * several modules never collides on a number.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { Database } from './connection.ts';

const migrationsDir = fileURLToPath(new URL('./migrations', import.meta.url));

export function migrationFiles(): { name: string; sql: string }[] {
  return readdirSync(migrationsDir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => ({ name, sql: readFileSync(join(migrationsDir, name), 'utf8') }));
}

export async function migrate(database: Database): Promise<string[]> {
  await database.query(
    'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  const applied: string[] = [];
  for (const m of migrationFiles()) {
    const ran = await database.rawTransaction(async (exec) => {
      // Several app instances may start at once on one PostgreSQL: one migrates, the others wait
      // for its transaction and then see the migration as done.
      if (database.engine === 'postgres') await exec('SELECT pg_advisory_xact_lock(4242001)');
      const done = await exec('SELECT 1 FROM schema_migrations WHERE name = $1', [m.name]);
      if (done.length > 0) return false;
      try {
        await exec(m.sql);
      } catch (err) {
        throw new Error(`Migration ${m.name} failed: ${(err as Error).message}`, { cause: err });
      }
      await exec('INSERT INTO schema_migrations (name) VALUES ($1)', [m.name]);
      return true;
    });
    if (ran) applied.push(m.name);
  }
  return applied;
}
