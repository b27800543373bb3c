import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { demo, type Session, signIn } from '../../../test/auth.ts';
import { demoPassword } from '../../kernel/auth/crypto.ts';
import { createUser } from '../identity/service/accounts.ts';
import { demoPsychologist, demoSupervisor } from './seed.ts';

let t: TestApp;
let brescia: number;
let supervisor: Session;
let psyA: Session;
let psyB: Session;
let psyOff: Session;
let plainVolunteer: Session;
const ids: Record<string, string> = {};

/** A volunteer account of Brescia; a psychologist (active, registered) unless told otherwise. */
async function volunteer(key: string, options: { psychologist?: boolean; status?: string } = {}) {
  const email = `helpline-${key}@example.org`;
  const user = await createUser(t.database.pool, brescia, {
    email,
    displayName: `Psicologo ${key}`,
    password: demoPassword,
    verified: true,
    assignments: [{ role: 'volunteer', scope: { kind: 'own', ref: null } }],
  });
  const psychologist = options.psychologist ?? true;
  await t.database.pool.query(
    `INSERT INTO volunteers (city_id, user_id, status, skills, psychologist_registration)
     VALUES ($1, $2, $3, $4, $5)`,
    [
      brescia,
      user.id,
      options.status ?? 'active',
      psychologist ? ['psychologist'] : ['shopping'],
      psychologist ? `LOM-9${key.length}${key.charCodeAt(0)}` : null,
    ],
  );
  ids[key] = user.id;
  return signIn(t.app, email);
}

beforeAll(async () => {
  t = await buildTestApp({
    env: { RATE_LIMIT_LOGIN_PER_MINUTE: '1000', RATE_LIMIT_PUBLIC_FORMS_PER_MINUTE: '10000' },
  });
  brescia = (
    await t.database.pool.query<{ city_id: number }>("SELECT city_id FROM cities WHERE code = 'brescia'")
  ).rows[0]!.city_id;
  supervisor = await signIn(t.app, demoSupervisor);
  psyA = await volunteer('a');
  psyB = await volunteer('b');
  psyOff = await volunteer('off');
  plainVolunteer = await volunteer('plain', { psychologist: false });
  await volunteer('paused', { status: 'paused' });
});
afterAll(async () => {
  await t?.close();
});

const count = async (sql: string, params: unknown[] = []) =>
  (await t.database.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0]!.n;

/** Puts a psychologist on shift all day, every day (so "now" is always inside a shift). */
async function allWeek(session: Session, userId: string) {
  for (let weekday = 1; weekday <= 7; weekday++) {
    const res = await session.inject({
      method: 'POST',
      url: '/api/v1/helpline/rota',
      payload: { userId, weekday, start: '00:00', end: '24:00' },
    });
    expect(res.statusCode, res.body).toBe(201);
  }
}

/** A new psychological-support request (it goes to the helpline queue). */
async function newCall(name = 'Giulia Bianchi', urgent = false): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/help-requests',
    headers: { host: 'localhost' },
    payload: {
      category: 'psychological_support',
      description: urgent ? 'Non ce la faccio più, è urgente.' : 'Mi sento sola e in ansia da settimane.',
      neighbourhoodCode: 'lamarmora',
      contact: { name, phone: '030 765 4321', email: 'giulia@example.org' },
      consent: true,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  expect(res.json().queue).toBe('helpline');
  return res.json().id;
}

const requestRow = async (id: string) =>
  (
    await t.database.pool.query<{ status: string; assignee_id: string | null; outcome: string | null }>(
      'SELECT status, assignee_id, outcome FROM help_requests WHERE help_request_id = $1',
      [id],
    )
  ).rows[0]!;

