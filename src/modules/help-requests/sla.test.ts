import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts';
import { registerMessages } from '../../kernel/i18n/index.ts';
import type { JobsLogger } from '../../kernel/jobs/index.ts';
import { checkSla, slaDueAt, slaHours } from './sla.ts';
import { slaMessages } from './sla-messages.ts';

const hour = 3_600_000;
const hubEmail = 'punto.sla@testopoli.example';

let db: TestDatabase;
let testopoli: number;
let brescia: number;
let hubId: string;
let seq = 0;

interface Fixture {
  cityId?: number;
  urgency?: 'low' | 'normal' | 'high' | 'critical';
  status?: string;
  dueInHours: number;
  firstContact?: boolean;
  escalatedAt?: Date;
  hub?: boolean;
  lang?: string;
}

/** A request inserted directly, with every NOT NULL column; returns its id. */
async function insertRequest(f: Fixture): Promise<string> {
  const id = randomUUID();
  const cityId = f.cityId ?? testopoli;
  const hub = f.hub ?? cityId === testopoli;
  const code = `SLA${String(++seq).padStart(5, '0')}`;
  await db.pool.query(
    `INSERT INTO help_requests (city_id, help_request_id, tracking_code, category, description, urgency, status,
                                outcome, neighbourhood_code, zone_code, queue, community_point_id, contact_name,
                                contact_phone, lang, consent_at, channel, first_contact_at, sla_due_at, escalated_at,
                                created_at)
     VALUES ($1, $2, $3, 'food', 'Mi serve la spesa, sono sola in casa', $4, $5, $6, $7, $8, $9, $10,
             'Maria Rossi', '333 1234567', $11, now(), 'web', $12, $13, $14, now() - interval '5 days')`,
    [
      cityId,
      id,
      code,
      f.urgency ?? 'normal',
      f.status ?? 'new',
      f.status === 'closed' ? 'resolved_elsewhere' : null,
      cityId === testopoli ? 'nord-ovest' : 'brescia-antica',
      cityId === testopoli ? 'nord' : 'centro',
      hub ? 'community_point' : 'zone_office',
      hub ? hubId : null,
      f.lang ?? 'it',
      f.firstContact ? new Date(Date.now() - 10 * hour) : null,
      new Date(Date.now() + f.dueInHours * hour),
      f.escalatedAt ?? null,
    ],
  );
  return id;
}

async function state(id: string) {
  const { rows } = await db.pool.query<{
    sla_breached_at: Date | null;
    escalated_at: Date | null;
    events: number;
    audits: number;
  }>(
    `SELECT sla_breached_at, escalated_at,
            (SELECT count(*) FROM help_request_events e
              WHERE e.city_id = h.city_id AND e.help_request_id = h.help_request_id AND e.kind = 'sla_breach') AS events,
            (SELECT count(*) FROM audit_log a
              WHERE a.city_id = h.city_id AND a.resource = 'help_request' AND a.resource_id = h.help_request_id::text
                AND a.action = 'sla_breach') AS audits
       FROM help_requests h WHERE h.help_request_id = $1`,
    [id],
  );
  return rows[0]!;
}

const hubMails = async () =>
  (
    await db.pool.query<{ city_id: number; subject: string; text: string }>(
      'SELECT city_id, subject, text FROM mail_outbox WHERE "to" = $1 ORDER BY mail_id',
      [hubEmail],
    )
  ).rows;

beforeAll(async () => {
  registerMessages(slaMessages);
  db = await createTestDatabase(8);
  const { rows } = await db.pool.query<{ code: string; city_id: number }>('SELECT code, city_id FROM cities');
  testopoli = rows.find((r) => r.code === 'testopoli')!.city_id;
  brescia = rows.find((r) => r.code === 'brescia')!.city_id;
  // The demo seed's requests (some overdue, some due soon) would make the counts below drift.
  await db.pool.query('DELETE FROM help_requests');
  const hub = await db.pool.query<{ community_point_id: string }>(
    `INSERT INTO community_points (city_id, slug, name, host_name, address, lat, lon, neighbourhood_code, zone_code, email)
     VALUES ($1, 'punto-sla-test', 'Punto Comunità di prova', 'Parrocchia di prova', 'Via Prova 1', 43.02, 11.02,
             'nord-ovest', 'nord', $2)
     RETURNING community_point_id`,
    [testopoli, hubEmail],
  );
  hubId = hub.rows[0]!.community_point_id;
});

