/**
 * Who is calling, for every request: a staff session (httpOnly SameSite cookie + CSRF header on
 * state-changing requests) or an API token (Bearer, no cookie, so no CSRF). Routes declare
 * `config.access`; API routes default to 'staff'. The actor's tenant scopes every query below.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { resolveApiToken, resolveSession } from '../modules/auth/auth.service.ts';
import { safeEqual } from '../modules/auth/tokens.ts';
import { AppError } from '../modules/shared/errors.ts';
import { fromAcceptLanguage, isLanguage } from '../modules/shared/language.ts';
import type { Access, App, Deps } from './types.ts';

export const SESSION_COOKIE = 'clienteel_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function accessOf(request: FastifyRequest): Access {
  const declared = request.routeOptions.config.access;
  if (declared) return declared;
  const url = request.routeOptions.url;
  if (url === undefined || url.startsWith('/api/docs')) return 'public';
  return url.startsWith('/api/') ? 'staff' : 'public';
}

export function registerAuth(app: App, deps: Deps): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('language', 'en');

  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    const query = request.query as Record<string, unknown> | undefined;
    const explicit = query?.lang;
    request.language = isLanguage(explicit)
      ? explicit
      : (fromAcceptLanguage(request.headers['accept-language']) ?? 'en');

    const access = accessOf(request);
    const now = deps.now();
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const [scheme, token] = authorization.split(' ');
      if (scheme?.toLowerCase() !== 'bearer' || !token) throw new AppError(401, 'unauthenticated');
      const resolved = await resolveApiToken(deps.database, token, now);
      if (!resolved) throw new AppError(401, 'unauthenticated');
      request.actor = resolved.actor;
    } else {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie) {
        const resolved = await resolveSession(deps.database, cookie, now);
        if (resolved) {
          request.actor = resolved.actor;
          if (!explicit && !request.headers['accept-language'] && isLanguage(resolved.language)) {
            request.language = resolved.language;
          }
          if (access !== 'public' && !SAFE_METHODS.has(request.method)) {
            const header = request.headers['x-csrf-token'];
            if (typeof header !== 'string' || !safeEqual(header, resolved.csrfToken)) {
              throw new AppError(403, 'csrf_failed');
            }
          }
        }
      }
    }
    if (access === 'public') return;
    if (!request.actor) throw new AppError(401, 'unauthenticated');
    if (access === 'owner' && request.actor.role !== 'owner') throw new AppError(403, 'owner_only');
  });
}
