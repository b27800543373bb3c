import type pg from 'pg';
import { audit } from '../../../kernel/audit/index.ts';
import { demoPassword, verifyPassword } from '../../../kernel/auth/crypto.ts';
import type { Config } from '../../../kernel/config.ts';
import { AppError } from '../../../kernel/errors.ts';

/** Failures counted over this window; past the limits, sign-in is refused for a while. */
const windowMinutes = 15;
const perAccount = 5;
const perAddress = 30;

interface Attempt {
  cityId: number;
  email: string;
  password: string;
  ip: string;
  requestId: string;
}

/**
 * Checks e-mail and password. Unknown e-mail and wrong password get the same answer, in about the
 * same time; both count towards the per-account and per-address limits; every attempt is audited.
 * Returns the user id.
 */
export async function passwordLogin(pool: pg.Pool, config: Config, a: Attempt): Promise<string> {
  const email = a.email.trim().toLowerCase();
  const accountKey = `email:${email}`;
  const addressKey = `ip:${a.ip}`;
  const { rows: counts } = await pool.query<{ key: string; n: number }>(
    `SELECT key, count(*)::int AS n FROM login_failures
      WHERE city_id = $1 AND key = ANY($2) AND at > now() - make_interval(mins => $3) GROUP BY key`,
    [a.cityId, [accountKey, addressKey], windowMinutes],
  );
  const count = (k: string) => counts.find((c) => c.key === k)?.n ?? 0;
  const { rows } = await pool.query<{ user_id: string; password_hash: string | null; is_demo: boolean }>(
    'SELECT user_id, password_hash, is_demo FROM users WHERE city_id = $1 AND lower(email) = $2 AND active',
    [a.cityId, email],
  );
  const user = rows[0];
  const base = { cityId: a.cityId, resource: 'session', requestId: a.requestId, ip: a.ip };
  if (count(accountKey) >= perAccount || count(addressKey) >= perAddress) {
    await audit(pool, {
      ...base,
      action: 'login_throttled',
      actorId: user?.user_id ?? null,
      outcome: 'denied',
      detail: { email },
    });
    throw new AppError('rate_limited', {}, { messageKey: 'identity.login_throttled' });
  }
  const ok = await verifyPassword(user?.password_hash, a.password);
  const demoRefused = ok && config.env === 'production' && (user?.is_demo || a.password === demoPassword);
  if (!ok || !user || demoRefused) {
    await pool.query('INSERT INTO login_failures (city_id, key) VALUES ($1, $2), ($1, $3)', [
      a.cityId,
      accountKey,
      addressKey,
    ]);
    await audit(pool, {
      ...base,
      action: 'login_failed',
      actorId: user?.user_id ?? null,
      outcome: 'failed',
      detail: { email },
    });
    throw new AppError('unauthenticated', {}, { messageKey: 'identity.login_failed' });
  }
  await pool.query('DELETE FROM login_failures WHERE city_id = $1 AND key = $2', [a.cityId, accountKey]);
  await pool.query('UPDATE users SET last_login_at = now() WHERE city_id = $1 AND user_id = $2', [
    a.cityId,
    user.user_id,
  ]);
  await audit(pool, {
    ...base,
    action: 'login',
    actorId: user.user_id,
    actorLabel: email,
    detail: { method: 'password' },
  });
  return user.user_id;
}
