import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** A random token for cookies and mailed links (256 bits, URL-safe). */
export const randomToken = (): string => randomBytes(32).toString('base64url');

/** What we store instead of a token: a leaked table gives no usable session or link. */
export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

// argon2id, OWASP's second recommended setting (19 MiB, 2 iterations).
const argonOptions = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string): Promise<string> => hash(password, argonOptions);

let dummy: Promise<string> | undefined;

/**
 * Verifies a password. With no stored hash (unknown account, OIDC-only account) it still spends
 * the time of a real verification, so answers do not tell which e-mails exist.
 */
export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  if (!stored) {
    dummy ??= hashPassword('not-a-real-password');
    await verify(await dummy, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}

/** The demo password: accepted only outside production. */
export const demoPassword = 'cittadelnoi';
