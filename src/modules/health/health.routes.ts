/** GET /api/health: is the app up and can it reach its database. */
import { z } from 'zod';
import type { App, Deps } from '../../server/types.ts';

export function healthRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['health'],
        summary: 'Liveness and database reachability',
        response: {
          200: z.object({ status: z.literal('ok'), engine: z.enum(['pglite', 'postgres']) }),
          503: z.object({ status: z.literal('unavailable'), engine: z.enum(['pglite', 'postgres']) }),
        },
      },
    },
    async (_request, reply) => {
      try {
        await deps.database.query('SELECT 1');
        return { status: 'ok' as const, engine: deps.database.engine };
      } catch {
        return reply.status(503).send({ status: 'unavailable' as const, engine: deps.database.engine });
      }
    },
  );
}
