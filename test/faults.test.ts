import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './db.ts';
import { spawnTs } from './process.ts';

/**
 * The intake survives a crash: the server is killed (SIGKILL) in the middle of a burst of
 * submissions and started again on the same database; every submission that was answered 201 is
 * there, none twice, and a retry with the same Idempotency-Key returns the first answer.
 */

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });

interface Server {
  child: ChildProcess;
  url: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

let db: TestDatabase;
const servers: Server[] = [];

async function start(): Promise<Server> {
  const port = await freePort();
  const child = spawnTs('src/main.ts', [], {
    DATABASE_URL: db.url,
    PORT: String(port),
    HOST: '127.0.0.1',
    JOBS: 'off',
    RATE_LIMIT_PUBLIC_FORMS_PER_MINUTE: '1000000',
  });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const server = { child, url: `http://127.0.0.1:${port}`, exited };
  servers.push(server);
  const started = Date.now();
  while (Date.now() - started < 60_000) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}: ${stderr}`);
    const res = await fetch(`${server.url}/api/health`).catch(() => undefined);
    if (res?.status === 200) return server;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the server did not answer in 60 s: ${stderr}`);
}

beforeAll(async () => {
  db = await createTestDatabase(2);
});
afterAll(async () => {
  for (const s of servers) {
    if (s.child.exitCode === null && s.child.signalCode === null) {
      s.child.kill('SIGKILL');
      await s.exited;
    }
  }
  await db?.drop();
});

const run = randomBytes(4).toString('hex');
const places = ['lamarmora', 'mompiano', 'sanpolino', 'borgo-trento', 'brescia-antica', 'urago-mella'];
const categories = ['shopping', 'medicines', 'company', 'escort', 'paperwork', 'food', 'other'];
const total = 300;
const killAfter = 100;
const loops = 8;

/** 300 different submissions, each with its own key and a description found nowhere else. */
const submissions = Array.from({ length: total }, (_, i) => ({
  key: `fault-${run}-${i}`,
  body: {
    category: categories[i % categories.length],
    description: `Ho bisogno di aiuto, richiesta di prova ${run} numero ${i}.`,
    ...(i % 3 === 0 ? { lat: 45.5367, lon: 10.2713 } : { neighbourhoodCode: places[i % places.length] }),
    contact: { name: `Persona ${i}`, phone: '030 123456', ...(i % 2 ? { email: `p${i}@example.org` } : {}) },
    consent: true,
  },
}));

interface Answer {
  status: number;
  body: { id?: string; [k: string]: unknown };
  replayed: boolean;
}

const post = async (url: string, s: (typeof submissions)[number]): Promise<Answer> => {
  const res = await fetch(`${url}/api/v1/help-requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': s.key },
    body: JSON.stringify(s.body),
  });
  return {
    status: res.status,
    body: (await res.json()) as Answer['body'],
    replayed: res.headers.get('idempotent-replayed') === 'true',
  };
};

/** What a failed fetch says happened to the connection: ECONNREFUSED, ECONNRESET, UND_ERR_SOCKET… */
const connectionError = (error: unknown): string => {
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code ?? String(error);
};

describe('a server killed during a burst of submissions', () => {
  it('keeps every submission it answered 201, once, and replays its answer after the restart', async () => {
    const first = await start();
    const answers = new Map<number, Answer>();
    const errors = new Map<number, string>();
    let next = 0;
    let killed = false;
    await Promise.all(
      Array.from({ length: loops }, async () => {
        while (next < total) {
          const i = next++;
          try {
            answers.set(i, await post(first.url, submissions[i]!));
          } catch (error) {
            errors.set(i, connectionError(error));
          }
          if (!killed && answers.size >= killAfter) {
            killed = true;
            first.child.kill('SIGKILL');
          }
        }
      }),
    );
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });

    // The kill really came mid-burst: answers before it, requests cut in flight, refusals after.
    const codes = [...errors.values()];
    expect(answers.size).toBeGreaterThanOrEqual(killAfter);
    expect(answers.size).toBeLessThan(total - loops);
    expect(answers.size + errors.size).toBe(total);
    expect(codes.every((c) => ['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE'].includes(c))).toBe(
      true,
    );
    expect(codes.filter((c) => c !== 'ECONNREFUSED').length).toBeGreaterThan(0);
    expect([...answers.values()].every((a) => a.status === 201 && !a.replayed)).toBe(true);

    const second = await start();
    // Every submission that got no answer is sent again, same key, same body; and, to compare, a
    // retry of every one that was answered.
    const resent = new Map<number, Answer>();
    let j = 0;
    await Promise.all(
      Array.from({ length: loops }, async () => {
        while (j < total) {
          const i = j++;
          resent.set(i, await post(second.url, submissions[i]!));
        }
      }),
    );
    for (const [i, a] of resent) expect(a.status, `submission ${i}: ${JSON.stringify(a.body)}`).toBe(201);
    for (const [i, first] of answers) {
      const again = resent.get(i)!;
      expect(again.replayed).toBe(true);
      expect(again.body).toEqual(first.body);
    }
    // A request cut in flight comes back replayed when it had committed before the kill, and is
    // created now when it had not: either way, once (checked below).

    // In the database: one row per key, the answered id, one description each, with its
    // history event and its idempotency record.
    const { rows } = await db.pool.query<{ description: string; id: string; rows: number; events: number }>(
      `SELECT h.description, h.help_request_id AS id, count(*) OVER (PARTITION BY h.description)::int AS rows,
              (SELECT count(*)::int FROM help_request_events e
                WHERE e.city_id = h.city_id AND e.help_request_id = h.help_request_id) AS events
         FROM help_requests h WHERE h.description LIKE $1`,
      [`%richiesta di prova ${run} numero %`],
    );
    expect(rows).toHaveLength(total);
    expect(rows.every((r) => r.rows === 1 && r.events === 1)).toBe(true);
    const byDescription = new Map(rows.map((r) => [r.description, r.id]));
    const keys = await db.pool.query<{ key: string; id: string }>(
      `SELECT key, response->>'id' AS id FROM idempotency_keys WHERE scope = 'help_request.create' AND key LIKE $1`,
      [`fault-${run}-%`],
    );
    expect(keys.rows).toHaveLength(total);
    const idOfKey = new Map(keys.rows.map((r) => [r.key, r.id]));
    submissions.forEach((s, i) => {
      const id = byDescription.get(s.body.description);
      expect(id, `submission ${i}`).toBeDefined();
      expect(idOfKey.get(s.key)).toBe(id);
      const answered = answers.get(i) ?? resent.get(i)!;
      expect(answered.body.id).toBe(id);
    });
  }, 90_000);
});
