import type { FastifyRequest } from 'fastify';
import { audit, auditFromRequest } from '../../../kernel/audit/index.ts';
import type { Database } from '../../../kernel/db/index.ts';
import { withTransaction } from '../../../kernel/db/transaction.ts';
import { AppError } from '../../../kernel/errors.ts';
import { type Lang, t } from '../../../kernel/i18n/index.ts';
import { queueMail } from '../../../kernel/mail/index.ts';
import {
  loadProfile,
  type Profile,
  type ProfileRow,
  profileSelect,
  toListItem,
  toProfile,
} from './profile-read.ts';
import { nextVolunteerStatuses, type VolunteerStatus } from './rules.ts';
import { volunteerScopeLabel, volunteersVisibleTo } from './scope.ts';

export interface ListFilter {
  status?: string;
  skill?: string;
  neighbourhood?: string;
  q?: string;
  page: number;
  pageSize: number;
}

/**
 * The volunteers staff may see (a hub's, or the city's), in Italian name order, filtered by
 * status, skill, a neighbourhood they serve, or words of their name or e-mail. Audited as a list.
 */
export async function listVolunteers(database: Database, request: FastifyRequest, f: ListFilter) {
  const scope = volunteersVisibleTo(request.grant, 2);
  const params: unknown[] = [request.city.id, ...scope.params];
  const where = ['v.city_id = $1', scope.sql];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (f.status) add((p) => `v.status = ${p}`, f.status);
  if (f.skill) add((p) => `${p} = ANY(v.skills)`, f.skill);
  if (f.neighbourhood)
    add(
      (p) => `EXISTS (SELECT 1 FROM volunteer_neighbourhoods x
                WHERE x.city_id = v.city_id AND x.user_id = v.user_id AND x.neighbourhood_code = ${p})`,
      f.neighbourhood,
    );
  if (f.q)
    add(
      (p) => `(u.display_name ILIKE ${p} OR u.email ILIKE ${p})`,
      `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
    );
  const sqlWhere = where.join(' AND ');
  const { rows } = await database.pool.query<ProfileRow>(
    `${profileSelect} WHERE ${sqlWhere}
      ORDER BY u.display_name COLLATE "it-IT-x-icu", v.user_id
      LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.pageSize, (f.page - 1) * f.pageSize],
  );
  const { rows: count } = await database.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM volunteers v JOIN users u ON u.city_id = v.city_id AND u.user_id = v.user_id
      WHERE ${sqlWhere}`,
    params,
  );
  await audit(
    database.pool,
    auditFromRequest(request, {
      action: 'list',
      resource: 'volunteer',
      scope: volunteerScopeLabel(request.grant, null),
      detail: { ids: rows.map((r) => r.user_id) },
    }),
  );
  return { items: rows.map(toListItem), total: count[0]?.n ?? 0, page: f.page, pageSize: f.pageSize };
}

/** One volunteer staff may see (else 404); the read is audited. */
export async function getVolunteer(
  database: Database,
  request: FastifyRequest,
  userId: string,
): Promise<Profile> {
  const row = await loadProfile(
    database.pool,
    request.city.id,
    userId,
    volunteersVisibleTo(request.grant, 3),
  );
  if (!row) throw new AppError('not_found', { resource: 'volunteer', id: userId });
  await audit(
    database.pool,
    auditFromRequest(request, {
      action: 'read',
      resource: 'volunteer',
      resourceId: userId,
      scope: volunteerScopeLabel(request.grant, row.hub_slug),
    }),
  );
  return toProfile(row);
}

/**
 * Accepts, pauses, ends or re-accepts a volunteer. Accepting grants the `volunteer` role and, when
 * an operator accepts, makes their hub the volunteer's (unless it already is one of theirs);
 * ending removes the role. Pausing or ending withdraws the offers still waiting for an answer.
 * A transition the status machine does not allow is a 409 problem.
 */
export async function setStatus(
  database: Database,
  request: FastifyRequest,
  userId: string,
  input: { status: Exclude<VolunteerStatus, 'applied'>; reason?: string },
  publicUrl: string,
): Promise<Profile> {
  const city = request.city;
  const grant = request.grant;
  return withTransaction(database.pool, async (client) => {
    const row = await loadProfile(client, city.id, userId, volunteersVisibleTo(grant, 3), true);
    if (!row) throw new AppError('not_found', { resource: 'volunteer', id: userId });
    const from = row.status as VolunteerStatus;
    if (!nextVolunteerStatuses[from].includes(input.status))
      throw new AppError(
        'conflict',
        {
          from: t(request.lang, `volunteers.status.${from}`),
          to: t(request.lang, `volunteers.status.${input.status}`),
        },
        { messageKey: 'problem.volunteers.transition.detail' },
      );
    let hubId = row.community_point_id;
    if (
      input.status === 'active' &&
      !grant.all &&
      !(row.hub_slug && grant.communityPoints.includes(row.hub_slug))
    ) {
      const { rows: hubs } = await client.query<{ community_point_id: string }>(
        `SELECT cp.community_point_id FROM community_points cp
          WHERE cp.city_id = $1 AND cp.slug = ANY($2::text[])
          ORDER BY EXISTS (SELECT 1 FROM community_point_neighbourhoods cpn
                             JOIN volunteer_neighbourhoods vn
                               ON vn.city_id = cpn.city_id AND vn.neighbourhood_code = cpn.neighbourhood_code
                            WHERE cpn.city_id = cp.city_id AND cpn.community_point_id = cp.community_point_id
                              AND vn.user_id = $3) DESC, cp.slug
          LIMIT 1`,
        [city.id, grant.communityPoints, userId],
      );
      hubId = hubs[0]?.community_point_id ?? hubId;
    }
    await client.query(
      `UPDATE volunteers SET status = $3, status_reason = $4, decided_by = $5, decided_at = now(),
              community_point_id = $6, updated_at = now()
        WHERE city_id = $1 AND user_id = $2`,
      [city.id, userId, input.status, input.reason ?? null, request.user!.id, hubId],
    );
    if (input.status === 'active')
      await client.query(
        `INSERT INTO role_assignments (city_id, user_id, role, scope_kind, scope_ref)
         VALUES ($1, $2, 'volunteer', 'own', NULL) ON CONFLICT DO NOTHING`,
        [city.id, userId],
      );
    if (input.status === 'left')
      await client.query(
        `DELETE FROM role_assignments WHERE city_id = $1 AND user_id = $2 AND role = 'volunteer'`,
        [city.id, userId],
      );
    let withdrawn = 0;
    if (input.status !== 'active') {
      const res = await client.query(
        `UPDATE volunteer_tasks SET status = 'cancelled', updated_at = now()
          WHERE city_id = $1 AND user_id = $2 AND status = 'offered'`,
        [city.id, userId],
      );
      withdrawn = res.rowCount ?? 0;
    }
    await audit(
      client,
      auditFromRequest(request, {
        action: 'status',
        resource: 'volunteer',
        resourceId: userId,
        scope: volunteerScopeLabel(grant, row.hub_slug),
        reason: input.reason ?? null,
        detail: { from, to: input.status, offersWithdrawn: withdrawn },
      }),
    );
    const lang = (row.locale === 'en' ? 'en' : 'it') as Lang;
    await queueMail(client, {
      cityId: city.id,
      to: row.email,
      subject: t(lang, `volunteers.mail.status_${input.status}.subject`),
      text: t(lang, `volunteers.mail.status_${input.status}.text`, {
        name: row.display_name,
        reason: input.reason ?? '—',
        link: `${publicUrl}/volontariato`,
      }),
    });
    return toProfile((await loadProfile(client, city.id, userId))!);
  });
}

/** Records that staff checked the volunteer may work with minors and vulnerable adults (who, when, a note). */
export async function recordClearance(
  database: Database,
  request: FastifyRequest,
  userId: string,
  input: { note: string },
): Promise<Profile> {
  const city = request.city;
  return withTransaction(database.pool, async (client) => {
    const row = await loadProfile(client, city.id, userId, volunteersVisibleTo(request.grant, 3), true);
    if (!row) throw new AppError('not_found', { resource: 'volunteer', id: userId });
    await client.query(
      `UPDATE volunteers SET cleared_at = now(), cleared_by = $3, clearance_note = $4, updated_at = now()
        WHERE city_id = $1 AND user_id = $2`,
      [city.id, userId, request.user!.id, input.note],
    );
    await audit(
      client,
      auditFromRequest(request, {
        action: 'clearance',
        resource: 'volunteer',
        resourceId: userId,
        scope: volunteerScopeLabel(request.grant, row.hub_slug),
        reason: input.note,
      }),
    );
    return toProfile((await loadProfile(client, city.id, userId))!);
  });
}
