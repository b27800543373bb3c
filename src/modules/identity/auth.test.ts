import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { cookiesOf, demo, type Session, sessionFrom, signIn } from '../../../test/auth.ts';
import { startSmtp, tokenIn } from '../../../test/smtp.ts';
import { connect } from '../../kernel/db/index.ts';
import { buildServer } from '../../server.ts';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let ipCounter = 0;
/** Each test signs in from its own address, so the per-address limits of one do not leak into another. */
let ip = '';

beforeAll(async () => {
  smtp = await startSmtp();
  t = await buildTestApp({ env: { SMTP_URL: smtp.url, PUBLIC_URL: 'http://localhost:3000' } });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});
beforeEach(() => {
  ip = `10.0.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;
});

const login = (email: string, password: string, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress: ip,
    headers,
    payload: { email, password },
  });

const sql = async <T = Record<string, unknown>>(text: string, values: unknown[] = []) =>
  (await t.database.pool.query(text, values)).rows as T[];

const auditRows = (action: string) =>
  sql<{ actor_id: string | null; outcome: string; detail: Record<string, unknown>; ip: string }>(
    'SELECT actor_id, outcome, detail, ip FROM audit_log WHERE action = $1 ORDER BY audit_id',
    [action],
  );

const me = (s: Pick<Session, 'cookie' | 'host'>) =>
  t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: s.cookie, host: s.host } });

describe('POST /api/v1/auth/login', () => {
  it('signs in with e-mail and password: the user, an httpOnly Lax session cookie and a CSRF cookie', async () => {
    const res = await login('Assistente.Nord@demo.cittadelnoi.it ', 'cittadelnoi');
    expect(res.statusCode).toBe(200);
    const { user } = res.json();
    expect(user).toMatchObject({
      email: demo.nord,
      city: 'brescia',
      roles: ['social_worker'],
      assignments: [{ role: 'social_worker', scope: { kind: 'zone', ref: 'nord' } }],
      emailVerified: true,
    });
    const sid = res.cookies.find((c) => c.name === 'noi_sid');
    const csrf = res.cookies.find((c) => c.name === 'noi_csrf');
    expect(sid).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(sid?.secure).toBeFalsy();
    expect(csrf?.httpOnly).toBeFalsy();
    const session = sessionFrom(t.app, 'localhost', sid!.value, csrf!.value);
    const who = await me(session);
    expect(who.statusCode).toBe(200);
    expect(who.json().id).toBe(user.id);
    // Only a hash of the cookie's token is stored.
    const stored = await sql<{ session_id: string }>('SELECT session_id FROM sessions WHERE user_id = $1', [
      user.id,
    ]);
    expect(stored.map((r) => r.session_id)).not.toContain(sid!.value.split('.')[0]);
    const [row] = (await auditRows('login')).filter((r) => r.actor_id === user.id);
    expect(row).toMatchObject({ outcome: 'ok', ip });
  });

  it('answers a wrong password and an unknown e-mail in the same words, status and about the same time', async () => {
    const times = { wrong: [] as number[], unknown: [] as number[] };
    let wrong: Awaited<ReturnType<typeof login>> | undefined;
    let unknown: Awaited<ReturnType<typeof login>> | undefined;
    for (let i = 0; i < 3; i++) {
      let start = performance.now();
      wrong = await login(demo.researcher, `sbagliata-${i}`);
      times.wrong.push(performance.now() - start);
      start = performance.now();
      unknown = await login(`nessuno-${i}@example.org`, 'cittadelnoi');
      times.unknown.push(performance.now() - start);
    }
    for (const res of [wrong!, unknown!]) {
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.cookies.find((c) => c.name === 'noi_sid')).toBeUndefined();
    }
    const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined, instance: undefined });
    expect(strip(unknown!.json())).toEqual(strip(wrong!.json()));
    expect(wrong!.json().detail).toBe('E-mail o password non corretti.');
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!;
    // Both run one argon2id verification: an unknown address is not answered faster.
    expect(median(times.unknown)).toBeGreaterThan(median(times.wrong) * 0.4);
    const failed = await auditRows('login_failed');
    expect(failed.filter((r) => r.detail.email === demo.researcher && r.outcome === 'failed')).toHaveLength(
      3,
    );
  });

  it('answers in English when asked', async () => {
    const res = await login(demo.citizen, 'nope-nope-nope', { 'accept-language': 'en' });
    expect(res.json().detail).toBe('Wrong e-mail or password.');
  });

  it('refuses bad input with a validation problem and opens no session', async () => {
    for (const payload of [{ email: demo.admin }, { email: 5, password: 'x' }, { password: 'cittadelnoi' }]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: ip,
        payload,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('validation');
      expect(res.cookies).toHaveLength(0);
    }
  });

  it('throttles an account after 5 failures in 15 minutes, even with the right password', async () => {
    for (let i = 0; i < 5; i++) expect((await login(demo.sud, `errata-${i}`)).statusCode).toBe(401);
    const res = await login(demo.sud, 'cittadelnoi');
    expect(res.statusCode).toBe(429);
    expect(res.json().detail).toContain('Troppi tentativi');
    expect(res.cookies.find((c) => c.name === 'noi_sid')).toBeUndefined();
    expect((await auditRows('login_throttled')).some((r) => r.detail.email === demo.sud)).toBe(true);
    // The window passes: the account signs in again, and a success clears its count.
    await sql("UPDATE login_failures SET at = at - interval '16 minutes' WHERE key = $1", [
      `email:${demo.sud}`,
    ]);
    expect((await login(demo.sud, 'cittadelnoi')).statusCode).toBe(200);
  });

  it('throttles an address after 30 failures over any accounts', async () => {
    for (let i = 0; i < 30; i++) await login(`tentativo-${i}@example.org`, 'qualcosa-di-sbagliato');
    const res = await login(demo.admin, 'cittadelnoi');
    expect(res.statusCode).toBe(429);
    ip = '10.99.0.1';
    expect((await login(demo.admin, 'cittadelnoi')).statusCode).toBe(200);
  });

  it('gives a new session id at every sign-in and ends the one it replaces', async () => {
    const first = await signIn(t.app, demo.citizen, { ip });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: ip,
      headers: { cookie: first.cookie, 'x-csrf-token': first.csrf },
      payload: { email: demo.citizen, password: 'cittadelnoi' },
    });
    expect(res.statusCode).toBe(200);
    const second = cookiesOf(res);
    expect(second.noi_sid).not.toBe(first.cookie.split(';')[0]!.slice('noi_sid='.length));
    expect((await me(first)).statusCode).toBe(401);
    expect((await me(sessionFrom(t.app, 'localhost', second.noi_sid!, second.noi_csrf!))).statusCode).toBe(
      200,
    );
  });

  it('does not sign in a deactivated account', async () => {
    await sql('UPDATE users SET active = false WHERE email = $1', ['ricercatore@demo.cittadelnoi.it']);
    try {
      expect((await login(demo.researcher, 'cittadelnoi')).statusCode).toBe(401);
    } finally {
      await sql('UPDATE users SET active = true WHERE email = $1', ['ricercatore@demo.cittadelnoi.it']);
    }
  });
});

describe('GET /api/v1/me', () => {
  it('is a 401 problem when signed out', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ status: 401, code: 'unauthenticated' });
  });

  it('treats a tampered cookie as signed out, and records the attempt', async () => {
    const s = await signIn(t.app, demo.citizen, { ip });
    const sid = s.cookie.split(';')[0]!.slice('noi_sid='.length);
    const tampered = `${sid.slice(0, 5)}${sid[5] === 'A' ? 'B' : 'A'}${sid.slice(6)}`;
    const res = await me({ cookie: `noi_sid=${tampered}`, host: 'localhost' });
    expect(res.statusCode).toBe(401);
    expect((await auditRows('session_cookie_rejected')).length).toBeGreaterThan(0);
    expect((await me({ cookie: 'noi_sid=forged-value', host: 'localhost' })).statusCode).toBe(401);
  });

  it("never lets one city's session into another city", async () => {
    const brescia = await signIn(t.app, demo.admin, { ip });
    expect((await me({ cookie: brescia.cookie, host: 'testopoli.localhost' })).statusCode).toBe(401);
    const testopoli = await signIn(t.app, demo.admin, { ip, host: 'testopoli.localhost' });
    const res = await me(testopoli);
    expect(res.json().city).toBe('testopoli');
    expect(res.json().id).not.toBe((await me(brescia)).json().id);
  });

  it('expires a session after the idle time and after the absolute time, even when cached', async () => {
    const idle = await signIn(t.app, demo.citizen, { ip });
    expect((await me(idle)).statusCode).toBe(200);
    expect(t.app.sessions.size).toBeGreaterThan(0);
    await sql(`UPDATE sessions SET last_seen_at = now() - make_interval(mins => $1 + 1)`, [
      t.config.session.idleMinutes,
    ]);
    // The change is announced by the database (NOTIFY) and the cached session dropped.
    await expect.poll(async () => (await me(idle)).statusCode, { timeout: 2000 }).toBe(401);
    const absolute = await signIn(t.app, demo.citizen, { ip });
    expect((await me(absolute)).statusCode).toBe(200);
    await sql(`UPDATE sessions SET expires_at = now() - interval '1 second'`);
    await expect.poll(async () => (await me(absolute)).statusCode, { timeout: 2000 }).toBe(401);
  });

  it('ends a session on every server when it changes on one (shared database, LISTEN/NOTIFY)', async () => {
    const database = connect(t.database.url, { max: 2 });
    const second = await buildServer({ config: t.config, database, logger: false });
    try {
      const s = await signIn(t.app, demo.researcher, { ip });
      const onSecond = () =>
        second.app.inject({
          method: 'GET',
          url: '/api/v1/me',
          headers: { cookie: s.cookie, host: 'localhost' },
        });
      expect((await onSecond()).statusCode).toBe(200);
      expect(second.app.sessions.size).toBe(1);
      expect((await s.inject({ method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(204);
      await expect.poll(async () => (await onSecond()).statusCode, { timeout: 2000 }).toBe(401);
    } finally {
      await second.app.close();
      await database.close();
    }
  });
});

describe('CSRF and origin', () => {
  it('refuses a cookie-authenticated write without the CSRF token, with a wrong one, or from another origin', async () => {
    const s = await signIn(t.app, demo.citizen, { ip });
    const patch = (headers: Record<string, string>) =>
      t.app.inject({
        method: 'PATCH',
        url: '/api/v1/me',
        headers: { host: 'localhost', cookie: s.cookie, ...headers },
        payload: { displayName: 'Nome cambiato' },
      });
    const refused: Record<string, string>[] = [
      {},
      { 'x-csrf-token': 'not-the-token' },
      { 'x-csrf-token': s.csrf, origin: 'https://evil.example' },
    ];
    for (const headers of refused) {
      const res = await patch(headers);
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('csrf');
    }
    expect((await me(s)).json().displayName).toBe('Cittadino (demo)');
    const ok = await patch({ 'x-csrf-token': s.csrf, origin: 'http://localhost' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().displayName).toBe('Nome cambiato');
    await s.inject({ method: 'PATCH', url: '/api/v1/me', payload: { displayName: 'Cittadino (demo)' } });
  });
});

describe('logout', () => {
  it('ends this session and clears the cookies', async () => {
    const s = await signIn(t.app, demo.researcher, { ip });
    const res = await s.inject({ method: 'POST', url: '/api/v1/auth/logout' });
    expect(res.statusCode).toBe(204);
    expect(res.cookies.find((c) => c.name === 'noi_sid')?.value).toBe('');
    expect((await me(s)).statusCode).toBe(401);
  });

  it('is a 401 problem when signed out', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout' });
    expect(res.statusCode).toBe(401);
  });

  it('ends every session of the person with logout everywhere, and only theirs', async () => {
    const a = await signIn(t.app, demo.researcher, { ip });
    const b = await signIn(t.app, demo.researcher, { ip });
    const other = await signIn(t.app, demo.citizen, { ip });
    expect((await a.inject({ method: 'POST', url: '/api/v1/auth/logout-everywhere' })).statusCode).toBe(204);
    expect((await me(a)).statusCode).toBe(401);
    expect((await me(b)).statusCode).toBe(401);
    expect((await me(other)).statusCode).toBe(200);
  });
});

describe('password reset by e-mail', () => {
  const email = 'assistente.sud@demo.cittadelnoi.it';

  it('mails a single-use link; the new password works, the old one and old sessions do not', async () => {
    const before = await signIn(t.app, email, { ip });
    const asked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password/forgot',
      remoteAddress: ip,
      payload: { email: email.toUpperCase() },
    });
    expect(asked.statusCode).toBe(202);
    expect(await t.app.mail.flush()).toBe(1);
    const mail = smtp.to(email).at(-1);
    expect(mail?.subject).toBe('Città del Noi: scegli una nuova password');
    expect(mail?.text).toContain('http://localhost:3000/reimposta-password?token=');
    const token = tokenIn(mail);
    const reset = (password: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password/reset',
        remoteAddress: ip,
        payload: { token, password },
      });
    expect((await reset('una-password-nuova')).statusCode).toBe(204);
    expect((await me(before)).statusCode).toBe(401);
    expect((await login(email, 'cittadelnoi')).statusCode).toBe(401);
    expect((await login(email, 'una-password-nuova')).statusCode).toBe(200);
    // Used once: a second use is refused, changes nothing, and is recorded.
    const again = await reset('ancora-una-diversa');
    expect(again.statusCode).toBe(410);
    expect(again.json().detail).toContain('scaduto o è già stato usato');
    expect((await login(email, 'una-password-nuova')).statusCode).toBe(200);
    expect((await auditRows('password_reset_refused')).length).toBeGreaterThan(0);
    expect((await auditRows('password_reset')).length).toBe(1);
    // Put the demo password back for the other tests.
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password/forgot',
      remoteAddress: ip,
      payload: { email },
    });
    await t.app.mail.flush();
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password/reset',
      remoteAddress: ip,
      payload: { token: tokenIn(smtp.to(email).at(-1)), password: 'cittadelnoi' },
    });
    expect((await login(email, 'cittadelnoi')).statusCode).toBe(200);
  });

  it('answers the same for an address with no account, and sends nothing', async () => {
    const count = smtp.mails.length;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password/forgot',
      remoteAddress: ip,
      payload: { email: 'nessuno@example.org' },
    });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ accepted: true });
    await t.app.mail.flush();
    expect(smtp.mails.length).toBe(count);
  });

  it('refuses an expired token', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password/forgot',
      remoteAddress: ip,
      payload: { email: demo.researcher },
    });
    await t.app.mail.flush();
    const token = tokenIn(smtp.to(demo.researcher).at(-1));
    await sql("UPDATE auth_tokens SET expires_at = now() - interval '1 minute' WHERE used_at IS NULL");
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password/reset',
      remoteAddress: ip,
      payload: { token, password: 'password-troppo-tardi' },
    });
    expect(res.statusCode).toBe(410);
    expect((await login(demo.researcher, 'cittadelnoi')).statusCode).toBe(200);
  });

  it('refuses a too short password and a malformed token with a validation problem', async () => {
    for (const payload of [
      { token: 'x'.repeat(43), password: 'corta' },
      { token: 'short', password: 'lunga-abbastanza' },
      { password: 'lunga-abbastanza' },
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password/reset',
        remoteAddress: ip,
        payload,
      });
      expect(res.statusCode).toBe(400);
    }
  });
});

describe('e-mail verification', () => {
  it('confirms the address with a mailed token; a reset token or a second use is refused', async () => {
    await sql('UPDATE users SET email_verified_at = NULL WHERE email = $1', [demo.researcher]);
    const s = await signIn(t.app, demo.researcher, { ip });
    expect((await me(s)).json().emailVerified).toBe(false);
    expect((await s.inject({ method: 'POST', url: '/api/v1/auth/email/send-verification' })).statusCode).toBe(
      202,
    );
    await t.app.mail.flush();
    const mail = smtp.to(demo.researcher).at(-1);
    expect(mail?.subject).toContain('conferma il tuo indirizzo');
    const token = tokenIn(mail);
    const verify = (tk: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/email/verify',
        remoteAddress: ip,
        payload: { token: tk },
      });
    expect((await verify(token)).statusCode).toBe(204);
    expect((await me(s)).json().emailVerified).toBe(true);
    expect((await verify(token)).statusCode).toBe(410);
    expect((await auditRows('email_verify_refused')).length).toBeGreaterThan(0);
  });
});

describe('my account', () => {
  it('changes my password only with the current one, and ends my other sessions', async () => {
    const here = await signIn(t.app, demo.nord, { ip });
    const there = await signIn(t.app, demo.nord, { ip });
    const wrong = await here.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      payload: { current: 'non-questa', password: 'nuova-password-123' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([
      { field: 'current', message: 'La password attuale non è corretta.' },
    ]);
    expect((await me(there)).statusCode).toBe(200);
    const ok = await here.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      payload: { current: 'cittadelnoi', password: 'nuova-password-123' },
    });
    expect(ok.statusCode).toBe(204);
    expect((await me(here)).statusCode).toBe(200);
    expect((await me(there)).statusCode).toBe(401);
    await here.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      payload: { current: 'nuova-password-123', password: 'cittadelnoi' },
    });
  });

  it('refuses a name too short and keeps the old one', async () => {
    const s = await signIn(t.app, demo.nord, { ip });
    const res = await s.inject({ method: 'PATCH', url: '/api/v1/me', payload: { displayName: ' x ' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('displayName');
    expect((await me(s)).json().displayName).toBe('Assistente sociale Zona Nord (demo)');
  });
});

describe('audit log', () => {
  it('cannot be changed or emptied by the application', async () => {
    await expect(sql("UPDATE audit_log SET action = 'x'")).rejects.toThrow(/append-only/i);
    await expect(sql('DELETE FROM audit_log')).rejects.toThrow(/append-only/i);
    await expect(sql('TRUNCATE audit_log')).rejects.toThrow(/append-only/i);
  });
});

describe('security basics', () => {
  it('sends security headers: a strict set on API answers, the web app’s CSP on pages', async () => {
    for (const url of ['/api/v1/territory', '/api/v1/nessuna-rotta', '/api/v1/me']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.headers['content-security-policy'], url).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
    const page = await t.app.inject({ method: 'GET', url: '/quartieri' });
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses an oversized body', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: ip,
      payload: { email: demo.admin, password: 'x'.repeat(2_000_000) },
    });
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('rate-limits sign-in per address and per minute', async () => {
    const limited = await buildTestApp({ env: { RATE_LIMIT_LOGIN_PER_MINUTE: '3' } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await limited.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          remoteAddress: '10.200.0.1',
          payload: { email: demo.citizen, password: 'cittadelnoi' },
        });
        codes.push(res.statusCode);
        if (res.statusCode === 429) expect(res.headers['content-type']).toContain('application/problem+json');
      }
      expect(codes).toEqual([200, 200, 200, 429]);
    } finally {
      await limited.close();
    }
  });
});
