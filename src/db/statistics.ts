/**
 * Planner statistics for the embedded database. PGlite runs no autovacuum, so a data directory
 * that was never analysed plans without column statistics for ever: at 100,000 customers a plain
 * edit (`UPDATE customers … WHERE tenant_id AND id`) was planned through a partial list index and
 * read the whole tenant (~700 ms), and an import chunk's match-key delete read every key of the
 * tenant. The server therefore analyses, at start and every ANALYZE_EVERY_MS, the tables that were
 * never analysed or have more than doubled in size since they last were (PostgreSQL's own
 * autovacuum does this on a server, so there it does nothing).
 */
import type { Database } from './connection.ts';

export const ANALYZE_EVERY_MS = 10 * 60_000;

/** Tables of the current schema without statistics, or twice the pages they had when analysed. */
export async function staleTables(database: Database): Promise<string[]> {
  const found = await database.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind = 'r'
       AND (c.reltuples < 0
            OR pg_relation_size(c.oid) / current_setting('block_size')::int > 2 * greatest(c.relpages, 8))
     ORDER BY c.relname`,
  );
  return found.map((r) => r.name);
}

/** Analyses the stale tables (PGlite only); answers the tables analysed. */
export async function analyzeStale(database: Database): Promise<string[]> {
  if (database.engine !== 'pglite') return [];
  const tables = await staleTables(database);
  for (const table of tables) await database.query(`ANALYZE "${table.replaceAll('"', '""')}"`);
  return tables;
}
