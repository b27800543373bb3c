import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sign } from '@fastify/cookie';
import { randomToken, sha256 } from '../src/kernel/auth/crypto.ts';
import { loadConfig } from '../src/kernel/config.ts';
import { createInitiative } from '../src/modules/initiatives/index.ts';
import { benchDatabase, type Figures, figures, report, startProcess } from './lib.ts';

/**
 * 500 different signed-in people register at once, through the HTTP API (the whole server, own
 * process), for one event with 100 places: exactly 100 must be registered, 400 waiting (positions
 * 1…400), none lost — a 201 whose registration is not in the database, or a request never answered.
 * The accounts and their sessions are created in bulk beforehand (rows as the session module stores
 * them, cookies signed with the server's secret). Beside it, the floor: the same 500 registrations
 * done directly in PostgreSQL with the same locking (SELECT … FOR UPDATE of the event row, insert,
 * counters), the same number of connections as the server's pool.
 * BENCH_PEOPLE (default 500) and BENCH_PLACES (default 100) change the sizes.
 */
const people = Number(process.env.BENCH_PEOPLE ?? 500);
const places = Number(process.env.BENCH_PLACES ?? 100);
const poolSize = Number(process.env.BENCH_POOL ?? 10);
const run = randomBytes(4).toString('hex');

