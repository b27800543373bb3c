import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { demo, type Session, signIn } from '../../../test/auth.ts';
import { parseCalendar } from './ical.ts';

let t: TestApp;
let brescia: number;
const op = (slug: string) => `operatore.${slug}@demo.cittadelnoi.it`;
let lamarmora: Session;
let sanpolino: Session;
let admin: Session;
let citizen: Session;
let researcher: Session;
let nord: Session;

beforeAll(async () => {
  t = await buildTestApp({
    env: { RATE_LIMIT_LOGIN_PER_MINUTE: '1000', RATE_LIMIT_PUBLIC_FORMS_PER_MINUTE: '10000' },
  });
  brescia = (
    await t.database.pool.query<{ city_id: number }>("SELECT city_id FROM cities WHERE code = 'brescia'")
  ).rows[0]!.city_id;
  [lamarmora, sanpolino, admin, citizen, researcher, nord] = await Promise.all([
    signIn(t.app, op('lamarmora')),
    signIn(t.app, op('sanpolino')),
    signIn(t.app, demo.admin),
    signIn(t.app, demo.citizen),
    signIn(t.app, demo.researcher),
    signIn(t.app, demo.nord),
  ]);
});
afterAll(async () => {
  await t?.close();
});

const get = (url: string, host = 'localhost') => t.app.inject({ method: 'GET', url, headers: { host } });
const count = async (sql: string, params: unknown[] = []) =>
  (await t.database.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0]!.n;
const inDays = (d: number, hour = 17) => {
  const x = new Date(Date.now() + d * 86_400_000);
  x.setUTCHours(hour, 0, 0, 0);
  return x.toISOString();
};

