import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../src/kernel/config.ts';
import { type EmbeddedServer, startEmbeddedPostgres } from '../src/kernel/db/embedded.ts';
import { connect, runMigrations } from '../src/kernel/db/index.ts';
import { modules } from '../src/modules/index.ts';
import { seedCity } from '../src/seed.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
  }
}

export const testCityDir = path.resolve(import.meta.dirname, 'fixtures/cities/testopoli');

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * One PostgreSQL server for the whole run (the embedded one, or TEST_DATABASE_URL's), and one
 * template database migrated and seeded with Brescia's demo data and a second, made-up city.
 * Each test file clones the template (CREATE DATABASE … TEMPLATE), so files run in parallel.
 */
export default async function setup(project: TestProject) {
  let embedded: EmbeddedServer | undefined;
  let adminUrl = process.env.TEST_DATABASE_URL;
  const dir = path.resolve(`.tmp/test-pg-${process.pid}`);
  if (!adminUrl) {
    embedded = await startEmbeddedPostgres({ dir, port: 55432 + (process.pid % 500), database: 'postgres' });
    adminUrl = embedded.adminUrl;
  }
  const template = `noi_tpl_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  const database = connect(withDatabase(adminUrl, template), { max: 4 });
  const config = { ...loadConfig({ NODE_ENV: 'test' }), defaultCity: 'brescia' };
  try {
    await runMigrations(database);
    const log = () => {};
    await seedCity({ config, database, modules, log }, 'brescia', true);
    await seedCity({ config, database, modules, log }, 'testopoli', true, testCityDir);
  } finally {
    await database.close();
  }
  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplate', template);

  return async () => {
    const { rows } = await admin.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE 'noi_t_%' OR datname = $1",
      [template],
    );
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    await admin.end();
    if (embedded) {
      await embedded.stop();
      await rm(dir, { recursive: true, force: true });
      await rm(`${dir}.secret`, { force: true });
    }
  };
}
