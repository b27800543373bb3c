import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type pg from 'pg';
import { audit } from '../audit/index.ts';
import type { Config } from '../config.ts';
import { AppError } from '../errors.ts';
import { randomToken, safeEqual, sha256 } from './crypto.ts';
import { SessionCache } from './session-cache.ts';
import { emptyGrant } from './types.ts';
import { toAuthUser, userColumns } from './users.ts';

export const sessionCookie = 'noi_sid';
export const csrfCookie = 'noi_csrf';
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface SessionInfo {
  /** SHA-256 of the cookie's token: the row's key. */
  id: string;
  csrfToken: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    session: SessionInfo | null;
  }
  interface FastifyInstance {
    /** Signed-in sessions cached in memory; evict a user's after changing them. */
    sessions: SessionCache;
  }
}

function cookieOptions(config: Config, httpOnly: boolean) {
  return {
    path: '/',
    httpOnly,
    sameSite: 'lax' as const,
    secure: config.env === 'production',
    signed: httpOnly,
  };
}

/** Opens a session for a user: a new id (never reused), a CSRF token, both cookies set. */
export async function openSession(
  pool: pg.Pool,
  config: Config,
  request: FastifyRequest,
  reply: FastifyReply,
  userId: string,
  method: 'password' | 'oidc',
): Promise<SessionInfo> {
  if (request.session) await closeSession(pool, request, reply);
  const token = randomToken();
  const csrf = randomToken();
  const id = sha256(token);
  await pool.query(
    `INSERT INTO sessions (city_id, session_id, user_id, csrf_token, expires_at, ip, user_agent, method)
     VALUES ($1, $2, $3, $4, now() + make_interval(hours => $5), $6, $7, $8)`,
    [
      request.city.id,
      id,
      userId,
      csrf,
      config.session.absoluteHours,
      request.ip,
      String(request.headers['user-agent'] ?? '').slice(0, 300),
      method,
    ],
  );
  reply.setCookie(sessionCookie, token, cookieOptions(config, true));
  reply.setCookie(csrfCookie, csrf, cookieOptions(config, false));
  request.session = { id, csrfToken: csrf };
  return request.session;
}

export async function closeSession(
  pool: pg.Pool,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  if (request.session) {
    await pool.query('DELETE FROM sessions WHERE city_id = $1 AND session_id = $2', [
      request.city.id,
      request.session.id,
    ]);
    request.server.sessions.delete(`${request.city.id}:${request.session.id}`);
  }
  reply.clearCookie(sessionCookie, { path: '/' });
  reply.clearCookie(csrfCookie, { path: '/' });
  request.session = null;
  request.user = null;
}

interface SessionRow {
  csrf_token: string;
  expires_at: Date;
  last_seen_at: Date;
}

/**
 * Reads the session cookie on every request: a valid, unexpired (idle and absolute) session of
 * this city sets `request.user`. A cookie of another city, a tampered or expired one: anonymous.
 * Unsafe methods with a session must carry the CSRF token (double submit), and a foreign Origin
 * is refused whatever the cookies.
 */
export async function sessionPlugin(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(cookie, { secret: config.session.secret, hook: 'onRequest' });
  app.decorateRequest('user', null);
  app.decorateRequest('session', null);
  app.decorateRequest('grant', null as never);
  const pool = app.database.pool;
  const cache = new SessionCache({
    ttlMs: config.session.cacheSeconds * 1000,
    log: (m) => app.log.warn(m),
  });
  await cache.listen(pool.options);
  app.decorate('sessions', cache);
  app.addHook('onClose', () => cache.close());

  // A callback hook: a request without a session cookie (most of the public API) passes
  // without a promise; one with a cookie goes on in `attach`.
  app.addHook('onRequest', (request, _reply, done) => {
    request.grant = emptyGrant();
    if (!request.url.startsWith('/api/')) return done();
    const unsafe = !safeMethods.has(request.method);
    try {
      if (unsafe) checkOrigin(request);
    } catch (error) {
      return done(error as Error);
    }
    const raw = request.cookies[sessionCookie];
    if (!raw) return done();
    attach(request, raw, unsafe).then(() => done(), done);
  });

  async function attach(request: FastifyRequest, raw: string, unsafe: boolean): Promise<void> {
    const unsigned = request.unsignCookie(raw);
    if (!unsigned.valid || !unsigned.value) {
      // A cookie we did not sign: tampered, or signed with a rotated secret. Anonymous, and noted.
      await audit(pool, {
        cityId: request.city.id,
        action: 'session_cookie_rejected',
        resource: 'session',
        requestId: String(request.id),
        ip: request.ip,
        outcome: 'denied',
      });
      return;
    }
    const id = sha256(unsigned.value);
    const key = `${request.city.id}:${id}`;
    const now = Date.now();
    const idleMs = config.session.idleMinutes * 60_000;
    let entry = cache.get(key, now);
    if (entry && now - entry.lastSeenAt > idleMs) {
      cache.delete(key);
      entry = undefined;
    }
    if (!entry) {
      const { rows } = await pool.query<SessionRow & Parameters<typeof toAuthUser>[0]>(
        `SELECT s.csrf_token, s.expires_at, s.last_seen_at, ${userColumns}
           FROM sessions s JOIN users u ON u.city_id = s.city_id AND u.user_id = s.user_id
          WHERE s.city_id = $1 AND s.session_id = $2 AND u.active
            AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(mins => $3)`,
        [request.city.id, id, config.session.idleMinutes],
      );
      const row = rows[0];
      if (!row) return;
      entry = {
        user: toAuthUser(row),
        csrfToken: row.csrf_token,
        expiresAt: row.expires_at.getTime(),
        lastSeenAt: row.last_seen_at.getTime(),
        loadedAt: now,
      };
      cache.set(key, entry);
    }
    request.session = { id, csrfToken: entry.csrfToken };
    request.user = entry.user;
    if (unsafe) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, entry.csrfToken)) throw new AppError('csrf');
    }
    if (now - entry.lastSeenAt > 60_000) {
      // Activity is written back at most once a minute per session (idle expiry needs no more).
      entry.lastSeenAt = now;
      await pool.query('UPDATE sessions SET last_seen_at = now() WHERE city_id = $1 AND session_id = $2', [
        request.city.id,
        id,
      ]);
    }
  }
}

function checkOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  if (!origin) return;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw new AppError('csrf');
  }
  const forwarded = request.headers['x-forwarded-host'];
  const expected = (typeof forwarded === 'string' && forwarded) || request.headers.host;
  if (host !== expected) throw new AppError('csrf');
}
