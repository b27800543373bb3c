import * as client from 'openid-client';
import type pg from 'pg';
import { audit } from '../../../kernel/audit/index.ts';
import type { Config } from '../../../kernel/config.ts';
import { withTransaction } from '../../../kernel/db/transaction.ts';
import { AppError, type ProblemCode } from '../../../kernel/errors.ts';
import { createUser } from './accounts.ts';

/** What we ask the provider for; SPID/CIE gateways map these to the person's attributes. */
const scope = 'openid profile email';
/** How long a started sign-in may take before its cookie is refused. */
export const pendingLoginSeconds = 10 * 60;

/**
 * A sign-in through the provider that failed. `reason` is a stable word for the audit log;
 * the person sees only the (translated) message.
 */
export class OidcLoginError extends AppError {
  readonly reason: string;
  constructor(
    reason: string,
    code: ProblemCode = 'unauthenticated',
    messageKey = 'identity.oidc_failed',
    cause?: unknown,
  ) {
    super(code, {}, { messageKey, cause });
    this.name = 'OidcLoginError';
    this.reason = reason;
  }
}

/** What we keep (in a signed cookie) between the redirect to the provider and its answer. */
export interface PendingLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
  redirectUri: string;
  next: string;
  cityId: number;
  /** Epoch milliseconds after which the pending sign-in is refused. */
  expiresAt: number;
}

export type OidcClaims = Record<string, unknown>;

const insecureHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Plain HTTP is allowed only towards a provider on this machine (tests, local development). */
export function isLocalHttpIssuer(issuer: URL): boolean {
  return issuer.protocol === 'http:' && insecureHosts.has(issuer.hostname);
}

export interface OidcClient {
  /** The provider's discovered metadata: fetched once, again on the next call if it failed. */
  configuration(): Promise<client.Configuration>;
  /** Starts a sign-in: the URL to send the person to and what to remember until they come back. */
  start(input: { redirectUri: string; next: string; cityId: number }): Promise<{
    url: URL;
    pending: PendingLogin;
  }>;
  /** Checks the provider's answer (state, code, ID token: signature, issuer, audience, nonce) and returns its claims. */
  finish(pending: PendingLogin, currentUrl: URL): Promise<OidcClaims>;
}

export function createOidcClient(oidc: NonNullable<Config['oidc']>): OidcClient {
  const issuer = new URL(oidc.issuer);
  let discovered: Promise<client.Configuration> | undefined;

  function configuration(): Promise<client.Configuration> {
    discovered ??= client
      .discovery(
        issuer,
        oidc.clientId,
        undefined,
        oidc.clientSecret ? client.ClientSecretBasic(oidc.clientSecret) : client.None(),
        {
          // ID tokens come straight from the token endpoint, yet we verify their signature too.
          execute: [
            client.enableNonRepudiationChecks,
            ...(isLocalHttpIssuer(issuer) ? [client.allowInsecureRequests] : []),
          ],
          timeout: 10,
        },
      )
      .catch((error: unknown) => {
        discovered = undefined;
        throw error;
      });
    return discovered;
  }

  async function providerConfiguration(): Promise<client.Configuration> {
    try {
      return await configuration();
    } catch (error) {
      throw new OidcLoginError(
        'provider_unavailable',
        'service_unavailable',
        'identity.oidc_unavailable',
        error,
      );
    }
  }

  return {
    configuration,

    async start({ redirectUri, next, cityId }) {
      const config = await providerConfiguration();
      const codeVerifier = client.randomPKCECodeVerifier();
      const pending: PendingLogin = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        codeVerifier,
        redirectUri,
        next,
        cityId,
        expiresAt: Date.now() + pendingLoginSeconds * 1000,
      };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope,
        state: pending.state,
        nonce: pending.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
      });
      return { url, pending };
    },

    async finish(pending, currentUrl) {
      const config = await providerConfiguration();
      const error = currentUrl.searchParams.get('error');
      if (error) throw new OidcLoginError(`provider_error:${error.slice(0, 60)}`);
      let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
      try {
        tokens = await client.authorizationCodeGrant(config, currentUrl, {
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          pkceCodeVerifier: pending.codeVerifier,
          idTokenExpected: true,
        });
      } catch (cause) {
        throw new OidcLoginError(grantFailureReason(cause), 'unauthenticated', 'identity.oidc_failed', cause);
      }
      const idClaims = tokens.claims();
      if (!idClaims) throw new OidcLoginError('no_id_token');
      let userinfo: OidcClaims = {};
      if (config.serverMetadata().userinfo_endpoint && tokens.access_token) {
        try {
          userinfo = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
        } catch (cause) {
          throw new OidcLoginError('userinfo_failed', 'unauthenticated', 'identity.oidc_failed', cause);
        }
      }
      // The ID token is signed by the provider: its claims win over the userinfo answer.
      return { ...userinfo, ...idClaims };
    },
  };
}

