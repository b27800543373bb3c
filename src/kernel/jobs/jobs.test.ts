import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts';
import { Jobs, jobsTimeZone } from './index.ts';

let db: TestDatabase;
let jobs: Jobs;
const errors: string[] = [];

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  db = await createTestDatabase(2);
  const log = pino({ level: 'silent' });
  jobs = new Jobs(db.url, {
    info: (m) => log.info(m),
    error: (obj, msg) => errors.push(`${msg}: ${String((obj as { err?: Error }).err?.message)}`),
  });
});

afterAll(async () => {
  await jobs?.stop();
  await db?.drop();
});

describe('Jobs (pg-boss in the same database)', () => {
  let beforeStart = 0;
  let afterStart = 0;

  it('starts, creating its own schema', async () => {
    await jobs.every('test-registered-before-start', '0 3 * * *', async () => {
      beforeStart++;
    });
    await jobs.start();
    const { rows } = await db.pool.query("SELECT 1 FROM pg_namespace WHERE nspname = 'pgboss'");
    expect(rows).toHaveLength(1);
  });

  it('runs a job registered before start on demand', async () => {
    await jobs.runNow('test-registered-before-start');
    await until(() => beforeStart === 1);
  });

  it('schedules, works and runs a job registered after start', async () => {
    await jobs.every('test-tick', '*/5 * * * *', async () => {
      afterStart++;
    });
    const { rows } = await db.pool.query<{ cron: string; timezone: string }>(
      "SELECT cron, timezone FROM pgboss.schedule WHERE name = 'test-tick'",
    );
    expect(rows).toEqual([{ cron: '*/5 * * * *', timezone: jobsTimeZone }]);
    expect(await jobs.runNow('test-tick')).toEqual(expect.any(String));
    await until(() => afterStart === 1);
  });

  it('logs a run that throws and marks it failed', async () => {
    await jobs.every('test-failing', '0 4 * * *', async () => {
      throw new Error('boom');
    });
    const id = await jobs.runNow('test-failing');
    await until(() => errors.length > 0);
    expect(errors[0]).toContain('boom');
    await until(async () => {
      const { rows } = await db.pool.query<{ state: string }>('SELECT state FROM pgboss.job WHERE id = $1', [
        id,
      ]);
      return rows[0]?.state === 'failed';
    });
  });

  it('refuses a name registered twice and an unknown job', async () => {
    await expect(jobs.every('test-tick', '* * * * *', async () => {})).rejects.toThrow(/twice/);
    await expect(jobs.runNow('nope')).rejects.toThrow(/No job/);
  });

  it('stops cleanly', async () => {
    await jobs.stop();
    await expect(jobs.runNow('test-tick')).rejects.toThrow(/not started/);
  });
});
