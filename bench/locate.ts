import { performance } from 'node:perf_hooks';
import { GeoIndex } from '../src/kernel/geo/index.ts';
import { benchDatabase, cannon, type Figures, figures, report, startProcess } from './lib.ts';

/**
 * GET /api/v1/territory/locate through the whole server (own process) beside a bare Fastify route
 * answering the same JSON (own process), and the in-memory point-in-polygon alone.
 * Target: the real route at least half the bare route's throughput.
 */
const duration = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);

const bench = await benchDatabase(4);
try {
  const { rows } = await bench.database.pool.query<{ lat: number; lon: number }>(
    `SELECT point_lat AS lat, point_lon AS lon FROM neighbourhoods n JOIN cities c USING (city_id) WHERE c.code = 'brescia'`,
  );
  // Points spread over the city: each neighbourhood's point, nudged, so every lookup differs.
  const points = rows.flatMap((r) =>
    [0, 1, 2, 3].map((k) => ({ lat: r.lat + (k - 1.5) * 0.0007, lon: r.lon + (k - 1.5) * 0.0009 })),
  );
  const requests = points.map((p) => ({
    method: 'GET' as const,
    path: `/api/v1/territory/locate?lat=${p.lat.toFixed(6)}&lon=${p.lon.toFixed(6)}`,
  }));

  const server = await startProcess('src/main.ts', { DATABASE_URL: bench.url, NODE_ENV: 'test' }, 38101);
  const rowsOut: Figures[] = [];
  try {
    await cannon('warm-up', { url: server.url, connections, duration: 2, requests });
    rowsOut.push(
      await cannon('API GET /api/v1/territory/locate', { url: server.url, connections, duration, requests }),
    );
  } finally {
    await server.stop();
  }
  const bare = await startProcess('bench/servers/bare.ts', {}, 38102, '/api/v1/territory/locate');
  try {
    await cannon('warm-up', { url: bare.url, connections, duration: 2, requests });
    rowsOut.push(
      await cannon('floor: bare Fastify route, same JSON', {
        url: bare.url,
        connections,
        duration,
        requests,
      }),
    );
  } finally {
    await bare.stop();
  }

  // The lookup itself, without HTTP: what the index costs.
  const map = await bench.database.pool.query<{ code: string; boundary: never }>(
    `SELECT n.code, n.boundary FROM neighbourhoods n JOIN cities c USING (city_id) WHERE c.code = 'brescia'`,
  );
  const index = new GeoIndex(map.rows.map((r) => ({ id: r.code, geometry: r.boundary })));
  const lat: number[] = [];
  const t0 = performance.now();
  for (let i = 0; performance.now() - t0 < 2000; i++) {
    const p = points[i % points.length]!;
    const s = performance.now();
    index.locate(p.lon, p.lat);
    lat.push(performance.now() - s);
  }
  rowsOut.push(figures('in-memory point-in-polygon (no HTTP)', lat, (performance.now() - t0) / 1000));

  const api = rowsOut[0]!;
  const floor = rowsOut[1]!;
  const ratio = api.throughput / floor.throughput;
  report(
    `locate: ${connections} connections, ${duration} s each, 2 cores shared by load generator and server`,
    rowsOut,
    { bench: 'locate', ratioToBare: Number(ratio.toFixed(3)), target: 0.5, pass: ratio >= 0.5 },
    [`API throughput is ${(ratio * 100).toFixed(0)}% of the bare route (target ≥ 50%).`],
  );
} finally {
  await bench.stop();
}
