import type { Queryable } from '../audit/index.ts';
import type { Role, ScopeKind } from '../module.ts';
import type { AuthUser, RoleAssignment } from './types.ts';

interface UserRow {
  user_id: string;
  city_id: number;
  email: string;
  display_name: string;
  fiscal_code: string | null;
  assignments: { role: Role; kind: ScopeKind; ref: string | null }[] | null;
}

export function toAuthUser(row: UserRow): AuthUser {
  const assignments: RoleAssignment[] = (row.assignments ?? []).map((a) => ({
    role: a.role,
    scope: { kind: a.kind, ref: a.ref },
  }));
  return {
    id: row.user_id,
    cityId: row.city_id,
    email: row.email,
    displayName: row.display_name,
    fiscalCode: row.fiscal_code,
    assignments,
    roles: [...new Set(assignments.map((a) => a.role))],
  };
}

export const userColumns = `u.user_id, u.city_id, u.email, u.display_name, u.fiscal_code,
  (SELECT json_agg(json_build_object('role', a.role, 'kind', a.scope_kind, 'ref', a.scope_ref) ORDER BY a.assignment_id)
     FROM role_assignments a WHERE a.city_id = u.city_id AND a.user_id = u.user_id) AS assignments`;

export async function loadUser(q: Queryable, cityId: number, userId: string): Promise<AuthUser | undefined> {
  const { rows } = await q.query<UserRow>(
    `SELECT ${userColumns} FROM users u WHERE u.city_id = $1 AND u.user_id = $2 AND u.active`,
    [cityId, userId],
  );
  return rows[0] ? toAuthUser(rows[0]) : undefined;
}