describe('demo data', () => {
  it('has the demo psychologist (registration LOM-00001) on the rota, and the supervisor', async () => {
    const { rows } = await t.database.pool.query(
      `SELECT v.status, v.skills, v.psychologist_registration, count(s.shift_id)::int AS shifts
         FROM users u JOIN volunteers v USING (city_id, user_id)
         LEFT JOIN helpline_shifts s USING (city_id, user_id)
        WHERE u.city_id = $1 AND u.email = $2 GROUP BY 1, 2, 3`,
      [brescia, demoPsychologist],
    );
    expect(rows[0]).toMatchObject({ status: 'active', psychologist_registration: 'LOM-00001', shifts: 2 });
    expect(rows[0].skills).toContain('psychologist');
    const me = await supervisor.inject({ method: 'GET', url: '/api/v1/me' });
    expect(me.json().assignments).toEqual([{ role: 'social_worker', scope: { kind: 'city', ref: null } }]);
  });
});

describe('rota', () => {
  it('shows the week with names to psychologists and the supervisor, and the gaps of the week', async () => {
    const demoPsy = await signIn(t.app, demoPsychologist);
    for (const s of [supervisor, demoPsy, psyOff]) {
      const res = await s.inject({ method: 'GET', url: '/api/v1/helpline/rota' });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.days.map((d: { weekday: number }) => d.weekday)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(body.days[0].shifts[0]).toMatchObject({
        weekday: 1,
        start: '09:00',
        psychologist: { name: expect.any(String) },
      });
      expect(body.psychologists.map((p: { id: string }) => p.id)).toContain(ids.a);
      expect(body.psychologists.map((p: { id: string }) => p.id)).not.toContain(ids.plain);
      expect(body.psychologists.map((p: { id: string }) => p.id)).not.toContain(ids.paused);
    }
    const now = await supervisor.inject({ method: 'GET', url: '/api/v1/helpline/now' });
    expect(now.statusCode).toBe(200);
    const c = now.json();
    expect(c.minPsychologists).toBe(2);
    expect(c.openingHours).toHaveLength(7);
    expect(c.openingHours[0]).toEqual({ weekday: 1, start: '09:00', end: '21:00' });
    // The demo rota leaves Sunday evening empty on purpose.
    expect(
      c.gaps.some(
        (g: { weekday: number; start: string; end: string }) =>
          g.weekday === 7 && g.start <= '18:00' && g.end === '21:00',
      ),
    ).toBe(true);
  });

  it('adds and removes shifts; refuses overlaps, non-psychologists and bad times, storing nothing', async () => {
    const before = await count('helpline_shifts');
    const add = (payload: object) =>
      supervisor.inject({ method: 'POST', url: '/api/v1/helpline/rota', payload });
    const first = await add({ userId: ids.off, weekday: 1, start: '09:00', end: '12:00' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      weekday: 1,
      start: '09:00',
      end: '12:00',
      psychologist: { id: ids.off },
    });
    // Touching ends are fine.
    expect((await add({ userId: ids.off, weekday: 1, start: '12:00', end: '15:00' })).statusCode).toBe(201);
    expect(await count('helpline_shifts')).toBe(before + 2);
    const bad: [object, string][] = [
      [{ userId: ids.off, weekday: 1, start: '11:00', end: '13:00' }, 'start'],
      [{ userId: ids.off, weekday: 1, start: '08:00', end: '16:00' }, 'start'],
      [{ userId: ids.plain, weekday: 2, start: '09:00', end: '12:00' }, 'userId'],
      [{ userId: ids.paused, weekday: 2, start: '09:00', end: '12:00' }, 'userId'],
      [{ userId: ids.off, weekday: 2, start: '12:00', end: '09:00' }, 'end'],
      [{ userId: ids.off, weekday: 2, start: '25:00', end: '26:00' }, 'start'],
      [{ userId: ids.off, weekday: 8, start: '09:00', end: '10:00' }, 'weekday'],
      [{ userId: ids.off, weekday: 2, start: '9', end: '10:00' }, 'start'],
    ];
    for (const [payload, field] of bad) {
      const res = await add(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(JSON.stringify(res.json().errors), JSON.stringify(payload)).toContain(field);
    }
    // Two overlapping shifts sent at once: one is stored.
    const [x, y] = await Promise.all([
      add({ userId: ids.off, weekday: 3, start: '09:00', end: '12:00' }),
      add({ userId: ids.off, weekday: 3, start: '10:00', end: '13:00' }),
    ]);
    expect([x.statusCode, y.statusCode].sort()).toEqual([201, 400]);
    expect(await count('helpline_shifts')).toBe(before + 3);
    for (const s of [psyA, plainVolunteer])
      expect(
        (
          await s.inject({
            method: 'POST',
            url: '/api/v1/helpline/rota',
            payload: {
              userId: ids.off,
              weekday: 4,
              start: '09:00',
              end: '12:00',
            },
          })
        ).statusCode,
      ).toBe(403);
    // Removing: the supervisor only; twice is a 404.
    const shiftId = first.json().id;
    expect(
      (await psyOff.inject({ method: 'DELETE', url: `/api/v1/helpline/rota/${shiftId}` })).statusCode,
    ).toBe(403);
    expect(
      (await supervisor.inject({ method: 'DELETE', url: `/api/v1/helpline/rota/${shiftId}` })).statusCode,
    ).toBe(204);
    expect(
      (await supervisor.inject({ method: 'DELETE', url: `/api/v1/helpline/rota/${shiftId}` })).statusCode,
    ).toBe(404);
    // Leave psyOff without shifts for the rest of the file.
    await t.database.pool.query('DELETE FROM helpline_shifts WHERE user_id = $1', [ids.off]);
  });

  it('tells who is on at a moment (Europe/Rome) and where fewer than the wanted number are on', async () => {
    await allWeek(supervisor, ids.a!);
    await allWeek(supervisor, ids.b!);
    // Monday 13 January 2025, 23:30 in Rome (22:30 UTC): outside opening hours, A and B on.
    const res = await psyA.inject({ method: 'GET', url: '/api/v1/helpline/now?at=2025-01-13T22:30:00Z' });
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json();
    expect(c).toMatchObject({ weekday: 1, time: '23:30', open: false });
    expect(c.onNow.map((o: { psychologist: { id: string } }) => o.psychologist.id).sort()).toEqual(
      [ids.a, ids.b].sort(),
    );
    expect(c.gaps).toEqual([]);
    expect(c.understaffed).toEqual([]);
    // Summer time: 1 July 2025, 07:15 UTC is 09:15 in Rome, a Tuesday.
    const summer = (
      await psyA.inject({ method: 'GET', url: '/api/v1/helpline/now?at=2025-07-01T07:15:00Z' })
    ).json();
    expect(summer).toMatchObject({ weekday: 2, time: '09:15', open: true });
    // Stricter: three wanted, A and B all week plus a few demo shifts: most opening hours are thin.
    const put = await supervisor.inject({
      method: 'PUT',
      url: '/api/v1/helpline/settings',
      payload: { openingHours: [{ weekday: 1, start: '08:00', end: '20:00' }], minPsychologists: 3 },
    });
    expect(put.statusCode, put.body).toBe(200);
    const strict = (await supervisor.inject({ method: 'GET', url: '/api/v1/helpline/now' })).json();
    expect(strict.openingHours).toEqual([{ weekday: 1, start: '08:00', end: '20:00' }]);
    expect(strict.understaffed[0]).toMatchObject({ weekday: 1, start: '08:00', count: 2 });
    expect(
      (await psyA.inject({ method: 'PUT', url: '/api/v1/helpline/settings', payload: put.json() }))
        .statusCode,
    ).toBe(403);
    await supervisor.inject({
      method: 'PUT',
      url: '/api/v1/helpline/settings',
      payload: {
        openingHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '09:00', end: '21:00' })),
        minPsychologists: 2,
      },
    });
  });
});

