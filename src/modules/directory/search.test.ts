import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { searchServices } from './service/search.ts';
import { refreshSearch } from './service/write.ts';

let t: TestApp;
let brescia: number;
beforeAll(async () => {
  t = await buildTestApp();
  brescia = (
    await t.database.pool.query<{ city_id: number }>("SELECT city_id FROM cities WHERE code = 'brescia'")
  ).rows[0]!.city_id;
});
afterAll(async () => {
  await t.close();
});

type Item = {
  id: string;
  name: string;
  location: { zone: { code: string } | null; neighbourhood: { code: string } | null };
  distanceMeters: number | null;
  minimumAge: number | null;
  maximumAge: number | null;
  languages: string[];
  categories: { code: string }[];
};
const search = (query: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url: `/api/v1/directory/services?${query}`, headers });
const items = async (query: string, headers: Record<string, string> = {}) => {
  const res = await search(query, headers);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as Item[];
};
const names = async (query: string) => (await items(query)).map((i) => i.name);

describe('GET /api/v1/directory/services', () => {
  it('lists every active service of the city, one item per service, with its place', async () => {
    const body = (await search('pageSize=100')).json();
    expect(body.total).toBe(38);
    expect(new Set(body.items.map((i: Item) => i.id)).size).toBe(38);
    expect(body.items.every((i: Item) => i.location.zone && i.location.neighbourhood)).toBe(true);
  });

  it('finds services by Italian words, with stemming (anziani → anziano)', async () => {
    const found = await names('q=anziano');
    expect(found).toContain('Centro diurno per anziani');
    expect(found).toContain('Ginnastica dolce over 65');
    expect(found[0]).toMatch(/anzian/i);
  });

  it('matches all the words: "aiuto spesa" finds the social grocery shop first', async () => {
    expect((await names('q=aiuto%20spesa'))[0]).toBe('Emporio solidale: aiuto spesa');
  });

  it('falls back to any word when no service has them all, on every page', async () => {
    const p1 = (await search('q=anziani%20musica&pageSize=2')).json();
    expect(p1.total).toBeGreaterThan(2);
    const p2 = (await search('q=anziani%20musica&pageSize=2&page=2')).json();
    expect(p2.total).toBe(p1.total);
    expect(p2.items).toHaveLength(2);
  });

  it('ignores accents and case, and forgives typos, saying how it read the query', async () => {
    expect(await names('q=DISABILITA')).toEqual(await names('q=disabilit%C3%A0'));
    const res = (await search('q=doposcula')).json();
    expect(res.correctedQuery).toBe('doposcuola');
    expect(res.items.map((i: Item) => i.name)).toEqual(
      expect.arrayContaining(['Doposcuola per ragazzi delle medie', 'Doposcuola per la scuola primaria']),
    );
    expect((await search('q=doposcuola')).json().correctedQuery).toBeNull();
  });

  it('filters by category (with its sub-categories), zone, neighbourhood, age and language', async () => {
    const poverty = await items('category=poverta&pageSize=100');
    expect(poverty.map((i) => i.name)).toContain('Distribuzione pacchi alimentari');
    expect(
      poverty.every((i) =>
        i.categories.some((c) => ['poverta', 'aiuto-alimentare', 'farmaci'].includes(c.code)),
      ),
    ).toBe(true);
    const sud = await items('zone=sud&pageSize=100');
    expect(sud.length).toBeGreaterThan(0);
    expect(sud.every((i) => i.location.zone?.code === 'sud')).toBe(true);
    const lamarmora = await items('neighbourhood=lamarmora');
    expect(lamarmora.every((i) => i.location.neighbourhood?.code === 'lamarmora')).toBe(true);
    const toddler = await items('age=2&pageSize=100');
    expect(toddler.map((i) => i.name)).toContain('Spazio gioco 0-3 anni');
    expect(toddler.map((i) => i.name)).not.toContain('Doposcuola per ragazzi delle medie');
    expect(toddler.every((i) => (i.minimumAge ?? 0) <= 2 && (i.maximumAge ?? 200) >= 2)).toBe(true);
    const arabic = await items('language=ar&pageSize=100');
    expect(arabic.length).toBeGreaterThan(0);
    expect(arabic.every((i) => i.languages.includes('ar'))).toBe(true);
  });

  it('sorts by distance from a point, or from a neighbourhood', async () => {
    const near = await items('lat=45.5399&lon=10.2196&sort=distance&pageSize=100');
    const d = near.map((i) => i.distanceMeters!);
    expect(d.every((x) => typeof x === 'number')).toBe(true);
    expect(d).toEqual([...d].sort((a, b) => a - b));
    const fromNb = await items('neighbourhood=sanpolino&sort=distance');
    expect(fromNb[0]?.location.neighbourhood?.code).toBe('sanpolino');
  });

  it('answers open-now from the weekly hours in Rome time, and respects closures', async () => {
    // Tuesday 2026-11-24 10:00 in Rome: the 0-3 play session (Tue/Thu 9:30-11:30) is open.
    const tuesday = new Date('2026-11-24T09:00:00Z');
    const open = await searchServices(t.database.pool, brescia, {
      q: 'spazio gioco',
      openNow: true,
      page: 1,
      pageSize: 10,
      at: tuesday,
    });
    expect(open.total).toBe(1);
    const sunday = new Date('2026-11-29T09:00:00Z');
    expect(
      (
        await searchServices(t.database.pool, brescia, {
          q: 'spazio gioco',
          openNow: true,
          page: 1,
          pageSize: 10,
          at: sunday,
        })
      ).total,
    ).toBe(0);
    await t.database.pool.query(
      `INSERT INTO dir_schedules (city_id, service_at_location_id, valid_from, valid_to, closed, description)
       VALUES ($1, $2, '2026-11-23', '2026-11-25', true, 'Chiuso per lavori')`,
      [brescia, open.hits[0]!.serviceAtLocationId],
    );
    expect(
      (
        await searchServices(t.database.pool, brescia, {
          q: 'spazio gioco',
          openNow: true,
          page: 1,
          pageSize: 10,
          at: tuesday,
        })
      ).total,
    ).toBe(0);
  });

  it('looks at a bounded set of candidates, ranks names first, and says when there were more', async () => {
    const few = await searchServices(t.database.pool, brescia, { page: 1, pageSize: 3, cap: 5 });
    expect(few).toMatchObject({ totalCapped: true });
    expect(few.total).toBeLessThanOrEqual(5);
    const all = await searchServices(t.database.pool, brescia, { page: 1, pageSize: 3 });
    expect(all).toMatchObject({ total: 38, totalCapped: false });
    // Among the candidates, a word in the name weighs most.
    const named = await searchServices(t.database.pool, brescia, { q: 'anziani', page: 1, pageSize: 2 });
    const { rows } = await t.database.pool.query<{ name: string }>(
      'SELECT name FROM dir_services WHERE service_id = ANY($1::uuid[])',
      [named.hits.map((h) => h.serviceId)],
    );
    expect(rows.map((r) => r.name.toLowerCase().includes('anzian'))).toEqual([true, true]);
    expect(
      (await searchServices(t.database.pool, brescia, { q: 'anziani', page: 1, pageSize: 2, cap: 2 }))
        .totalCapped,
    ).toBe(true);
    // Sorted by distance, the candidates are the nearest (KNN), so the nearest service comes first.
    const near = await searchServices(t.database.pool, brescia, {
      point: { lat: 45.5399, lon: 10.2196 },
      sort: 'distance',
      page: 1,
      pageSize: 1,
      cap: 3,
    });
    const exact = await searchServices(t.database.pool, brescia, {
      point: { lat: 45.5399, lon: 10.2196 },
      sort: 'distance',
      page: 1,
      pageSize: 1,
    });
    expect(near.hits[0]?.serviceId).toBe(exact.hits[0]?.serviceId);
  });

  it('pages, and never shows another city’s services', async () => {
    const p1 = (await search('pageSize=10&page=1')).json();
    const p4 = (await search('pageSize=10&page=4')).json();
    expect(p1.items).toHaveLength(10);
    expect(p4.items).toHaveLength(8);
    expect(p4.total).toBe(38);
    const testopoli = (await search('pageSize=100', { host: 'testopoli.localhost' })).json();
    expect(testopoli.items.map((i: Item) => i.name)).toEqual(['Centro diurno per anziani di Testopoli']);
  });

  it('answers in English with English category names', async () => {
    const [first] = await items('category=anziani', { 'accept-language': 'en' });
    expect(first?.categories.map((c) => (c as unknown as { name: string }).name)).toContain('Elderly people');
  });

  it('treats SQL, HTML, stop words and 1,000 characters as plain words, and refuses bad input clearly', async () => {
    for (const q of ["'; DROP TABLE dir_services; --", '<script>alert(1)</script>', 'di il la', '%', 'a']) {
      const res = await search(`q=${encodeURIComponent(q)}`);
      expect(res.statusCode, q).toBe(200);
    }
    expect((await search('q=')).json().total).toBe(38);
    const bad: [string, string][] = [
      [`q=${'a'.repeat(1000)}`, 'q'],
      ['lat=95&lon=10', 'lat'],
      ['lat=45.5', 'lat'],
      ['lat=abc&lon=10', 'lat'],
      ['age=-1', 'age'],
      ['category=nonesiste', 'category'],
      ['zone=DROP%20TABLE', 'zone'],
      ['language=italiano', 'language'],
      ['page=0', 'page'],
      ['pageSize=1000', 'pageSize'],
    ];
    for (const [query, field] of bad) {
      const res = await search(query);
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(
        res.json().errors.map((e: { field: string }) => e.field),
        query,
      ).toContain(field);
    }
    expect((await search('neighbourhood=nessuno')).statusCode).toBe(404);
    expect(
      (await t.database.pool.query('SELECT count(*)::int AS n FROM dir_services')).rows[0].n,
    ).toBeGreaterThan(38);
  });
});

