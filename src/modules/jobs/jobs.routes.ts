/** Background jobs of the caller's business: progress, results, cancel. */
import { z } from 'zod';
import { errorBody } from '../../server/errors.ts';
import type { App, Deps } from '../../server/types.ts';
import { requireActor } from '../shared/actor.ts';
import { notFound } from '../shared/errors.ts';
import { idParams, isUuid } from '../shared/schemas.ts';
import type { JobRow } from './jobs.repository.ts';

export const jobView = z
  .object({
    id: z.string().uuid(),
    kind: z.string(),
    status: z.enum(['queued', 'running', 'done', 'failed', 'cancelled']),
    progress: z.object({ done: z.number(), total: z.number() }),
    result: z.unknown(),
    error: z.string().nullable(),
    createdAt: z.date(),
    startedAt: z.date().nullable(),
    finishedAt: z.date().nullable(),
  })
  .meta({ id: 'Job' });

export function presentJob(job: JobRow): z.infer<typeof jobView> {
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    progress: { done: job.progressDone, total: job.progressTotal },
    result: job.result,
    error: job.error,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
  };
}

export function jobsRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/jobs',
    {
      schema: {
        tags: ['jobs'],
        summary: 'Recent background jobs',
        querystring: z.object({
          kind: z.string().max(50).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: { 200: z.array(jobView) },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      return (await deps.jobs.list(actor.tenantId, request.query)).map(presentJob);
    },
  );

  app.get(
    '/api/jobs/:id',
    {
      schema: {
        tags: ['jobs'],
        summary: 'One job with its progress',
        params: idParams,
        response: { 200: jobView, 404: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      const job = isUuid(request.params.id)
        ? await deps.jobs.get(actor.tenantId, request.params.id)
        : undefined;
      if (!job) throw notFound('job');
      return presentJob(job);
    },
  );

  app.post(
    '/api/jobs/:id/cancel',
    {
      schema: {
        tags: ['jobs'],
        summary: 'Cancel a queued or running job',
        description: 'A running job stops at its next checkpoint; what it committed before stays consistent.',
        params: idParams,
        response: { 200: jobView, 404: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      if (!isUuid(request.params.id)) throw notFound('job');
      await deps.jobs.cancel(actor.tenantId, request.params.id);
      const job = await deps.jobs.get(actor.tenantId, request.params.id);
      if (!job) throw notFound('job');
      return presentJob(job);
    },
  );
}