describe('callback queue and calls', () => {
  it('shows waiting calls to psychologists on shift with only what a callback needs; off shift, none', async () => {
    const id = await newCall('Giulia Bianchi');
    const urgent = await newCall('Marta Rossi', true);
    const res = await psyA.inject({ method: 'GET', url: '/api/v1/helpline/queue' });
    expect(res.statusCode, res.body).toBe(200);
    const q = res.json();
    expect(q).toMatchObject({ role: 'psychologist', onShift: true });
    const mine = q.waiting.find((c: { id: string }) => c.id === id);
    expect(mine).toMatchObject({
      firstName: 'Giulia',
      phone: '030 765 4321',
      lang: 'it',
      status: 'waiting',
      attempts: 0,
      description: 'Mi sento sola e in ansia da settimane.',
    });
    expect(JSON.stringify(q)).not.toContain('giulia@example.org');
    expect(JSON.stringify(q)).not.toContain('Bianchi');
    const order = q.waiting.map((c: { id: string }) => c.id);
    const rank = { critical: 0, high: 1, normal: 2, low: 3 } as Record<string, number>;
    const ranks = q.waiting.map((c: { urgency: string }) => rank[c.urgency]!);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(order.indexOf(urgent)).toBeLessThan(order.indexOf(id));
    const off = (await psyOff.inject({ method: 'GET', url: '/api/v1/helpline/queue' })).json();
    expect(off).toMatchObject({ onShift: false, waiting: [] });
    const sup = (await supervisor.inject({ method: 'GET', url: '/api/v1/helpline/queue' })).json();
    expect(sup.role).toBe('supervisor');
    expect(sup.waiting.map((c: { id: string }) => c.id)).toContain(id);
    expect(
      await count(`audit_log WHERE action = 'list' AND resource = 'helpline_call' AND actor_id = $1`, [
        ids.a,
      ]),
    ).toBeGreaterThan(0);
  });

  it('lets exactly one of two psychologists taking at once win; off shift, taking is refused', async () => {
    const id = await newCall();
    const offTry = await psyOff.inject({ method: 'POST', url: `/api/v1/helpline/calls/${id}/take` });
    expect(offTry.statusCode).toBe(403);
    expect(offTry.headers['content-type']).toContain('application/problem+json');
    expect(await count('helpline_calls WHERE help_request_id = $1', [id])).toBe(0);
    const [a, b] = await Promise.all([
      psyA.inject({ method: 'POST', url: `/api/v1/helpline/calls/${id}/take` }),
      psyB.inject({ method: 'POST', url: `/api/v1/helpline/calls/${id}/take` }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const winner = a.statusCode === 200 ? a : b;
    const winnerId = a.statusCode === 200 ? ids.a : ids.b;
    expect(winner.json()).toMatchObject({ status: 'assigned', psychologist: { id: winnerId } });
    expect(await requestRow(id)).toMatchObject({ status: 'assigned', assignee_id: winnerId });
    const loser = a.statusCode === 200 ? b : a;
    expect(loser.headers['content-type']).toContain('application/problem+json');
    expect(await count(`help_request_events WHERE help_request_id = $1 AND kind = 'assign'`, [id])).toBe(1);
  });

  it('counts attempts, keeps notes private and audited, and closes only with an outcome', async () => {
    const id = await newCall();
    const call = (path: string, s: Session, payload?: object) =>
      s.inject({
        method: path.endsWith('notes') && !payload ? 'GET' : 'POST',
        url: `/api/v1/helpline/calls/${id}/${path}`,
        payload,
      });
    expect((await call('take', psyA)).statusCode).toBe(200);
    expect((await call('attempt', psyB)).statusCode).toBe(403);
    const tried = await call('attempt', psyA);
    expect(tried.json()).toMatchObject({ status: 'called', attempts: 1 });
    expect((await call('attempt', psyA)).json().attempts).toBe(2);
    expect((await requestRow(id)).status).toBe('in_progress');

    const note = await call('notes', psyA, { text: 'Ansia dopo un lutto; richiamare giovedì.' });
    expect(note.statusCode, note.body).toBe(201);
    const reads = () =>
      count(`audit_log WHERE action = 'read' AND resource = 'helpline_notes' AND resource_id = $1`, [id]);
    const before = await reads();
    const mine = await call('notes', psyA);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items.map((n: { text: string }) => n.text)).toEqual([
      'Ansia dopo un lutto; richiamare giovedì.',
    ]);
    expect((await call('notes', supervisor)).statusCode).toBe(200);
    expect(await reads()).toBe(before + 2);
    // Nobody else: another psychologist, a volunteer, hub, zones, the city, a citizen, another city.
    const others: [string, Session][] = [
      ['psyB', psyB],
      ['plain volunteer', plainVolunteer],
      ['operator', await signIn(t.app, 'operatore.lamarmora@demo.cittadelnoi.it')],
      ['social worker sud', await signIn(t.app, demo.sud)],
      ['social worker nord', await signIn(t.app, demo.nord)],
      ['city admin', await signIn(t.app, demo.admin)],
      ['citizen', await signIn(t.app, demo.citizen)],
      ['researcher', await signIn(t.app, demo.researcher)],
      ['admin of another city', await signIn(t.app, demo.admin, { host: 'testopoli.localhost' })],
      ['supervisor of another city', await signIn(t.app, demoSupervisor, { host: 'testopoli.localhost' })],
      [
        'psychologist of another city',
        await signIn(t.app, demoPsychologist, { host: 'testopoli.localhost' }),
      ],
    ];
    for (const [who, s] of others) {
      for (const method of ['GET', 'POST'] as const) {
        const res = await s.inject({
          method,
          url: `/api/v1/helpline/calls/${id}/notes`,
          ...(method === 'POST' ? { payload: { text: 'non dovrei' } } : {}),
        });
        expect([403, 404], `${method} notes as ${who}: ${res.statusCode}`).toContain(res.statusCode);
        expect(res.body).not.toContain('lutto');
      }
    }
    expect(await reads()).toBe(before + 2);
    expect(await count('helpline_notes WHERE help_request_id = $1', [id])).toBe(1);

    const noOutcome = await call('close', psyA, {});
    expect(noOutcome.statusCode).toBe(400);
    expect(JSON.stringify(noOutcome.json())).toContain('outcome');
    expect((await call('close', psyA, { outcome: 'cured' })).statusCode).toBe(400);
    expect((await requestRow(id)).status).toBe('in_progress');
    expect((await call('close', psyB, { outcome: 'talked' })).statusCode).toBe(403);
    const closed = await call('close', psyA, { outcome: 'talked', note: 'Colloquio svolto, sta meglio.' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed' });
    expect(await requestRow(id)).toMatchObject({
      status: 'resolved',
      outcome: 'Linea di ascolto: colloquio svolto.',
    });
    // The person hears that it is resolved, as from a hub: their code and the tracking link, no notes.
    const { rows: codes } = await t.database.pool.query<{ tracking_code: string }>(
      'SELECT tracking_code FROM help_requests WHERE help_request_id = $1',
      [id],
    );
    const raw = codes[0]!.tracking_code;
    const code = `${raw.slice(0, 4)}-${raw.slice(4)}`;
    const { rows: mails } = await t.database.pool.query<{ text: string }>(
      `SELECT text FROM mail_outbox WHERE "to" = 'giulia@example.org' AND subject = $1`,
      [`La tua richiesta ${code} è stata risolta`],
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain(`/segui/${code}`);
    expect(mails[0]!.text).not.toContain('sta meglio');
    expect((await call('close', psyA, { outcome: 'talked' })).statusCode).toBe(409);
    expect((await call('notes', psyA)).json().items).toHaveLength(2);
  });

  it('lets the supervisor give a call to a psychologist on shift, and calls go back to the queue', async () => {
    const id = await newCall();
    const assign = (userId: string | undefined, s = supervisor) =>
      s.inject({ method: 'POST', url: `/api/v1/helpline/calls/${id}/assign`, payload: { userId } });
    expect((await assign(ids.off)).statusCode).toBe(400);
    expect((await assign(ids.plain)).statusCode).toBe(400);
    expect((await assign(ids.b, psyA)).statusCode).toBe(403);
    const given = await assign(ids.b);
    expect(given.statusCode, given.body).toBe(200);
    expect(given.json()).toMatchObject({ status: 'assigned', psychologist: { id: ids.b } });
    expect((await psyA.inject({ method: 'POST', url: `/api/v1/helpline/calls/${id}/take` })).statusCode).toBe(
      409,
    );
    const back = await psyB.inject({ method: 'POST', url: `/api/v1/helpline/calls/${id}/release` });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ status: 'waiting', psychologist: null });
    expect(await requestRow(id)).toMatchObject({ status: 'triaged', assignee_id: null });
    expect(
      (await psyB.inject({ method: 'POST', url: `/api/v1/helpline/calls/${id}/release` })).statusCode,
    ).toBe(409);
    // Taken again, then the supervisor takes it back.
    expect((await psyA.inject({ method: 'POST', url: `/api/v1/helpline/calls/${id}/take` })).statusCode).toBe(
      200,
    );
    expect(
      (await supervisor.inject({ method: 'POST', url: `/api/v1/helpline/calls/${id}/release` })).statusCode,
    ).toBe(200);
    const history = await t.database.pool.query<{ kind: string; to_status: string | null }>(
      'SELECT kind, to_status FROM help_request_events WHERE help_request_id = $1 ORDER BY event_id',
      [id],
    );
    expect(history.rows.map((r) => `${r.kind}:${r.to_status ?? ''}`)).toEqual([
      'created:new',
      'assign:assigned',
      'status:triaged',
      'assign:assigned',
      'status:triaged',
    ]);
  });

  it('answers 404 for calls that are not the helpline’s or not of this city', async () => {
    const { rows } = await t.database.pool.query<{ help_request_id: string }>(
      `SELECT help_request_id FROM help_requests WHERE city_id = $1 AND queue = 'community_point' LIMIT 1`,
      [brescia],
    );
    const hub = rows[0]!.help_request_id;
    expect(
      (await psyA.inject({ method: 'POST', url: `/api/v1/helpline/calls/${hub}/take` })).statusCode,
    ).toBe(404);
    const { rows: foreign } = await t.database.pool.query<{ help_request_id: string }>(
      `SELECT h.help_request_id FROM help_requests h JOIN cities c USING (city_id)
        WHERE c.code = 'testopoli' AND h.queue = 'helpline' LIMIT 1`,
    );
    const there = foreign[0]!.help_request_id;
    for (const path of ['take', 'attempt', 'release'])
      expect(
        (await psyA.inject({ method: 'POST', url: `/api/v1/helpline/calls/${there}/${path}` })).statusCode,
      ).toBe(404);
    expect(
      (await supervisor.inject({ method: 'GET', url: `/api/v1/helpline/calls/${there}/notes` })).statusCode,
    ).toBe(404);
  });

  it('refuses the helpline to everyone else', async () => {
    const people: [string, Session][] = [
      ['plain volunteer', plainVolunteer],
      ['operator', await signIn(t.app, 'operatore.lamarmora@demo.cittadelnoi.it')],
      ['social worker', await signIn(t.app, demo.sud)],
      ['city admin', await signIn(t.app, demo.admin)],
      ['citizen', await signIn(t.app, demo.citizen)],
    ];
    for (const [who, s] of people)
      for (const url of ['/api/v1/helpline/rota', '/api/v1/helpline/now', '/api/v1/helpline/queue']) {
        const res = await s.inject({ method: 'GET', url });
        expect(res.statusCode, `${url} as ${who}`).toBe(403);
      }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/helpline/queue' })).statusCode).toBe(401);
  });
});
