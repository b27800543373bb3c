import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audit, auditFromRequest } from '../../../kernel/audit/index.ts';
import { safeEqual } from '../../../kernel/auth/crypto.ts';
import { openSession } from '../../../kernel/auth/session.ts';
import type { Config } from '../../../kernel/config.ts';
import { AppError } from '../../../kernel/errors.ts';
import type { ModuleContext } from '../../../kernel/module.ts';
import { loginRateLimit } from '../../../kernel/security/index.ts';
import {
  createOidcClient,
  OidcLoginError,
  oidcAccount,
  type PendingLogin,
  pendingLoginSeconds,
} from '../service/oidc.ts';

const tags = ['identity'];
/** The cookie that carries a started sign-in (state, nonce, PKCE verifier, where to go next). */
export const pendingCookie = 'noi_oidc';
const cookiePath = '/api/v1/auth/oidc';
const callbackPath = '/api/v1/auth/oidc/callback';
const defaultNext = '/profilo';

/** Only a path of this site: one leading slash, no scheme, no host, no backslash or control characters. */
export function safeNext(next: string | undefined): string {
  if (!next || next.length > 500) return defaultNext;
  const control = [...next].some((c) => c === '\\' || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
  if (!next.startsWith('/') || next.startsWith('//') || control) return defaultNext;
  try {
    const url = new URL(next, 'http://site.invalid');
    if (url.origin !== 'http://site.invalid') return defaultNext;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return defaultNext;
  }
}

/**
 * Where the provider sends people back: the public URL when the request came through it, else
 * the address the request came to (a city with its own host name; register it at the provider).
 */
function redirectUriFor(config: Config, request: FastifyRequest): string {
  const base = new URL(config.publicUrl);
  const origin = base.host === request.headers.host ? base.origin : `${request.protocol}://${request.host}`;
  return `${origin}${callbackPath}`;
}

const encodePending = (p: PendingLogin): string => Buffer.from(JSON.stringify(p)).toString('base64url');

const PendingShape = z.object({
  state: z.string().min(1),
  nonce: z.string().min(1),
  codeVerifier: z.string().min(43),
  redirectUri: z.string().url(),
  next: z.string(),
  cityId: z.number().int(),
  expiresAt: z.number(),
});

function readPending(request: FastifyRequest): PendingLogin {
  const raw = request.cookies[pendingCookie];
  if (!raw) throw new OidcLoginError('missing_cookie', 'bad_request');
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) throw new OidcLoginError('bad_cookie', 'bad_request');
  let pending: PendingLogin;
  try {
    pending = PendingShape.parse(JSON.parse(Buffer.from(unsigned.value, 'base64url').toString('utf8')));
  } catch {
    throw new OidcLoginError('bad_cookie', 'bad_request');
  }
  if (pending.expiresAt < Date.now()) throw new OidcLoginError('expired', 'bad_request');
  if (pending.cityId !== request.city.id) throw new OidcLoginError('wrong_city', 'bad_request');
  return pending;
}

/**
 * Sign-in through an OpenID Connect provider (a SPID/CIE gateway): authorization code flow with
 * PKCE, state and nonce. Registered whatever the configuration; answers 404 when OIDC is not set.
 */
export const oidcRoutes: FastifyPluginAsyncZod<ModuleContext> = async (app) => {
  const pool = app.database.pool;
  const config = app.config;
  const oidc = config.oidc ? createOidcClient(config.oidc) : undefined;
  const cookieOptions = {
    path: cookiePath,
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.env === 'production',
  };

  function client() {
    if (!oidc) throw new AppError('not_found', {}, { messageKey: 'identity.oidc_not_configured' });
    return oidc;
  }

  app.get(
    '/auth/oidc/start',
    {
      config: { access: { public: true }, rateLimit: loginRateLimit(config) },
      schema: {
        tags,
        summary: 'Sign in with SPID or CIE: go to the identity provider',
        description:
          'Redirects (302) to the configured OpenID Connect provider. `next` is the page of this site to ' +
          'return to after signing in (default `/profilo`). 404 when no provider is configured.',
        querystring: z.object({ next: z.string().max(500).optional() }),
        response: { 302: z.void().describe('Redirect to the identity provider') },
      },
    },
    async (request, reply) => {
      const { url, pending } = await client().start({
        redirectUri: redirectUriFor(config, request),
        next: safeNext(request.query.next),
        cityId: request.city.id,
      });
      reply.setCookie(pendingCookie, encodePending(pending), {
        ...cookieOptions,
        signed: true,
        maxAge: pendingLoginSeconds,
      });
      return reply.redirect(url.href, 302);
    },
  );

  app.get(
    '/auth/oidc/callback',
    {
      config: { access: { public: true }, rateLimit: loginRateLimit(config) },
      schema: {
        tags,
        summary: 'Sign in with SPID or CIE: the identity provider’s answer',
        description:
          'Checks the answer (state, PKCE, ID token signature, issuer, audience, nonce), finds the account by ' +
          'fiscal code (else verified e-mail, else creates a citizen account), opens the session and ' +
          'redirects (302) to the page the sign-in started from.',
        querystring: z.object({
          code: z.string().max(2000).optional(),
          state: z.string().max(500).optional(),
          iss: z.string().max(500).optional(),
          error: z.string().max(200).optional(),
          error_description: z.string().max(2000).optional(),
        }),
        response: { 302: z.void().describe('Signed in: redirect to the page to go back to') },
      },
    },
    async (request, reply) => {
      const provider = client();
      reply.clearCookie(pendingCookie, cookieOptions);
      let pending: PendingLogin;
      let account: { userId: string; email: string };
      try {
        pending = readPending(request);
        const state = request.query.state;
        if (!state || !safeEqual(state, pending.state))
          throw new OidcLoginError('state_mismatch', 'bad_request');
        const currentUrl = new URL(pending.redirectUri);
        currentUrl.search = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
        const claims = await provider.finish(pending, currentUrl);
        account = await oidcAccount(
          pool,
          { cityId: request.city.id, ip: request.ip, requestId: String(request.id) },
          claims,
        );
      } catch (error) {
        const reason = error instanceof OidcLoginError ? error.reason : 'internal_error';
        if (error instanceof OidcLoginError && error.cause) {
          request.log.info({ err: error.cause, reason }, 'oidc sign-in refused');
        }
        await audit(
          pool,
          auditFromRequest(request, {
            action: 'login_failed',
            resource: 'session',
            outcome: reason === 'inactive' ? 'denied' : 'failed',
            detail: { method: 'oidc', reason },
          }),
        );
        // A person's browser comes back here: send them to the sign-in page with a message rather
        // than show a JSON problem. API clients (no text/html in Accept) get the problem.
        if (String(request.headers.accept ?? '').includes('text/html')) {
          return reply.redirect(`/accedi?errore=${reason === 'inactive' ? 'disattivato' : 'spid'}`, 302);
        }
        throw error;
      }
      await openSession(pool, config, request, reply, account.userId, 'oidc');
      await audit(pool, {
        ...auditFromRequest(request, { action: 'login', resource: 'session', detail: { method: 'oidc' } }),
        actorId: account.userId,
        actorLabel: account.email,
      });
      return reply.redirect(pending.next, 302);
    },
  );
};