const bench = await benchDatabase(poolSize + 2);
try {
  const pool = bench.database.pool;
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const { rows: cities } = await pool.query<{ city_id: number }>(
    "SELECT city_id FROM cities WHERE code = 'brescia'",
  );
  const cityId = cities[0]!.city_id;
  const { rows: hubs } = await pool.query<{ community_point_id: string; neighbourhood_code: string }>(
    'SELECT community_point_id, neighbourhood_code FROM community_points WHERE city_id = $1 ORDER BY slug LIMIT 1',
    [cityId],
  );
  const hub = hubs[0]!;
  const initiative = await createInitiative(pool, cityId, {
    title: `Bench registrazioni ${run}`,
    description: 'Benchmark',
    neighbourhoodCode: hub.neighbourhood_code,
    communityPointId: hub.community_point_id,
    startsOn: new Date().toISOString().slice(0, 10),
    programmePart: 'community_points',
  });
  const newEvent = async (title: string) =>
    (
      await pool.query<{ event_id: string }>(
        `INSERT INTO community_events (city_id, initiative_id, title, place, neighbourhood_code, starts_at, ends_at, capacity)
         VALUES ($1, $2, $3, 'Sala del Punto Comunità', $4, now() + interval '10 days', now() + interval '10 days 2 hours', $5)
         RETURNING event_id`,
        [cityId, initiative.id, title, hub.neighbourhood_code, places],
      )
    ).rows[0]!.event_id;
  const apiEvent = await newEvent(`Evento API ${run}`);
  const floorEvent = await newEvent(`Evento floor ${run}`);

  // 500 accounts (citizens) and a session each, in bulk.
  const accounts = Array.from({ length: people }, (_, i) => ({
    user_id: randomUUID(),
    email: `bench.${run}.${i}@example.org`,
    display_name: `Persona ${i}`,
    token: randomToken(),
    csrf: randomToken(),
  }));
  await pool.query(
    `INSERT INTO users (city_id, user_id, email, display_name, email_verified_at)
     SELECT $1, x.user_id, x.email, x.display_name, now()
       FROM jsonb_to_recordset($2::jsonb) AS x(user_id uuid, email text, display_name text)`,
    [cityId, JSON.stringify(accounts)],
  );
  await pool.query(
    `INSERT INTO role_assignments (city_id, user_id, role, scope_kind, scope_ref)
     SELECT $1, x.user_id, 'citizen', 'own', NULL FROM jsonb_to_recordset($2::jsonb) AS x(user_id uuid)`,
    [cityId, JSON.stringify(accounts)],
  );
  await pool.query(
    `INSERT INTO sessions (city_id, session_id, user_id, csrf_token, expires_at, method)
     SELECT $1, x.session_id, x.user_id, x.csrf, now() + interval '2 hours', 'password'
       FROM jsonb_to_recordset($2::jsonb) AS x(session_id text, user_id uuid, csrf text)`,
    [cityId, JSON.stringify(accounts.map((a) => ({ ...a, session_id: sha256(a.token) })))],
  );
  await pool.query('ANALYZE users, sessions, role_assignments, community_events, event_registrations');

  const server = await startProcess(
    'src/main.ts',
    {
      DATABASE_URL: bench.url,
      NODE_ENV: 'test',
      JOBS: 'off',
      DB_POOL_SIZE: String(poolSize),
      SESSION_CACHE_SECONDS: '30',
    },
    38131,
  );
  const rowsOut: Figures[] = [];
  let api: {
    ms: number;
    answered: Map<string, string>;
    other: Map<string, number>;
    unanswered: number;
    positions: number[];
  };
  try {
    // Warm-up: one request per path the run takes (a cookie-less call, so nothing is registered).
    await fetch(`${server.url}/api/v1/events/${apiEvent}`);
    const latencies: number[] = [];
    const answered = new Map<string, string>(); // registrationId → status, for every 201
    const positions: number[] = []; // the waiting line's places given in the answers
    const other = new Map<string, number>();
    let unanswered = 0;
    const started = performance.now();
    await Promise.all(
      accounts.map(async (a) => {
        const t0 = performance.now();
        try {
          const res = await fetch(`${server.url}/api/v1/events/${apiEvent}/registrations`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              cookie: `noi_sid=${sign(a.token, config.session.secret)}; noi_csrf=${a.csrf}`,
              'x-csrf-token': a.csrf,
            },
            body: '{}',
          });
          const body = (await res.json()) as { registrationId?: string; status?: string; position?: number };
          if (body.position !== undefined) positions.push(body.position);
          latencies.push(performance.now() - t0);
          if (res.status === 201 && body.registrationId) answered.set(body.registrationId, body.status!);
          else other.set(String(res.status), (other.get(String(res.status)) ?? 0) + 1);
        } catch {
          unanswered++;
        }
      }),
    );
    const ms = performance.now() - started;
    rowsOut.push(figures(`HTTP API: ${people} at once`, latencies, ms / 1000));
    api = { ms, answered, other, unanswered, positions };
  } finally {
    await server.stop();
  }

  // The floor: the same registrations straight in PostgreSQL, same locking, `poolSize` connections.
  const { connect } = await import('../src/kernel/db/index.ts');
  const floorDb = connect(bench.url, { max: poolSize });
  const floorLatencies: number[] = [];
  const floorStarted = performance.now();
  await Promise.all(
    accounts.map(async (a) => {
      const t0 = performance.now();
      const client = await floorDb.pool.connect();
      try {
        await client.query('BEGIN');
        const { rows } = await client.query<{ capacity: number; registered_count: number }>(
          'SELECT capacity, registered_count FROM community_events WHERE city_id = $1 AND event_id = $2 FOR UPDATE',
          [cityId, floorEvent],
        );
        const status = rows[0]!.registered_count + 1 <= rows[0]!.capacity ? 'registered' : 'waiting';
        await client.query(
          `INSERT INTO event_registrations (city_id, event_id, user_id, name, email, seats, status)
           VALUES ($1, $2, $3, $4, $5, 1, $6)`,
          [cityId, floorEvent, a.user_id, a.display_name, a.email, status],
        );
        await client.query(
          `UPDATE community_events SET registered_count = registered_count + $3, waiting_count = waiting_count + $4
            WHERE city_id = $1 AND event_id = $2`,
          [cityId, floorEvent, status === 'registered' ? 1 : 0, status === 'waiting' ? 1 : 0],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
      floorLatencies.push(performance.now() - t0);
    }),
  );
  const floorMs = performance.now() - floorStarted;
  await floorDb.close();
  rowsOut.push(
    figures(`floor: same in PostgreSQL (${poolSize} connections)`, floorLatencies, floorMs / 1000),
  );

  // What the database holds.
  const { rows: held } = await pool.query<{ registration_id: string; status: string; seats: number }>(
    `SELECT registration_id, status, seats FROM event_registrations WHERE city_id = $1 AND event_id = $2`,
    [cityId, apiEvent],
  );
  const { rows: counters } = await pool.query<{ registered_count: number; waiting_count: number }>(
    'SELECT registered_count, waiting_count FROM community_events WHERE city_id = $1 AND event_id = $2',
    [cityId, apiEvent],
  );
  const { rows: floorHeld } = await pool.query<{ registered: number; waiting: number }>(
    `SELECT count(*) FILTER (WHERE status = 'registered')::int AS registered,
            count(*) FILTER (WHERE status = 'waiting')::int AS waiting
       FROM event_registrations WHERE city_id = $1 AND event_id = $2`,
    [cityId, floorEvent],
  );
  const inDb = new Map(held.map((r) => [r.registration_id, r.status]));
  const registered = held.filter((r) => r.status === 'registered').length;
  const waiting = held.filter((r) => r.status === 'waiting').length;
  const lostAnswered = [...api.answered.keys()].filter((id) => !inDb.has(id)).length;
  const lost = lostAnswered + api.unanswered;
  const mismatched = [...api.answered].filter(([id, s]) => inDb.get(id) !== s).length;
  const errors = [...api.other.values()].reduce((s, n) => s + n, 0);
  const countersOk = counters[0]!.registered_count === registered && counters[0]!.waiting_count === waiting;
  const sortedPositions = [...api.positions].sort((a, b) => a - b);
  const positionsOk =
    sortedPositions.length === people - places && sortedPositions.every((p, i) => p === i + 1);
  const ok =
    positionsOk &&
    registered === places &&
    waiting === people - places &&
    lost === 0 &&
    errors === 0 &&
    countersOk;

  const out = (s: string) => process.stdout.write(`${s}\n`);
  out(`\nRegistrations: ${people} people at once for ${places} places`);
  out('| what | requests | ms | p50 ms | p95 ms | p99 ms | registered | waiting | lost |');
  out('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  const f = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '—');
  out(
    `| ${rowsOut[0]!.label} | ${people} | ${f(api.ms)} | ${f(rowsOut[0]!.p50)} | ${f(rowsOut[0]!.p95)} | ${f(rowsOut[0]!.p99)} | ${registered} | ${waiting} | ${lost} |`,
  );
  out(
    `| ${rowsOut[1]!.label} | ${people} | ${f(floorMs)} | ${f(rowsOut[1]!.p50)} | ${f(rowsOut[1]!.p95)} | ${f(rowsOut[1]!.p99)} | ${floorHeld[0]!.registered} | ${floorHeld[0]!.waiting} | 0 |`,
  );
  report(
    'Same figures, in the benches’ common table',
    rowsOut,
    {
      registered,
      waiting,
      lost,
      ms: Math.round(api.ms),
      floorMs: Math.round(floorMs),
      answered201: api.answered.size,
      otherAnswers: Object.fromEntries(api.other),
      unanswered: api.unanswered,
      statusMismatch: mismatched,
      countersOk,
      positionsOk,
      ok,
    },
    [
      `201 answers: ${api.answered.size}; other answers: ${JSON.stringify(Object.fromEntries(api.other))}; unanswered: ${api.unanswered}; ` +
        `counters ${countersOk ? 'match' : 'DO NOT match'} the rows; waiting positions ${positionsOk ? `1…${people - places}` : 'NOT 1…n'}; ${ok ? 'OK' : 'NOT OK'}`,
    ],
  );
  if (!ok) process.exitCode = 1;
} finally {
  await bench.stop();
}
