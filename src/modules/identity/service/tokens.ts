import type { Queryable } from '../../../kernel/audit/index.ts';
import { randomToken, sha256 } from '../../../kernel/auth/crypto.ts';
import { AppError } from '../../../kernel/errors.ts';

export type TokenPurpose = 'reset' | 'verify';
const lifetimeMinutes: Record<TokenPurpose, number> = { reset: 60, verify: 60 * 48 };

/** A single-use, expiring token for a mailed link; only its hash is stored. */
export async function issueToken(
  q: Queryable,
  cityId: number,
  userId: string,
  purpose: TokenPurpose,
): Promise<string> {
  const token = randomToken();
  await q.query(
    `INSERT INTO auth_tokens (city_id, token_hash, user_id, purpose, expires_at)
     VALUES ($1, $2, $3, $4, now() + make_interval(mins => $5))`,
    [cityId, sha256(token), userId, purpose, lifetimeMinutes[purpose]],
  );
  return token;
}

/**
 * Uses a token once: returns its user. An unknown, expired, already used token, or one for
 * another purpose, is a 410 problem and changes nothing.
 */
export async function consumeToken(
  q: Queryable,
  cityId: number,
  token: string,
  purpose: TokenPurpose,
): Promise<string> {
  const { rows } = await q.query<{ user_id: string }>(
    `UPDATE auth_tokens SET used_at = now()
      WHERE city_id = $1 AND token_hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > now()
      RETURNING user_id`,
    [cityId, sha256(token), purpose],
  );
  if (!rows[0]) throw new AppError('gone', {}, { messageKey: 'identity.token_invalid' });
  return rows[0].user_id;
}
