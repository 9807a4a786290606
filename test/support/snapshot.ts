/** A fingerprint of everything a tenant owns (or the whole database), to prove nothing changed or was lost. */
import { getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../../src/db/connection.ts';
import * as schema from '../../src/db/schema.ts';

export const SCHEMA_TABLES = (Object.values(schema) as unknown[])
  .filter((v): v is PgTable => is(v, PgTable))
  .map(getTableName);
export const TENANT_TABLES = SCHEMA_TABLES.filter((t) => !['tenants', 'rate_limit_events'].includes(t));

/** Per table: row count and an md5 of all rows, for one tenant or (tenantId null) for everything. */
export async function snapshotOf(
  database: Database,
  tenantId: string | null,
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of tenantId === null ? SCHEMA_TABLES : TENANT_TABLES) {
    const where = tenantId === null ? '' : 'WHERE tenant_id = $1';
    const [row] = await database.query<{ h: string; n: number }>(
      `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h, count(*)::int AS n FROM ${table} t ${where}`,
      tenantId === null ? [] : [tenantId],
    );
    out[table] = `${row?.n}:${row?.h}`;
  }
  if (tenantId !== null) {
    const [tenant] = await database.query<{ t: string }>('SELECT t::text AS t FROM tenants t WHERE id = $1', [
      tenantId,
    ]);
    out.tenants = tenant?.t ?? '';
  }
  return out;
}
