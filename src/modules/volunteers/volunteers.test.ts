import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { demo, type Session, signIn } from '../../../test/auth.ts';
import { createUser } from '../identity/service/accounts.ts';
import { demoVolunteerEmail } from './seed.ts';

let t: TestApp;
let brescia: number;
const op = (slug: string) => `operatore.${slug}@demo.cittadelnoi.it`;
let lamarmora: Session;
let sanpolino: Session;
let admin: Session;
let nord: Session;
let citizen: Session;
const password = 'una-password-di-prova';

beforeAll(async () => {
  t = await buildTestApp({
    env: { RATE_LIMIT_LOGIN_PER_MINUTE: '1000', RATE_LIMIT_PUBLIC_FORMS_PER_MINUTE: '10000' },
  });
  brescia = (
    await t.database.pool.query<{ city_id: number }>("SELECT city_id FROM cities WHERE code = 'brescia'")
  ).rows[0]!.city_id;
  lamarmora = await signIn(t.app, op('lamarmora'));
  sanpolino = await signIn(t.app, op('sanpolino'));
  admin = await signIn(t.app, demo.admin);
  nord = await signIn(t.app, demo.nord);
  citizen = await signIn(t.app, demo.citizen);
});
afterAll(async () => {
  await t?.close();
});

const count = async (sql: string, params: unknown[] = []) =>
  (await t.database.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0]!.n;

const profile = (over: Record<string, unknown> = {}) => ({
  phone: '333 1234567',
  skills: ['company', 'shopping'],
  languages: ['it', 'en'],
  neighbourhoodCodes: ['lamarmora'],
  maxTasks: 2,
  availability: [
    { weekday: 1, start: '09:00', end: '12:00' },
    { weekday: 1, start: '12:00', end: '15:00' },
    { weekday: 3, start: '15:00', end: '18:00' },
  ],
  communityPointSlug: 'lamarmora',
  ...over,
});

/** A new account that signs in, applies, is accepted by the Lamarmora hub and (optionally) cleared. */
async function newVolunteer(name: string, options: { cleared?: boolean } = {}) {
  const email = `${name}@example.org`;
  const user = await createUser(t.database.pool, brescia, {
    email,
    displayName: `Volontaria ${name}`,
    password,
    verified: true,
    assignments: [{ role: 'citizen', scope: { kind: 'own', ref: null } }],
  });
  let session = await signIn(t.app, email, { password });
  const applied = await session.inject({ method: 'POST', url: '/api/v1/volunteers/me', payload: profile() });
  expect(applied.statusCode).toBe(201);
  const accepted = await lamarmora.inject({
    method: 'POST',
    url: `/api/v1/volunteers/${user.id}/status`,
    payload: { status: 'active' },
  });
  expect(accepted.statusCode).toBe(200);
  if (options.cleared) {
    const cleared = await lamarmora.inject({
      method: 'POST',
      url: `/api/v1/volunteers/${user.id}/clearance`,
      payload: { note: 'Casellario giudiziale verificato' },
    });
    expect(cleared.statusCode).toBe(200);
  }
  // A fresh session carries the volunteer role just granted.
  session = await signIn(t.app, email, { password });
  return { id: user.id, session };
}

/** A help request in Lamarmora (a person aged 85 living alone: company needs a cleared volunteer). */
async function newRequest(
  category = 'company',
  circumstances: Record<string, unknown> = { livesAlone: true, age: 85 },
) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/help-requests',
    headers: { host: 'localhost' },
    payload: {
      category,
      description: 'Vivo da sola e vorrei qualcuno con cui fare due chiacchiere ogni tanto.',
      neighbourhoodCode: 'lamarmora',
      contact: { name: 'Signora di prova', phone: '030 7654321' },
      consent: true,
      circumstances,
    },
  });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

