/** POST /api/auth/login, GET /api/auth/session, POST /api/auth/logout. */
import { z } from 'zod';
import { errorBody } from '../../server/errors.ts';
import { SESSION_COOKIE } from '../../server/auth.ts';
import type { App, Deps } from '../../server/types.ts';
import { requireActor } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import { findStaff, findTenant } from '../tenants/tenants.repository.ts';
import { login, logout, resolveSession, SESSION_IDLE_MS } from './auth.service.ts';
import './auth.messages.ts';

const sessionView = z
  .object({
    user: z.object({
      id: z.string().uuid(),
      name: z.string(),
      email: z.string(),
      role: z.enum(['owner', 'staff']),
      language: z.string().nullable(),
    }),
    tenant: z.object({
      id: z.string().uuid(),
      name: z.string(),
      slug: z.string(),
      country: z.string(),
      language: z.string(),
    }),
    csrfToken: z.string().describe('Send it back in the x-csrf-token header of every state-changing request'),
  })
  .meta({ id: 'Session' });

async function presentSession(deps: Deps, tenantId: string, staffId: string, csrfToken: string) {
  const [user, tenant] = await Promise.all([
    findStaff(deps.database.db, tenantId, staffId),
    findTenant(deps.database.db, tenantId),
  ]);
  if (!user || !tenant) throw new AppError(401, 'unauthenticated');
  return {
    user,
    tenant: {
      id: tenant.id,
      name: tenant.name,
      slug: tenant.slug,
      country: tenant.country,
      language: tenant.language,
    },
    csrfToken,
  };
}

export function authRoutes(app: App, deps: Deps): void {
  app.post(
    '/api/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Log in as a staff member',
        description:
          'Sets the httpOnly session cookie. A wrong e-mail and a wrong password give the same 401; after 5 failures for one e-mail (or 20 from one address) in 15 minutes the answer is 429.',
        body: z.object({
          email: z.string().trim().min(1).max(320),
          password: z.string().min(1).max(1000),
          tenant: z
            .string()
            .max(40)
            .optional()
            .describe('Short name of the business, only when the login belongs to several'),
        }),
        response: { 200: sessionView, 400: errorBody, 401: errorBody, 409: errorBody, 429: errorBody },
      },
    },
    async (request, reply) => {
      const result = await login(deps.database, request.body, request.ip, deps.now());
      void reply.setCookie(SESSION_COOKIE, result.cookie, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.config.secureCookies,
        maxAge: SESSION_IDLE_MS / 1000,
      });
      return presentSession(deps, result.tenantId, result.staffId, result.csrfToken);
    },
  );

  app.get(
    '/api/auth/session',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in staff member, their business and the CSRF token',
        response: { 200: sessionView, 401: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      const cookie = request.cookies[SESSION_COOKIE];
      const resolved = cookie ? await resolveSession(deps.database, cookie, deps.now()) : undefined;
      return presentSession(deps, actor.tenantId, actor.staffId, resolved?.csrfToken ?? '');
    },
  );

  app.post(
    '/api/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'End this session',
        response: { 204: z.null(), 401: errorBody, 403: errorBody },
      },
    },
    async (request, reply) => {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie) await logout(deps.database, cookie);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );
}
