/**
 * The generated access test: every route of every module, called by every role (each in its own
 * scope), by a social worker of another zone, by a user of another city and by nobody, checked
 * against what the route declares in `config.access` and the manifests' permissions. Routes that
 * take ids are also called with real records (the manifests' `accessSamples`) of the caller's city,
 * of another city (IDOR: never reachable, nothing changed) and with ids that do not exist.
 * A new module's routes are walked without writing anything here.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomToken, sha256 } from '../src/kernel/auth/crypto.ts';
import { loadUser } from '../src/kernel/auth/users.ts';
import type { Access, AccessSample, Role, ScopeKind } from '../src/kernel/module.ts';
import { createUser } from '../src/modules/identity/service/accounts.ts';
import { modules } from '../src/modules/index.ts';
import { buildTestApp, type TestApp } from './app.ts';

interface Principal {
  label: string;
  /** None for the anonymous caller. Each call gets a fresh session (a route may end it). */
  userId?: string;
  cityId?: number;
  /** Signed in to the other city: must reach nothing but public routes here. */
  foreign?: boolean;
}

const principalsByRole: { role: Role; kind: ScopeKind; ref: string | null; label?: string }[] = [
  { role: 'citizen', kind: 'own', ref: null },
  { role: 'volunteer', kind: 'own', ref: null },
  { role: 'operator', kind: 'community_point', ref: 'access-test-hub' },
  { role: 'social_worker', kind: 'zone', ref: 'nord', label: 'social_worker(zone nord)' },
  { role: 'social_worker', kind: 'zone', ref: 'sud', label: 'social_worker(zone sud)' },
  { role: 'org_admin', kind: 'organisation', ref: 'access-test-org' },
  { role: 'educator', kind: 'organisation', ref: 'access-test-org' },
  { role: 'tutor', kind: 'organisation', ref: 'access-test-org' },
  { role: 'merchant', kind: 'organisation', ref: 'access-test-shop' },
  { role: 'council_member', kind: 'zone', ref: 'nord' },
  { role: 'researcher', kind: 'city', ref: null },
  { role: 'city_admin', kind: 'city', ref: null },
  { role: 'platform_admin', kind: 'platform', ref: null },
];

let t: TestApp;
let brescia: number;
let testopoli: number;
const principals: Principal[] = [];
const samples = new Map<string, AccessSample>();
const foreignSamples = new Map<string, AccessSample>();

async function cookieFor(userId: string, cityId: number): Promise<{ cookie: string; csrf: string }> {
  const token = randomToken();
  const csrf = randomToken();
  await t.database.pool.query(
    `INSERT INTO sessions (city_id, session_id, user_id, csrf_token, expires_at, method)
     VALUES ($1, $2, $3, $4, now() + interval '1 hour', 'password')`,
    [cityId, sha256(token), userId, csrf],
  );
  return { cookie: `noi_sid=${t.app.signCookie(token)}; noi_csrf=${csrf}`, csrf };
}

beforeAll(async () => {
  t = await buildTestApp({
    env: { RATE_LIMIT_LOGIN_PER_MINUTE: '100000', RATE_LIMIT_PUBLIC_FORMS_PER_MINUTE: '100000' },
  });
  const { rows } = await t.database.pool.query<{ city_id: number; code: string }>(
    'SELECT city_id, code FROM cities',
  );
  brescia = rows.find((r) => r.code === 'brescia')!.city_id;
  testopoli = rows.find((r) => r.code === 'testopoli')!.city_id;
  principals.push({ label: 'anonymous' });
  for (const p of principalsByRole) {
    const user = await createUser(t.database.pool, brescia, {
      email: `access-${p.role}-${p.ref ?? p.kind}@example.org`,
      displayName: `Access ${p.role}`,
      assignments: [{ role: p.role, scope: { kind: p.kind, ref: p.ref } }],
    });
    principals.push({ label: p.label ?? p.role, userId: user.id, cityId: brescia });
  }
  const { rows: admins } = await t.database.pool.query<{ user_id: string }>(
    "SELECT user_id FROM users WHERE city_id = $1 AND email = 'admin@demo.cittadelnoi.it'",
    [testopoli],
  );
  principals.push({
    label: 'city_admin of another city',
    foreign: true,
    userId: admins[0]!.user_id,
    cityId: testopoli,
  });
  for (const m of modules) {
    for (const [url, s] of Object.entries((await m.accessSamples?.(t.database.pool, brescia)) ?? {}))
      samples.set(url, s);
    for (const [url, s] of Object.entries((await m.accessSamples?.(t.database.pool, testopoli)) ?? {}))
      foreignSamples.set(url, s);
  }
});
afterAll(async () => {
  await t?.close();
});

/** Fills `:name` params: from a sample when given, else ids that exist nowhere. */
function fill(url: string, params: Record<string, string> = {}): string {
  return url.replace(
    /:([A-Za-z]+)/g,
    (_, name: string) => params[name] ?? (name === 'id' || name.endsWith('Id') ? randomUUID() : 'nessuno'),
  );
}

