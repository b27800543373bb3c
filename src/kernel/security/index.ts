import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';

/** Security headers (a CSP the web app passes) and the rate limiter routes opt into. */
export async function securityPlugin(app: FastifyInstance, config: Config): Promise<void> {
  const tileHost = tileOrigin(config.tileUrl);
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
