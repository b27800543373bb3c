import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LightMyRequestResponse } from 'fastify';
// @ts-expect-error oidc-provider ships no type declarations (and @types/oidc-provider is not installed)
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { createUser, setActive } from './service/accounts.ts';
import { normaliseFiscalCode } from './service/oidc.ts';

// --- A real OpenID provider, in this process ----------------------------------------------------

interface TestAccount {
  fiscal_number?: string;
  given_name: string;
  family_name: string;
  email?: string;
  email_verified?: boolean;
}

const accounts: Record<string, TestAccount> = {
  mario: {
    fiscal_number: 'TINIT-RSSMRA80A01B157Y',
    given_name: 'Mario',
    family_name: 'Rossi',
    email: 'mario.rossi@example.it',
    email_verified: true,
  },
  giulia: {
    fiscal_number: 'TINIT-BNCGLI85C41B157K',
    given_name: 'Giulia',
    family_name: 'Bianchi',
    email: 'giulia.bianchi@example.it',
    email_verified: true,
  },
  spenta: {
    fiscal_number: 'vrdlcu70a01b157z',
    given_name: 'Luca',
    family_name: 'Verdi',
    email: 'luca.verdi@example.it',
    email_verified: true,
  },
};

interface TestProvider {
  issuer: string;
  /** Who signs in at the provider next, or `deny` to cancel there. */
  behaviour: { account: string; deny: boolean; forgeIdToken: boolean };
  close(): Promise<void>;
}

/** The little of oidc-provider's request context the test uses. */
interface ProviderContext {
  oidc: {
    result?: { consent?: { grantId?: string } };
    session: { accountId: string; grantIdFor(clientId: string): string | undefined };
    client: { clientId: string };
    provider: {
      Grant: {
        find(id: string): Promise<unknown>;
        new (init: {
          clientId: string;
          accountId: string;
        }): {
          addOIDCScope(scope: string): void;
          save(): Promise<string>;
        };
      };
    };
  };
}

const clientId = 'cittadelnoi';
const clientSecret = 'a-client-secret-for-the-test-provider';
const redirectUri = 'http://localhost/api/v1/auth/oidc/callback';

