/**
 * Background jobs (whole-tenant scans, bulk merges, imports) kept in the database, so any app
 * instance may run them and a crash loses nothing: a job is claimed with a lease that the
 * running instance renews; when an instance dies its lease runs out and another instance claims
 * the job again. Handlers must therefore be restartable — each commits its work in transactions
 * and records where it is in the job's own tables — and give up after `maxAttempts` claims.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../db/connection.ts';
import * as repo from './jobs.repository.ts';
import type { JobRow } from './jobs.repository.ts';

export interface JobContext {
  job: JobRow;
  database: Database;
  /** Records progress; cheap to call often (written at most every 500 ms). Throws JobCancelled when the job was cancelled. */
  progress(done: number, total: number): Promise<void>;
}

export type JobHandler = (ctx: JobContext) => Promise<unknown>;

export class JobCancelled extends Error {}

export interface JobQueueOptions {
  workerId?: string;
  leaseSeconds?: number;
  pollMs?: number;
  maxAttempts?: number;
  logger?: FastifyBaseLogger | undefined;
}

export class JobQueue {
  readonly workerId: string;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly leaseSeconds: number;
  private readonly pollMs: number;
  private readonly maxAttempts: number;
  private readonly logger: FastifyBaseLogger | undefined;
  private running = false;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;

  private readonly database: Database;

  constructor(database: Database, opts: JobQueueOptions = {}) {
    this.database = database;
    this.workerId = opts.workerId ?? `${process.pid}-${randomUUID().slice(0, 8)}`;
    this.leaseSeconds = opts.leaseSeconds ?? 30;
    this.pollMs = opts.pollMs ?? 1000;
    this.maxAttempts = opts.maxAttempts ?? 3;
    this.logger = opts.logger;
  }

  register(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler);
  }

  async enqueue(
    tenantId: string,
    kind: string,
    payload: Record<string, unknown>,
    createdBy: string | null,
  ): Promise<JobRow> {
    const job = await repo.insertJob(this.database, { tenantId, id: randomUUID(), kind, payload, createdBy });
    this.wake?.();
    return job;
  }

  /** Enqueues the job unless one of its kind is queued or running for the tenant (then that one). */
  async enqueueUnlessActive(
    tenantId: string,
    kind: string,
    payload: Record<string, unknown>,
    createdBy: string | null,
  ): Promise<{ job: JobRow; started: boolean }> {
    const { job, inserted } = await repo.insertJobUnlessActive(this.database, {
      tenantId,
      id: randomUUID(),
      kind,
      payload,
      createdBy,
    });
    if (inserted) this.wake?.();
    return { job, started: inserted };
  }

  get(tenantId: string, id: string): Promise<JobRow | undefined> {
    return repo.findJob(this.database, tenantId, id);
  }

  list(tenantId: string, opts: { kind?: string | undefined; limit: number }): Promise<JobRow[]> {
    return repo.listJobs(this.database, tenantId, opts);
  }

  cancel(tenantId: string, id: string): Promise<boolean> {
    return repo.cancelJob(this.database, tenantId, id);
  }

  /** Claims and runs one job; false when there was none. */
  async runOnce(): Promise<boolean> {
    const kinds = [...this.handlers.keys()];
    if (kinds.length === 0) return false;
    const job = await repo.claimJob(this.database, this.workerId, this.leaseSeconds, kinds);
    if (!job) return false;
    await this.execute(job);
    return true;
  }

  /** Runs jobs until none is left (tests and CLI). */
  async drain(): Promise<void> {
    while (await this.runOnce());
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        let didWork = false;
        try {
          didWork = await this.runOnce();
        } catch (err) {
          this.logger?.error({ err }, 'job loop error');
        }
        if (!didWork && this.running) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, this.pollMs);
            this.wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          this.wake = undefined;
        }
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async execute(job: JobRow): Promise<void> {
    const handler = this.handlers.get(job.kind);
    if (!handler) return;
    if (job.attempts > this.maxAttempts) {
      await repo.finishJob(this.database, job, this.workerId, {
        status: 'failed',
        error: `Gave up after ${this.maxAttempts} attempts; nothing of the last attempt was kept.`,
      });
      return;
    }
    let last = { done: job.progressDone, total: job.progressTotal };
    let lastWrite = 0;
    let cancelled = false;
    const beat = async (): Promise<void> => {
      lastWrite = Date.now();
      const ours = await repo.heartbeat(this.database, job, this.workerId, this.leaseSeconds, last);
      if (!ours) cancelled = true;
    };
    // Renew the lease even while the handler is busy in one long statement.
    const timer = setInterval(() => void beat().catch(() => undefined), (this.leaseSeconds * 1000) / 3);
    const ctx: JobContext = {
      job,
      database: this.database,
      progress: async (done, total) => {
        last = { done, total };
        if (Date.now() - lastWrite >= 500) await beat();
        if (cancelled) throw new JobCancelled();
      },
    };
    try {
      const result = await handler(ctx);
      await repo.finishJob(this.database, job, this.workerId, { status: 'done', result });
    } catch (err) {
      if (err instanceof JobCancelled) return;
      this.logger?.error({ err, job: job.id, kind: job.kind }, 'job failed');
      await repo.finishJob(this.database, job, this.workerId, {
        status: 'failed',
        error: (err as Error).message,
      });
    } finally {
      clearInterval(timer);
    }
  }
}
