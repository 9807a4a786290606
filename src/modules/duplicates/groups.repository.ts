/** SQL of the review queue: duplicate groups stored by the whole-tenant scan. Every function filters by tenant. */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.ts';
import { rows } from '../../db/connection.ts';
import { uuidArray } from './duplicates.repository.ts';

export type GroupStatus = 'open' | 'merged' | 'dismissed' | 'stale';

/** A scored pair inside a group of three or more: positions in member_ids and the scan's probability. */
export interface StoredPair {
  a: number;
  b: number;
  p: number;
}

export interface NewGroup {
  id: string;
  probability: number;
  memberIds: string[];
  pairs: StoredPair[];
}

export interface GroupRow {
  id: string;
  scanJobId: string | null;
  probability: number;
  memberIds: string[];
  pairs: StoredPair[];
  status: GroupStatus;
  createdAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
}

const COLUMNS = sql`g.id, g.scan_job_id AS "scanJobId", g.probability, g.member_ids AS "memberIds", g.pairs,
  g.status, g.created_at AS "createdAt", g.decided_by AS "decidedBy", g.decided_at AS "decidedAt"`;

function normalise(row: GroupRow): GroupRow {
  return {
    ...row,
    memberIds: uuidArray(row.memberIds as string[] | string),
    pairs: typeof row.pairs === 'string' ? (JSON.parse(row.pairs) as StoredPair[]) : row.pairs,
    createdAt: new Date(row.createdAt),
    decidedAt: row.decidedAt === null ? null : new Date(row.decidedAt),
  };
}

/**
 * The scan's result replaces the open groups of the previous scan; groups staff already decided
 * (dismissed, merged) stay as history.
 */
export async function replaceOpenGroups(
  db: Db,
  tenantId: string,
  scanJobId: string | null,
  groups: readonly NewGroup[],
  now: Date,
): Promise<void> {
  await db.execute(sql`DELETE FROM duplicate_groups WHERE tenant_id = ${tenantId} AND status = 'open'`);
  const chunk = 5000;
  for (let start = 0; start < groups.length; start += chunk) {
    const part = groups.slice(start, start + chunk);
    await db.execute(
      sql`INSERT INTO duplicate_groups (tenant_id, id, scan_job_id, probability, member_ids, pairs, status, created_at)
        SELECT ${tenantId}, id, ${scanJobId}::uuid, p, m::uuid[], j::jsonb, 'open', ${now.toISOString()}::timestamptz
        FROM unnest(${sql.param(part.map((g) => g.id))}::uuid[], ${sql.param(part.map((g) => g.probability))}::float8[],
          ${sql.param(part.map((g) => `{${g.memberIds.join(',')}}`))}::text[],
          ${sql.param(part.map((g) => JSON.stringify(g.pairs)))}::text[]) AS t(id, p, m, j)`,
    );
  }
}

export interface GroupFilter {
  status: GroupStatus;
  minProbability: number;
  minSize: number;
  maxSize: number | null;
  limit: number;
  offset: number;
}

/** Groups most certain first (ties: larger groups first, then by id), with the total for paging. */
export async function listGroups(
  db: Db,
  tenantId: string,
  f: GroupFilter,
): Promise<{ total: number; groups: GroupRow[] }> {
  const where = sql`g.tenant_id = ${tenantId} AND g.status = ${f.status} AND g.probability >= ${f.minProbability}
    AND cardinality(g.member_ids) >= ${f.minSize}
    AND (${f.maxSize}::int IS NULL OR cardinality(g.member_ids) <= ${f.maxSize}::int)`;
  const [count] = await rows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM duplicate_groups g WHERE ${where}`,
  );
  const found = await rows<GroupRow>(
    db,
    sql`SELECT ${COLUMNS} FROM duplicate_groups g WHERE ${where}
      ORDER BY g.probability DESC, cardinality(g.member_ids) DESC, g.id LIMIT ${f.limit} OFFSET ${f.offset}`,
  );
  return { total: count?.n ?? 0, groups: found.map(normalise) };
}

export async function findGroup(
  db: Db,
  tenantId: string,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<GroupRow | undefined> {
  const [row] = await rows<GroupRow>(
    db,
    sql`SELECT ${COLUMNS} FROM duplicate_groups g WHERE g.tenant_id = ${tenantId} AND g.id = ${id}
      ${opts.forUpdate ? sql`FOR UPDATE` : sql``}`,
  );
  return row ? normalise(row) : undefined;
}

export async function setGroupStatus(
  db: Db,
  tenantId: string,
  id: string,
  status: GroupStatus,
  staffId: string | null,
  now: Date,
): Promise<void> {
  await db.execute(
    sql`UPDATE duplicate_groups SET status = ${status}, decided_by = ${staffId}::uuid, decided_at = ${now.toISOString()}::timestamptz
      WHERE tenant_id = ${tenantId} AND id = ${id}`,
  );
}

/**
 * Open groups that these customers (just archived, deleted or erased) leave with fewer than two live
 * members are closed as 'stale'. (A merge closes its groups itself, and reopens them on undo.)
 */
export async function closeGroupsLeftBy(db: Db, tenantId: string, goneIds: readonly string[]): Promise<void> {
  if (goneIds.length === 0) return;
  await db.execute(
    sql`UPDATE duplicate_groups g
      SET status = 'stale', decided_at = now()
      WHERE g.tenant_id = ${tenantId} AND g.status = 'open' AND g.member_ids && ${sql.param([...goneIds])}::uuid[]
        AND (SELECT count(*) FROM customers c WHERE c.tenant_id = g.tenant_id AND c.id = ANY(g.member_ids)
          AND c.merged_into IS NULL AND c.deleted_at IS NULL AND c.archived_at IS NULL AND c.erased_at IS NULL) < 2`,
  );
}
