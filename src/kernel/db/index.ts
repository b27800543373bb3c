import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';

export type Db = NodePgDatabase<Record<string, never>>;

export interface Database {
  pool: pg.Pool;
  db: Db;
  close(): Promise<void>;
}

export const migrationsFolder = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../db/migrations',
);

// bigint (int8) and numeric as JS numbers where they fit: counts and ids stay readable.
pg.types.setTypeParser(20, (v) => Number(v));

export function connect(url: string, options: { max?: number; applicationName?: string } = {}): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'cittadelnoi',
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client that errors (server restart) must not crash the process.
  pool.on('error', () => {});
  const db = drizzle(pool) as Db;
  return {
    pool,
    db,
    async close() {
      await pool.end();
    },
  };
}

/** Applies pending migrations; an advisory lock keeps two app servers from racing. */
export async function runMigrations(database: Database): Promise<void> {
  const client = await database.pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(7310001)');
    await migrate(drizzle(client), { migrationsFolder });
  } finally {
    await client.query('SELECT pg_advisory_unlock(7310001)').catch(() => {});
    client.release();
  }
}

/** Checks the server answers; throws a readable error when it does not. */
export async function ping(database: Database): Promise<number> {
  const started = performance.now();
  await database.pool.query('SELECT 1');
  return performance.now() - started;
}
