import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { type HelpCategory, suggestCategories, suggestUrgency } from '../src/modules/help-requests/triage.ts';
import { benchDatabase, type Figures, figures, report, startProcess } from './lib.ts';

/**
 * POST /api/v1/help-requests (the public intake) through the whole server, own process, with
 * durable commits: every submission a different, realistic body (neighbourhoods, points, addresses,
 * categories, with and without e-mail) and a fresh Idempotency-Key. Only 201s count; afterwards
 * the database must hold exactly one row per 201. Beside it, the floor: bare INSERTs through `pg` of
 * the same rows a submission writes (request, history event, audit row, mails, idempotency record)
 * in one prepared statement, same concurrency, same time; and, for comparison, the request row alone.
 * Targets: ≥ 1,000 submissions/s, p99 < 50 ms, ≥ 50% of the bare INSERT rate (of the same rows).
 * It also prints the CPU each submission costs in the server, in PostgreSQL and in the load
 * generator (from /proc), and how much of the machine other processes took meanwhile: on two
 * shared cores that, not the disk, is what bounds the rate. BENCH_POOL sets the server's DB_POOL_SIZE,
 * BENCH_SECONDS the length of each run (default 30), BENCH_CONNECTIONS the concurrency (default 32).
 */
const duration = Number(process.env.BENCH_SECONDS ?? 30);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const run = randomBytes(4).toString('hex');

const categories = [
  'shopping',
  'medicines',
  'company',
  'escort',
  'paperwork',
  'housing',
  'work',
  'food',
  'other',
] as const;
const texts: Record<(typeof categories)[number] | 'psychological_support', string[]> = {
  shopping: [
    'Vivo sola e da quando sono caduta non riesco più a fare la spesa.',
    'Mio marito è in ospedale e non ho nessuno che mi porti la spesa a casa.',
  ],
  medicines: [
    'Ho bisogno che qualcuno ritiri i miei farmaci in farmacia, non posso uscire.',
    'Devo ritirare le medicine per la pressione ma sono a letto con la febbre.',
  ],
  company: [
    'Sono anziano e passo le giornate da solo, mi farebbe piacere un po’ di compagnia.',
    'Mia madre vive sola e non vede nessuno da settimane.',
  ],
  escort: [
    'Ho una visita all’ospedale Civile giovedì e non ho chi mi accompagni.',
    'Mi serve un accompagnamento per la dialisi due volte la settimana.',
  ],
  paperwork: [
    'Non riesco a compilare la domanda per il bonus bollette, mi serve aiuto.',
    'Devo rinnovare la carta d’identità ma non so prenotare online.',
  ],
  housing: [
    'Ho ricevuto lo sfratto e a fine mese non so dove andare con i bambini.',
    'La caldaia è rotta da settimane e il proprietario non risponde.',
  ],
  work: [
    'Ho perso il lavoro e cerco aiuto per scrivere il curriculum.',
    'Cerco un corso per rientrare nel lavoro dopo la malattia.',
  ],
  food: [
    'Non abbiamo più da mangiare fino alla fine del mese, siamo in quattro.',
    'Mi serve il pacco alimentare, con la pensione non arrivo a fine mese.',
  ],
  other: [
    'Vorrei sapere a chi rivolgermi per un problema con il condominio.',
    'Il mio vicino anziano non apre la porta da due giorni, sono preoccupata.',
  ],
  psychological_support: ['Da quando è morta mia moglie non riesco più a dormire né a uscire di casa.'],
};
const names = ['Maria Rossi', 'Giuseppe Bianchi', 'Anna Ferrari', 'Luigi Colombo', 'Fatima El Idrissi'];

interface Place {
  code: string;
  name: string;
  zone: string;
  lat: number;
  lon: number;
  hub: string | null;
}