const listen = (server: http.Server, port = 0) =>
  new Promise<number>((resolve) =>
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The same claims, signed with a key the provider never published (same `kid`). */
function forge(idToken: string, key: KeyObject): string {
  const [header, payload] = idToken.split('.') as [string, string];
  const h = JSON.parse(Buffer.from(header, 'base64url').toString());
  const body = `${b64(h)}.${payload}`;
  return `${body}.${sign('sha256', Buffer.from(body), key).toString('base64url')}`;
}

/**
 * oidc-provider behind a small proxy (the issuer's address): the proxy can swap the ID token of
 * the token endpoint's answer for a forged one. Logins and consent happen without forms.
 */
async function startProvider(port = 0): Promise<TestProvider> {
  const signing = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const behaviour = { account: 'mario', deny: false, forgeIdToken: false };

  const front = http.createServer();
  const frontPort = await listen(front, port);
  const issuer = `http://127.0.0.1:${frontPort}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [{ ...signing.export({ format: 'jwk' }), kid: 'k1', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: ['test-provider-cookie-key'] },
    claims: {
      openid: ['sub'],
      profile: ['given_name', 'family_name', 'fiscal_number'],
      email: ['email', 'email_verified'],
    },
    features: { devInteractions: { enabled: false } },
    ttl: { Interaction: 600, Grant: 600, Session: 600, AccessToken: 600, IdToken: 600 },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx: unknown, id: string) {
      return { accountId: id, claims: async () => ({ sub: id, ...accounts[id] }) };
    },
    // Consent is implied: every client gets what it asks for.
    async loadExistingGrant(ctx: ProviderContext) {
      const grantId =
        ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope('openid profile email');
      await grant.save();
      return grant;
    },
  });

  const handle = provider.callback();
  const back = http.createServer(async (req, res) => {
    if (req.url?.startsWith('/interaction/')) {
      try {
        await provider.interactionDetails(req, res);
        const result = behaviour.deny
          ? { error: 'access_denied', error_description: 'The person cancelled' }
          : { login: { accountId: behaviour.account } };
        await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
      } catch (error) {
        res.statusCode = 500;
        res.end(String(error));
      }
      return;
    }
    handle(req, res);
  });
  const backPort = await listen(back);

  front.on('request', (req, res) => {
    const upstream = http.request(
      { host: '127.0.0.1', port: backPort, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        const forging = behaviour.forgeIdToken && req.url === '/token' && answer.statusCode === 200;
        if (!forging) {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          return;
        }
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => {
          const body = JSON.parse(Buffer.concat(chunks).toString());
          body.id_token = forge(body.id_token, stranger);
          const text = JSON.stringify(body);
          res.writeHead(200, {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(text),
          });
          res.end(text);
        });
      },
    );
    req.pipe(upstream);
  });

  return {
    issuer,
    behaviour,
    async close() {
      front.closeAllConnections();
      back.closeAllConnections();
      await Promise.all([new Promise((r) => front.close(r)), new Promise((r) => back.close(r))]);
    },
  };
}

// --- The app ----------------------------------------------------------------------------------

let op: TestProvider;
let t: TestApp;

beforeAll(async () => {
  op = await startProvider();
  t = await buildTestApp({
    env: {
      PUBLIC_URL: 'http://localhost',
      OIDC_ISSUER: op.issuer,
      OIDC_CLIENT_ID: clientId,
      OIDC_CLIENT_SECRET: clientSecret,
      OIDC_LABEL: 'SPID / CIE (test)',
      RATE_LIMIT_LOGIN_PER_MINUTE: '1000',
    },
  });
});
afterAll(async () => {
  await t?.close();
  await op?.close();
});

/** The raw `name=value` of a Set-Cookie header of a response (value as sent, still encoded). */
function setCookie(res: LightMyRequestResponse, name: string): string | undefined {
  const all = [res.headers['set-cookie'] ?? []].flat();
  return all.find((c) => c.startsWith(`${name}=`))?.split(';')[0];
}

function sessionCookieSet(res: LightMyRequestResponse): boolean {
  const sid = setCookie(res, 'noi_sid');
  return sid !== undefined && sid !== 'noi_sid=';
}

/** Starts a sign-in at the app and follows the provider to the redirect back to the app. */
async function walk(
  next = '/richieste',
): Promise<{ cookie: string; callback: URL; start: LightMyRequestResponse }> {
  const start = await t.app.inject({
    method: 'GET',
    url: `/api/v1/auth/oidc/start?next=${encodeURIComponent(next)}`,
    headers: { host: 'localhost' },
  });
  expect(start.statusCode).toBe(302);
  const cookie = setCookie(start, 'noi_oidc');
  expect(cookie).toBeDefined();
  const jar = new Map<string, string>();
  let url = new URL(String(start.headers.location));
  expect(url.origin).toBe(op.issuer);
  for (let hop = 0; hop < 10 && url.origin === op.issuer; hop++) {
    const res = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const c of res.headers.getSetCookie()) {
      const pair = c.split(';')[0]!;
      const i = pair.indexOf('=');
      const [k, v] = [pair.slice(0, i), pair.slice(i + 1)];
      if (v) jar.set(k, v);
      else jar.delete(k);
    }
    await res.arrayBuffer();
    const location = res.headers.get('location');
    if (!location) throw new Error(`provider stopped at ${url.href}: ${res.status}`);
    url = new URL(location, url);
  }
  expect(url.href.startsWith(redirectUri)).toBe(true);
  return { cookie: cookie!, callback: url, start };
}

const callback = (url: URL, cookie?: string) =>
  t.app.inject({
    method: 'GET',
    url: `${url.pathname}${url.search}`,
    headers: { host: 'localhost', ...(cookie ? { cookie } : {}) },
  });

async function failure(res: LightMyRequestResponse): Promise<{ reason: string; outcome: string }> {
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(sessionCookieSet(res)).toBe(false);
  const { rows } = await t.database.pool.query<{
    detail: { method: string; reason: string };
    outcome: string;
  }>("SELECT detail, outcome FROM audit_log WHERE action = 'login_failed' AND request_id = $1", [
    res.headers['x-request-id'],
  ]);
  expect(rows).toHaveLength(1);
  expect(rows[0]!.detail.method).toBe('oidc');
  return { reason: rows[0]!.detail.reason, outcome: rows[0]!.outcome };
}

const me = (sid: string) =>
  t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { host: 'localhost', cookie: sid } });

/** The signed cookie's content, changed and signed again with the app's secret. */
function resign(cookie: string, change: (p: Record<string, unknown>) => void): string {
  const raw = decodeURIComponent(cookie.slice('noi_oidc='.length));
  const unsigned = t.app.unsignCookie(raw);
  expect(unsigned.valid).toBe(true);
  const pending = JSON.parse(Buffer.from(unsigned.value!, 'base64url').toString());
  change(pending);
  const value = Buffer.from(JSON.stringify(pending)).toString('base64url');
  return `noi_oidc=${encodeURIComponent(t.app.signCookie(value))}`;
}

describe('fiscal codes', () => {
  it('normalises SPID and bare codes, refuses anything else', () => {
    expect(normaliseFiscalCode('TINIT-RSSMRA80A01B157Y')).toBe('RSSMRA80A01B157Y');
    expect(normaliseFiscalCode('tinit-rssmra80a01b157y')).toBe('RSSMRA80A01B157Y');
    expect(normaliseFiscalCode(' RSSMRA80A01B157Y ')).toBe('RSSMRA80A01B157Y');
    expect(normaliseFiscalCode('TINES-12345678Z')).toBeNull();
    expect(normaliseFiscalCode('RSSMRA80A01B157')).toBeNull();
    expect(normaliseFiscalCode(42)).toBeNull();
  });
});

describe('sign-in with an OpenID provider (SPID/CIE gateway)', () => {
  it('lists the provider with its label', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/providers' });
    expect(res.json()).toEqual({ password: true, oidc: { label: 'SPID / CIE (test)' } });
  });

  it('sends people to the provider with state, nonce and PKCE (S256), in a signed short-lived cookie', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/oidc/start',
      headers: { host: 'localhost' },
    });
    expect(res.statusCode).toBe(302);
    const location = new URL(String(res.headers.location));
    expect(location.searchParams.get('client_id')).toBe(clientId);
    expect(location.searchParams.get('redirect_uri')).toBe(redirectUri);
    expect(location.searchParams.get('response_type')).toBe('code');
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    expect(location.searchParams.get('state')).toBeTruthy();
    expect(location.searchParams.get('nonce')).toBeTruthy();
    const header = [res.headers['set-cookie']].flat().find((c) => c?.startsWith('noi_oidc='))!;
    expect(header).toMatch(/HttpOnly/i);
    expect(header).toMatch(/SameSite=Lax/i);
    expect(header).toMatch(/Path=\/api\/v1\/auth\/oidc/);
    expect(header).toMatch(/Max-Age=600/);
    expect(sessionCookieSet(res)).toBe(false);
  });

  it('creates a citizen account on first sign-in and opens a session', async () => {
    op.behaviour.account = 'mario';
    const { cookie, callback: url } = await walk('/richieste?stato=aperte');
    const res = await callback(url, cookie);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/richieste?stato=aperte');
    expect(sessionCookieSet(res)).toBe(true);
    expect(setCookie(res, 'noi_oidc')).toBe('noi_oidc=');
    const sid = setCookie(res, 'noi_sid')!;
    const who = await me(sid);
    expect(who.statusCode).toBe(200);
    expect(who.json()).toMatchObject({
      email: 'mario.rossi@example.it',
      displayName: 'Mario Rossi',
      fiscalCode: 'RSSMRA80A01B157Y',
      emailVerified: true,
      city: 'brescia',
      roles: ['citizen'],
      assignments: [{ role: 'citizen', scope: { kind: 'own', ref: null } }],
    });
    const { rows } = await t.database.pool.query(
      "SELECT detail, actor_id FROM audit_log WHERE action = 'login' AND request_id = $1",
      [res.headers['x-request-id']],
    );
    expect(rows).toEqual([{ detail: { method: 'oidc' }, actor_id: who.json().id }]);
    const sessions = await t.database.pool.query('SELECT method FROM sessions WHERE user_id = $1', [
      who.json().id,
    ]);
    expect(sessions.rows).toEqual([{ method: 'oidc' }]);
  });

  it('finds the same person again by fiscal code (no second account)', async () => {
    op.behaviour.account = 'mario';
    const { cookie, callback: url } = await walk();
    const res = await callback(url, cookie);
    expect(res.statusCode).toBe(302);
    const who = (await me(setCookie(res, 'noi_sid')!)).json();
    expect(who.fiscalCode).toBe('RSSMRA80A01B157Y');
    const { rows } = await t.database.pool.query(
      "SELECT count(*)::int AS n FROM users WHERE fiscal_code = 'RSSMRA80A01B157Y'",
    );
    expect(rows[0].n).toBe(1);
  });

  it('links an existing account with the same verified e-mail and records its fiscal code', async () => {
    const brescia = (await t.app.cities.forHost('localhost')).id;
    const existing = await createUser(t.database.pool, brescia, {
      email: 'Giulia.Bianchi@example.it',
      displayName: 'Giulia B.',
      verified: true,
      assignments: [{ role: 'volunteer', scope: { kind: 'own', ref: null } }],
    });
    op.behaviour.account = 'giulia';
    const { cookie, callback: url } = await walk();
    const res = await callback(url, cookie);
    expect(res.statusCode).toBe(302);
    const who = (await me(setCookie(res, 'noi_sid')!)).json();
    expect(who.id).toBe(existing.id);
    expect(who.fiscalCode).toBe('BNCGLI85C41B157K');
    expect(who.roles).toEqual(['volunteer']);
  });

  it('goes to /profilo when `next` is missing or leads off the site', async () => {
    op.behaviour.account = 'mario';
    for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
      const { cookie, callback: url } = await walk(next);
      const res = await callback(url, cookie);
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toBe('/profilo');
    }
  });

  it('refuses a deactivated account: 403, no session', async () => {
    const brescia = (await t.app.cities.forHost('localhost')).id;
    const user = await createUser(t.database.pool, brescia, {
      email: 'luca.verdi@example.it',
      displayName: 'Luca Verdi',
      fiscalCode: 'VRDLCU70A01B157Z',
      assignments: [{ role: 'citizen', scope: { kind: 'own', ref: null } }],
    });
    await setActive(t.database.pool, brescia, user.id, false);
    op.behaviour.account = 'spenta';
    const { cookie, callback: url } = await walk();
    const res = await callback(url, cookie);
    expect(res.statusCode).toBe(403);
    expect(await failure(res)).toEqual({ reason: 'inactive', outcome: 'denied' });
  });

  it('refuses a tampered state', async () => {
    op.behaviour.account = 'mario';
    const { cookie, callback: url } = await walk();
    url.searchParams.set('state', 'not-the-state-we-sent');
    const res = await callback(url, cookie);
    expect(res.statusCode).toBe(400);
    expect((await failure(res)).reason).toBe('state_mismatch');
  });

  it('sends a browser back to the sign-in page with a message, not a JSON problem', async () => {
    op.behaviour.account = 'mario';
    const { cookie, callback: url } = await walk();
    url.searchParams.set('state', 'not-the-state-we-sent');
    const res = await t.app.inject({
      method: 'GET',
      url: `${url.pathname}${url.search}`,
      headers: { host: 'localhost', cookie, accept: 'text/html,application/xhtml+xml' },
    });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/accedi?errore=spid');
    expect(sessionCookieSet(res)).toBe(false);
  });

  it('refuses an answer without the cookie of the start', async () => {
    const { callback: url } = await walk();
    const res = await callback(url);
    expect(res.statusCode).toBe(400);
    expect((await failure(res)).reason).toBe('missing_cookie');
  });

  it('refuses a cookie that was not signed by the app', async () => {
    const { cookie, callback: url } = await walk();
    const raw = decodeURIComponent(cookie.slice('noi_oidc='.length));
    const [value] = raw.split('.');
    const res = await callback(url, `noi_oidc=${encodeURIComponent(`${value}.forgedsignature`)}`);
    expect(res.statusCode).toBe(400);
    expect((await failure(res)).reason).toBe('bad_cookie');
  });

  it('refuses an expired start', async () => {
    const { cookie, callback: url } = await walk();
    const res = await callback(
      url,
      resign(cookie, (p) => {
        p.expiresAt = Date.now() - 1000;
      }),
    );
    expect(res.statusCode).toBe(400);
    expect((await failure(res)).reason).toBe('expired');
  });

  it('refuses an ID token whose nonce is not the one we sent', async () => {
    const { cookie, callback: url } = await walk();
    const res = await callback(
      url,
      resign(cookie, (p) => {
        p.nonce = 'another-nonce';
      }),
    );
    expect(res.statusCode).toBe(401);
    expect((await failure(res)).reason).toBe('nonce_mismatch');
  });

  it('refuses a code used twice (token endpoint error)', async () => {
    const { cookie, callback: url } = await walk();
    expect((await callback(url, cookie)).statusCode).toBe(302);
    const again = await callback(url, cookie);
    expect(again.statusCode).toBe(401);
    expect((await failure(again)).reason).toBe('token_endpoint:invalid_grant');
  });

  it('reports the provider’s error (the person cancelled)', async () => {
    op.behaviour.deny = true;
    try {
      const { cookie, callback: url } = await walk();
      expect(url.searchParams.get('error')).toBe('access_denied');
      const res = await callback(url, cookie);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ status: 401, code: 'unauthenticated' });
      expect((await failure(res)).reason).toBe('provider_error:access_denied');
    } finally {
      op.behaviour.deny = false;
    }
  });

  it('refuses an ID token signed with a key the provider does not publish', async () => {
    op.behaviour.forgeIdToken = true;
    try {
      const { cookie, callback: url } = await walk();
      const res = await callback(url, cookie);
      expect(res.statusCode).toBe(401);
      expect((await failure(res)).reason).toBe('bad_signature');
    } finally {
      op.behaviour.forgeIdToken = false;
    }
  });
});

describe('without a configured provider', () => {
  let plain: TestApp;
  beforeAll(async () => {
    plain = await buildTestApp();
  });
  afterAll(async () => {
    await plain?.close();
  });

  it('offers password sign-in only and answers 404 to the OIDC routes', async () => {
    const providers = await plain.app.inject({ method: 'GET', url: '/api/v1/auth/providers' });
    expect(providers.json()).toEqual({ password: true, oidc: null });
    for (const url of ['/api/v1/auth/oidc/start', '/api/v1/auth/oidc/callback?code=x&state=y']) {
      const res = await plain.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe('not_found');
    }
  });
});

describe('with a provider that does not answer', () => {
  let down: TestApp;
  let port: number;
  let late: TestProvider | undefined;
  beforeAll(async () => {
    const probe = http.createServer();
    port = await listen(probe);
    await new Promise((r) => probe.close(r));
    down = await buildTestApp({
      env: {
        PUBLIC_URL: 'http://localhost',
        OIDC_ISSUER: `http://127.0.0.1:${port}`,
        OIDC_CLIENT_ID: clientId,
        OIDC_CLIENT_SECRET: clientSecret,
      },
    });
  });
  afterAll(async () => {
    await down?.close();
    await late?.close();
  });

  it('answers 503 to a start, and tries discovery again on the next one', async () => {
    const start = () =>
      down.app.inject({ method: 'GET', url: '/api/v1/auth/oidc/start', headers: { host: 'localhost' } });
    const res = await start();
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(setCookie(res, 'noi_oidc')).toBeUndefined();
    late = await startProvider(port);
    const again = await start();
    expect(again.statusCode).toBe(302);
    expect(new URL(String(again.headers.location)).origin).toBe(`http://127.0.0.1:${port}`);
  });
});
