/**
 * Builds the HTTP app: security headers, cookies, zod-validated routes of every module, the
 * OpenAPI document generated from those schemas with its reference page at /api/docs, and the
 * built staff app at /. Nothing here keeps state between requests: sessions, rate limits and jobs
 * live in the database, so several instances can serve one PostgreSQL.
 */
import { existsSync } from 'node:fs';
import { WEB_DIST } from './webBuild.ts';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify from 'fastify';
import type { FastifyBaseLogger } from 'fastify';
import {
  createJsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../modules/shared/errors.ts';
import { registerAuth } from './auth.ts';
import { errorResponse, handleError } from './errors.ts';
import { ROUTE_MODULES } from './routes.ts';
import type { App, Deps } from './types.ts';

export interface BuildOptions {
  /** A pino logger for requests; none by default (tests). */
  loggerInstance?: FastifyBaseLogger | undefined;
  /** Where the built staff app is; defaults to dist/web. */
  webDist?: string;
}

export async function buildApp(deps: Deps, opts: BuildOptions = {}): Promise<App> {
  const app = Fastify({
    ...(opts.loggerInstance ? { loggerInstance: opts.loggerInstance } : { logger: false }),
    // Only behind a proxy that overwrites X-Forwarded-For; otherwise anyone could pick their address.
    trustProxy: deps.config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>() as unknown as App;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  // PostgreSQL text cannot hold NUL; refuse it up front with the field's name instead of failing in SQL.
  app.addHook('preValidation', async (request) => {
    for (const [part, value] of [
      ['params', request.params],
      ['querystring', request.query],
      ['body', request.body],
    ] as const) {
      const at = findNul(value, '');
      if (at !== undefined) throw new AppError(400, 'validation.control_character', { field: at || part });
    }
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine injects its CSS variables in <style> tags.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifyCookie);
  registerAuth(app, deps);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Clienteel API',
        version: '1.0.0',
        description:
          'Everything the staff app does. Authenticate with the session cookie from POST /api/auth/login (and send its CSRF token in `x-csrf-token` on state-changing requests) or with an API token as `Authorization: Bearer <token>`. Errors are `{ error: { code, message, field?, details? } }`.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'clienteel_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: createJsonSchemaTransform({ skipList: [] }),
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  for (const register of ROUTE_MODULES) register(app, deps);

  const webDist = opts.webDist ?? WEB_DIST;
  const hasWeb = existsSync(`${webDist}/index.html`);
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webDist, prefix: '/', wildcard: false, index: ['index.html'] });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (path.startsWith('/api/') || request.method !== 'GET') {
      return reply
        .status(404)
        .send(
          errorResponse(request.language, new AppError(404, 'not_found', { params: { entity: 'resource' } })),
        );
    }
    if (!hasWeb) {
      return reply
        .status(503)
        .type('text/plain')
        .send('The staff app is not built yet: run `npm run build` (npm start does it for you).');
    }
    // The staff app routes in the browser: every other page is its index.html.
    return reply.type('text/html').sendFile('index.html');
  });
  return app;
}

export type { App };
export type { ZodTypeProvider };

/** The dotted path of the first string holding U+0000 in a parsed request part, if any. */
export function findNul(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (depth > 32 || value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const at = findNul(inner, path === '' ? key : `${path}.${key}`, depth + 1);
    if (at !== undefined) return at;
  }
  return undefined;
}
