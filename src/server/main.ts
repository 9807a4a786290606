/** `npm start`: the staff app and API on http://localhost:3000 (see README for configuration). */
import { ConfigError, loadConfig } from '../config.ts';
import { DataDirLocked } from './dataDirLock.ts';
import { createLogger, startServer } from './start.ts';

try {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const server = await startServer(config, { logger });
  const shown = server.url.replace('127.0.0.1', 'localhost');
  const lines = [
    '',
    `  Clienteel is running on ${shown}  (${server.deps.database.engine === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL'})`,
    `  API reference: ${shown}/api/docs`,
  ];
  if (server.demo) {
    lines.push(
      '',
      '  The demo salon "Kapsalon Lotus" was created. Log in as its owner:',
      `    e-mail:   ${server.demo.email}`,
      `    password: ${server.demo.password}`,
      '  (shown only now; reset it with `npm run clienteel -- staff:password --tenant demo --email owner@kapsalon-lotus.be`)',
    );
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
} catch (err) {
  if (err instanceof ConfigError || err instanceof DataDirLocked) {
    process.stderr.write(`clienteel: ${err.message}\n`);
    process.exit(1);
  }
  throw err;
}