function grantFailureReason(error: unknown): string {
  if (error instanceof client.AuthorizationResponseError) return `provider_error:${error.error}`;
  if (error instanceof client.ResponseBodyError) return `token_endpoint:${error.error}`;
  // openid-client wraps the failed check (oauth4webapi's error, whose cause names the claim).
  const inner = (error as { cause?: { message?: unknown; cause?: { claim?: unknown } } }).cause;
  const claim = inner?.cause?.claim;
  const code = (error as { code?: unknown }).code;
  if (code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED' && typeof claim === 'string') return `${claim}_mismatch`;
  const messages = [error instanceof Error ? error.message : '', String(inner?.message ?? '')].join(' ');
  if (/signature/i.test(messages)) return 'bad_signature';
  if (typeof code === 'string') return `token_invalid:${code}`;
  return 'token_exchange_failed';
}

// --- Claims -----------------------------------------------------------------------------------

const fiscalCodeClaims = [
  'fiscal_number',
  'https://attributes.eid.gov.it/fiscal_number',
  'fiscalNumber',
  'fiscalCode',
  'fiscal_code',
];
const fiscalCodePattern = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;

/**
 * The Italian fiscal code in a claim value: SPID sends `TINIT-` + code, others the bare code.
 * Returns the 16 upper-case characters, or null for anything else (foreign identifiers included).
 */
export function normaliseFiscalCode(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const code = value
    .trim()
    .replace(/^TINIT-/i, '')
    .replace(/\s+/g, '')
    .toUpperCase();
  return fiscalCodePattern.test(code) ? code : null;
}

export function fiscalCodeOf(claims: OidcClaims): string | null {
  for (const name of fiscalCodeClaims) {
    const code = normaliseFiscalCode(claims[name]);
    if (code) return code;
  }
  return null;
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

function emailOf(claims: OidcClaims): string | null {
  const email = text(claims.email);
  return email.length > 3 && email.length <= 254 && /^[^\s@]+@[^\s@]+$/.test(email) ? email : null;
}

function displayNameOf(claims: OidcClaims, email: string): string {
  const given = text(claims.given_name);
  const family = text(claims.family_name);
  const name = [given, family].filter(Boolean).join(' ') || text(claims.name) || email.split('@')[0] || email;
  return name.slice(0, 100);
}

// --- Accounts ---------------------------------------------------------------------------------

interface Candidate {
  user_id: string;
  email: string;
  active: boolean;
  fiscal_code: string | null;
}

export interface OidcLoginContext {
  cityId: number;
  ip: string;
  requestId: string;
}

/**
 * The account of the person the provider vouched for, within the city: by fiscal code, else by an
 * e-mail address verified on both sides, else a new citizen account. Audits the account creation
 * (and a linked fiscal code). Returns the user id and e-mail.
 */
export async function oidcAccount(
  pool: pg.Pool,
  ctx: OidcLoginContext,
  claims: OidcClaims,
): Promise<{ userId: string; email: string }> {
  const fiscalCode = fiscalCodeOf(claims);
  const email = emailOf(claims);
  const emailTrusted = claims.email_verified !== false && claims.email_verified !== 'false';
  const base = { cityId: ctx.cityId, ip: ctx.ip, requestId: ctx.requestId };

  const account = await withTransaction(pool, async (q) => {
    let user: Candidate | undefined;
    if (fiscalCode) {
      const { rows } = await q.query<Candidate>(
        'SELECT user_id, email, active, fiscal_code FROM users WHERE city_id = $1 AND fiscal_code = $2',
        [ctx.cityId, fiscalCode],
      );
      user = rows[0];
    }
    if (!user && email && emailTrusted) {
      const { rows } = await q.query<Candidate>(
        `SELECT user_id, email, active, fiscal_code FROM users
          WHERE city_id = $1 AND lower(email) = lower($2) AND email_verified_at IS NOT NULL`,
        [ctx.cityId, email],
      );
      const byEmail = rows[0];
      // An account that already belongs to another fiscal code is another person's.
      if (byEmail?.fiscal_code && fiscalCode && byEmail.fiscal_code !== fiscalCode) {
        throw new OidcLoginError('fiscal_code_mismatch', 'conflict', 'identity.oidc_email_taken');
      }
      if (byEmail && fiscalCode && !byEmail.fiscal_code) {
        await q.query('UPDATE users SET fiscal_code = $3 WHERE city_id = $1 AND user_id = $2', [
          ctx.cityId,
          byEmail.user_id,
          fiscalCode,
        ]);
        await audit(q, {
          ...base,
          actorId: byEmail.user_id,
          action: 'update',
          resource: 'user',
          resourceId: byEmail.user_id,
          detail: { method: 'oidc', linked: 'fiscal_code' },
        });
      }
      user = byEmail;
    }
    if (user && !user.active) {
      throw new OidcLoginError('inactive', 'forbidden', 'identity.oidc_inactive');
    }
    if (user) return { userId: user.user_id, email: user.email };

    if (!email) throw new OidcLoginError('missing_email', 'bad_request', 'identity.oidc_missing_email');
    const created = await createUser(q, ctx.cityId, {
      email,
      displayName: displayNameOf(claims, email),
      fiscalCode,
      verified: claims.email_verified === true || claims.email_verified === 'true',
      assignments: [{ role: 'citizen', scope: { kind: 'own', ref: null } }],
    }).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'conflict') {
        throw new OidcLoginError('email_taken', 'conflict', 'identity.oidc_email_taken', error);
      }
      throw error;
    });
    await audit(q, {
      ...base,
      actorId: created.id,
      actorLabel: created.email,
      action: 'create',
      resource: 'user',
      resourceId: created.id,
      detail: { method: 'oidc', roles: ['citizen'] },
    });
    return { userId: created.id, email: created.email };
  });

  await pool.query('UPDATE users SET last_login_at = now() WHERE city_id = $1 AND user_id = $2', [
    ctx.cityId,
    account.userId,
  ]);
  return account;
}
