import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './db.ts';
import { runTs, spawnTs } from './process.ts';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase(2);
});
afterAll(async () => {
  await db.drop();
});

describe('starting the platform', () => {
  it('explains an unreachable DATABASE_URL in one readable line, without a stack trace', async () => {
    const ran = await runTs('src/main.ts', [], { DATABASE_URL: 'postgres://noi:secret@127.0.0.1:1/nowhere' });
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain(
      'Cannot connect to PostgreSQL at 127.0.0.1:1/nowhere: nothing answers there',
    );
    expect(ran.stderr).not.toContain('secret');
    expect(ran.stderr).not.toMatch(/\n\s+at /);
  });

  it('explains invalid settings', async () => {
    const ran = await runTs('src/main.ts', [], { PORT: 'abc' });
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain('Invalid configuration');
    expect(ran.stderr).toContain('PORT');
  });

  it('serves /api/health on DATABASE_URL and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const child = spawnTs('src/main.ts', [], { DATABASE_URL: db.url, PORT: String(port), HOST: '127.0.0.1' });
    let done = false;
    let stderr = '';
    child.stderr?.on('data', (d) => {
      stderr += d;
    });
    const exited = new Promise<number | null>((resolve) =>
      child.on('close', (code) => {
        done = true;
        resolve(code);
      }),
    );
    let health: Response | undefined;
    for (let i = 0; i < 120 && !health && !done; i++) {
      await new Promise((r) => setTimeout(r, 200));
      health = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => undefined);
    }
    expect(stderr).toBe('');
    expect(health?.status).toBe(200);
    const territory = await fetch(`http://127.0.0.1:${port}/api/v1/territory`);
    expect((await territory.json()).zones).toHaveLength(5);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});

async function startAndStop(
  env: Record<string, string>,
  signal: NodeJS.Signals,
): Promise<{ ms: number; code: number | null }> {
  const port = await freePort();
  const started = Date.now();
  const child = spawnTs('src/main.ts', [], { PORT: String(port), HOST: '127.0.0.1', ...env });
  let done = false;
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      done = true;
      resolve(code);
    }),
  );
  let ok = false;
  while (!ok && !done && Date.now() - started < 90_000) {
    await new Promise((r) => setTimeout(r, 200));
    ok = (await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => undefined))?.status === 200;
  }
  const ms = Date.now() - started;
  expect(ok).toBe(true);
  child.kill(signal);
  return { ms, code: await exited };
}