describe('service and organisation pages', () => {
  it('shows a service: where, when, for whom, how to ask; and its organisation', async () => {
    const [first] = await items('q=spazio%20gioco');
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/directory/services/${first!.id}` });
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s).toMatchObject({
      name: 'Spazio gioco 0-3 anni',
      minimumAge: 0,
      maximumAge: 3,
      free: true,
      isDemo: true,
    });
    // (the open-now test above added a closure)
    expect(s.locations[0].schedules.filter((x: { closed: boolean }) => !x.closed)).toEqual([
      expect.objectContaining({ weekday: 2, opensAt: '09:30', closesAt: '11:30', closed: false }),
      expect.objectContaining({ weekday: 4, opensAt: '09:30', closesAt: '11:30' }),
    ]);
    expect(s.locations[0].neighbourhood.code).toBe('lamarmora');
    const org = await t.app.inject({
      method: 'GET',
      url: `/api/v1/directory/organizations/${s.organization.id}`,
    });
    expect(org.statusCode).toBe(200);
    expect(org.json().services.map((x: { name: string }) => x.name)).toContain('Spazio gioco 0-3 anni');
  });

  it('is not found for an unknown id or one of another city, and 400 for a malformed one', async () => {
    const [first] = await items('q=anziani');
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/directory/services/${first!.id}`,
          headers: { host: 'testopoli.localhost' },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/directory/services/00000000-0000-4000-8000-000000000000',
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/directory/organizations/nope' })).statusCode,
    ).toBe(400);
  });

  it('lists the categories in the language asked', async () => {
    const it_ = (await t.app.inject({ method: 'GET', url: '/api/v1/directory/categories' })).json();
    const en = (
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/directory/categories',
        headers: { 'accept-language': 'en' },
      })
    ).json();
    expect(it_.find((c: { code: string }) => c.code === 'anziani').name).toBe('Anziani');
    expect(en.find((c: { code: string }) => c.code === 'aiuto-alimentare')).toMatchObject({
      name: 'Food aid',
      parentCode: 'poverta',
    });
  });
});

