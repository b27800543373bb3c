import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { loadConfig } from '../src/kernel/config.ts';
import { startEmbeddedPostgres } from '../src/kernel/db/embedded.ts';
import { connect, type Database, runMigrations } from '../src/kernel/db/index.ts';
import { modules } from '../src/modules/index.ts';
import { seedCity } from '../src/seed.ts';

export interface Figures {
  label: string;
  requests: number;
  seconds: number;
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)]!;
}

/** Figures from a list of latencies (ms) measured over `seconds`. */
export function figures(label: string, latencies: number[], seconds: number): Figures {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    label,
    requests: sorted.length,
    seconds,
    throughput: sorted.length / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  };
}

const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : '—');

/** Prints a table of figures, then extra lines, then (last line) one JSON object. */
export function report(
  title: string,
  rows: Figures[],
  extra: Record<string, unknown>,
  notes: string[] = [],
): void {
  const out = (s: string) => process.stdout.write(`${s}\n`);
  out(`\n${title}`);
  out(`| what | requests | seconds | req/s | p50 ms | p95 ms | p99 ms |`);
  out(`|---|---:|---:|---:|---:|---:|---:|`);
  for (const r of rows) {
    out(
      `| ${r.label} | ${r.requests} | ${fmt(r.seconds, 1)} | ${fmt(r.throughput, 0)} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} |`,
    );
  }
  for (const n of notes) out(n);
  out(JSON.stringify({ ...extra, rows }));
}

/** Runs autocannon against a URL; percentiles come from every response's own latency. */
export async function cannon(
  label: string,
  opts: {
    url: string;
    connections: number;
    duration: number;
    requests?: autocannon.Request[];
    headers?: Record<string, string>;
  },
): Promise<Figures> {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: opts.url,
        connections: opts.connections,
        duration: opts.duration,
        requests: opts.requests,
        headers: opts.headers,
      },
      (error, res) => (error ? reject(error) : resolve(res)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      latencies.push(responseTime);
    });
  });
  if (result.non2xx > 0 || result.errors > 0) {
    process.stderr.write(`${label}: ${result.non2xx} non-2xx answers, ${result.errors} errors\n`);
  }
  return figures(label, latencies, result.duration);
}

export interface BenchDatabase {
  database: Database;
  url: string;
  stop(): Promise<void>;
}

/**
 * A database for a benchmark: BENCH_DATABASE_URL when set, otherwise a throw-away embedded
 * PostgreSQL. Migrated and loaded with Brescia's demo data.
 */
export async function benchDatabase(poolSize = 20): Promise<BenchDatabase> {
  let url = process.env.BENCH_DATABASE_URL;
  let stopServer = async () => {};
  let dir: string | undefined;
  if (!url) {
    dir = await mkdtemp(path.join(os.tmpdir(), 'noi-bench-'));
    const server = await startEmbeddedPostgres({ dir: path.join(dir, 'pg'), port: 56432 });
    url = server.url;
    stopServer = () => server.stop();
  }
  const database = connect(url, { max: poolSize });
  const stop = async () => {
    await database.close();
    await stopServer();
    if (dir) await rm(dir, { recursive: true, force: true });
  };
  try {
    await runMigrations(database);
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    const { rowCount } = await database.pool.query("SELECT 1 FROM cities WHERE code = 'brescia'");
    if (!rowCount) await seedCity({ config, database, modules, log: () => {} }, 'brescia', true);
  } catch (error) {
    await stop(); // a failed migration or seed must not leave the embedded PostgreSQL running
    throw error;
  }
  // Statistics, as autovacuum would have gathered them on a database in service (it looks at each
  // database once a minute, too late for a benchmark that starts right after the seed). Without
  // them the planner may pick, and each connection keep for its lifetime, plans made for empty
  // tables: e.g. the foreign-key check of help_request_events on help_requests then walks a
  // (city_id, …) index over every request of the city, making each insert cost more than the last.
  await database.pool.query('ANALYZE');
  return { database, url, stop };
}

/** Starts one of our entry points as its own process and waits until `readyPath` answers 200. */
export async function startProcess(
  entry: string,
  env: Record<string, string>,
  port: number,
  readyPath = '/api/health',
): Promise<{ pid: number; stop(): Promise<void>; url: string }> {
  const { spawn } = await import('node:child_process');
  // BENCH_PROFILE=<dir>: each server process writes a V8 CPU profile there when it stops.
  const profile = process.env.BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
    : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', entry], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${entry} exited with ${child.exitCode}`);
    const ok = await fetch(url + readyPath).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() - started > 120_000) throw new Error(`${entry} did not answer in 120 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    pid: child.pid!,
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Resident memory of a process (MB), from /proc. */
export async function rssMb(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}
