import { execSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ensureWebBuilt } from '../src/web-build.ts';
import { rssMb, startProcess } from './lib.ts';

/**
 * Time from starting the server (`node --import tsx src/main.ts`, what `npm start` runs) to the
 * first 200 of /api/health: on a fresh data directory (initdb, migrations, Brescia's data) and on
 * an existing one (warm); then resident memory at idle. Targets: warm < 5 s, < 300 MB.
 */
const warmRuns = Number(process.env.BENCH_RUNS ?? 3);
ensureWebBuilt((m) => process.stdout.write(`${m}\n`));
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'noi-startup-'));
const env = { DATA_DIR: dataDir, NODE_ENV: 'development', EMBEDDED_PG_PORT: '38200' };
const out = (s: string) => process.stdout.write(`${s}\n`);

function postgresRssMb(): number {
  // Every process of the embedded cluster (postmaster and its workers) started on our data dir.
  const pids = execSync(`pgrep -f "postgres -D ${dataDir}" || true`)
    .toString()
    .trim()
    .split('\n')
    .filter(Boolean);
  let kb = 0;
  for (const pid of pids) {
    const children = execSync(`pgrep -P ${pid} || true`).toString().trim().split('\n').filter(Boolean);
    for (const p of [pid, ...children]) {
      kb += Number(
        execSync(`grep VmRSS /proc/${p}/status 2>/dev/null || echo 0`).toString().match(/(\d+)/)?.[1] ?? 0,
      );
    }
  }
  return kb / 1024;
}

try {
  const timings: { label: string; ms: number }[] = [];
  let t = Date.now();
  let server = await startProcess('src/main.ts', env, 38201);
  timings.push({
    label: 'fresh data directory (initdb + migrations + Brescia demo data)',
    ms: Date.now() - t,
  });
  await server.stop();
  const warm: number[] = [];
  let nodeMb = 0;
  let pgMb = 0;
  for (let i = 0; i < warmRuns; i++) {
    t = Date.now();
    server = await startProcess('src/main.ts', env, 38201);
    warm.push(Date.now() - t);
    if (i === warmRuns - 1) {
      await new Promise((r) => setTimeout(r, 3000));
      nodeMb = await rssMb(server.pid);
      pgMb = postgresRssMb();
    }
    await server.stop();
  }
  warm.sort((a, b) => a - b);
  const warmMedian = warm[Math.floor(warm.length / 2)]!;
  timings.push({ label: `existing data directory (median of ${warmRuns})`, ms: warmMedian });

  out('\nstartup: from process start to the first 200 of /api/health');
  out('| what | seconds |');
  out('|---|---:|');
  for (const x of timings) out(`| ${x.label} | ${(x.ms / 1000).toFixed(2)} |`);
  out('\nmemory at idle (RSS)');
  out('| process | MB |');
  out('|---|---:|');
  out(`| Node.js server | ${nodeMb.toFixed(0)} |`);
  out(`| embedded PostgreSQL (all its processes) | ${pgMb.toFixed(0)} |`);
  out(
    `Targets: warm start < 5 s (${warmMedian < 5000 ? 'met' : 'MISSED'}), server RSS < 300 MB (${nodeMb < 300 ? 'met' : 'MISSED'}).`,
  );
  out(
    JSON.stringify({
      bench: 'startup',
      freshMs: timings[0]!.ms,
      warmMs: warmMedian,
      warmRunsMs: warm,
      nodeRssMb: Math.round(nodeMb),
      postgresRssMb: Math.round(pgMb),
      pass: warmMedian < 5000 && nodeMb < 300,
    }),
  );
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
