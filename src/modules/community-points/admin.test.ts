import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { demo, type Session, signIn } from '../../../test/auth.ts';

interface Hub {
  slug: string;
  name: string;
  active: boolean;
  neighbourhoodCodes: string[];
  zone: { code: string };
}
interface Register {
  items: Hub[];
  total: number;
  uncovered: { code: string; name: string; zone: { code: string; name: string } }[];
}

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await buildTestApp({ env: { RATE_LIMIT_LOGIN_PER_MINUTE: '1000' } });
  admin = await signIn(t.app, demo.admin);
});
afterAll(async () => {
  await t?.close();
});

const url = '/api/v1/admin/community-points';
const register = async (s: Session = admin): Promise<Register> => {
  const res = await s.inject({ method: 'GET', url });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Register;
};
const hub = async (slug: string) =>
  (
    await t.app.inject({
      method: 'GET',
      url: `/api/v1/community-points/${slug}`,
      headers: { host: 'localhost' },
    })
  ).json() as Record<string, unknown>;
/** The PUT body of a hub as it stands (everything the API gave, minus what it computes). */
const bodyOf = (h: Record<string, unknown>) => ({
  name: h.name,
  description: h.description,
  hostName: h.hostName,
  hostOrganizationId: h.hostOrganizationId,
  address: h.address,
  lat: h.lat,
  lon: h.lon,
  phone: h.phone,
  email: h.email,
  hours: h.hours,
  neighbourhoodCodes: h.neighbourhoodCodes,
  active: h.active,
});

describe('GET /api/v1/admin/community-points', () => {
  it('gives the city admin every hub, in Italian order, and no uncovered neighbourhood in the demo', async () => {
    const body = await register();
    expect(body.total).toBe(19);
    expect(body.items).toHaveLength(19);
    const names = body.items.map((p) => p.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'it')));
    expect(body.items.every((p) => p.active)).toBe(true);
    expect(body.uncovered).toEqual([]);
  });

  it('includes inactive hubs, and counts as uncovered what only they served', async () => {
    const before = await hub('lamarmora');
    const put = await admin.inject({
      method: 'PUT',
      url: '/api/v1/community-points/lamarmora',
      payload: { ...bodyOf(before), active: false },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().active).toBe(false);

    const body = await register();
    expect(body.total).toBe(19);
    expect(body.items.find((p) => p.slug === 'lamarmora')?.active).toBe(false);
    expect(body.uncovered).toEqual([
      { code: 'lamarmora', name: 'Lamarmora', zone: { code: 'sud', name: expect.any(String) } },
      {
        code: 'porta-cremona-volta',
        name: expect.any(String),
        zone: { code: 'sud', name: expect.any(String) },
      },
    ]);
    // The public list no longer shows it.
    const pub = await t.app.inject({
      method: 'GET',
      url: '/api/v1/community-points',
      headers: { host: 'localhost' },
    });
    expect((pub.json() as { total: number }).total).toBe(18);

    // A second hub serving one of them covers it again, even while Lamarmora stays inactive.
    const other = await hub('don-bosco');
    const cover = await admin.inject({
      method: 'PUT',
      url: '/api/v1/community-points/don-bosco',
      payload: {
        ...bodyOf(other),
        neighbourhoodCodes: [...(other.neighbourhoodCodes as string[]), 'lamarmora'],
      },
    });
    expect(cover.statusCode, cover.body).toBe(200);
    expect((await register()).uncovered.map((n) => n.code)).toEqual(['porta-cremona-volta']);

    // Back as it was.
    for (const h of [before, other]) {
      const res = await admin.inject({
        method: 'PUT',
        url: `/api/v1/community-points/${h.slug}`,
        payload: bodyOf(h),
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    expect((await register()).uncovered).toEqual([]);
  });

  it('is refused to anonymous callers (401) and to operators, social workers and citizens (403)', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url, headers: { host: 'localhost' } });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');
    for (const email of [
      'operatore.lamarmora@demo.cittadelnoi.it',
      demo.nord,
      demo.citizen,
      demo.researcher,
    ]) {
      const s = await signIn(t.app, email);
      const res = await s.inject({ method: 'GET', url });
      expect(res.statusCode, email).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('shows another city only its own hubs and neighbourhoods', async () => {
    const testopoli = await signIn(t.app, demo.admin, { host: 'testopoli.localhost' });
    const body = await register(testopoli);
    expect(body.items.map((p) => p.slug)).toEqual(['testopoli-nord']);
    expect(body.uncovered.map((n) => n.code)).toEqual(['sud']);
    // Brescia's admin session is not valid in the other city.
    const foreign = await t.app.inject({
      method: 'GET',
      url,
      headers: { host: 'testopoli.localhost', cookie: admin.cookie },
    });
    expect(foreign.statusCode).toBe(401);
  });
});

describe('PUT /api/v1/community-points/:slug ?createOnly=true', () => {
  const body = {
    name: 'Punto Comunità Nuovo',
    hostName: 'Associazione di prova',
    address: 'Via di prova 2, Brescia',
    lat: 45.5376,
    lon: 10.2272,
    neighbourhoodCodes: ['brescia-antica'],
  };

  it('creates a new hub, and refuses a slug already in use with a 409 naming the field', async () => {
    const created = await admin.inject({
      method: 'PUT',
      url: '/api/v1/community-points/solo-nuovo?createOnly=true',
      payload: body,
    });
    expect(created.statusCode, created.body).toBe(200);
    const before = await hub('centro-storico');
    const taken = await admin.inject({
      method: 'PUT',
      url: '/api/v1/community-points/centro-storico?createOnly=true',
      headers: { 'accept-language': 'it' },
      payload: body,
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.headers['content-type']).toContain('application/problem+json');
    const problem = taken.json() as { errors: { field: string; message: string }[] };
    expect(problem.errors[0]?.field).toBe('slug');
    expect(problem.errors[0]?.message).toContain('centro-storico');
    expect(await hub('centro-storico')).toEqual(before);
  });
});

describe('OpenAPI', () => {
  it('documents the register and the create-only switch', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/v1/admin/community-points'].get.responses).toHaveProperty('200');
    const put = doc.paths['/api/v1/community-points/{slug}'].put;
    expect(put.parameters.map((p: { name: string }) => p.name)).toContain('createOnly');
    expect(doc.components.schemas).toHaveProperty('UncoveredNeighbourhood');
  });
});