/** The n-th submission: varied on every axis, and unique (its description carries `run-n`). */
function submission(n: number, places: Place[]) {
  const p = places[n % places.length]!;
  const category: HelpCategory =
    n % 41 === 0 ? 'psychological_support' : categories[Math.floor(n / 3) % categories.length]!;
  const pool = texts[category];
  const description = `${pool[n % pool.length]} (rif. ${run}-${n})`;
  const k = (n % 7) - 3;
  const where =
    n % 8 === 7
      ? { address: `Via Roma ${1 + (n % 90)}, ${p.name}` }
      : n % 8 >= 4
        ? { lat: Number((p.lat + k * 0.0004).toFixed(6)), lon: Number((p.lon - k * 0.0005).toFixed(6)) }
        : { neighbourhoodCode: p.code, ...(n % 2 ? { address: `Via Milano ${n % 120}` } : {}) };
  const name = names[n % names.length]!;
  const withEmail = n % 3 !== 0;
  return {
    category,
    description,
    ...where,
    contact: {
      name,
      ...(withEmail && n % 2 === 0 ? {} : { phone: `030 ${String(100000 + (n % 899999))}` }),
      ...(withEmail ? { email: `persona.${n}@example.org` } : {}),
    },
    consent: true as const,
    ...(n % 4 === 0 ? { circumstances: { livesAlone: true, age: 60 + (n % 35) } } : {}),
  };
}

/** CPU seconds (user + system) of a process, from /proc; with `children`, of its reaped children too. */
function cpuOf(pid: number, children = false): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number);
    return (f[11]! + f[12]! + (children ? f[13]! + f[14]! : 0)) / 100;
  } catch {
    return 0;
  }
}

/**
 * The PostgreSQL cluster's CPU seconds: the postmaster, its live processes and those it reaped;
 * `background` is the part not spent by client backends (autovacuum, checkpointer, WAL writer,
 * and the reaped processes, which are mostly autovacuum workers).
 */
function clusterCpu(postmaster: number | undefined): { total: number; background: number } {
  if (!postmaster) return { total: Number.NaN, background: Number.NaN };
  let total = cpuOf(postmaster, true);
  let background = total;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) !== postmaster) continue;
      const cpu = cpuOf(Number(d));
      total += cpu;
      // A client backend's title is "postgres: <user> <database> <host> …"; the others name their job.
      const title = readFileSync(`/proc/${d}/cmdline`, 'utf8');
      if (!/^postgres: \S+ \S+ \d/.test(title)) background += cpu;
    } catch {}
  }
  return { total, background };
}

/** Busy and total CPU seconds of the whole machine, from /proc/stat. */
function machineCpu(): { busy: number; total: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = f.reduce((a, b) => a + b, 0) / 100;
  return { busy: total - (f[3]! + f[4]!) / 100, total };
}

interface CpuUse {
  /** CPU ms per completed operation: the server, PostgreSQL, this process (load generator). */
  server: number;
  postgres: number;
  /** The part of `postgres` spent outside client backends (autovacuum, checkpointer, WAL writer). */
  postgresBackground: number;
  generator: number;
  /** Share of the machine's CPU used by anything else during the run (other work on the box). */
  othersShare: number;
}

/** Measures CPU use over `work`, per operation it reports done. */
async function measureCpu(
  serverPid: number | undefined,
  postmaster: number | undefined,
  work: () => Promise<number>,
): Promise<{ ops: number; cpu: CpuUse }> {
  const before = {
    server: serverPid ? cpuOf(serverPid) : 0,
    pg: clusterCpu(postmaster),
    me: process.cpuUsage(),
    box: machineCpu(),
  };
  const ops = await work();
  const server = serverPid ? cpuOf(serverPid) - before.server : 0;
  const after = clusterCpu(postmaster);
  const pg = after.total - before.pg.total;
  const pgBackground = after.background - before.pg.background;
  const me = process.cpuUsage(before.me);
  const generator = (me.user + me.system) / 1e6;
  const box = machineCpu();
  const busy = box.busy - before.box.busy;
  const ms = (s: number) => Number(((1000 * s) / Math.max(ops, 1)).toFixed(3));
  return {
    ops,
    cpu: {
      server: ms(server),
      postgres: ms(pg),
      postgresBackground: ms(pgBackground),
      generator: ms(generator),
      othersShare: Number(
        Math.max(0, (busy - server - pg - generator) / (box.total - before.box.total)).toFixed(3),
      ),
    },
  };
}