describe('demo data', () => {
  it('seeds about 300 volunteers over the 33 neighbourhoods, 60 psychologists, and a demo volunteer with tasks', async () => {
    const seeded = `volunteers v JOIN users u USING (city_id, user_id) WHERE v.city_id = $1 AND u.email LIKE 'volontario%'`;
    expect(await count(seeded, [brescia])).toBe(300);
    expect(await count(`${seeded} AND 'psychologist' = ANY(v.skills)`, [brescia])).toBe(60);
    expect(await count(`${seeded} AND v.psychologist_registration ~ '^LOM-[0-9]{5}$'`, [brescia])).toBe(60);
    expect(
      await count('(SELECT DISTINCT neighbourhood_code FROM volunteer_neighbourhoods WHERE city_id = $1) x', [
        brescia,
      ]),
    ).toBe(33);
    for (const status of ['applied', 'active', 'paused']) {
      expect(await count('volunteers WHERE city_id = $1 AND status = $2', [brescia, status])).toBeGreaterThan(
        0,
      );
    }
    const me = await signIn(t.app, demoVolunteerEmail);
    const tasks = (await me.inject({ method: 'GET', url: '/api/v1/volunteers/me/tasks' })).json();
    expect(tasks.items.map((x: { status: string }) => x.status)).toEqual(
      expect.arrayContaining(['accepted', 'offered']),
    );
    expect((await me.inject({ method: 'GET', url: '/api/v1/volunteers/me' })).json()).toMatchObject({
      status: 'active',
    });
  });
});

describe('applying and the profile', () => {
  it('takes an application (applied), mails the person and the hub, refuses a second one', async () => {
    const mails = await count('mail_outbox');
    const res = await citizen.inject({ method: 'POST', url: '/api/v1/volunteers/me', payload: profile() });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'applied',
      displayName: 'Cittadino (demo)',
      skills: ['company', 'shopping'],
      neighbourhoodCodes: ['lamarmora'],
      communityPoint: { slug: 'lamarmora' },
      clearedAt: null,
      availability: [
        { weekday: 1, start: '09:00', end: '12:00' },
        { weekday: 1, start: '12:00', end: '15:00' },
        { weekday: 3, start: '15:00', end: '18:00' },
      ],
    });
    expect(await count('mail_outbox')).toBe(mails + 2);
    const again = await citizen.inject({ method: 'POST', url: '/api/v1/volunteers/me', payload: profile() });
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    const got = await citizen.inject({ method: 'GET', url: '/api/v1/volunteers/me' });
    expect(got.json().status).toBe('applied');
    const put = await citizen.inject({
      method: 'PUT',
      url: '/api/v1/volunteers/me',
      payload: profile({ skills: ['digital'], maxTasks: 3, maxDistanceKm: 2.5 }),
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ skills: ['digital'], maxTasks: 3, maxDistanceKm: 2.5 });
  });

  it('refuses availability that overlaps itself, and stores nothing', async () => {
    const user = await createUser(t.database.pool, brescia, {
      email: 'overlap@example.org',
      displayName: 'Prova',
      password,
      assignments: [{ role: 'citizen', scope: { kind: 'own', ref: null } }],
    });
    const s = await signIn(t.app, 'overlap@example.org', { password });
    const before = await count('volunteers');
    const res = await s.inject({
      method: 'POST',
      url: '/api/v1/volunteers/me',
      payload: profile({
        availability: [
          { weekday: 2, start: '09:00', end: '12:00' },
          { weekday: 2, start: '11:00', end: '13:00' },
          { weekday: 4, start: '11:00', end: '13:00' },
        ],
      }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'availability.0',
      'availability.1',
    ]);
    expect(res.json().errors[0].message).toContain('sovrappone');
    expect(await count('volunteers')).toBe(before);
    expect(await count('volunteers WHERE user_id = $1', [user.id])).toBe(0);
  });

  it('refuses the psychologist skill without the registration number, a made-up neighbourhood, an end before the start', async () => {
    const s = await signIn(t.app, 'overlap@example.org', { password });
    const psy = await s.inject({
      method: 'POST',
      url: '/api/v1/volunteers/me',
      headers: { 'accept-language': 'en' },
      payload: profile({ skills: ['psychologist'] }),
    });
    expect(psy.statusCode).toBe(400);
    expect(psy.json().errors).toEqual([
      expect.objectContaining({
        field: 'psychologistRegistration',
        message: expect.stringContaining('Ordine'),
      }),
    ]);
    const hood = await s.inject({
      method: 'POST',
      url: '/api/v1/volunteers/me',
      payload: profile({ neighbourhoodCodes: ['atlantide'] }),
    });
    expect(hood.statusCode).toBe(400);
    expect(hood.json().errors[0].field).toBe('neighbourhoodCodes');
    const backwards = await s.inject({
      method: 'POST',
      url: '/api/v1/volunteers/me',
      payload: profile({ availability: [{ weekday: 1, start: '18:00', end: '09:00' }] }),
    });
    expect(backwards.statusCode).toBe(400);
    const ok = await s.inject({
      method: 'POST',
      url: '/api/v1/volunteers/me',
      payload: profile({ skills: ['psychologist'], psychologistRegistration: 'LOM-99999' }),
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().psychologistRegistration).toBe('LOM-99999');
  });
});