afterAll(async () => {
  await db?.drop();
});

describe('slaDueAt', () => {
  const from = new Date('2025-03-29T22:00:00Z'); // the night Italy moves to summer time

  it('adds the hours of each urgency, in elapsed time', () => {
    expect(slaHours).toEqual({ critical: 4, high: 24, normal: 72, low: 168 });
    expect(slaDueAt('critical', from).toISOString()).toBe('2025-03-30T02:00:00.000Z');
    expect(slaDueAt('high', from).toISOString()).toBe('2025-03-30T22:00:00.000Z');
    expect(slaDueAt('normal', from).toISOString()).toBe('2025-04-01T22:00:00.000Z');
    expect(slaDueAt('low', from).toISOString()).toBe('2025-04-05T22:00:00.000Z');
  });

  it("takes a city's override for the urgencies it sets, and ignores nonsense", () => {
    const settings = { sla: { critical: 2, high: 12 } };
    expect(slaDueAt('critical', from, settings).getTime() - from.getTime()).toBe(2 * hour);
    expect(slaDueAt('high', from, settings).getTime() - from.getTime()).toBe(12 * hour);
    expect(slaDueAt('normal', from, settings).getTime() - from.getTime()).toBe(72 * hour);
    expect(slaDueAt('low', from, {}).getTime() - from.getTime()).toBe(168 * hour);
    expect(slaDueAt('low', from, { sla: { low: 0 } }).getTime() - from.getTime()).toBe(168 * hour);
    expect(slaDueAt('low', from, { sla: { low: Number.NaN } }).getTime() - from.getTime()).toBe(168 * hour);
  });
});

