import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { demo, type Session, signIn } from '../../../test/auth.ts';
import { createUser } from '../identity/service/accounts.ts';

let t: TestApp;
let admin: Session;
let orgAdmin: Session;
let otherOrgAdmin: Session;
let citizen: Session;
let service: { id: string; organizationId: string };
let otherService: { id: string };

async function serviceNamed(name: string) {
  const { rows } = await t.database.pool.query<{ service_id: string; organization_id: string }>(
    "SELECT service_id, organization_id FROM dir_services s JOIN cities c USING (city_id) WHERE c.code = 'brescia' AND s.name = $1",
    [name],
  );
  return { id: rows[0]!.service_id, organizationId: rows[0]!.organization_id };
}

beforeAll(async () => {
  t = await buildTestApp({ env: { RATE_LIMIT_LOGIN_PER_MINUTE: '1000' } });
  service = await serviceNamed('Spazio gioco 0-3 anni');
  const other = await serviceNamed('Centro diurno per anziani');
  otherService = { id: other.id };
  const { rows } = await t.database.pool.query<{ city_id: number }>(
    "SELECT city_id FROM cities WHERE code = 'brescia'",
  );
  for (const [email, org] of [
    ['referente.famiglie@example.org', service.organizationId],
    ['referente.nonni@example.org', other.organizationId],
  ] as const) {
    await createUser(t.database.pool, rows[0]!.city_id, {
      email,
      displayName: email,
      password: 'password-lunga-1',
      assignments: [{ role: 'org_admin', scope: { kind: 'organisation', ref: org } }],
    });
  }
  admin = await signIn(t.app, demo.admin);
  citizen = await signIn(t.app, demo.citizen);
  orgAdmin = await signIn(t.app, 'referente.famiglie@example.org', { password: 'password-lunga-1' });
  otherOrgAdmin = await signIn(t.app, 'referente.nonni@example.org', { password: 'password-lunga-1' });
});
afterAll(async () => {
  await t.close();
});

const search = async (q: string) =>
  (
    await t.app.inject({ method: 'GET', url: `/api/v1/directory/services?q=${encodeURIComponent(q)}` })
  ).json();

