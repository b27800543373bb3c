import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';

/** Security headers (a CSP the web app passes) and the rate limiter routes opt into. */
export async function securityPlugin(app: FastifyInstance, config: Config): Promise<void> {
  const tileHost = tileOrigin(config.tileUrl);
  // JSON answers of the API get a short, fixed set of headers (computed once): helmet's full set,
  // recomputed per response, is for documents a browser renders, and it more than halved the
  // throughput of a small API answer (bench locate).
  const apiHeaders: Record<string, string> = {
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-resource-policy': 'same-origin',
    ...(config.env === 'production'
      ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' }
      : {}),
  };
  const isApi = (url: string) => url.startsWith('/api/') && !url.startsWith('/api/docs');
  app.addHook('onRoute', (route) => {
    if (isApi(route.url)) (route as { helmet?: false }).helmet = false;
  });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...(tileHost ? [tileHost] : [])],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: config.env === 'production' ? [] : null,
      },
    },
    crossOriginEmbedderPolicy: false,
    hsts: config.env === 'production' ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  // After helmet's own hook, so that an API 404 (no route, helmet on) still gets the API set.
  // A callback hook, not an async one: no promise per request on the hottest path.
  app.addHook('onRequest', (request, reply, done) => {
    if (isApi(request.url)) reply.headers(apiHeaders);
    done();
  });
  await app.register(rateLimit, { global: false, keyGenerator: (request) => request.ip });
}

function tileOrigin(url: string): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url.replaceAll(/\{[a-z]\}/g, 'a'));
    return `${u.protocol}//${u.host.replace(/^a\./, '*.')}`;
  } catch {
    return undefined;
  }
}

/** Route config for sign-in: per address, per minute. */
export const loginRateLimit = (config: Config) => ({
  max: config.rateLimits.loginPerMinute,
  timeWindow: 60_000,
});

/** Route config for public forms (no account needed): per address, per minute. */
export const publicFormRateLimit = (config: Config) => ({
  max: config.rateLimits.publicFormsPerMinute,
  timeWindow: 60_000,
});
