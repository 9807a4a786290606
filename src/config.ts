/**
 * Configuration from the environment, read once at start-up. Every variable is listed in the
 * README; a bad value stops the start with one sentence naming the variable.
 */
import { resolve } from 'node:path';
import { z } from 'zod';

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  CLIENTEEL_DATA_DIR: z.string().min(1).default('./data'),
  /** The address customers and staff reach the app at; used in e-mailed links. */
  PUBLIC_URL: z.string().url().optional(),
  /** smtp://user:pass@host:port or smtps://…; without it e-mail goes to the in-app outbox. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  SMTP_FROM: z.string().min(3).default('Clienteel <no-reply@clienteel.local>'),
  /** Seed the demo salon on first start of an empty database: auto (embedded only), always, never. */
  CLIENTEEL_DEMO: z.enum(['auto', 'always', 'never']).default('auto'),
  /** Run background jobs in this process (turn off on web-only instances). */
  CLIENTEEL_JOBS: z.enum(['on', 'off']).default('on'),
  /** How long a job's claim lasts without renewal; after a crash another instance resumes it then. */
  CLIENTEEL_JOB_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** Set when the app is served over HTTPS, so cookies carry the Secure flag. */
  CLIENTEEL_SECURE_COOKIES: z.enum(['true', 'false']).default('false'),
  /**
   * Whether X-Forwarded-For is believed for the client's address (rate limits key on it): false
   * (default: the socket's address), true (any proxy), or the proxies' addresses/CIDRs separated by
   * commas. Set it only behind a reverse proxy that overwrites the header.
   */
  CLIENTEEL_TRUST_PROXY: z
    .string()
    .regex(/^(true|false|[0-9a-fA-F.:/, ]+)$/, "must be true, false or the proxies' addresses")
    .default('false'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  publicUrl: string;
  smtpUrl: string | undefined;
  smtpFrom: string;
  demo: 'auto' | 'always' | 'never';
  jobs: boolean;
  jobLeaseSeconds: number;
  secureCookies: boolean;
  trustProxy: boolean | string;
  logLevel: string;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(
      `Environment variable ${String(issue?.path[0])} ${issue?.message ?? 'is invalid'}.`,
    );
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: resolve(e.CLIENTEEL_DATA_DIR),
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    smtpUrl: e.SMTP_URL,
    smtpFrom: e.SMTP_FROM,
    demo: e.CLIENTEEL_DEMO,
    jobs: e.CLIENTEEL_JOBS === 'on',
    jobLeaseSeconds: e.CLIENTEEL_JOB_LEASE_SECONDS,
    secureCookies: e.CLIENTEEL_SECURE_COOKIES === 'true',
    trustProxy: parseTrustProxy(e.CLIENTEEL_TRUST_PROXY),
    logLevel: e.LOG_LEVEL,
  };
}

function parseTrustProxy(value: string): boolean | string {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
}
