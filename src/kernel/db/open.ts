import path from 'node:path';
import type { Config } from '../config.ts';
import { describeConnectionError } from './connect-error.ts';
import { type EmbeddedServer, startEmbeddedPostgres } from './embedded.ts';
import { connect, type Database, ping } from './index.ts';

export class StartupError extends Error {}

export interface OpenedDatabase {
  database: Database;
  /** Where it is, for the logs (no password). */
  where: string;
  /** The connection URL (with its credentials: never log it). */
  url: string;
  /** Closes the pool and stops the embedded server if this process started it. */
  close(): Promise<void>;
}

/** Connects to DATABASE_URL, or starts the embedded PostgreSQL under DATA_DIR/pg. */
export async function openDatabase(
  config: Config,
  log: (m: string) => void = () => {},
): Promise<OpenedDatabase> {
  let embedded: EmbeddedServer | undefined;
  let url = config.databaseUrl;
  if (!url) {
    const dir = path.join(config.dataDir, 'pg');
    try {
      embedded = await startEmbeddedPostgres({
        dir,
        port: config.embeddedPgPort,
        sharedBuffers: config.embeddedPgSharedBuffers,
        log,
      });
    } catch (error) {
      const cause = (error as Error).cause;
      throw new StartupError(`${(error as Error).message}${cause ? ` (${String(cause)})` : ''}`);
    }
    url = embedded.url;
  }
  const database = connect(url, { max: config.dbPoolSize });
  try {
    await ping(database);
  } catch (error) {
    await database.close().catch(() => {});
    await embedded?.stop();
    throw new StartupError(describeConnectionError(url, error));
  }
  const u = new URL(url);
  return {
    database,
    url,
    where: embedded
      ? `embedded PostgreSQL on 127.0.0.1:${embedded.port} (${path.join(config.dataDir, 'pg')})`
      : `${u.hostname}:${u.port || 5432}${u.pathname}`,
    async close() {
      await database.close().catch(() => {});
      await embedded?.stop();
    },
  };
}
