/**
 * What must hold after anything — a merge, an undo, a bulk merge, an import, a crash in the middle
 * of any of them: every history row hangs on exactly one live customer; merges are whole (every
 * merged-away customer points at the survivor of a merge that is in place, and every merge in
 * place has all its customers merged away); history rows are conserved.
 */
import type { Database } from '../../src/db/connection.ts';

/** Tables whose rows belong to one customer and move with merges. */
export const HISTORY_TABLES = [
  'appointments',
  'invoices',
  'subscriptions',
  'loyalty_ledger',
  'messages',
  'customer_notes',
  'booking_requests',
  'online_accounts',
  'customer_contact_points',
] as const;

/** Rows per history table (contact points excluded: merges add them and undos remove them). */
export async function historyCounts(db: Database, tenantId: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of HISTORY_TABLES) {
    if (table === 'customer_contact_points') continue;
    const [row] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1`,
      [tenantId],
    );
    out[table] = row?.n ?? 0;
  }
  return out;
}

export async function invariantViolations(db: Database, tenantId: string): Promise<string[]> {
  const problems: string[] = [];
  for (const table of HISTORY_TABLES) {
    const rows = await db.query<{ id: string; customer_id: string; why: string }>(
      `SELECT h.id, h.customer_id,
         CASE WHEN c.id IS NULL THEN 'no customer' WHEN c.merged_into IS NOT NULL THEN 'on a merged-away customer'
              ELSE 'on a deleted customer' END AS why
       FROM ${table} h LEFT JOIN customers c ON c.tenant_id = h.tenant_id AND c.id = h.customer_id
       WHERE h.tenant_id = $1 AND h.customer_id IS NOT NULL
         AND (c.id IS NULL OR c.merged_into IS NOT NULL OR (c.deleted_at IS NOT NULL AND $2 = 'strict'))
       LIMIT 5`,
      [tenantId, table === 'invoices' ? 'lenient' : 'strict'],
    );
    for (const r of rows) problems.push(`${table} ${r.id}: ${r.why} (${r.customer_id})`);
  }
  const orphans = await db.query<{ id: string; merged_into: string }>(
    `SELECT c.id, c.merged_into FROM customers c
     WHERE c.tenant_id = $1 AND c.merged_into IS NOT NULL AND NOT EXISTS (
       SELECT 1 FROM merges m WHERE m.tenant_id = c.tenant_id AND m.undone_at IS NULL
         AND c.id = ANY(m.merged_ids) AND m.survivor_id = c.merged_into)
     LIMIT 5`,
    [tenantId],
  );
  for (const o of orphans)
    problems.push(`customer ${o.id} points at ${o.merged_into} without a merge in place`);
  const half = await db.query<{ id: string }>(
    `SELECT m.id FROM merges m WHERE m.tenant_id = $1 AND m.undone_at IS NULL AND EXISTS (
       SELECT 1 FROM unnest(m.merged_ids) AS x(id) LEFT JOIN customers c ON c.tenant_id = m.tenant_id AND c.id = x.id
       WHERE c.merged_into IS DISTINCT FROM m.survivor_id)
     LIMIT 5`,
    [tenantId],
  );
  for (const h of half)
    problems.push(`merge ${h.id} is in place but not all its customers point at the survivor`);
  const survivorsGone = await db.query<{ id: string }>(
    `SELECT m.id FROM merges m JOIN customers s ON s.tenant_id = m.tenant_id AND s.id = m.survivor_id
     WHERE m.tenant_id = $1 AND m.undone_at IS NULL AND s.deleted_at IS NOT NULL AND s.merged_into IS NULL LIMIT 5`,
    [tenantId],
  );
  for (const s of survivorsGone) problems.push(`merge ${s.id}: its survivor was deleted`);
  const stuck = await db.query<{ id: string; status: string }>(
    `SELECT id, status FROM jobs WHERE tenant_id = $1 AND status IN ('queued', 'running') LIMIT 5`,
    [tenantId],
  );
  for (const j of stuck) problems.push(`job ${j.id} is still ${j.status}`);
  return problems;
}