describe('staff: the register of volunteers', () => {
  it("shows an operator their hub's volunteers (or who serve its neighbourhoods), the city admin all of them", async () => {
    const res = await lamarmora.inject({ method: 'GET', url: '/api/v1/volunteers?pageSize=200' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBeGreaterThan(0);
    for (const v of body.items)
      expect(
        v.communityPoint?.slug === 'lamarmora' ||
          v.neighbourhoodCodes.some((c: string) => ['lamarmora', 'porta-cremona-volta'].includes(c)),
      ).toBe(true);
    expect(body.items[0]).not.toHaveProperty('lat');
    const all = (await admin.inject({ method: 'GET', url: '/api/v1/volunteers?pageSize=10' })).json();
    expect(all.total).toBeGreaterThan(300);
    const psy = (
      await admin.inject({ method: 'GET', url: '/api/v1/volunteers?skill=psychologist&status=active' })
    ).json();
    expect(psy.items.every((v: { skills: string[] }) => v.skills.includes('psychologist'))).toBe(true);
    expect((await citizen.inject({ method: 'GET', url: '/api/v1/volunteers' })).statusCode).toBe(403);
    expect((await nord.inject({ method: 'GET', url: '/api/v1/volunteers' })).statusCode).toBe(403);
  });

  it("hides another hub's volunteer (404) and audits the read of one", async () => {
    const { rows } = await t.database.pool.query<{ user_id: string }>(
      `SELECT v.user_id FROM volunteers v JOIN community_points cp USING (city_id, community_point_id)
        WHERE v.city_id = $1 AND cp.slug = 'lamarmora'
          AND NOT EXISTS (SELECT 1 FROM volunteer_neighbourhoods vn WHERE vn.city_id = v.city_id AND vn.user_id = v.user_id
                            AND vn.neighbourhood_code IN ('sanpolino', 'san-polo-case', 'san-polo-parco')) LIMIT 1`,
      [brescia],
    );
    const id = rows[0]!.user_id;
    const mine = await lamarmora.inject({ method: 'GET', url: `/api/v1/volunteers/${id}` });
    expect(mine.statusCode).toBe(200);
    expect(
      await count(`audit_log WHERE resource = 'volunteer' AND action = 'read' AND resource_id = $1`, [id]),
    ).toBe(1);
    const other = await sanpolino.inject({ method: 'GET', url: `/api/v1/volunteers/${id}` });
    expect(other.statusCode).toBe(404);
    const status = await sanpolino.inject({
      method: 'POST',
      url: `/api/v1/volunteers/${id}/status`,
      payload: { status: 'paused' },
    });
    expect(status.statusCode).toBe(404);
  });

  it('accepts (grants the volunteer role), pauses, re-accepts; refuses transitions the status machine forbids', async () => {
    const { id } = await newVolunteer('stati');
    const roles = await count(`role_assignments WHERE user_id = $1 AND role = 'volunteer'`, [id]);
    expect(roles).toBe(1);
    const again = await lamarmora.inject({
      method: 'POST',
      url: `/api/v1/volunteers/${id}/status`,
      payload: { status: 'active' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('«attivo»');
    const paused = await lamarmora.inject({
      method: 'POST',
      url: `/api/v1/volunteers/${id}/status`,
      payload: { status: 'paused', reason: 'In vacanza ad agosto' },
    });
    expect(paused.json()).toMatchObject({ status: 'paused', statusReason: 'In vacanza ad agosto' });
    const left = await admin.inject({
      method: 'POST',
      url: `/api/v1/volunteers/${id}/status`,
      payload: { status: 'left' },
    });
    expect(left.json().status).toBe('left');
    expect(await count(`role_assignments WHERE user_id = $1 AND role = 'volunteer'`, [id])).toBe(0);
    const { rows } = await t.database.pool.query<{ subject: string }>(
      `SELECT subject FROM mail_outbox WHERE "to" = 'stati@example.org' ORDER BY mail_id`,
    );
    expect(rows.map((r) => r.subject)).toEqual([
      'Grazie per la tua candidatura come volontario',
      'Benvenuto tra i volontari di Città del Noi',
      'Il tuo volontariato è in pausa',
      'Il tuo volontariato si è concluso',
    ]);
  });

  it('records the clearance: who and when', async () => {
    const { id } = await newVolunteer('idonea', { cleared: true });
    const res = (await admin.inject({ method: 'GET', url: `/api/v1/volunteers/${id}` })).json();
    expect(res.clearedAt).not.toBeNull();
    expect(res.clearedByName).toBe('Operatore Punto Comunità Lamarmora (demo)');
    expect(res.clearanceNote).toBe('Casellario giudiziale verificato');
  });
});

describe('matching one request, offering, accepting', () => {
  let a: Awaited<ReturnType<typeof newVolunteer>>;
  let b: Awaited<ReturnType<typeof newVolunteer>>;
  let plain: Awaited<ReturnType<typeof newVolunteer>>;
  let requestId: string;

  beforeAll(async () => {
    a = await newVolunteer('anna', { cleared: true });
    b = await newVolunteer('bruno', { cleared: true });
    plain = await newVolunteer('carla');
    requestId = await newRequest();
  });

  it('ranks volunteers with their reasons, leaving out those without the clearance the request needs', async () => {
    const res = await lamarmora.inject({
      method: 'GET',
      url: `/api/v1/help-requests/${requestId}/volunteer-matches`,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ needsClearance: true, skills: ['company'] });
    expect(body.withoutClearance).toBeGreaterThan(0);
    const ids = body.candidates.map((c: { volunteerId: string }) => c.volunteerId);
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(ids).not.toContain(plain.id);
    const scores = body.candidates.map((c: { score: number }) => c.score);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
    const anna = body.candidates.find((c: { volunteerId: string }) => c.volunteerId === a.id);
    const codes = anna.reasons.map((r: { code: string }) => r.code);
    expect(codes).toEqual(expect.arrayContaining(['skill', 'same_neighbourhood', 'load', 'cleared']));
    expect(anna.reasons).toContainEqual({ code: 'skill', params: { skill: 'company' } });
  });

  it('refuses to offer the task to a volunteer without the clearance, and writes nothing', async () => {
    const before = await count('volunteer_tasks');
    const res = await lamarmora.inject({
      method: 'POST',
      url: `/api/v1/help-requests/${requestId}/volunteer-tasks`,
      payload: { volunteerIds: [a.id, plain.id], brief: 'Una visita di compagnia il lunedì mattina.' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('Volontaria carla');
    expect(await count('volunteer_tasks')).toBe(before);
  });

  it("keeps other hubs and other roles out of a hub's request", async () => {
    expect(
      (await sanpolino.inject({ method: 'GET', url: `/api/v1/help-requests/${requestId}/volunteer-matches` }))
        .statusCode,
    ).toBe(404);
    const offer = await sanpolino.inject({
      method: 'POST',
      url: `/api/v1/help-requests/${requestId}/volunteer-tasks`,
      payload: { volunteerIds: [a.id], brief: 'Prova' },
    });
    expect(offer.statusCode).toBe(404);
    expect(
      (await citizen.inject({ method: 'GET', url: `/api/v1/help-requests/${requestId}/volunteer-matches` }))
        .statusCode,
    ).toBe(403);
    expect(
      (await a.session.inject({ method: 'GET', url: `/api/v1/help-requests/${requestId}/volunteer-matches` }))
        .statusCode,
    ).toBe(403);
  });

  it('offers it to two volunteers (a mail each); of two accepting at once exactly one wins', async () => {
    const mails = await count('mail_outbox');
    const res = await lamarmora.inject({
      method: 'POST',
      url: `/api/v1/help-requests/${requestId}/volunteer-tasks`,
      payload: { volunteerIds: [a.id, b.id], brief: 'Una visita di compagnia il lunedì mattina.' },
    });
    expect(res.statusCode).toBe(201);
    const tasks = res.json().tasks as { id: string; volunteerId: string }[];
    expect(tasks).toHaveLength(2);
    expect(await count('mail_outbox')).toBe(mails + 2);
    const taskOf = (v: string) => tasks.find((x) => x.volunteerId === v)!.id;

    // Before accepting, the volunteer sees no contact and nothing of the request but what the task needs.
    const offered = (await a.session.inject({ method: 'GET', url: '/api/v1/volunteers/me/tasks' })).json();
    const mine = offered.items.find((x: { id: string }) => x.id === taskOf(a.id));
    expect(mine).toMatchObject({
      status: 'offered',
      contact: null,
      category: 'company',
      neighbourhood: { code: 'lamarmora' },
    });
    expect(JSON.stringify(offered)).not.toContain('chiacchiere');
    expect(JSON.stringify(offered)).not.toContain('7654321');

    const [ra, rb] = await Promise.all([
      a.session.inject({ method: 'POST', url: `/api/v1/volunteer-tasks/${taskOf(a.id)}/accept` }),
      b.session.inject({ method: 'POST', url: `/api/v1/volunteer-tasks/${taskOf(b.id)}/accept` }),
    ]);
    expect([ra.statusCode, rb.statusCode].sort()).toEqual([200, 409]);
    const [winner, loser] = ra.statusCode === 200 ? [a, b] : [b, a];
    const lost = ra.statusCode === 200 ? rb : ra;
    expect(lost.json().detail).toBe('Un altro volontario ha già preso questo compito.');
    const { rows } = await t.database.pool.query<{ user_id: string; status: string }>(
      'SELECT user_id, status FROM volunteer_tasks WHERE help_request_id = $1',
      [requestId],
    );
    expect(rows.find((r) => r.user_id === winner.id)!.status).toBe('accepted');
    expect(rows.find((r) => r.user_id === loser.id)!.status).toBe('cancelled');
    const request = await t.database.pool.query<{ status: string }>(
      'SELECT status FROM help_requests WHERE help_request_id = $1',
      [requestId],
    );
    expect(request.rows[0]!.status).toBe('assigned');
    expect(
      await count(
        `help_request_events WHERE help_request_id = $1 AND kind = 'volunteer_accept' AND to_status = 'assigned'`,
        [requestId],
      ),
    ).toBe(1);
    expect(
      await count(`mail_outbox WHERE "to" = 'pc.lamarmora@example.org' AND subject LIKE '%ha accettato%'`),
    ).toBeGreaterThanOrEqual(0);

    // Now the winner sees the contact; the request is taken for anyone else.
    const won = (await winner.session.inject({ method: 'GET', url: '/api/v1/volunteers/me/tasks' })).json();
    expect(won.items.find((x: { status: string }) => x.status === 'accepted').contact).toEqual({
      name: 'Signora di prova',
      phone: '030 7654321',
    });
    const taken = await lamarmora.inject({
      method: 'POST',
      url: `/api/v1/help-requests/${requestId}/volunteer-tasks`,
      payload: { volunteerIds: [plain.id], brief: 'Prova' },
    });
    expect(taken.statusCode).toBe(409);
    const late = await loser.session.inject({
      method: 'POST',
      url: `/api/v1/volunteer-tasks/${taskOf(loser.id)}/accept`,
    });
    expect(late.statusCode).toBe(409);

    // Done, with hours: the hub is told, the figures count it.
    const done = await winner.session.inject({
      method: 'POST',
      url: `/api/v1/volunteer-tasks/${taskOf(winner.id)}/done`,
      payload: { note: 'Abbiamo preso un caffè insieme.', hours: 1.5 },
    });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', hours: 1.5, contact: null });
    const twice = await winner.session.inject({
      method: 'POST',
      url: `/api/v1/volunteer-tasks/${taskOf(winner.id)}/done`,
      payload: { note: 'Di nuovo', hours: 1 },
    });
    expect(twice.statusCode).toBe(409);
    const figures = (await admin.inject({ method: 'GET', url: '/api/v1/volunteers/figures' })).json();
    expect(
      figures.byVolunteer.find((v: { volunteerId: string }) => v.volunteerId === winner.id),
    ).toMatchObject({
      tasks: 1,
      hours: 1.5,
    });
  });

  it("another volunteer cannot answer someone else's task (404)", async () => {
    const { rows } = await t.database.pool.query<{ task_id: string }>(
      `SELECT task_id FROM volunteer_tasks WHERE user_id = $1 LIMIT 1`,
      [a.id],
    );
    const res = await plain.session.inject({
      method: 'POST',
      url: `/api/v1/volunteer-tasks/${rows[0]!.task_id}/accept`,
    });
    expect(res.statusCode).toBe(404);
  });

  it('takes a reason to decline, and refuses declining twice', async () => {
    const other = await newRequest('shopping', {});
    const offer = await lamarmora.inject({
      method: 'POST',
      url: `/api/v1/help-requests/${other}/volunteer-tasks`,
      payload: { volunteerIds: [plain.id], brief: 'Spesa del sabato.' },
    });
    expect(offer.statusCode).toBe(201);
    const taskId = offer.json().tasks[0].id;
    const noReason = await plain.session.inject({
      method: 'POST',
      url: `/api/v1/volunteer-tasks/${taskId}/decline`,
      payload: {},
    });
    expect(noReason.statusCode).toBe(400);
    const declined = await plain.session.inject({
      method: 'POST',
      url: `/api/v1/volunteer-tasks/${taskId}/decline`,
      payload: { reason: 'Sabato non ci sono' },
    });
    expect(declined.statusCode).toBe(200);
    expect(declined.json()).toMatchObject({ status: 'declined', declineReason: 'Sabato non ci sono' });
    const again = await plain.session.inject({
      method: 'POST',
      url: `/api/v1/volunteer-tasks/${taskId}/decline`,
      payload: { reason: 'Ancora no' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toBe('Hai già rifiutato questo compito.');
    expect(
      await count(`volunteer_tasks WHERE task_id = $1 AND decline_reason = 'Sabato non ci sono'`, [taskId]),
    ).toBe(1);
  });
});

describe('assign all: batch proposals', () => {
  it('proposes pairs for a zone, keeps it to the zone’s staff, applies a subset, then refuses to apply twice', async () => {
    const res = await admin.inject({
      method: 'POST',
      url: '/api/v1/matching/batches',
      payload: { zoneCode: 'sud' },
    });
    expect(res.statusCode).toBe(201);
    const batch = res.json();
    expect(batch).toMatchObject({ status: 'proposed', zoneCode: 'sud', strategy: 'optimal' });
    expect(batch.pairs.length).toBeGreaterThan(0);
    expect(batch.stats.matched).toBe(batch.pairs.length);
    expect(batch.pairs[0]).toMatchObject({
      requestSummary: expect.stringContaining('·'),
      volunteerName: expect.any(String),
    });
    expect(
      (await nord.inject({ method: 'GET', url: `/api/v1/matching/batches/${batch.batchId}` })).statusCode,
    ).toBe(404);
    expect(
      (await lamarmora.inject({ method: 'GET', url: `/api/v1/matching/batches/${batch.batchId}` }))
        .statusCode,
    ).toBe(200);

    const first = batch.pairs[0].requestId;
    const mails = await count('mail_outbox');
    const applied = await admin.inject({
      method: 'POST',
      url: `/api/v1/matching/batches/${batch.batchId}/apply`,
      payload: { requestIds: [first] },
    });
    expect(applied.statusCode).toBe(200);
    expect(applied.json()).toMatchObject({ status: 'applied', created: [{ requestId: first }], skipped: [] });
    expect(await count('volunteer_tasks WHERE batch_id = $1', [batch.batchId])).toBe(1);
    expect(await count('mail_outbox')).toBe(mails + 1);
    const twice = await admin.inject({
      method: 'POST',
      url: `/api/v1/matching/batches/${batch.batchId}/apply`,
      payload: {},
    });
    expect(twice.statusCode).toBe(409);
  });

  it('skips and reports a request taken meanwhile; greedy works too; a discarded proposal stays discarded', async () => {
    const batch = (
      await admin.inject({
        method: 'POST',
        url: '/api/v1/matching/batches',
        payload: { zoneCode: 'sud', strategy: 'greedy' },
      })
    ).json();
    expect(batch.strategy).toBe('greedy');
    const [p1, p2] = batch.pairs as { requestId: string; volunteerId: string }[];
    // Someone offers p1's request by hand meanwhile.
    await t.database.pool.query(
      `INSERT INTO volunteer_tasks (city_id, help_request_id, user_id, brief, offered_by)
       SELECT $1, $2, $3, 'a mano', user_id FROM users WHERE city_id = $1 AND email = $4`,
      [brescia, p1!.requestId, p2!.volunteerId, demo.admin],
    );
    const applied = (
      await admin.inject({
        method: 'POST',
        url: `/api/v1/matching/batches/${batch.batchId}/apply`,
        payload: { requestIds: [p1!.requestId, p2!.requestId] },
      })
    ).json();
    expect(applied.skipped).toEqual([{ requestId: p1!.requestId, reason: 'request_taken' }]);
    expect(applied.created.map((c: { requestId: string }) => c.requestId)).toEqual([p2!.requestId]);

    const other = (
      await admin.inject({ method: 'POST', url: '/api/v1/matching/batches', payload: { zoneCode: 'sud' } })
    ).json();
    const discarded = await admin.inject({
      method: 'POST',
      url: `/api/v1/matching/batches/${other.batchId}/discard`,
      payload: {},
    });
    expect(discarded.json().status).toBe('discarded');
    expect(
      (
        await admin.inject({
          method: 'POST',
          url: `/api/v1/matching/batches/${other.batchId}/apply`,
          payload: {},
        })
      ).statusCode,
    ).toBe(409);
  });

  it("gives an operator their hubs' requests of their own zone only; refuses an unknown zone", async () => {
    const mine = await lamarmora.inject({
      method: 'POST',
      url: '/api/v1/matching/batches',
      payload: { zoneCode: 'sud' },
    });
    expect(mine.statusCode).toBe(201);
    for (const p of mine.json().pairs as { requestId: string }[]) {
      const { rows } = await t.database.pool.query<{ slug: string }>(
        `SELECT cp.slug FROM help_requests h JOIN community_points cp USING (city_id, community_point_id) WHERE h.help_request_id = $1`,
        [p.requestId],
      );
      expect(rows[0]!.slug).toBe('lamarmora');
    }
    expect(
      (
        await lamarmora.inject({
          method: 'POST',
          url: '/api/v1/matching/batches',
          payload: { zoneCode: 'nord' },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await admin.inject({
          method: 'POST',
          url: '/api/v1/matching/batches',
          payload: { zoneCode: 'atlantide' },
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await citizen.inject({
          method: 'POST',
          url: '/api/v1/matching/batches',
          payload: { zoneCode: 'sud' },
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('figures and other cities', () => {
  it('suppresses small counts and names for the public, shows them to the city', async () => {
    const pub = await t.app.inject({
      method: 'GET',
      url: '/api/v1/volunteers/figures',
      headers: { host: 'localhost' },
    });
    expect(pub.statusCode).toBe(200);
    const body = pub.json();
    expect(body.byVolunteer).toEqual([]);
    expect(body.suppressedBelow).toBe(5);
    for (const c of [...body.byMonth, ...body.byHub, ...body.byHubMonth])
      expect(c.tasks === null || c.tasks >= 5).toBe(true);
    const city = (await admin.inject({ method: 'GET', url: '/api/v1/volunteers/figures' })).json();
    expect(city.totals.hours).toBeGreaterThan(0);
    expect(city.byVolunteer.length).toBeGreaterThan(0);
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/v1/volunteers/figures?from=2025-13',
      headers: { host: 'localhost' },
    });
    expect(bad.statusCode).toBe(400);
  });

  it("never shows another city's volunteers or requests", async () => {
    const testopoli = await signIn(t.app, demo.admin, { host: 'testopoli.localhost' });
    const { rows } = await t.database.pool.query<{ user_id: string }>(
      'SELECT user_id FROM volunteers WHERE city_id = $1 LIMIT 1',
      [brescia],
    );
    const res = await testopoli.inject({ method: 'GET', url: `/api/v1/volunteers/${rows[0]!.user_id}` });
    expect(res.statusCode).toBe(404);
    const list = (await testopoli.inject({ method: 'GET', url: '/api/v1/volunteers?pageSize=200' })).json();
    expect(list.items.map((v: { userId: string }) => v.userId)).not.toContain(rows[0]!.user_id);
    expect(list.total).toBeLessThan(20);
    // Brescia's session on Testopoli's host is nobody there.
    const cross = await admin.inject({
      method: 'GET',
      url: '/api/v1/volunteers',
      headers: { host: 'testopoli.localhost' },
    });
    expect(cross.statusCode).toBe(401);
  });
});
