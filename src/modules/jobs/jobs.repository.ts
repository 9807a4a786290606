/** SQL for background jobs. A job is claimed by exactly one instance (FOR UPDATE SKIP LOCKED). */
import type { Database } from '../../db/connection.ts';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface JobRow {
  tenantId: string;
  id: string;
  kind: string;
  status: JobStatus;
  payload: Record<string, unknown>;
  progressDone: number;
  progressTotal: number;
  result: unknown;
  error: string | null;
  attempts: number;
  createdBy: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

const COLUMNS = `tenant_id AS "tenantId", id, kind, status, payload, progress_done AS "progressDone",
  progress_total AS "progressTotal", result, error, attempts, created_by AS "createdBy",
  created_at AS "createdAt", started_at AS "startedAt", finished_at AS "finishedAt"`;

export async function insertJob(
  database: Database,
  job: {
    tenantId: string;
    id: string;
    kind: string;
    payload: Record<string, unknown>;
    createdBy: string | null;
  },
): Promise<JobRow> {
  const [row] = await database.query<JobRow>(
    `INSERT INTO jobs (tenant_id, id, kind, payload, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
    [job.tenantId, job.id, job.kind, JSON.stringify(job.payload), job.createdBy],
  );
  return row as JobRow;
}

/**
 * Inserts the job unless one of its kind is queued or running for the tenant, which is returned
 * instead: checked and inserted under a lock on (tenant, kind), so two instances asked at the same
 * moment start one job.
 */
export async function insertJobUnlessActive(
  database: Database,
  job: Parameters<typeof insertJob>[1],
): Promise<{ job: JobRow; inserted: boolean }> {
  return database.rawTransaction(async (exec) => {
    await exec('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`jobs:${job.tenantId}:${job.kind}`]);
    const [active] = await exec<JobRow>(
      `SELECT ${COLUMNS} FROM jobs WHERE tenant_id = $1 AND kind = $2 AND status IN ('queued', 'running')
       ORDER BY created_at DESC LIMIT 1`,
      [job.tenantId, job.kind],
    );
    if (active) return { job: active, inserted: false };
    const [row] = await exec<JobRow>(
      `INSERT INTO jobs (tenant_id, id, kind, payload, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [job.tenantId, job.id, job.kind, JSON.stringify(job.payload), job.createdBy],
    );
    return { job: row as JobRow, inserted: true };
  });
}

export async function findJob(database: Database, tenantId: string, id: string): Promise<JobRow | undefined> {
  const [row] = await database.query<JobRow>(`SELECT ${COLUMNS} FROM jobs WHERE tenant_id = $1 AND id = $2`, [
    tenantId,
    id,
  ]);
  return row;
}

export async function listJobs(
  database: Database,
  tenantId: string,
  opts: { kind?: string | undefined; limit: number },
): Promise<JobRow[]> {
  return database.query<JobRow>(
    `SELECT ${COLUMNS} FROM jobs WHERE tenant_id = $1 AND ($2::text IS NULL OR kind = $2)
     ORDER BY created_at DESC LIMIT $3`,
    [tenantId, opts.kind ?? null, opts.limit],
  );
}

/**
 * Claims the oldest queued job, or a running one whose owner stopped renewing its lease (a
 * crashed instance). Returns undefined when there is nothing to do.
 */
export async function claimJob(
  database: Database,
  workerId: string,
  leaseSeconds: number,
  kinds: readonly string[],
): Promise<JobRow | undefined> {
  const [row] = await database.query<JobRow>(
    `UPDATE jobs SET status = 'running', locked_by = $1, locked_until = now() + make_interval(secs => $2),
       attempts = attempts + 1, started_at = coalesce(started_at, now())
     WHERE (tenant_id, id) = (
       SELECT tenant_id, id FROM jobs
       WHERE (status = 'queued' OR (status = 'running' AND locked_until < now())) AND kind = ANY($3::text[])
       ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
     RETURNING ${COLUMNS}`,
    [workerId, leaseSeconds, kinds],
  );
  return row;
}

/** Renews the lease and records progress; false when the job is no longer ours (cancelled or taken). */
export async function heartbeat(
  database: Database,
  job: { tenantId: string; id: string },
  workerId: string,
  leaseSeconds: number,
  progress: { done: number; total: number },
): Promise<boolean> {
  const rows = await database.query(
    `UPDATE jobs SET locked_until = now() + make_interval(secs => $4), progress_done = $5, progress_total = $6
     WHERE tenant_id = $1 AND id = $2 AND locked_by = $3 AND status = 'running' RETURNING id`,
    [job.tenantId, job.id, workerId, leaseSeconds, progress.done, progress.total],
  );
  return rows.length > 0;
}

export async function finishJob(
  database: Database,
  job: { tenantId: string; id: string },
  workerId: string,
  outcome: { status: 'done'; result: unknown } | { status: 'failed'; error: string },
): Promise<void> {
  await database.query(
    `UPDATE jobs SET status = $4, result = $5, error = $6, finished_at = now(), locked_until = NULL,
       progress_done = CASE WHEN $4 = 'done' THEN progress_total ELSE progress_done END
     WHERE tenant_id = $1 AND id = $2 AND locked_by = $3 AND status = 'running'`,
    [
      job.tenantId,
      job.id,
      workerId,
      outcome.status,
      outcome.status === 'done' ? JSON.stringify(outcome.result ?? null) : null,
      outcome.status === 'failed' ? outcome.error : null,
    ],
  );
}

export async function cancelJob(database: Database, tenantId: string, id: string): Promise<boolean> {
  const rows = await database.query(
    `UPDATE jobs SET status = 'cancelled', finished_at = now(), locked_until = NULL
     WHERE tenant_id = $1 AND id = $2 AND status IN ('queued', 'running') RETURNING id`,
    [tenantId, id],
  );
  return rows.length > 0;
}
