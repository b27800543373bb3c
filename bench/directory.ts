import { performance } from 'node:perf_hooks';
import { summaries } from '../src/modules/directory/service/read.ts';
import { refreshSearch } from '../src/modules/directory/service/write.ts';
import { filtersOf, hammer, searchStatements } from './directory/direct.ts';
import { checkAgainstRefreshSearch, generateDirectory, tableSizes } from './directory/generate.ts';
import { httpClient } from './directory/http.ts';
import { buildMix, type MixPart, overallMix, type SearchRequest, toPath } from './directory/mix.ts';
import { benchDatabase, type Figures, report, startProcess } from './lib.ts';

/**
 * The directory's search at national scale: BENCH_SCALE × (360,000 organisations, 1,000,000
 * services at locations) generated for Brescia, then a fixed mix of searches (words with typos,
 * words + category, near a big city's centre by distance, neighbourhood + age) through
 * GET /api/v1/directory/services of the whole server (own process), beside the same statements
 * and the page's details (searchServices and summaries, as the route sends them) straight on
 * PostgreSQL, same concurrency (BENCH_CONNECTIONS, default 4; BENCH_SWEEP adds the mix at other
 * concurrencies). Both sides are the same closed loop (BENCH_CONNECTIONS workers, each waiting for
 * its answer before sending the next, every request started is waited for: see directory/http.ts
 * for why not autocannon). Targets: API p95 < 25 ms; API throughput ≥ 70% of the SQL's.
 * The generated data stay in a BENCH_DATABASE_URL database (marker table bench_directory_marker):
 * a rerun at the same scale skips the generation; BENCH_REGENERATE=1 forces it.
 */
const duration = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 4);
/** Other concurrencies at which the overall mix is also run, API and SQL (BENCH_SWEEP=4,8,16,32; "" for none). */
const sweep = (process.env.BENCH_SWEEP ?? '8,16,32')
  .split(',')
  .map(Number)
  .filter((n) => n > 0 && n !== connections);
const scale = Number(process.env.BENCH_SCALE ?? 1);
const targets = { p95ApiMs: 25, ratio: 0.7 };
const log = (m: string) => process.stderr.write(`${m}\n`);
const out = (s = '') => process.stdout.write(`${s}\n`);
const ms = (n: number) => n.toFixed(1);

