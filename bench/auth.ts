import { performance } from 'node:perf_hooks';
import { userColumns } from '../src/kernel/auth/users.ts';
import { benchDatabase, cannon, type Figures, figures, report, startProcess } from './lib.ts';

/**
 * An authenticated read through the guard beside the same read without it.
 * Guarded: a city admin's GET /api/v1/admin/users/:id with a session cookie (session lookup in
 * PostgreSQL, permission resolved from the manifests, then the read). Unguarded: the same route
 * and read on a server built with the guard off, no cookie. Floor: the read's SQL alone on a pool.
 * Target: the guard costs under 10% of throughput.
 */
const duration = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);

const bench = await benchDatabase(connections);
try {
  const pool = bench.database.pool;
  const { rows: users } = await pool.query<{ user_id: string; city_id: number }>(
    `SELECT u.user_id, u.city_id FROM users u JOIN cities c USING (city_id) WHERE c.code = 'brescia' ORDER BY u.email`,
  );
  const cityId = users[0]!.city_id;
  const requests = users.map((u) => ({ method: 'GET' as const, path: `/api/v1/admin/users/${u.user_id}` }));
  const rowsOut: Figures[] = [];

  const guarded = await startProcess(
    'bench/servers/platform.ts',
    { DATABASE_URL: bench.url, NODE_ENV: 'test' },
    38111,
  );
  try {
    const login = await fetch(`${guarded.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@demo.cittadelnoi.it', password: 'cittadelnoi' }),
    });
    if (login.status !== 200) throw new Error(`sign-in failed: ${login.status}`);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    await cannon('warm-up', { url: guarded.url, connections, duration: 2, requests, headers: { cookie } });
    rowsOut.push(
      await cannon('API with guard (session + permission)', {
        url: guarded.url,
        connections,
        duration,
        requests,
        headers: { cookie },
      }),
    );
  } finally {
    await guarded.stop();
  }

  const open = await startProcess(
    'bench/servers/platform.ts',
    { DATABASE_URL: bench.url, NODE_ENV: 'test', BENCH_GUARD: 'off' },
    38112,
  );
  try {
    await cannon('warm-up', { url: open.url, connections, duration: 2, requests });
    rowsOut.push(
      await cannon('same route, guard off, no session', { url: open.url, connections, duration, requests }),
    );
  } finally {
    await open.stop();
  }

  // Floor: the read itself, straight on PostgreSQL, same concurrency.
  const latencies: number[] = [];
  const t0 = performance.now();
  let i = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() - t0 < duration * 1000) {
        const id = users[i++ % users.length]!.user_id;
        const s = performance.now();
        await pool.query(
          `SELECT ${userColumns}, u.active, u.email_verified_at, u.last_login_at, u.created_at
             FROM users u WHERE u.city_id = $1 AND u.user_id = $2`,
          [cityId, id],
        );
        latencies.push(performance.now() - s);
      }
    }),
  );
  rowsOut.push(
    figures('floor: the read in PostgreSQL (pg pool)', latencies, (performance.now() - t0) / 1000),
  );

  const [withGuard, without] = rowsOut as [Figures, Figures];
  const cost = 1 - withGuard.throughput / without.throughput;
  report(
    `auth: ${connections} connections, ${duration} s each, 2 cores shared by load generator and server`,
    rowsOut,
    { bench: 'auth', guardCost: Number(cost.toFixed(3)), target: 0.1, pass: cost < 0.1 },
    [`The guard costs ${(cost * 100).toFixed(1)}% of throughput (target < 10%).`],
  );
} finally {
  await bench.stop();
}
