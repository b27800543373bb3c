import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers });

describe('GET /api/v1/territory', () => {
  it("lists Brescia's 5 zones and 33 neighbourhoods with offices and ISTAT codes", async () => {
    const res = await get('/api/v1/territory');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.city).toEqual({ code: 'brescia', name: 'Brescia', istatCode: '017029' });
    expect(body.boundariesApproximate).toBe(true);
    expect(body.zones.map((z: { code: string }) => z.code)).toEqual([
      'centro',
      'nord',
      'ovest',
      'sud',
      'est',
    ]);
    const counts = body.zones.map((z: { neighbourhoods: unknown[] }) => z.neighbourhoods.length);
    expect(counts).toEqual([6, 7, 6, 7, 7]);
    const nord = body.zones[1];
    expect(nord.office).toEqual({ address: 'Via Monte Grappa 37, Brescia', phone: '030 3384560' });
    const all = body.zones.flatMap((z: { neighbourhoods: { istatCode: string }[] }) => z.neighbourhoods);
    expect(new Set(all.map((n: { istatCode: string }) => n.istatCode)).size).toBe(33);
  });

  it('sorts neighbourhood names in Italian order', async () => {
    const body = (await get('/api/v1/territory')).json();
    for (const zone of body.zones) {
      const names = zone.neighbourhoods.map((n: { name: string }) => n.name);
      expect(names).toEqual([...names].sort(new Intl.Collator('it-IT').compare));
    }
  });

  it('answers for the city of the Host header, never mixing cities', async () => {
    const body = (await get('/api/v1/territory', { host: 'testopoli.localhost' })).json();
    expect(body.city.code).toBe('testopoli');
    expect(body.zones.flatMap((z: { neighbourhoods: unknown[] }) => z.neighbourhoods)).toHaveLength(3);
  });
});

describe('GET /api/v1/territory/locate', () => {
  it('finds the neighbourhood and zone of a point (Piazza della Loggia is in the centre)', async () => {
    const res = await get('/api/v1/territory/locate?lat=45.5399&lon=10.2196');
    expect(res.statusCode).toBe(200);
    expect(res.json().zone.code).toBe('centro');
    expect(res.json().approximate).toBe(true);
  });

  it("locates every neighbourhood's own representative point in that neighbourhood", async () => {
    const territory = (await get('/api/v1/territory')).json();
    for (const zone of territory.zones) {
      for (const n of zone.neighbourhoods) {
        const detail = (await get(`/api/v1/territory/neighbourhoods/${n.code}`)).json();
        const res = await get(`/api/v1/territory/locate?lat=${detail.point.lat}&lon=${detail.point.lon}`);
        expect(res.json().neighbourhood.code).toBe(n.code);
        expect(res.json().zone.code).toBe(zone.code);
      }
    }
  });

  it('answers 404 outside-city for a point outside the city (Milan)', async () => {
    const res = await get('/api/v1/territory/locate?lat=45.4642&lon=9.19');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({
      type: '/api/problems/outside-city',
      status: 404,
      code: 'outside_city',
    });
    expect(res.json().detail).toContain('Brescia');
  });

  it.each([
    ['lat=abc&lon=10.2', 'lat'],
    ['lat=&lon=10.2', 'lat'],
    ['lat=91&lon=10.2', 'lat'],
    ['lat=45.5&lon=181', 'lon'],
    ['lat=45.5', 'lon'],
    ['lat=1e3&lon=10', 'lat'],
  ])('answers 400 with the field at fault for %s', async (query, field) => {
    const res = await get(`/api/v1/territory/locate?${query}`);
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.type).toBe('/api/problems/validation');
    expect(body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('speaks English when asked', async () => {
    const res = await get('/api/v1/territory/locate?lat=45.4642&lon=9.19', {
      'accept-language': 'en-GB,en;q=0.9',
    });
    expect(res.json().title).toBe('Outside the territory');
    expect(res.headers['content-language']).toBe('en');
  });

  it('does not locate a Brescia point in Testopoli', async () => {
    const res = await get('/api/v1/territory/locate?lat=45.5399&lon=10.2196', {
      host: 'testopoli.localhost',
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('GET /api/v1/territory/neighbourhoods/:code', () => {
  it('gives the zone, point with its source and the boundary, saying it is approximate', async () => {
    const res = await get('/api/v1/territory/neighbourhoods/mompiano');
    expect(res.statusCode).toBe(200);
    const n = res.json();
    expect(n).toMatchObject({
      code: 'mompiano',
      name: 'Mompiano',
      zone: { code: 'nord' },
      boundaryApproximate: true,
    });
    expect(n.point.source).toMatch(/wikipedia/i);
    expect(['Polygon', 'MultiPolygon']).toContain(n.boundary.type);
  });

  it('answers 404 for an unknown code and 400 for a malformed one', async () => {
    const missing = await get('/api/v1/territory/neighbourhoods/atlantide');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().detail).toContain('atlantide');
    expect((await get('/api/v1/territory/neighbourhoods/DROP%20TABLE')).statusCode).toBe(400);
  });

  it("does not show another city's neighbourhood", async () => {
    expect((await get('/api/v1/territory/neighbourhoods/nord-ovest')).statusCode).toBe(404);
    expect(
      (await get('/api/v1/territory/neighbourhoods/nord-ovest', { host: 'testopoli.localhost' })).statusCode,
    ).toBe(200);
  });
});

describe('maps', () => {
  it('serves the 33 neighbourhoods as a GeoJSON FeatureCollection flagged approximate', async () => {
    const res = await get('/api/v1/territory/map');
    expect(res.statusCode).toBe(200);
    const fc = res.json();
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.approximate).toBe(true);
    expect(fc.features).toHaveLength(33);
    expect(fc.features[0].properties).toHaveProperty('zoneName');
  });

  it('serves the municipal boundary with its source', async () => {
    const res = await get('/api/v1/territory/boundary');
    expect(res.json().properties.source).toMatch(/ISTAT/);
    expect(res.json().geometry.type).toBe('Polygon');
  });
});

describe('loading a city again', () => {
  it('changes nothing the second time and keeps boundaries imported from an official source', async () => {
    const { seedCity } = await import('../../seed.ts');
    const { modules } = await import('../index.ts');
    const pool = t.database.pool;
    await pool.query(
      `UPDATE neighbourhoods SET boundary_approximate = false, boundary_source = 'official (test)'
        WHERE code = 'mompiano' AND city_id = (SELECT city_id FROM cities WHERE code = 'brescia')`,
    );
    const count = async () =>
      (
        await pool.query(
          'SELECT (SELECT count(*) FROM zones)::int AS z, (SELECT count(*) FROM neighbourhoods)::int AS n',
        )
      ).rows[0];
    const before = await count();
    await seedCity({ config: t.config, database: t.database, modules, log: () => {} }, 'brescia', true);
    expect(await count()).toEqual(before);
    const { rows } = await pool.query("SELECT boundary_source FROM neighbourhoods WHERE code = 'mompiano'");
    expect(rows[0].boundary_source).toBe('official (test)');
  });
});