describe('checkSla', () => {
  let overdue: string;
  let overdueEscalated: string;
  let overdueNoHub: string;
  let contacted: string;
  let notYetDue: string;
  let closed: string;
  let withdrawn: string;
  const earlier = new Date(Date.now() - 30 * hour);

  beforeAll(async () => {
    overdue = await insertRequest({ urgency: 'critical', dueInHours: -1, lang: 'en' });
    overdueEscalated = await insertRequest({ urgency: 'high', dueInHours: -2, escalatedAt: earlier });
    overdueNoHub = await insertRequest({ cityId: brescia, dueInHours: -3 });
    contacted = await insertRequest({ dueInHours: -5, firstContact: true, status: 'in_progress' });
    notYetDue = await insertRequest({ urgency: 'low', dueInHours: 3 });
    closed = await insertRequest({ dueInHours: -5, status: 'closed' });
    withdrawn = await insertRequest({ dueInHours: -5, status: 'withdrawn' });
  });

  it('flags and escalates an overdue request, with one event, one audit row and one mail to its hub', async () => {
    const now = new Date();
    const { breached } = await checkSla(db.pool, now);
    expect(breached).toBe(3);

    const s = await state(overdue);
    expect(s.sla_breached_at?.getTime()).toBe(now.getTime());
    expect(s.escalated_at?.getTime()).toBe(now.getTime());
    expect(s.events).toBe(1);
    expect(s.audits).toBe(1);

    const { rows: events } = await db.pool.query(
      'SELECT actor_id, data FROM help_request_events WHERE help_request_id = $1 AND kind = $2',
      [overdue, 'sla_breach'],
    );
    const { rows: due } = await db.pool.query(
      'SELECT sla_due_at FROM help_requests WHERE help_request_id = $1',
      [overdue],
    );
    expect(events).toEqual([
      { actor_id: null, data: { urgency: 'critical', dueAt: due[0].sla_due_at.toISOString() } },
    ]);
    const { rows: audits } = await db.pool.query(
      "SELECT actor_id, actor_label, outcome FROM audit_log WHERE action = 'sla_breach' AND resource_id = $1",
      [overdue],
    );
    expect(audits).toEqual([{ actor_id: null, actor_label: 'system', outcome: 'ok' }]);

    // One mail for each of the two overdue requests of the hub; the first in the person's language.
    const mails = await hubMails();
    expect(mails).toHaveLength(2);
    const mail = mails.find((m) => m.text.includes(overdue))!;
    expect(mail.city_id).toBe(testopoli);
    expect(mail.subject).toMatch(/^Request SLA0-\d{4}: first contact overdue$/);
    expect(mail.text).toContain(`/sportello/richieste/${overdue}`);
    expect(mail.text).toContain('critical');
    expect(mail.text).toContain('food');
    // No personal data of the person.
    expect(mail.text).not.toMatch(/Maria|Rossi|333|spesa/);
    expect(mails.find((m) => m.text.includes(overdueEscalated))?.subject).toMatch(
      /primo contatto in ritardo/,
    );
  });

  it('keeps an earlier escalation, and flags a request without a hub without mailing anyone', async () => {
    const e = await state(overdueEscalated);
    expect(e.sla_breached_at).not.toBeNull();
    expect(e.escalated_at?.getTime()).toBe(earlier.getTime());
    const n = await state(overdueNoHub);
    expect(n.sla_breached_at).not.toBeNull();
    expect(n.escalated_at).not.toBeNull();
    expect(n.events).toBe(1);
    const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM mail_outbox WHERE text LIKE $1', [
      `%${overdueNoHub}%`,
    ]);
    expect(rows[0].n).toBe(0);
  });

  it('leaves alone a contacted request, one not yet due, and closed or withdrawn ones', async () => {
    for (const id of [contacted, notYetDue, closed, withdrawn]) {
      expect(await state(id)).toEqual({ sla_breached_at: null, escalated_at: null, events: 0, audits: 0 });
    }
  });

  it('flags a breach once when run again', async () => {
    expect(await checkSla(db.pool)).toEqual({ breached: 0 });
    const s = await state(overdue);
    expect(s.events).toBe(1);
    expect(s.audits).toBe(1);
    expect(await hubMails()).toHaveLength(2);
  });

  it('flags each breach once when runs overlap (several servers)', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 40; i++)
      ids.push(await insertRequest({ dueInHours: -1 - i / 10, cityId: i % 2 ? brescia : testopoli }));
    const results = await Promise.all([checkSla(db.pool), checkSla(db.pool), checkSla(db.pool)]);
    expect(results.reduce((sum, r) => sum + r.breached, 0)).toBe(40);
    const { rows } = await db.pool.query<{ events: number; audits: number; flagged: number }>(
      `SELECT (SELECT count(*)::int FROM help_request_events WHERE kind = 'sla_breach' AND help_request_id = ANY($1)) AS events,
              (SELECT count(*)::int FROM audit_log WHERE action = 'sla_breach' AND resource_id = ANY($2)) AS audits,
              (SELECT count(*)::int FROM help_requests WHERE sla_breached_at IS NOT NULL AND help_request_id = ANY($1)) AS flagged`,
      [ids, ids],
    );
    expect(rows[0]).toEqual({ events: 40, audits: 40, flagged: 40 });
    expect(await hubMails()).toHaveLength(2 + 20);
    expect(await checkSla(db.pool)).toEqual({ breached: 0 });
  });

  it('skips a request another transaction holds, and flags it on a later run', async () => {
    const id = await insertRequest({ dueInHours: -1 });
    const other = await db.pool.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT 1 FROM help_requests WHERE help_request_id = $1 FOR UPDATE', [id]);
      expect(await checkSla(db.pool)).toEqual({ breached: 0 });
      await other.query('COMMIT');
    } finally {
      other.release();
    }
    expect(await checkSla(db.pool)).toEqual({ breached: 1 });
    expect((await state(id)).events).toBe(1);
  });

  it('takes a pino logger for the job', () => {
    expectTypeOf(pino()).toExtend<JobsLogger>();
  });
});
