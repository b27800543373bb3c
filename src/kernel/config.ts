import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Used outside production only; a production start refuses it. */
export const devSessionSecret = 'development-only-session-secret-change-me-0000';

/** Every setting the platform reads, from the environment. Documented in README.md. */
const Env = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.string().url().optional(),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).optional(),
  /** PostgreSQL's shared_buffers for the embedded server (e.g. 1GB for a national directory). */
  EMBEDDED_PG_SHARED_BUFFERS: z
    .string()
    .regex(/^\d+(kB|MB|GB)$/, 'a size such as 256MB or 1GB')
    .optional(),
  DEFAULT_CITY: z.string().default('brescia'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO: bool.default(true),
  TILE_URL: z.string().default(''),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  SESSION_SECRET: z.string().min(32).default(devSessionSecret),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(60),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  SESSION_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  SMTP_URL: z.string().default(''),
  MAIL_FROM: z.string().default('Città del Noi <noreply@cittadelnoi.localhost>'),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_LABEL: z.string().default('SPID / CIE'),
  RATE_LIMIT_LOGIN_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  RATE_LIMIT_PUBLIC_FORMS_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  /** Background jobs (pg-boss, schema `pgboss`): `off` on a server that must not run them. */
  JOBS: z.enum(['on', 'off']).default('on'),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  publicUrl: string;
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPgPort: number | undefined;
  embeddedPgSharedBuffers: string | undefined;
  defaultCity: string;
  logLevel: string;
  seedDemo: boolean;
  tileUrl: string;
  dbPoolSize: number;
  session: { secret: string; idleMinutes: number; absoluteHours: number; cacheSeconds: number };
  mail: { smtpUrl: string; from: string };
  oidc: { issuer: string; clientId: string; clientSecret: string; label: string } | undefined;
  rateLimits: { loginPerMinute: number; publicFormsPerMinute: number };
  /** Whether this server runs the background jobs (SLA checks, reminders). */
  jobs: boolean;
};

export class ConfigError extends Error {}

/** Reads the configuration; throws a ConfigError with a readable list of what is wrong. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production') {
    const problems: string[] = [];
    if (e.SESSION_SECRET === devSessionSecret)
      problems.push('  SESSION_SECRET: set a secret of your own (32+ characters)');
    if (!e.SMTP_URL)
      problems.push('  SMTP_URL: production needs a mail server (password resets, notifications)');
    if (problems.length > 0)
      throw new ConfigError(`Refusing to start in production:\n${problems.join('\n')}`);
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    embeddedPgSharedBuffers: e.EMBEDDED_PG_SHARED_BUFFERS,
    defaultCity: e.DEFAULT_CITY,
    logLevel: e.LOG_LEVEL,
    seedDemo: e.SEED_DEMO,
    tileUrl: e.TILE_URL,
    dbPoolSize: e.DB_POOL_SIZE,
    session: {
      secret: e.SESSION_SECRET,
      idleMinutes: e.SESSION_IDLE_MINUTES,
      absoluteHours: e.SESSION_ABSOLUTE_HOURS,
      cacheSeconds: e.SESSION_CACHE_SECONDS,
    },
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID
        ? {
            issuer: e.OIDC_ISSUER,
            clientId: e.OIDC_CLIENT_ID,
            clientSecret: e.OIDC_CLIENT_SECRET ?? '',
            label: e.OIDC_LABEL,
          }
        : undefined,
    rateLimits: {
      loginPerMinute: e.RATE_LIMIT_LOGIN_PER_MINUTE,
      publicFormsPerMinute: e.RATE_LIMIT_PUBLIC_FORMS_PER_MINUTE,
    },
    jobs: e.JOBS === 'on',
  };
}