const bench = await benchDatabase(Math.max(connections, ...sweep));
try {
  const pool = bench.database.pool;
  const { rows: cityRows } = await pool.query<{ city_id: number }>(
    "SELECT city_id FROM cities WHERE code = 'brescia'",
  );
  const cityId = cityRows[0]!.city_id;

  // 1. The directory (skipped when this database already holds it).
  const t0 = performance.now();
  const gen = await generateDirectory(pool, cityId, scale, log, {
    force: process.env.BENCH_REGENERATE === '1',
  });
  const drift = await checkAgainstRefreshSearch(pool, cityId, refreshSearch);
  if (drift.different)
    log(`WARNING: ${drift.different}/${drift.checked} generated search rows differ from refreshSearch's`);
  const sizes = await tableSizes(pool);
  const prepareSeconds = (performance.now() - t0) / 1000;

  // 2. The searches.
  const { rows: nbs } = await pool.query<{ code: string }>(
    'SELECT code FROM neighbourhoods WHERE city_id = $1 ORDER BY code',
    [cityId],
  );
  const { rows: cats } = await pool.query<{ code: string }>(
    'SELECT code FROM dir_categories ORDER BY sort, code',
  );
  const parts = buildMix(
    nbs.map((n) => n.code),
    cats.map((c) => c.code),
  );
  const mix = overallMix(parts);

  const rows: Figures[] = [];
  const sweepApi = new Map<number, Figures>();
  const sweepSql = new Map<number, Figures>();
  const api = new Map<string, Figures>();
  const sql = new Map<string, Figures>();
  const matches: string[] = [];
  const failures: string[] = [];
  let failedRequests = 0;

  const server = await startProcess(
    'bench/servers/platform.ts',
    { DATABASE_URL: bench.url, NODE_ENV: 'test' },
    38121,
  );
  try {
    // What the searches find (and that they answer 200), on the first distinct requests of each part.
    for (const p of parts) {
      const totals: number[] = [];
      let empty = 0;
      for (const r of p.requests.slice(0, 8)) {
        const res = await fetch(server.url + toPath(r));
        if (res.status !== 200) throw new Error(`${toPath(r)} answered ${res.status}: ${await res.text()}`);
        const body = (await res.json()) as { total: number; items: unknown[] };
        totals.push(body.total);
        if (!body.items.length) empty++;
      }
      totals.sort((a, b) => a - b);
      matches.push(
        `| ${p.name} | ${totals[Math.floor(totals.length / 2)]} | ${totals[0]}–${totals.at(-1)} | ${empty}/${totals.length} |`,
      );
    }
    const client = httpClient(server.url, connections);
    const viaApi = (r: SearchRequest) => client.get(toPath(r));
    /** A run through the API; a failed request keeps its latency but does not count in req/s. */
    const apiRun = async (label: string, requests: SearchRequest[]) => {
      const f = await hammer(label, { connections, seconds: duration, requests }, viaApi);
      const { count, reasons } = client.takeFailures();
      if (!count) return f;
      failedRequests += count;
      failures.push(`${label}: ${count} of ${f.requests} failed (${reasons.join('; ')})`);
      return {
        ...f,
        label: `${label} (${count} failed)`,
        throughput: (f.requests - count) / f.seconds,
        failed: count,
      };
    };
    log('warming up the server');
    await hammer('warm-up', { connections, seconds: 2, requests: mix }, viaApi);
    const warmUp = client.takeFailures();
    if (warmUp.count) failures.push(`warm-up: ${warmUp.count} failed (${warmUp.reasons.join('; ')})`);
    for (const p of parts) {
      log(`API: ${p.name}`);
      api.set(p.name, await apiRun(`API · ${p.name}`, p.requests));
    }
    log('API: overall mix');
    api.set('mix', await apiRun('API · overall mix', mix));
    client.close();
    for (const c of sweep) {
      log(`API: overall mix, ${c} connections`);
      const other = httpClient(server.url, c);
      const f = await hammer(
        `API · overall mix, ${c} connections`,
        { connections: c, seconds: duration, requests: mix },
        (r) => other.get(toPath(r)),
      );
      const { count } = other.takeFailures();
      other.close();
      failedRequests += count;
      sweepApi.set(
        c,
        count
          ? { ...f, label: `${f.label} (${count} failed)`, throughput: (f.requests - count) / f.seconds }
          : f,
      );
    }
  } finally {
    await server.stop();
  }

  // The same statements straight on PostgreSQL (pool of `connections`), same concurrency: the
  // search's (searchServices) and the page's details (summaries), as the route sends them.
  const direct = async (r: SearchRequest) => {
    const at = new Date();
    const { hits } = await searchStatements(pool, cityId, filtersOf(r, at));
    return summaries(pool, cityId, hits, 'it', at);
  };
  await hammer('warm-up', { connections, seconds: 2, requests: mix }, direct);
  for (const p of parts) {
    log(`SQL: ${p.name}`);
    sql.set(
      p.name,
      await hammer(`SQL · ${p.name}`, { connections, seconds: duration, requests: p.requests }, direct),
    );
  }
  log('SQL: overall mix');
  sql.set(
    'mix',
    await hammer('SQL · overall mix', { connections, seconds: duration, requests: mix }, direct),
  );
  for (const c of sweep) {
    log(`SQL: overall mix, ${c} connections`);
    sweepSql.set(
      c,
      await hammer(
        `SQL · overall mix, ${c} connections`,
        { connections: c, seconds: duration, requests: mix },
        direct,
      ),
    );
  }
  log('SQL: overall mix, the search alone');
  const handlerSql = await hammer(
    'SQL · overall mix, the search alone (no page details)',
    { connections, seconds: duration, requests: mix },
    (r) => searchStatements(pool, cityId, filtersOf(r, new Date())),
  );

  for (const p of [...parts.map((x) => x.name), 'mix']) rows.push(api.get(p)!, sql.get(p)!);
  rows.push(handlerSql);
  for (const c of sweep) rows.push(sweepApi.get(c)!, sweepSql.get(c)!);

  // 3. The slowest part through the API: EXPLAIN ANALYZE of its slowest request (direct, one at a time).
  const slowest = parts.reduce((a, b) => (api.get(a.name)!.p95 >= api.get(b.name)!.p95 ? a : b));
  const explained = await explainSlowest(slowest);

  const apiMix = api.get('mix')!;
  const sqlMix = sql.get('mix')!;
  const ratio = apiMix.throughput / sqlMix.throughput;
  const pass = apiMix.p95 < targets.p95ApiMs && ratio >= targets.ratio && failedRequests === 0;

  out(`\n## Generated directory (scale ${scale})`);
  out(
    gen.cached
      ? `Already in the database: generated earlier in ${ms(gen.generationSeconds)} s (this run: ${ms(prepareSeconds)} s to check).`
      : `Generated in ${ms(gen.seconds)} s: ${gen.steps.map((s) => `${s.step} ${ms(s.seconds)} s`).join(', ')}.`,
  );
  out(
    `${gen.organizations} organisations, ${gen.locations} locations, ${gen.services} services. ` +
      `Search rows checked against refreshSearch: ${drift.checked - drift.different}/${drift.checked} identical.`,
  );
  out('\n| table | rows | table MB | indexes MB | total MB |');
  out('|---|---:|---:|---:|---:|');
  for (const s of sizes) out(`| ${s.table} | ${s.rows} | ${s.tableMb} | ${s.indexesMb} | ${s.totalMb} |`);
  out('\n| searches | median total | total range | empty pages |');
  out('|---|---:|---|---:|');
  for (const m of matches) out(m);
  out(`\n## EXPLAIN ANALYZE: slowest part "${slowest.name}", its slowest request ${explained.path}`);
  out(`(${ms(explained.ms)} ms alone)\n\`\`\`\n${explained.plan}\n\`\`\``);

  report(
    `directory: ${connections} connections, ${duration} s each, 2 cores shared by load generator, server and PostgreSQL`,
    rows,
    {
      bench: 'directory',
      scale,
      p95Api: Number(apiMix.p95.toFixed(2)),
      ratio: Number(ratio.toFixed(3)),
      targets,
      pass,
      failedRequests,
      generation: {
        cached: gen.cached,
        seconds: Number(gen.generationSeconds.toFixed(1)),
        organizations: gen.organizations,
        locations: gen.locations,
        services: gen.services,
      },
      sizes,
      slowestPart: slowest.name,
      sweep: sweep.map((c) => ({
        connections: c,
        p95Api: Number(sweepApi.get(c)!.p95.toFixed(2)),
        ratio: Number((sweepApi.get(c)!.throughput / sweepSql.get(c)!.throughput).toFixed(3)),
      })),
    },
    [
      ...failures.map((f) => `FAILED: ${f}`),
      `API p95 over the mix: ${ms(apiMix.p95)} ms (target < ${targets.p95ApiMs} ms); API throughput is ` +
        `${(ratio * 100).toFixed(0)}% of the same statements on PostgreSQL (target ≥ ${targets.ratio * 100}%).`,
      'SQL rows: the statements the route sends — searchServices (typo correction, the search, a fallback when ' +
        `needed) and summaries (the page's details) — on a pool of ${connections}; the API server keeps its ` +
        'configured pool (DB_POOL_SIZE, 10 by default). "The search alone" leaves out the page details.',
      `The targets are checked at ${connections} concurrent searches (BENCH_CONNECTIONS); the rows "n connections" ` +
        "run the overall mix at other concurrencies (BENCH_SWEEP): past the machine's throughput, more " +
        "connections only wait in line, and p95 grows with their number (Little's law).",
    ],
  );

  async function explainSlowest(part: MixPart): Promise<{ path: string; ms: number; plan: string }> {
    const distinct = [...new Map(part.requests.map((r) => [toPath(r), r])).values()].slice(0, 6);
    let worst = { r: distinct[0]!, ms: -1 };
    for (const r of distinct) {
      const s = performance.now();
      await searchStatements(pool, cityId, filtersOf(r, new Date()));
      const took = performance.now() - s;
      if (took > worst.ms) worst = { r, ms: took };
    }
    const { last } = await searchStatements(pool, cityId, filtersOf(worst.r, new Date()));
    const plan = await pool.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, BUFFERS) ${last.text}`,
      last.values,
    );
    return { path: toPath(worst.r), ms: worst.ms, plan: plan.rows.map((x) => x['QUERY PLAN']).join('\n') };
  }
} finally {
  await bench.stop();
}