/** An initiative of the Lamarmora hub, for the tests below. */
async function newInitiative(title: string) {
  const res = await lamarmora.inject({
    method: 'POST',
    url: '/api/v1/initiatives',
    payload: {
      title,
      description: 'Prova',
      neighbourhoodCode: 'lamarmora',
      partners: [{ name: 'ACLI' }],
      status: 'running',
      startsOn: new Date().toISOString().slice(0, 10),
      programmePart: 'community_points',
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; slug: string };
}

async function newEvent(slug: string, over: Record<string, unknown> = {}, as: Session = lamarmora) {
  const res = await as.inject({
    method: 'POST',
    url: `/api/v1/initiatives/${slug}/events`,
    payload: {
      title: 'Laboratorio di cucina',
      place: 'Punto Comunità Lamarmora',
      startsAt: inDays(10),
      endsAt: inDays(10, 19),
      capacity: 2,
      ...over,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().items as { id: string; seriesId: string | null; startsAt: string; placesLeft: number }[];
}

describe('demo data and figures', () => {
  it('reproduces the 74 initiatives of 2018/19 over the 19 hubs, each with at least two', async () => {
    const res = await get('/api/v1/initiatives/figures?year=2018');
    expect(res.statusCode).toBe(200);
    const f = res.json();
    expect(f.initiatives).toBe(74);
    expect(f.from).toBe('2018-09-01');
    expect(Object.keys(f.initiativesByCommunityPoint)).toHaveLength(19);
    for (const n of Object.values(f.initiativesByCommunityPoint)) expect(n).toBeGreaterThanOrEqual(2);
    expect(f.participants.seats).toBeGreaterThan(100);
    expect(f.suppressedBelow).toBe(5);
    for (const v of Object.values(f.participantsByNeighbourhood))
      expect(v === null || (v as number) >= 5).toBe(true);
    const list = (await get('/api/v1/initiatives?year=2018&pageSize=5')).json();
    expect(list.total).toBe(74);
    expect(list.items).toHaveLength(5);
    expect(list.items[0]).toMatchObject({ status: 'completed', nextEvent: null });
    expect((await get('/api/v1/initiatives?year=2017')).json().total).toBe(0);
    const registered = await count(
      `community_events e WHERE e.city_id = $1 AND e.registered_count <> coalesce((SELECT sum(seats) FROM event_registrations r
         WHERE r.city_id = e.city_id AND r.event_id = e.event_id AND r.status = 'registered'), 0)`,
      [brescia],
    );
    expect(registered).toBe(0);
  });

  it('has current initiatives with upcoming events, one full with a waiting line', async () => {
    const running = (await get('/api/v1/initiatives?status=running')).json();
    expect(running.total).toBeGreaterThanOrEqual(2);
    expect(running.items.some((i: { nextEvent: unknown }) => i.nextEvent !== null)).toBe(true);
    const events = (await get('/api/v1/events')).json().items as {
      placesLeft: number | null;
      waiting: number;
    }[];
    expect(events.length).toBeGreaterThan(5);
    expect(events.some((e) => e.placesLeft === 0 && e.waiting > 0)).toBe(true);
    const mine = (await citizen.inject({ method: 'GET', url: '/api/v1/me/registrations' })).json();
    expect(mine.items.length).toBeGreaterThanOrEqual(1);
    expect(mine.items[0].event.initiative.slug).toBeTruthy();
  });

  it('filters the list and the calendar, and shows one initiative with its events', async () => {
    const lam = (await get('/api/v1/initiatives?communityPoint=lamarmora&pageSize=100')).json();
    expect(lam.total).toBeGreaterThanOrEqual(2);
    for (const i of lam.items) expect(i.communityPoint.slug).toBe('lamarmora');
    const zone = lam.items[0].zone.code;
    const byZone = (await get(`/api/v1/initiatives?zone=${zone}&pageSize=100`)).json();
    for (const i of byZone.items) expect(i.zone.code).toBe(zone);
    const one = await get(`/api/v1/initiatives/${lam.items[0].slug}`);
    expect(one.statusCode).toBe(200);
    expect(one.json().events.length).toBeGreaterThanOrEqual(2);
    expect((await get('/api/v1/initiatives/nessuna')).statusCode).toBe(404);
    const past = (await get('/api/v1/events?from=2018-09-01&to=2019-08-31')).json();
    expect(past.items.length).toBeGreaterThan(100);
    expect((await get('/api/v1/events?from=2019-01-01&to=2018-01-01')).statusCode).toBe(400);
    expect((await get('/api/v1/initiatives?programmePart=nothing')).statusCode).toBe(400);
  });
});

describe('initiatives and events, as the hubs write them', () => {
  it('lets a hub operator create and edit an initiative of their hub only; the city any', async () => {
    const created = await newInitiative('Merenda in cortile');
    const one = (await get(`/api/v1/initiatives/${created.slug}`)).json();
    expect(one).toMatchObject({
      title: 'Merenda in cortile',
      communityPoint: { slug: 'lamarmora' },
      partners: [{ name: 'ACLI' }],
      events: [],
    });
    const body = {
      title: 'Merenda in cortile (estate)',
      description: 'Nuova descrizione',
      neighbourhoodCode: 'lamarmora',
      partners: [],
      status: 'planned',
      startsOn: '2030-06-01',
      endsOn: '2030-07-01',
      programmePart: 'families',
    };
    const put = await lamarmora.inject({
      method: 'PUT',
      url: `/api/v1/initiatives/${created.slug}`,
      payload: body,
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ title: 'Merenda in cortile (estate)', programmePart: 'families' });
    const other = await sanpolino.inject({
      method: 'PUT',
      url: `/api/v1/initiatives/${created.slug}`,
      payload: body,
    });
    expect(other.statusCode).toBe(404);
    const elsewhere = await lamarmora.inject({
      method: 'POST',
      url: '/api/v1/initiatives',
      payload: { ...body, communityPointSlug: 'sanpolino' },
    });
    expect(elsewhere.statusCode).toBe(403);
    const byCity = await admin.inject({
      method: 'POST',
      url: '/api/v1/initiatives',
      payload: { ...body, title: 'Merenda in cortile', communityPointSlug: 'sanpolino' },
    });
    expect(byCity.statusCode).toBe(201);
    expect(byCity.json().slug).toBe('merenda-in-cortile-2');
    for (const bad of [
      { ...body, programmePart: 'sport' },
      { ...body, endsOn: '2030-05-01' },
      { ...body, neighbourhoodCode: 'atlantide' },
      { ...body, title: '' },
    ]) {
      const res = await admin.inject({ method: 'POST', url: '/api/v1/initiatives', payload: bad });
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect(
      (await citizen.inject({ method: 'POST', url: '/api/v1/initiatives', payload: body })).statusCode,
    ).toBe(403);
    expect(
      (await nord.inject({ method: 'POST', url: '/api/v1/initiatives', payload: body })).statusCode,
    ).toBe(403);
    const post = (s: Session | null) =>
      s
        ? s.inject({ method: 'POST', url: '/api/v1/initiatives', payload: body })
        : t.app.inject({ method: 'POST', url: '/api/v1/initiatives', payload: body });
    expect((await post(researcher)).statusCode).toBe(403);
    expect((await post(null)).statusCode).toBe(401);
    // A city admin of another city: anonymous here, and in their city the initiative does not exist.
    const foreign = await signIn(t.app, demo.admin, { host: 'testopoli.localhost' });
    const putFrom = (host: string) =>
      foreign.inject({
        method: 'PUT',
        url: `/api/v1/initiatives/${created.slug}`,
        payload: body,
        headers: { host },
      });
    expect((await putFrom('localhost')).statusCode).toBe(401);
    expect((await putFrom('testopoli.localhost')).statusCode).toBe(404);
  });

  it('creates a weekly series at the same local time (Europe/Rome), sharing a series id', async () => {
    const { slug } = await newInitiative('Gruppo di cammino del martedì');
    // Across the end of summer time: last Sunday of October.
    const year = new Date().getUTCFullYear() + 1;
    const items = await newEvent(slug, {
      startsAt: `${year}-10-13T09:00:00+02:00`,
      endsAt: `${year}-10-13T10:00:00+02:00`,
      capacity: null,
      repeat: { weekly: 4 },
    });
    expect(items).toHaveLength(4);
    expect(new Set(items.map((e) => e.seriesId)).size).toBe(1);
    expect(items[0]!.seriesId).not.toBeNull();
    const local = items.map((e) =>
      new Date(e.startsAt).toLocaleTimeString('it-IT', {
        timeZone: 'Europe/Rome',
        hour: '2-digit',
        minute: '2-digit',
      }),
    );
    expect(local).toEqual(['09:00', '09:00', '09:00', '09:00']);
    expect(items[3]!.startsAt).toBe(`${year}-11-03T08:00:00.000Z`);
    const bad = await lamarmora.inject({
      method: 'POST',
      url: `/api/v1/initiatives/${slug}/events`,
      payload: {
        title: 'Xyz',
        place: 'Qui',
        startsAt: inDays(3, 18),
        endsAt: inDays(3, 17),
        repeat: { weekly: 60 },
      },
    });
    expect(bad.statusCode).toBe(400);
    const fields = (bad.json().errors as { field: string }[]).map((e) => e.field).join(',');
    expect(fields).toContain('endsAt');
  });
});

describe('registrations', () => {
  let slug: string;
  beforeAll(async () => {
    slug = (await newInitiative('Laboratori di cucina')).slug;
  });

  it('registers a person, confirms by e-mail, refuses twice, bad seats, events open to all, past or cancelled ones', async () => {
    const [event] = await newEvent(slug, { capacity: 5 });
    const mails = await count('mail_outbox');
    const res = await citizen.inject({
      method: 'POST',
      url: `/api/v1/events/${event!.id}/registrations`,
      payload: { seats: 2 },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'registered' });
    expect(await count('mail_outbox')).toBe(mails + 1);
    expect((await get(`/api/v1/events/${event!.id}`)).json()).toMatchObject({ placesLeft: 3, registered: 2 });
    const again = await citizen.inject({
      method: 'POST',
      url: `/api/v1/events/${event!.id}/registrations`,
      payload: {},
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('già iscritta');
    for (const seats of [0, 11, 1.5]) {
      const bad = await researcher.inject({
        method: 'POST',
        url: `/api/v1/events/${event!.id}/registrations`,
        payload: { seats },
      });
      expect(bad.statusCode).toBe(400);
    }
    const [openToAll] = await newEvent(slug, { capacity: null });
    expect(
      (
        await citizen.inject({
          method: 'POST',
          url: `/api/v1/events/${openToAll!.id}/registrations`,
          payload: {},
        })
      ).statusCode,
    ).toBe(409);
    const [past] = await newEvent(slug, { startsAt: inDays(-3), endsAt: inDays(-3, 19) });
    const late = await citizen.inject({
      method: 'POST',
      url: `/api/v1/events/${past!.id}/registrations`,
      payload: {},
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().type).toBe('/api/problems/conflict');
    const before = await count('event_registrations');
    const unknown = await citizen.inject({
      method: 'POST',
      url: '/api/v1/events/00000000-0000-4000-8000-000000000000/registrations',
      payload: {},
    });
    expect(unknown.statusCode).toBe(404);
    expect(await count('event_registrations')).toBe(before);
    // Anonymous: sign in first.
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/v1/events/${event!.id}/registrations`, payload: {} }))
        .statusCode,
    ).toBe(401);
  });

  it('gives the last place to exactly one of two people at once; the other waits', async () => {
    const [event] = await newEvent(slug, { capacity: 1 });
    const [a, b] = await Promise.all([
      citizen.inject({ method: 'POST', url: `/api/v1/events/${event!.id}/registrations`, payload: {} }),
      researcher.inject({ method: 'POST', url: `/api/v1/events/${event!.id}/registrations`, payload: {} }),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    const statuses = [a.json().status, b.json().status].sort();
    expect(statuses).toEqual(['registered', 'waiting']);
    const waiting = a.json().status === 'waiting' ? a.json() : b.json();
    expect(waiting.position).toBe(1);
    const { rows } = await t.database.pool.query<{ registered_count: number; waiting_count: number }>(
      'SELECT registered_count, waiting_count FROM community_events WHERE event_id = $1',
      [event!.id],
    );
    expect(rows[0]).toEqual({ registered_count: 1, waiting_count: 1 });
  });

  it('on a cancellation promotes the first waiting whose seats fit, in the same transaction, and e-mails them', async () => {
    const [event] = await newEvent(slug, { capacity: 2 });
    const url = `/api/v1/events/${event!.id}/registrations`;
    const first = await citizen.inject({ method: 'POST', url, payload: { seats: 2 } });
    expect(first.json().status).toBe('registered');
    // Waiting: a party of three (cannot fit), then one person, then the organiser's phone registration.
    const big = await researcher.inject({ method: 'POST', url, payload: { seats: 3 } });
    expect(big.json()).toMatchObject({ status: 'waiting', position: 1 });
    const one = await nord.inject({ method: 'POST', url, payload: {} });
    expect(one.json()).toMatchObject({ status: 'waiting', position: 2 });
    const byPhone = await lamarmora.inject({
      method: 'POST',
      url,
      payload: { name: 'Signora Bianchi', phone: '030 1234567' },
    });
    expect(byPhone.statusCode, byPhone.body).toBe(201);
    expect(byPhone.json()).toMatchObject({ status: 'waiting', position: 3 });
    // Someone else's registration: not for a citizen.
    expect(
      (await citizen.inject({ method: 'POST', url, payload: { name: 'Altro', phone: '030 7654321' } }))
        .statusCode,
    ).toBe(403);
    expect((await sanpolino.inject({ method: 'POST', url, payload: { name: 'Altro' } })).statusCode).toBe(
      400,
    );

    // The researcher cannot cancel the citizen's registration; the citizen can.
    const notTheirs = await researcher.inject({
      method: 'DELETE',
      url: `${url}/${first.json().registrationId}`,
    });
    expect(notTheirs.statusCode).toBe(404);
    const mails = await count('mail_outbox');
    const cancel = await citizen.inject({ method: 'DELETE', url: `${url}/${first.json().registrationId}` });
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(cancel.json().promoted).toBe(2);
    expect(await count('mail_outbox')).toBe(mails + 1); // nord's account has an e-mail, Signora Bianchi only a phone
    const list = await lamarmora.inject({ method: 'GET', url });
    expect(list.statusCode).toBe(200);
    const body = list.json();
    expect(body.registered.map((r: { name: string }) => r.name).sort()).toEqual(
      ['Signora Bianchi', expect.any(String)].sort(),
    );
    expect(body.waiting).toHaveLength(1);
    expect(body.waiting[0]).toMatchObject({ seats: 3, position: 1 });
    expect((await get(`/api/v1/events/${event!.id}`)).json()).toMatchObject({ placesLeft: 0, waiting: 1 });
    expect(
      await count(
        `audit_log WHERE action = 'read' AND resource = 'event_registrations' AND resource_id = $1`,
        [event!.id],
      ),
    ).toBe(1);
    expect((await sanpolino.inject({ method: 'GET', url })).statusCode).toBe(404);
    expect((await citizen.inject({ method: 'GET', url })).statusCode).toBe(403);
    const again = await citizen.inject({ method: 'DELETE', url: `${url}/${first.json().registrationId}` });
    expect(again.statusCode).toBe(409);
  });

  it('cancels an event: the people registered are e-mailed, and no one can register any more', async () => {
    const [event] = await newEvent(slug, { capacity: 3 });
    await citizen.inject({ method: 'POST', url: `/api/v1/events/${event!.id}/registrations`, payload: {} });
    await researcher.inject({
      method: 'POST',
      url: `/api/v1/events/${event!.id}/registrations`,
      payload: {},
    });
    expect(
      (await sanpolino.inject({ method: 'POST', url: `/api/v1/events/${event!.id}/cancel` })).statusCode,
    ).toBe(404);
    const mails = await count('mail_outbox');
    const res = await lamarmora.inject({ method: 'POST', url: `/api/v1/events/${event!.id}/cancel` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'cancelled', notified: 2 });
    expect(await count('mail_outbox')).toBe(mails + 2);
    const late = await nord.inject({
      method: 'POST',
      url: `/api/v1/events/${event!.id}/registrations`,
      payload: {},
    });
    expect(late.statusCode).toBe(409);
    const ics = await get(`/api/v1/initiatives/${slug}/events.ics`);
    expect(ics.headers['content-type']).toContain('text/calendar');
    const lines = parseCalendar(ics.body);
    expect(lines.some((l) => l.name === 'STATUS' && l.value === 'CANCELLED')).toBe(true);
  });

  it('edits an event: capacity not below the places taken; more places go to the waiting line', async () => {
    const [event] = await newEvent(slug, { capacity: 1 });
    const url = `/api/v1/events/${event!.id}/registrations`;
    await citizen.inject({ method: 'POST', url, payload: {} });
    const w = await researcher.inject({ method: 'POST', url, payload: {} });
    expect(w.json().status).toBe('waiting');
    const put = (capacity: number | null) =>
      lamarmora.inject({
        method: 'PUT',
        url: `/api/v1/events/${event!.id}`,
        payload: {
          title: 'Laboratorio',
          place: 'Sala',
          startsAt: inDays(10),
          endsAt: inDays(10, 19),
          capacity,
        },
      });
    expect((await put(null)).statusCode).toBe(409);
    const more = await put(2);
    expect(more.statusCode, more.body).toBe(200);
    expect(more.json()).toMatchObject({ capacity: 2, registered: 2, waiting: 0, placesLeft: 0 });
  });
});

describe('attendance', () => {
  it('is taken for registered people from an hour before the start to seven days after the end', async () => {
    // The seeded event two days ago (attendance still open), with registrations.
    const { rows } = await t.database.pool.query<{ event_id: string; hub: string }>(
      `SELECT e.event_id, cp.slug AS hub FROM community_events e
         JOIN initiatives i ON i.city_id = e.city_id AND i.initiative_id = e.initiative_id
         JOIN community_points cp ON cp.city_id = i.city_id AND cp.community_point_id = i.community_point_id
        WHERE e.city_id = $1 AND e.starts_at < now() AND e.starts_at > now() - interval '4 days' AND e.registered_count > 0`,
      [brescia],
    );
    const { event_id: id, hub } = rows[0]!;
    const organiser = await signIn(t.app, op(hub));
    const list = (
      await organiser.inject({ method: 'GET', url: `/api/v1/events/${id}/registrations` })
    ).json();
    expect(list.attendanceOpen).toBe(true);
    const reg = list.registered[0];
    const mark = (present: boolean, registrationId = reg.id, who = organiser, event = id) =>
      who.inject({
        method: 'POST',
        url: `/api/v1/events/${event}/attendance`,
        payload: { registrationId, present },
      });
    const res = await mark(true);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().attendedAt).not.toBeNull();
    expect((await mark(false)).json()).toMatchObject({ present: false, attendedAt: null });
    expect((await mark(true, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await mark(true, reg.id, citizen)).statusCode).toBe(403);
    const other = hub === 'lamarmora' ? sanpolino : lamarmora;
    expect((await mark(true, reg.id, other)).statusCode).toBe(404);
    expect((await mark(true, reg.id, admin)).statusCode).toBe(200);

    // Not yet: an event in ten days; a waiting person: never.
    const { slug } = await newInitiative('Corso di cucito');
    const [future] = await newEvent(slug, { capacity: 1 });
    const r1 = await citizen.inject({
      method: 'POST',
      url: `/api/v1/events/${future!.id}/registrations`,
      payload: {},
    });
    const r2 = await researcher.inject({
      method: 'POST',
      url: `/api/v1/events/${future!.id}/registrations`,
      payload: {},
    });
    const early = await mark(true, r1.json().registrationId, lamarmora, future!.id);
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toContain('un’ora prima');
    const waiting = await mark(true, r2.json().registrationId, lamarmora, future!.id);
    expect(waiting.statusCode).toBe(409);
    const before = await count('event_registrations WHERE attended_at IS NOT NULL');
    // Too late: an event that ended more than 7 days ago.
    await t.database.pool.query(
      `UPDATE community_events SET starts_at = now() - interval '9 days', ends_at = now() - interval '8 days'
        WHERE event_id = $1`,
      [future!.id],
    );
    expect((await mark(true, r1.json().registrationId, lamarmora, future!.id)).statusCode).toBe(409);
    expect(await count('event_registrations WHERE attended_at IS NOT NULL')).toBe(before);
  });
});

describe('calendar feeds and other cities', () => {
  it('serves the city calendar as iCalendar, by neighbourhood', async () => {
    const res = await get('/api/v1/events.ics?neighbourhood=lamarmora');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/calendar');
    const lines = parseCalendar(res.body);
    expect(lines[0]!.value).toBe('VCALENDAR');
    const uids = lines.filter((l) => l.name === 'UID').map((l) => l.value);
    expect(uids.length).toBeGreaterThan(0);
    expect(new Set(uids).size).toBe(uids.length);
    const again = parseCalendar((await get('/api/v1/events.ics?neighbourhood=lamarmora')).body);
    expect(again.filter((l) => l.name === 'UID').map((l) => l.value)).toEqual(uids);
    for (const line of res.body.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  it('keeps each city to itself', async () => {
    const { rows } = await t.database.pool.query<{ event_id: string; slug: string }>(
      `SELECT e.event_id, i.slug FROM community_events e JOIN initiatives i USING (city_id, initiative_id)
         JOIN cities c USING (city_id) WHERE c.code = 'brescia' AND e.capacity IS NOT NULL AND e.starts_at > now() LIMIT 1`,
    );
    const { event_id: id, slug } = rows[0]!;
    expect((await get(`/api/v1/events/${id}`, 'testopoli.localhost')).statusCode).toBe(404);
    expect((await get(`/api/v1/initiatives/${slug}`, 'testopoli.localhost')).statusCode).toBe(404);
    const testopoli = (await get('/api/v1/initiatives', 'testopoli.localhost')).json();
    expect(testopoli.total).toBeGreaterThanOrEqual(2);
    for (const i of testopoli.items)
      expect(i.communityPoint?.slug ?? 'testopoli-nord').toBe('testopoli-nord');
    const foreign = await signIn(t.app, demo.admin, { host: 'testopoli.localhost' });
    const res = await foreign.inject({
      method: 'POST',
      url: `/api/v1/events/${id}/registrations`,
      payload: {},
      headers: { host: 'testopoli.localhost' },
    });
    expect(res.statusCode).toBe(404);
  });
});