describe('the embedded PostgreSQL (no DATABASE_URL)', () => {
  it('creates its cluster on first start, keeps it, and stops it with the server', async () => {
    const { mkdtemp, rm, readFile } = await import('node:fs/promises');
    const { existsSync } = await import('node:fs');
    const dataDir = await mkdtemp('/tmp/noi-start-');
    const env = { DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(57000 + (process.pid % 400)) };
    try {
      const first = await startAndStop(env, 'SIGINT');
      expect(first.code).toBe(0);
      expect(existsSync(`${dataDir}/pg/PG_VERSION`)).toBe(true);
      expect(existsSync(`${dataDir}/pg/postmaster.pid`)).toBe(false);
      const second = await startAndStop(env, 'SIGTERM');
      expect(second.code).toBe(0);
      expect(existsSync(`${dataDir}/pg/postmaster.pid`)).toBe(false);
      expect((await readFile(`${dataDir}/pg.secret`, 'utf8')).length).toBeGreaterThan(20);
      // Killed hard, the server leaves PostgreSQL running: the next start must take over cleanly.
      const killed = await startAndStop(env, 'SIGKILL');
      expect(killed.code).toBe(null);
      const after = await startAndStop(env, 'SIGTERM');
      expect(after.code).toBe(0);
      expect(existsSync(`${dataDir}/pg/postmaster.pid`)).toBe(false);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 240_000);
});

describe('EMBEDDED_PG_SHARED_BUFFERS', () => {
  it('sizes the embedded server’s cache, and refuses a value that is not a size', async () => {
    const { loadConfig } = await import('../src/kernel/config.ts');
    const { startEmbeddedPostgres } = await import('../src/kernel/db/embedded.ts');
    const pg = (await import('pg')).default;
    const { mkdtemp, rm } = await import('node:fs/promises');
    expect(() => loadConfig({ EMBEDDED_PG_SHARED_BUFFERS: 'lots' })).toThrow(/EMBEDDED_PG_SHARED_BUFFERS/);
    const config = loadConfig({ EMBEDDED_PG_SHARED_BUFFERS: '64MB' });
    expect(config.embeddedPgSharedBuffers).toBe('64MB');
    const dataDir = await mkdtemp('/tmp/noi-buffers-');
    const server = await startEmbeddedPostgres({
      dir: `${dataDir}/pg`,
      port: 57500 + (process.pid % 400),
      sharedBuffers: config.embeddedPgSharedBuffers,
    });
    try {
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      const { rows } = await client.query<{ shared_buffers: string }>('SHOW shared_buffers');
      await client.end();
      expect(rows[0]?.shared_buffers).toBe('64MB');
    } finally {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('npm run noi -- territory import', () => {
  it('replaces boundaries with official ones, matched by ISTAT code, and says which are still approximate', async () => {
    const { rows } = await db.pool.query<{ code: string; istat_code: string; boundary: unknown }>(
      `SELECT n.code, n.istat_code, n.boundary FROM neighbourhoods n JOIN cities c USING (city_id)
        WHERE c.code = 'brescia' AND n.code IN ('mompiano', 'sanpolino') ORDER BY n.code`,
    );
    const file = `${db.name}-import.geojson`;
    const { writeFile, rm } = await import('node:fs/promises');
    const path = `/tmp/${file}`;
    await writeFile(
      path,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          ...rows.map((r) => ({
            type: 'Feature',
            properties: { 'ref:ISTAT': r.istat_code },
            geometry: r.boundary,
          })),
          { type: 'Feature', properties: { name: 'Atlantide' }, geometry: rows[0]?.boundary },
        ],
      }),
    );
    try {
      const ran = await runTs(
        'src/cli.ts',
        ['territory', 'import', path, '--source', 'OpenStreetMap (test)'],
        {
          DATABASE_URL: db.url,
        },
      );
      expect(ran.stderr).toBe('');
      expect(ran.code).toBe(0);
      expect(ran.stdout).toContain('2 neighbourhood boundaries replaced');
      expect(ran.stdout).toContain('Atlantide');
      const after = await db.pool.query(
        `SELECT count(*)::int AS n FROM neighbourhoods n JOIN cities c USING (city_id)
          WHERE c.code = 'brescia' AND NOT n.boundary_approximate AND n.boundary_source = 'OpenStreetMap (test)'`,
      );
      expect(after.rows[0].n).toBe(2);
    } finally {
      await rm(path, { force: true });
    }
  });

  it('changes nothing when a geometry is invalid', async () => {
    const path = `/tmp/${db.name}-bad.geojson`;
    const { writeFile, rm } = await import('node:fs/promises');
    await writeFile(
      path,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { code: 'lamarmora' },
            geometry: { type: 'Polygon', coordinates: [[[10, 45]]] },
          },
        ],
      }),
    );
    const before = await db.pool.query(
      "SELECT boundary_approximate FROM neighbourhoods WHERE code = 'lamarmora'",
    );
    try {
      const ran = await runTs('src/cli.ts', ['territory', 'import', path], { DATABASE_URL: db.url });
      expect(ran.code).toBe(1);
      expect(ran.stderr).toContain('features.0.geometry');
      const after = await db.pool.query(
        "SELECT boundary_approximate FROM neighbourhoods WHERE code = 'lamarmora'",
      );
      expect(after.rows).toEqual(before.rows);
    } finally {
      await rm(path, { force: true });
    }
  });
});
