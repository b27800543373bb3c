import pino from 'pino';
import { ConfigError, loadConfig } from './kernel/config.ts';
import { runMigrations } from './kernel/db/index.ts';
import { openDatabase, StartupError } from './kernel/db/open.ts';
import { Jobs } from './kernel/jobs/index.ts';
import { registerSlaJob } from './modules/help-requests/sla.ts';
import { modules } from './modules/index.ts';
import { cityMissing, seedCity } from './seed.ts';
import { buildServer } from './server.ts';
import { ensureWebBuilt } from './web-build.ts';

function fail(message: string): never {
  process.stderr.write(`\nCittà del Noi could not start.\n${message}\n\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({
    level: config.logLevel,
    redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
  });
  const opened = await openDatabase(config, (m) => logger.debug({ pg: m }));
  logger.info(`database: ${opened.where}`);
  const { database } = opened;
  await runMigrations(database);
  if (await cityMissing(database, config.defaultCity)) {
    const demo = config.seedDemo && config.env !== 'production';
    logger.info({ city: config.defaultCity, demo }, 'first start: loading the city');
    await seedCity({ config, database, modules, log: (m) => logger.info(m) }, config.defaultCity, demo);
  }
  if (config.env !== 'test') ensureWebBuilt((m) => logger.info(m));
  const { app } = await buildServer({ config, database, loggerInstance: logger });
  // Scheduled work (pg-boss, in the same database): the SLA check of help requests every minute.
  const jobs = config.jobs ? new Jobs(opened.url, logger) : undefined;
  if (jobs) {
    await registerSlaJob(jobs, database.pool, logger, { publicUrl: config.publicUrl });
    await jobs.start();
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down: draining requests');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await app.close().catch((e) => logger.error(e));
    await jobs?.stop().catch((e) => logger.error(e));
    await opened.close().catch((e) => logger.error(e));
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  logger.info(`Città del Noi is ready at ${config.publicUrl}`);
}

main().catch((error) => {
  if (error instanceof ConfigError || error instanceof StartupError) fail(error.message);
  process.stderr.write(
    `\nCittà del Noi stopped on an unexpected error: ${(error as Error)?.stack ?? error}\n`,
  );
  process.exit(1);
});