describe('searchServices: how the candidates are read', () => {
  it('keeps the postings in step with the search rows: insert, update, inactive, delete', async () => {
    const client = await t.database.pool.connect();
    const inStep = async () => {
      const { rows } = await client.query<{ missing: number; extra: number; miscounted: number }>(
        `WITH want AS (SELECT s.city_id, p.term, p.impact, s.service_at_location_id
                         FROM dir_search s CROSS JOIN LATERAL noi_search_postings(s.document) p WHERE s.active),
              have AS (SELECT city_id, term, impact, service_at_location_id FROM dir_search_postings)
         , counted AS (SELECT city_id, term, count(*)::int AS n FROM have GROUP BY 1, 2),
              kept AS (SELECT city_id, term, documents AS n FROM dir_search_terms WHERE documents <> 0)
         SELECT (SELECT count(*) FROM (SELECT * FROM want EXCEPT SELECT * FROM have) x)::int AS missing,
                (SELECT count(*) FROM (SELECT * FROM have EXCEPT SELECT * FROM want) x)::int AS extra,
                (SELECT count(*) FROM ((SELECT * FROM counted EXCEPT SELECT * FROM kept)
                                       UNION ALL (SELECT * FROM kept EXCEPT SELECT * FROM counted)) x)::int AS miscounted`,
      );
      return rows[0];
    };
    try {
      await client.query('BEGIN');
      expect(await inStep()).toEqual({ missing: 0, extra: 0, miscounted: 0 });
      const { rows } = await client.query<{ service_id: string; sal: string }>(
        `SELECT service_id, service_at_location_id AS sal FROM dir_search
          WHERE city_id = $1 AND name = 'Centro diurno per anziani'`,
        [brescia],
      );
      const { service_id: serviceId, sal } = rows[0]!;
      const postings = async () =>
        (
          await client.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM dir_search_postings WHERE city_id = $1 AND service_at_location_id = $2',
            [brescia, sal],
          )
        ).rows[0]!.n;
      expect(await postings()).toBeGreaterThan(5);
      // A new description: the rows are rebuilt (delete + insert), the postings follow.
      await client.query(
        `UPDATE dir_services SET description = description || ' Laboratorio di ceramica.' WHERE city_id = $1 AND service_id = $2`,
        [brescia, serviceId],
      );
      await refreshSearch(client, brescia, [serviceId]);
      expect(await inStep()).toEqual({ missing: 0, extra: 0, miscounted: 0 });
      const ceramica = await searchServices(client, brescia, { q: 'ceramica', page: 1, pageSize: 5 });
      expect(ceramica.hits.map((h) => h.serviceId)).toEqual([serviceId]);
      // An UPDATE of the row itself.
      await client.query(
        `UPDATE dir_search SET document = document || to_tsvector('italian', 'tombola')
          WHERE city_id = $1 AND service_at_location_id = $2`,
        [brescia, sal],
      );
      expect(await inStep()).toEqual({ missing: 0, extra: 0, miscounted: 0 });
      // An inactive service has no postings; nor has a place deleted (cascade from the service at location).
      await client.query(
        `UPDATE dir_services SET status = 'inactive' WHERE city_id = $1 AND service_id = $2`,
        [brescia, serviceId],
      );
      await refreshSearch(client, brescia, [serviceId]);
      expect(await postings()).toBe(0);
      expect((await searchServices(client, brescia, { q: 'ceramica', page: 1, pageSize: 5 })).total).toBe(0);
      await client.query(`UPDATE dir_services SET status = 'active' WHERE city_id = $1 AND service_id = $2`, [
        brescia,
        serviceId,
      ]);
      await refreshSearch(client, brescia, [serviceId]);
      expect(await postings()).toBeGreaterThan(5);
      await client.query('DELETE FROM dir_schedules WHERE city_id = $1 AND service_at_location_id = $2', [
        brescia,
        sal,
      ]);
      await client.query(
        'DELETE FROM dir_service_at_location WHERE city_id = $1 AND service_at_location_id = $2',
        [brescia, sal],
      );
      expect(await postings()).toBe(0);
      expect(await inStep()).toEqual({ missing: 0, extra: 0, miscounted: 0 });
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });

  it('reads the rarest word’s postings in order of weight: the best places of a word come first', async () => {
    const statements: string[] = [];
    // Exact ranks of every match, best first, straight from the search rows.
    const exactRanks = async (q: string) =>
      (
        await t.database.pool.query<{ rank: number }>(
          `SELECT max(ts_rank(document, to_tsquery('italian', $2))) AS rank FROM dir_search
            WHERE city_id = $1 AND active AND document @@ to_tsquery('italian', $2)
            GROUP BY service_id ORDER BY 1 DESC`,
          [brescia, q],
        )
      ).rows.map((r) => r.rank);
    for (const [q, tsq] of [
      ['anziani', 'anzian'],
      ['famiglie', 'famigl'],
      ['doposcuola', 'doposcuol'],
    ] as const) {
      const all = await exactRanks(tsq);
      expect(all.length, q).toBeGreaterThan(0);
      // A window of 2 places: still the two best (one word: the postings' order is the ranking).
      const two = await searchServices(t.database.pool, brescia, { q, page: 1, pageSize: 2, cap: 2 }, (s) =>
        statements.push(s.text),
      );
      expect(
        two.hits.map((h) => h.rank),
        q,
      ).toEqual(all.slice(0, 2));
      expect(statements.at(-1)).toContain('dir_search_postings');
      const every = await searchServices(t.database.pool, brescia, { q, page: 1, pageSize: 50 });
      expect(every).toMatchObject({ total: all.length, totalCapped: false });
    }
    // The rarest word leads: "centro diurno anziani" walks "diurn", not the commoner "centr".
    const { rows } = await t.database.pool.query<{ term: string; n: number }>(
      `SELECT term, count(*)::int AS n FROM dir_search_postings WHERE city_id = $1 AND term IN ('centr', 'diurn', 'anzian')
        GROUP BY term ORDER BY n, term`,
      [brescia],
    );
    expect(rows[0]?.term).toBe('diurn');
  });

  it('falls back to every match when the walk of postings ends before the page is full', async () => {
    const statements: string[] = [];
    const filters = { q: 'anziani', category: 'salute', page: 1, pageSize: 10 };
    const exact = await searchServices(t.database.pool, brescia, { ...filters, cap: 1000, walk: 100_000 });
    expect(exact.total).toBeGreaterThan(0);
    // One posting read: not enough, and the word has more: every match is looked at instead.
    const walked = await searchServices(t.database.pool, brescia, { ...filters, walk: 1 }, (s) =>
      statements.push(s.text),
    );
    expect(statements).toHaveLength(2);
    expect(statements[0]).toContain('dir_search_postings');
    expect(statements[1]).not.toContain('dir_search_postings');
    expect(walked.hits.map((h) => h.serviceId).sort()).toEqual(exact.hits.map((h) => h.serviceId).sort());
    expect(walked.total).toBe(exact.total);
  });

  it('without words, reads in order of name or of distance and stops at the window', async () => {
    const { rows } = await t.database.pool.query<{ name: string }>(
      `SELECT DISTINCT ON (service_id) name FROM dir_search WHERE city_id = $1 AND active AND neighbourhood_code IS NOT NULL
        ORDER BY service_id`,
      [brescia],
    );
    const sorted = rows.map((r) => r.name).sort(new Intl.Collator('it').compare);
    const byName = await searchServices(t.database.pool, brescia, { page: 1, pageSize: 3, cap: 3 });
    const details = await t.database.pool.query<{ name: string; service_id: string }>(
      'SELECT service_id, name FROM dir_services WHERE service_id = ANY($1::uuid[])',
      [byName.hits.map((h) => h.serviceId)],
    );
    const nameOf = new Map(details.rows.map((r) => [r.service_id, r.name]));
    expect(byName.hits.map((h) => nameOf.get(h.serviceId))).toEqual(sorted.slice(0, 3));
    expect(byName.totalCapped).toBe(true);
    const near = await searchServices(t.database.pool, brescia, {
      point: { lat: 45.5399, lon: 10.2196 },
      page: 1,
      pageSize: 5,
    });
    const distances = near.hits.map((h) => h.distanceMeters ?? Number.POSITIVE_INFINITY);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
  });
});
