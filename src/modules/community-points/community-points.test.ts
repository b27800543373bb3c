import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { demo, signIn } from '../../../test/auth.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ env: { RATE_LIMIT_LOGIN_PER_MINUTE: '1000' } });
});
afterAll(async () => {
  await t?.close();
});

const get = (url: string, host = 'localhost') => t.app.inject({ method: 'GET', url, headers: { host } });

describe('GET /api/v1/community-points', () => {
  it('lists the 19 demo hubs, which together serve all 33 neighbourhoods, sorted in Italian order', async () => {
    const res = await get('/api/v1/community-points');
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      items: { name: string; neighbourhoodCodes: string[]; isDemo: boolean }[];
      total: number;
    };
    expect(body.total).toBe(19);
    const served = new Set(body.items.flatMap((p) => p.neighbourhoodCodes));
    expect(served.size).toBe(33);
    expect(body.items.every((p) => p.isDemo)).toBe(true);
    const names = body.items.map((p) => p.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'it')));
  });

  it('filters by the neighbourhood served and by zone', async () => {
    const byHood = (await get('/api/v1/community-points?neighbourhood=sanpolino')).json() as {
      items: { slug: string }[];
    };
    expect(byHood.items.map((p) => p.slug)).toEqual(['sanpolino']);
    const byZone = (await get('/api/v1/community-points?zone=centro')).json() as {
      items: { zone: { code: string } }[];
    };
    expect(byZone.items.length).toBe(3);
    expect(byZone.items.every((p) => p.zone.code === 'centro')).toBe(true);
  });

  it('answers bad filters with a problem naming the field', async () => {
    const res = await get('/api/v1/community-points?zone=<script>');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(res.json())).toContain('zone');
  });

  it('shows one hub by slug or id, and 404 for another city’s', async () => {
    const bySlug = await get('/api/v1/community-points/lamarmora');
    expect(bySlug.statusCode).toBe(200);
    const hub = bySlug.json() as {
      id: string;
      neighbourhoodCodes: string[];
      hours: unknown[];
      phone: string;
    };
    expect(hub.neighbourhoodCodes).toEqual(['lamarmora', 'porta-cremona-volta']);
    expect(hub.hours.length).toBeGreaterThan(0);
    expect((await get(`/api/v1/community-points/${hub.id}`)).json()).toEqual(hub);
    expect((await get(`/api/v1/community-points/${hub.id}`, 'testopoli.localhost')).statusCode).toBe(404);
    expect((await get('/api/v1/community-points/nessuno')).statusCode).toBe(404);
  });
});

describe('PUT /api/v1/community-points/:slug', () => {
  const body = {
    name: 'Punto Comunità Prova',
    hostName: 'Associazione di prova',
    address: 'Via di prova 1, Brescia',
    lat: 45.5376,
    lon: 10.2272,
    neighbourhoodCodes: ['brescia-antica'],
    hours: [{ day: 2, opens: '09:00', closes: '12:00' }],
  };

  it('lets the city admin create a hub, placed in its neighbourhood and zone from its point', async () => {
    const admin = await signIn(t.app, demo.admin);
    const res = await admin.inject({ method: 'PUT', url: '/api/v1/community-points/prova', payload: body });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      slug: 'prova',
      zone: { code: 'centro' },
      neighbourhoodCodes: ['brescia-antica'],
    });
    const list = (await get('/api/v1/community-points?neighbourhood=brescia-antica')).json() as {
      total: number;
    };
    expect(list.total).toBe(2);
  });

  it('refuses bad input and changes nothing: outside the city, unknown neighbourhood, hours backwards', async () => {
    const admin = await signIn(t.app, demo.admin);
    const count = async () =>
      (await t.database.pool.query('SELECT count(*)::int AS n FROM community_points')).rows[0].n as number;
    const before = await count();
    for (const [payload, status] of [
      [{ ...body, lat: 41.9, lon: 12.5 }, 404],
      [{ ...body, neighbourhoodCodes: ['atlantide'] }, 404],
      [{ ...body, hours: [{ day: 2, opens: '12:00', closes: '09:00' }] }, 400],
      [{ ...body, name: '' }, 400],
      [{ ...body, extra: 1 }, 400],
    ] as const) {
      const res = await admin.inject({ method: 'PUT', url: '/api/v1/community-points/nuovo', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect(await count()).toBe(before);
  });

  it('is refused to operators, social workers, citizens and anonymous callers', async () => {
    const anonymous = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/community-points/prova',
      payload: body,
    });
    expect(anonymous.statusCode).toBe(401);
    for (const email of [demo.nord, demo.citizen, 'operatore.lamarmora@demo.cittadelnoi.it']) {
      const s = await signIn(t.app, email);
      const res = await s.inject({ method: 'PUT', url: '/api/v1/community-points/prova', payload: body });
      expect(res.statusCode, email).toBe(403);
    }
  });
});
