/** What every route module receives: the typed Fastify instance and the app's dependencies. */
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config.ts';
import type { Database } from '../db/connection.ts';
import type { Mailer } from '../modules/mail/mailer.ts';
import type { JobQueue } from '../modules/jobs/jobs.service.ts';
import type { Actor } from '../modules/shared/actor.ts';
import type { Language } from '../modules/shared/language.ts';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface Deps {
  database: Database;
  config: Config;
  mailer: Mailer;
  jobs: JobQueue;
  /** The current time; tests may pin it. */
  now: () => Date;
}

/** Who may call a route: anyone, any staff member of the tenant, or its owners only. */
export type Access = 'public' | 'staff' | 'owner';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set for every authenticated request; routes with access 'staff' or 'owner' can rely on it. */
    actor: Actor | null;
    /** The language for messages of this request (query ?lang, staff setting, Accept-Language, en). */
    language: Language;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}