describe('PATCH /api/v1/directory/services/:id', () => {
  it("lets an organisation's admin change its own service; search follows at once; audited", async () => {
    const res = await orgAdmin.inject({
      method: 'PATCH',
      url: `/api/v1/directory/services/${service.id}`,
      payload: {
        description: 'Mattine di gioco e musica per bambini da 0 a 3 anni con i genitori.',
        categories: ['prima-infanzia', 'famiglie', 'cultura-socialita'],
        languages: ['it', 'uk'],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().languages).toEqual(['it', 'uk']);
    expect(res.json().categories.map((c: { code: string }) => c.code)).toContain('cultura-socialita');
    expect((await search('musica')).items.map((i: { id: string }) => i.id)).toContain(service.id);
    const { rows } = await t.database.pool.query(
      "SELECT detail FROM audit_log WHERE action = 'update' AND resource = 'directory_service' AND resource_id = $1",
      [service.id],
    );
    expect(rows).toHaveLength(1);
  });

  it("refuses another organisation's service, a citizen and nobody; changes nothing", async () => {
    const before = (
      await t.app.inject({ method: 'GET', url: `/api/v1/directory/services/${otherService.id}` })
    ).json();
    const patch = { name: 'Nome rubato' };
    expect(
      (
        await orgAdmin.inject({
          method: 'PATCH',
          url: `/api/v1/directory/services/${otherService.id}`,
          payload: patch,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await citizen.inject({
          method: 'PATCH',
          url: `/api/v1/directory/services/${otherService.id}`,
          payload: patch,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: `/api/v1/directory/services/${otherService.id}`,
          payload: patch,
        })
      ).statusCode,
    ).toBe(401);
    const after = (
      await t.app.inject({ method: 'GET', url: `/api/v1/directory/services/${otherService.id}` })
    ).json();
    expect(after.name).toBe(before.name);
    // …but its own admin and the city may.
    const own = await otherOrgAdmin.inject({
      method: 'PATCH',
      url: `/api/v1/directory/services/${otherService.id}`,
      payload: { phone: '030 1111111' },
    });
    expect(own.statusCode).toBe(200);
    expect(
      (
        await admin.inject({
          method: 'PATCH',
          url: `/api/v1/directory/services/${otherService.id}`,
          payload: { phone: '030 2222222' },
        })
      ).json().phone,
    ).toBe('030 2222222');
  });

  it('refuses bad input with field errors and changes nothing; HTML is stored as text', async () => {
    const url = `/api/v1/directory/services/${service.id}`;
    const bad: object[] = [
      { name: 'x' },
      { minimumAge: 10, maximumAge: 5 },
      { maximumAge: -1 },
      { categories: ['nonesiste'] },
      { categories: [] },
      { url: 'javascript:alert(1)' },
      { email: 'non-una-mail' },
      { languages: ['italiano'] },
      { status: 'chiuso' },
      { description: 'x'.repeat(5000) },
    ];
    const before = (await t.app.inject({ method: 'GET', url })).json();
    for (const payload of bad) {
      const res = await admin.inject({ method: 'PATCH', url, payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().errors.length).toBeGreaterThan(0);
    }
    // An age range made inverted by one side only is caught too.
    expect((await admin.inject({ method: 'PATCH', url, payload: { minimumAge: 50 } })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url })).json()).toEqual(before);
    const html = '<img src=x onerror=alert(1)> Spazio gioco';
    const res = await admin.inject({ method: 'PATCH', url, payload: { alternateName: html } });
    expect(res.json().alternateName).toBe(html);
  });
});

describe('PATCH /api/v1/directory/organizations/:id', () => {
  it('renames an organisation and its services are found by the new name', async () => {
    const res = await orgAdmin.inject({
      method: 'PATCH',
      url: `/api/v1/directory/organizations/${service.organizationId}`,
      payload: { name: 'Associazione Girotondo (demo)', website: 'https://girotondo.example.org' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await search('girotondo')).items.map((i: { id: string }) => i.id)).toContain(service.id);
    expect(
      (
        await otherOrgAdmin.inject({
          method: 'PATCH',
          url: `/api/v1/directory/organizations/${service.organizationId}`,
          payload: { name: 'Altro' },
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('verification', () => {
  it('lists entries not checked in 12 months, oldest first, and a check takes them off', async () => {
    const review = await admin.inject({ method: 'GET', url: '/api/v1/directory/review' });
    expect(review.statusCode).toBe(200);
    const { items, total } = review.json();
    expect(total).toBeGreaterThan(0);
    const cutoff = Date.now() - 365 * 24 * 3600 * 1000;
    for (const i of items)
      expect(i.lastVerifiedAt === null || Date.parse(i.lastVerifiedAt) < cutoff + 86_400_000).toBe(true);
    const dates = items.map((i: { lastVerifiedAt: string | null }) => i.lastVerifiedAt ?? '');
    expect(dates).toEqual([...dates].sort());
    const first = items.find((i: { kind: string }) => i.kind === 'service');
    const checked = await admin.inject({
      method: 'POST',
      url: `/api/v1/directory/services/${first.id}/verify`,
    });
    expect(checked.statusCode).toBe(200);
    expect(Date.now() - Date.parse(checked.json().lastVerifiedAt)).toBeLessThan(60_000);
    const again = (await admin.inject({ method: 'GET', url: '/api/v1/directory/review' })).json();
    expect(again.total).toBe(total - 1);
    const page = (
      await t.app.inject({ method: 'GET', url: `/api/v1/directory/services/${first.id}` })
    ).json();
    expect(page.lastVerifiedAt).toBe(checked.json().lastVerifiedAt);
  });

  it("is the city's: an organisation's admin may not verify nor see the review list", async () => {
    expect(
      (await orgAdmin.inject({ method: 'POST', url: `/api/v1/directory/services/${service.id}/verify` }))
        .statusCode,
    ).toBe(403);
    expect((await orgAdmin.inject({ method: 'GET', url: '/api/v1/directory/review' })).statusCode).toBe(403);
    expect((await admin.inject({ method: 'GET', url: '/api/v1/directory/review?months=0' })).statusCode).toBe(
      400,
    );
    expect(
      (
        await admin.inject({
          method: 'POST',
          url: '/api/v1/directory/organizations/00000000-0000-4000-8000-000000000000/verify',
        })
      ).statusCode,
    ).toBe(404);
  });
});