async function call(route: { method: string; url: string }, who: Principal, sample?: AccessSample) {
  const query = new URLSearchParams(sample?.query ?? {}).toString();
  const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(route.method);
  const session = who.userId ? await cookieFor(who.userId, who.cityId!) : undefined;
  return t.app.inject({
    method: route.method as 'GET',
    url: fill(route.url, sample?.params) + (query ? `?${query}` : ''),
    headers: {
      host: 'localhost',
      ...(session ? { cookie: session.cookie } : {}),
      ...(unsafe && session ? { 'x-csrf-token': session.csrf } : {}),
      ...(unsafe ? { 'content-type': 'application/json' } : {}),
    },
    ...(unsafe ? { payload: '{}' } : {}),
  });
}

/** What the declarations say this principal may do on this route (and, given a record, on it). */
async function expected(
  access: Access,
  who: Principal,
  sample?: AccessSample,
): Promise<'allow' | 'deny' | 'anonymous'> {
  if ('public' in access) return 'allow';
  if (!who.userId || who.foreign) return 'anonymous';
  if ('authenticated' in access) return 'allow';
  const user = await loadUser(t.database.pool, brescia, who.userId);
  const grant = t.permissions.resolve(user ?? null, access.permission);
  if (grant.all) return 'allow';
  const owner = sample?.belongsTo;
  if (!owner)
    return grant.own || grant.zones.length + grant.communityPoints.length + grant.organisations.length > 0
      ? 'allow'
      : 'deny';
  const reaches =
    (owner.zone !== undefined && grant.zones.includes(owner.zone)) ||
    (owner.communityPoint !== undefined && grant.communityPoints.includes(owner.communityPoint)) ||
    (owner.organisation !== undefined && grant.organisations.includes(owner.organisation)) ||
    (owner.userId !== undefined && grant.own && owner.userId === who.userId);
  return reaches ? 'allow' : 'deny';
}

const routeList = () => t.routes.filter((r) => r.url.startsWith('/api/v1/'));

describe('generated access test', () => {
  it('finds the routes of every module', () => {
    const urls = routeList().map((r) => r.url);
    expect(urls).toContain('/api/v1/territory');
    expect(urls).toContain('/api/v1/admin/users');
    expect(principals.length).toBe(principalsByRole.length + 2);
  });

  it('gives every route the answer its declaration promises, for every role, another zone and another city', async () => {
    const wrong: string[] = [];
    for (const route of routeList()) {
      for (const who of principals) {
        const sample = route.method === 'GET' ? samples.get(route.url) : undefined;
        const want = await expected(route.access, who, sample);
        const res = await call(route, who, sample);
        const got = res.statusCode;
        const line = `${route.method} ${route.url} as ${who.label}: expected ${want}, got ${got}`;
        if (got >= 500) wrong.push(`${line} (server error: ${res.body.slice(0, 200)})`);
        else if (want === 'anonymous' && got !== 401) wrong.push(line);
        else if (want === 'deny' && !(got === 403 || (sample && got === 404))) wrong.push(line);
        else if (want === 'allow' && (got === 401 || got === 403))
          wrong.push(`${line} ${res.body.slice(0, 200)}`);
        else if (want === 'allow' && sample && route.method === 'GET' && got !== 200) wrong.push(line);
        if (
          got >= 400 &&
          got !== 405 &&
          !String(res.headers['content-type']).includes('application/problem+json')
        )
          wrong.push(`${line}: not a problem+json answer`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("never reaches another city's record by its id (IDOR), on any method, and changes nothing", async () => {
    const wrong: string[] = [];
    const before = await t.database.pool.query(
      'SELECT city_id, user_id, active, display_name FROM users ORDER BY 1, 2',
    );
    for (const route of routeList()) {
      const sample = foreignSamples.get(route.url);
      if (!sample) continue;
      for (const who of principals) {
        const res = await call(route, who, sample);
        if (res.statusCode < 400 || res.statusCode >= 500)
          wrong.push(
            `${route.method} ${route.url} with another city's record as ${who.label}: ${res.statusCode}`,
          );
      }
    }
    expect(wrong).toEqual([]);
    const after = await t.database.pool.query(
      'SELECT city_id, user_id, active, display_name FROM users ORDER BY 1, 2',
    );
    expect(after.rows).toEqual(before.rows);
  });

  it('answers ids that exist nowhere with a 404 problem (or 400 when malformed) to whoever may call the route', async () => {
    const wrong: string[] = [];
    const admin = principals.find((p) => p.label === 'city_admin')!;
    for (const route of routeList().filter((r) => r.url.includes('/:'))) {
      const res = await call(route, admin);
      if (![400, 401, 403, 404].includes(res.statusCode))
        wrong.push(`${route.method} ${route.url}: ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });
});
