/**
 * Start-up: open the configured database, apply migrations, seed the demo salon on first start
 * of an empty embedded database, build the app, start the job runner, listen.
 */
import { mkdirSync } from 'node:fs';
import pino from 'pino';
import type { Config } from '../config.ts';
import { openDatabase } from '../db/connection.ts';
import type { Database } from '../db/connection.ts';
import { migrate } from '../db/migrate.ts';
import { ANALYZE_EVERY_MS, analyzeStale } from '../db/statistics.ts';
import { JobQueue } from '../modules/jobs/jobs.service.ts';
import { createMailer } from '../modules/mail/mailer.ts';
import { countTenants } from '../modules/tenants/tenants.repository.ts';
import { seedDemo } from '../../bench/generator/seedDemo.ts';
import type { DemoLogin } from '../../bench/generator/seedDemo.ts';
import { buildApp } from './app.ts';
import type { BuildOptions } from './app.ts';
import { acquireDataDirLock } from './dataDirLock.ts';
import { JOB_MODULES } from './routes.ts';
import type { App, Deps } from './types.ts';

export interface Started {
  app: App;
  deps: Deps;
  url: string;
  demo: DemoLogin | undefined;
  close(): Promise<void>;
}

export function createLogger(level: string, pretty = process.stdout.isTTY) {
  return pino({
    level,
    ...(pretty
      ? { transport: { target: 'pino-pretty', options: { colorize: true, ignore: 'pid,hostname' } } }
      : {}),
  });
}

export async function createDeps(config: Config, database: Database, logger?: pino.Logger): Promise<Deps> {
  const jobs = new JobQueue(database, {
    logger,
    leaseSeconds: config.jobLeaseSeconds,
    pollMs: Math.min(1000, config.jobLeaseSeconds * 250),
  });
  return {
    database,
    config,
    mailer: createMailer(config.smtpUrl, config.smtpFrom),
    jobs,
    now: () => new Date(),
  };
}

export async function startServer(
  config: Config,
  opts: { logger?: pino.Logger; build?: BuildOptions; listen?: boolean } = {},
): Promise<Started> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  let releaseLock = (): void => undefined;
  if (!config.databaseUrl) {
    mkdirSync(config.dataDir, { recursive: true });
    releaseLock = acquireDataDirLock(config.dataDir);
  }
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const applied = await migrate(database);
    if (applied.length > 0) logger.info({ applied }, 'migrations applied');
    let demo: DemoLogin | undefined;
    const wantDemo = config.demo === 'always' || (config.demo === 'auto' && !config.databaseUrl);
    if (wantDemo && (await countTenants(database.db)) === 0) {
      logger.info('empty database: creating the demo salon (about 2,000 customers)…');
      demo = await seedDemo(database, { now: new Date(), password: process.env.CLIENTEEL_DEMO_PASSWORD });
      logger.info({ customers: demo.customers, seconds: demo.seconds }, 'demo salon ready');
    }
    const analyzed = await analyzeStale(database);
    if (analyzed.length > 0) logger.info({ tables: analyzed.length }, 'planner statistics refreshed');
    const deps = await createDeps(config, database, logger);
    for (const register of JOB_MODULES) register(deps);
    const app = await buildApp(deps, { loggerInstance: logger, ...opts.build });
    let url = '';
    if (opts.listen ?? true) {
      url = await app.listen({ port: config.port, host: config.host });
    }
    if (config.jobs) deps.jobs.start();
    // PGlite has no autovacuum: statistics of tables that grew are refreshed now and then.
    const statistics =
      database.engine === 'pglite'
        ? setInterval(() => {
            analyzeStale(database).catch((err: unknown) =>
              logger.warn({ err }, 'refreshing statistics failed'),
            );
          }, ANALYZE_EVERY_MS).unref()
        : undefined;
    return {
      app,
      deps,
      url,
      demo,
      async close() {
        clearInterval(statistics);
        await deps.jobs.stop();
        await app.close();
        deps.mailer.close();
        await database.close();
        releaseLock();
      },
    };
  } catch (err) {
    await database.close().catch(() => undefined);
    releaseLock();
    throw err;
  }
}
