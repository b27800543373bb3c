import type { Queryable } from '../../../kernel/audit/index.ts';
import { hashPassword } from '../../../kernel/auth/crypto.ts';
import type { AuthUser } from '../../../kernel/auth/types.ts';
import { loadUser, toAuthUser, userColumns } from '../../../kernel/auth/users.ts';
import { AppError } from '../../../kernel/errors.ts';
import type { Role, ScopeKind } from '../../../kernel/module.ts';

export interface AssignmentInput {
  role: Role;
  scope: { kind: ScopeKind; ref: string | null };
}

export interface NewUser {
  email: string;
  displayName: string;
  password?: string;
  fiscalCode?: string | null;
  assignments: AssignmentInput[];
  verified?: boolean;
  isDemo?: boolean;
}

/** Creates an account with its roles; an e-mail already used in the city is a 409 problem. */
export async function createUser(q: Queryable, cityId: number, input: NewUser): Promise<AuthUser> {
  const hash = input.password ? await hashPassword(input.password) : null;
  const { rows } = await q.query<{ user_id: string }>(
    `INSERT INTO users (city_id, email, display_name, fiscal_code, password_hash, email_verified_at, is_demo)
     VALUES ($1, $2, $3, $4, $5, CASE WHEN $6 THEN now() END, $7)
     ON CONFLICT DO NOTHING RETURNING user_id`,
    [
      cityId,
      input.email.trim(),
      input.displayName.trim(),
      input.fiscalCode ?? null,
      hash,
      Boolean(input.verified),
      Boolean(input.isDemo),
    ],
  );
  const id = rows[0]?.user_id;
  if (!id) throw new AppError('conflict', {}, { messageKey: 'identity.email_taken' });
  await setAssignments(q, cityId, id, input.assignments);
  return (await loadUser(q, cityId, id))!;
}

/** Replaces a user's roles and scopes. */
export async function setAssignments(
  q: Queryable,
  cityId: number,
  userId: string,
  list: AssignmentInput[],
): Promise<void> {
  await q.query('DELETE FROM role_assignments WHERE city_id = $1 AND user_id = $2', [cityId, userId]);
  for (const a of list) {
    await q.query(
      `INSERT INTO role_assignments (city_id, user_id, role, scope_kind, scope_ref) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING`,
      [cityId, userId, a.role, a.scope.kind, a.scope.ref],
    );
  }
}

export interface UserListItem extends AuthUser {
  active: boolean;
  emailVerified: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

interface ListRow {
  user_id: string;
  city_id: number;
  email: string;
  display_name: string;
  fiscal_code: string | null;
  assignments: never;
  active: boolean;
  email_verified_at: Date | null;
  last_login_at: Date | null;
  created_at: Date;
  total: number;
}

const toItem = (r: ListRow): UserListItem => ({
  ...toAuthUser(r),
  active: r.active,
  emailVerified: r.email_verified_at !== null,
  lastLoginAt: r.last_login_at?.toISOString() ?? null,
  createdAt: r.created_at.toISOString(),
});

/** Users of a city, searched by name or e-mail and filtered by role, in Italian name order. */
export async function listUsers(
  q: Queryable,
  cityId: number,
  filter: { q?: string; role?: string; page: number; pageSize: number },
): Promise<{ items: UserListItem[]; total: number; page: number }> {
  const { rows } = await q.query<ListRow>(
    `SELECT ${userColumns}, u.active, u.email_verified_at, u.last_login_at, u.created_at, count(*) OVER ()::int AS total
       FROM users u
      WHERE u.city_id = $1
        AND ($2::text IS NULL OR u.email ILIKE '%' || $2 || '%' OR u.display_name ILIKE '%' || $2 || '%')
        AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM role_assignments a
                                          WHERE a.city_id = u.city_id AND a.user_id = u.user_id AND a.role = $3))
      ORDER BY u.display_name COLLATE "it-IT-x-icu", u.email
      LIMIT $4 OFFSET $5`,
    [
      cityId,
      filter.q?.replace(/[%_\\]/g, '\\$&') || null,
      filter.role ?? null,
      filter.pageSize,
      (filter.page - 1) * filter.pageSize,
    ],
  );
  let total = rows[0]?.total ?? 0;
  if (!rows.length && filter.page > 1) {
    // Past the last page: the window count has no row to ride on.
    const counted = await q.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM users u
        WHERE u.city_id = $1
          AND ($2::text IS NULL OR u.email ILIKE '%' || $2 || '%' OR u.display_name ILIKE '%' || $2 || '%')
          AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM role_assignments a
                                            WHERE a.city_id = u.city_id AND a.user_id = u.user_id AND a.role = $3))`,
      [cityId, filter.q?.replace(/[%_\\]/g, '\\$&') || null, filter.role ?? null],
    );
    total = counted.rows[0]?.n ?? 0;
  }
  return { items: rows.map(toItem), total, page: filter.page };
}

export async function getUser(q: Queryable, cityId: number, userId: string): Promise<UserListItem> {
  const { rows } = await q.query<ListRow>(
    `SELECT ${userColumns}, u.active, u.email_verified_at, u.last_login_at, u.created_at, 1 AS total
       FROM users u WHERE u.city_id = $1 AND u.user_id = $2`,
    [cityId, userId],
  );
  if (!rows[0]) throw new AppError('not_found', { resource: 'user', id: userId });
  return toItem(rows[0]);
}

/** Deactivates an account and ends all its sessions at once. */
export async function setActive(
  q: Queryable,
  cityId: number,
  userId: string,
  active: boolean,
): Promise<void> {
  const { rowCount } = await q.query('UPDATE users SET active = $3 WHERE city_id = $1 AND user_id = $2', [
    cityId,
    userId,
    active,
  ]);
  if (!rowCount) throw new AppError('not_found', { resource: 'user', id: userId });
  if (!active) await q.query('DELETE FROM sessions WHERE city_id = $1 AND user_id = $2', [cityId, userId]);
}