const bench = await benchDatabase(connections);
try {
  const pool = bench.database.pool;
  const { rows: places } = await pool.query<Place>(
    `SELECT n.code, n.name, n.zone_code AS zone, n.point_lat AS lat, n.point_lon AS lon,
            (SELECT cpn.community_point_id FROM community_point_neighbourhoods cpn
              WHERE cpn.city_id = n.city_id AND cpn.neighbourhood_code = n.code LIMIT 1) AS hub
       FROM neighbourhoods n JOIN cities c USING (city_id) WHERE c.code = 'brescia' ORDER BY n.code`,
  );
  const cityId = (await pool.query<{ city_id: number }>(`SELECT city_id FROM cities WHERE code = 'brescia'`))
    .rows[0]!.city_id;
  const postmaster = await pool
    .query<{ pid: number }>('SELECT pg_backend_pid() AS pid')
    .then(({ rows }) => {
      const stat = readFileSync(`/proc/${rows[0]!.pid}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      return readFileSync(`/proc/${parent}/comm`, 'utf8').trim() === 'postgres' ? parent : undefined;
    })
    .catch(() => undefined); // PostgreSQL on another machine (BENCH_DATABASE_URL): not measured
  const countRows = async () =>
    (
      await pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM help_requests WHERE city_id = $1 AND description LIKE $2`,
        [cityId, `% (rif. ${run}-%`],
      )
    ).rows[0]!.n;

  const server = await startProcess(
    'src/main.ts',
    {
      DATABASE_URL: bench.url,
      NODE_ENV: 'test',
      JOBS: 'off',
      RATE_LIMIT_PUBLIC_FORMS_PER_MINUTE: '100000000',
      // The server's own pool size (DB_POOL_SIZE, default 10) unless BENCH_POOL says otherwise.
      ...(process.env.BENCH_POOL ? { DB_POOL_SIZE: process.env.BENCH_POOL } : {}),
    },
    38121,
  );

  let next = 0;
  const answered = new Map<string, string>(); // Idempotency-Key → id, for every 201
  const other = new Map<number, number>(); // status → count
  type Sent = { key: string; body: string };
  const inFlight = new Map<object, Sent>(); // per autocannon client (one request at a time)
  const requests: autocannon.Request[] = [
    {
      method: 'POST',
      path: '/api/v1/help-requests',
      setupRequest: (req, context) => {
        const n = next++;
        const key = `bench-${run}-${n}`;
        const body = JSON.stringify(submission(n, places));
        inFlight.set(context, { key, body });
        return {
          ...req,
          headers: { 'content-type': 'application/json', 'idempotency-key': key },
          body,
        };
      },
      onResponse: (status, body, context) => {
        const sent = inFlight.get(context);
        inFlight.delete(context);
        if (status === 201 && sent) answered.set(sent.key, (JSON.parse(body) as { id: string }).id);
        else other.set(status, (other.get(status) ?? 0) + 1);
      },
    },
  ];

  /** autocannon with a fresh body per request; latency figures from the 201s only. */
  const fire = async (label: string, seconds: number): Promise<Figures> => {
    const latencies: number[] = [];
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        { url: server.url, connections, duration: seconds, requests },
        (error, res) => (error ? reject(error) : resolve(res)),
      );
      instance.on('response', (_client, status, _bytes, responseTime) => {
        if (status === 201) latencies.push(responseTime);
      });
    });
    if (result.errors > 0) process.stderr.write(`${label}: ${result.errors} errors\n`);
    return figures(label, latencies, result.duration);
  };

  const rowsOut: Figures[] = [];
  let cut: Sent[] = [];
  let apiCpu: CpuUse | undefined;
  let replayed = 0;
  try {
    await fire('warm-up', 3);
    const measured = await measureCpu(server.pid, postmaster, async () => {
      rowsOut.push(await fire('API POST /api/v1/help-requests (201s, durable commit)', duration));
      return rowsOut[0]!.requests;
    });
    apiCpu = measured.cpu;
    // The load generator drops the requests still in flight when the time is up; the server may
    // have committed them. Resend each with its key, as a client would: the answer is the first.
    cut = [...inFlight.values()];
    inFlight.clear();
    for (const s of cut) {
      const res = await fetch(`${server.url}/api/v1/help-requests`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': s.key },
        body: s.body,
      });
      if (res.status === 201) answered.set(s.key, ((await res.json()) as { id: string }).id);
      if (res.headers.get('idempotent-replayed') === 'true') replayed++;
    }
  } finally {
    await server.stop();
  }
  const rowCount = await countRows();
  const ids = [...answered.values()];
  const { rows: found } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM help_requests WHERE city_id = $1 AND help_request_id = ANY($2::uuid[])`,
    [cityId, ids],
  );
  const rowsMatch = rowCount === answered.size && found[0]!.n === answered.size;

  // Floor: the bare INSERT of equivalent rows (same generator; category and urgency suggested as
  // the server does, ahead of time), a pool of `connections` clients each looping.
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const tracking = () => Array.from(randomBytes(8), (b) => alphabet[b % 32]).join('');
  const templates = Array.from({ length: 1000 }, (_, n) => {
    const s = submission(n, places);
    const p = places[n % places.length]!;
    const urgency = suggestUrgency(s);
    const hub = s.category === 'psychological_support' ? null : p.hub;
    return {
      text: s.description.replace(/ \(rif\. .*\)$/, ''),
      category: s.category,
      suggested: suggestCategories(s.description)[0]?.category ?? null,
      values: [
        JSON.stringify(s.circumstances ?? {}),
        urgency.urgency,
        JSON.stringify(urgency.reasons),
        'address' in s ? s.address : null,
        'lat' in s ? s.lat : null,
        'lon' in s ? s.lon : null,
        p.code,
        p.zone,
        s.category === 'psychological_support' ? 'helpline' : hub ? 'community_point' : 'zone_office',
        hub,
        s.contact.name,
        s.contact.phone ?? null,
        s.contact.email ?? null,
      ],
    };
  });
  /** `connections` clients of the pool, each looping `insert` for `duration` seconds. */
  const floorRun = async (
    label: string,
    insert: (n: number, row: (typeof templates)[number]) => Promise<unknown>,
  ) => {
    const latencies: number[] = [];
    let m = 0;
    const t0 = performance.now();
    const measured = await measureCpu(undefined, postmaster, async () => {
      await Promise.all(
        Array.from({ length: connections }, async () => {
          while (performance.now() - t0 < duration * 1000) {
            const n = m++;
            const started = performance.now();
            await insert(n, templates[n % templates.length]!);
            latencies.push(performance.now() - started);
          }
        }),
      );
      return latencies.length;
    });
    rowsOut.push(figures(label, latencies, (performance.now() - t0) / 1000));
    return measured.cpu;
  };
  const requestColumns = `city_id, help_request_id, tracking_code, category, suggested_category, description,
             circumstances, urgency, urgency_reasons, status, address, lat, lon, neighbourhood_code, zone_code, queue,
             community_point_id, contact_name, contact_phone, contact_email, lang, consent_at, channel, taken_by,
             citizen_id, sla_due_at, created_at, updated_at`;
  const requestValues = (n: number, row: (typeof templates)[number], now: Date) => [
    cityId,
    randomUUID(),
    tracking(),
    row.category,
    row.suggested,
    `${row.text} (floor ${run}-${n})`,
    ...row.values,
    now,
    new Date(now.getTime() + 48 * 3600_000),
  ];
  const mailText = 'Nuova richiesta di aiuto. '.repeat(30);

  // Floor 1 (the target's): every row a submission writes (the request, its history event, its audit
  // row, its one or two mails, its idempotency record), plain INSERTs in one prepared statement, one
  // round trip, one durable commit: the same work done directly in PostgreSQL, minus the checks.
  const floorAll = await floorRun(
    'floor: bare INSERT of the same rows (request, event, audit, mails, key)',
    (n, row) => {
      const now = new Date();
      const values = requestValues(n, row, now);
      const mails = [{ to: 'punto@example.org', subject: 'Nuova richiesta', text: mailText }];
      if (row.values[12])
        mails.push({ to: row.values[12] as string, subject: 'La tua richiesta', text: mailText });
      return pool.query({
        name: 'floor.all-rows',
        text: `WITH ik AS (
               INSERT INTO idempotency_keys (city_id, scope, key, request_hash, status, response)
               VALUES ($1, 'help_request.create', $22, $23, 201, $24::jsonb)
             ), hr AS (
               INSERT INTO help_requests (${requestColumns})
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'new', $10, $11, $12, $13, $14, $15, $16, $17, $18, $19,
                       'it', $20, 'web', NULL, NULL, $21, $20, $20)
             ), ev AS (
               INSERT INTO help_request_events (city_id, help_request_id, at, actor_id, kind, to_status, reason, data)
               VALUES ($1, $2, $20, NULL, 'created', 'new', 'routing.hub', '{}'::jsonb)
             ), au AS (
               INSERT INTO audit_log (city_id, actor_id, actor_label, action, resource, resource_id, scope, request_id,
                                      ip, sensitive, detail)
               VALUES ($1, NULL, 'anonymous', 'create', 'help_request', $2::text, 'city', $25, '127.0.0.1', true,
                       '{}'::jsonb)
             )
             INSERT INTO mail_outbox (city_id, "to", subject, text)
             SELECT $1, m.to, m.subject, m.text FROM jsonb_to_recordset($26::jsonb) AS m("to" text, subject text, text text)`,
        values: [
          ...values,
          `floor-${run}-${n}`,
          randomBytes(16).toString('hex'),
          JSON.stringify({ id: values[1], trackingCode: values[2], status: 'new' }),
          randomUUID(),
          JSON.stringify(mails),
        ],
      });
    },
  );

  // Floor 2 (for comparison only): the request row alone.
  const floorOne = await floorRun('floor: bare INSERT INTO help_requests alone', (n, row) =>
    pool.query({
      name: 'floor.request-row',
      text: `INSERT INTO help_requests (${requestColumns})
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'new', $10, $11, $12, $13, $14, $15, $16, $17, $18, $19,
                     'it', $20, 'web', NULL, NULL, $21, $20, $20)`,
      values: requestValues(n, row, new Date()),
    }),
  );
  const cpuLine = (what: string, c: CpuUse | undefined, generator: string) =>
    c
      ? `CPU per ${what}: server ${c.server.toFixed(2)} ms, PostgreSQL ${c.postgres.toFixed(2)} ms ` +
        `(${c.postgresBackground.toFixed(2)} of it outside the backends: autovacuum, checkpointer, WAL writer), ` +
        `${generator} ${c.generator.toFixed(2)} ms; other processes on the machine took ${(c.othersShare * 100).toFixed(0)}% of its CPU.`
      : '';

  const [api, bare, requestOnly] = rowsOut as [Figures, Figures, Figures];
  const ratio = api.throughput / bare.throughput;
  const ratioToRequestRow = api.throughput / requestOnly.throughput;
  const pass = api.throughput >= 1000 && api.p99 < 50 && ratio >= 0.5 && rowsMatch;
  const others = [...other].map(([s, c]) => `${c}×${s}`).join(', ') || 'none';
  report(
    `help-requests: ${connections} connections, ${duration} s each, 2 cores shared by load generator, server and PostgreSQL`,
    rowsOut,
    {
      bench: 'help-requests',
      connections,
      throughput: Number(api.throughput.toFixed(1)),
      p50: api.p50,
      p95: api.p95,
      p99: api.p99,
      bareThroughput: Number(bare.throughput.toFixed(1)),
      ratioToBare: Number(ratio.toFixed(3)),
      requestRowThroughput: Number(requestOnly.throughput.toFixed(1)),
      ratioToRequestRow: Number(ratioToRequestRow.toFixed(3)),
      answered201: answered.size,
      dbRows: rowCount,
      rowsMatch,
      targets: { throughput: 1000, p99: 50, ratioToBare: 0.5 },
      cpuMsPerSubmission: apiCpu,
      cpuMsPerBareInsert: floorAll,
      cpuMsPerRequestRowInsert: floorOne,
      pass,
    },
    [
      `| API ÷ bare INSERT of the same rows | | | ${(ratio * 100).toFixed(0)}% | | | |`,
      `| API ÷ bare INSERT of the request row alone | | | ${(ratioToRequestRow * 100).toFixed(0)}% | | | |`,
      '',
      `Targets: ≥ 1,000 submissions/s (${api.throughput.toFixed(0)}), p99 < 50 ms (${api.p99.toFixed(1)}), ` +
        `≥ 50% of the bare INSERT (${(ratio * 100).toFixed(0)}%): ${pass ? 'met' : 'NOT met'}.`,
      `Rows in the database: ${rowCount} for ${answered.size} keys answered 201 (warm-up included; ` +
        `${cut.length} cut in flight by the load generator were resent with their key, ${replayed} replayed): ` +
        `${rowsMatch ? 'one row per 201' : 'MISMATCH'}. Other answers: ${others}.`,
      cpuLine('submission', apiCpu, 'autocannon'),
      cpuLine('bare INSERT of the same rows', floorAll, 'pg client'),
      cpuLine('bare INSERT of the request row', floorOne, 'pg client'),
    ],
  );
} finally {
  await bench.stop();
}
