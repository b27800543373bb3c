import type { FastifyInstance } from 'fastify';
import { type Config, loadConfig } from '../src/kernel/config.ts';
import type { Authorizer } from '../src/kernel/http/access.ts';
import type { ModuleManifest } from '../src/kernel/module.ts';
import { type App, buildServer } from '../src/server.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';

export interface TestApp extends App {
  app: FastifyInstance;
  database: TestDatabase;
  config: Config;
  close(): Promise<void>;
}

/** The whole platform on a fresh database, for `app.inject()` tests. */
export async function buildTestApp(
  options: { env?: Record<string, string>; modules?: ModuleManifest[]; authorize?: Authorizer } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...options.env });
  const built = await buildServer({
    config,
    database,
    logger: false,
    modules: options.modules,
    authorize: options.authorize,
  });
  return {
    ...built,
    database,
    config,
    async close() {
      await built.app.close();
      await database.drop();
    },
  };
}
