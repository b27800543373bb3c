import { type AccessSample, defineModule } from '../../kernel/module.ts';
import { volunteerMessages } from './messages.ts';
import { volunteerPermissions } from './permissions.ts';
import { volunteerRoutes } from './routes.ts';
import { seedVolunteers } from './seed.ts';

export const volunteersModule = defineModule({
  name: 'volunteers',
  dependsOn: ['territory', 'identity', 'community-points', 'help-requests'],
  routes: volunteerRoutes,
  permissions: volunteerPermissions,
  // Pages in ./web (src/web/modules.ts lists them); labels under `nav.*` in ./web/i18n.
  nav: [
    { path: '/volontariato', labelKey: 'volunteering', order: 20 },
    { path: '/volontariato/compiti', labelKey: 'myTasks', roles: ['volunteer'], order: 36 },
    {
      path: '/sportello/volontari',
      labelKey: 'volunteersDesk',
      roles: ['operator', 'city_admin'],
      order: 41,
    },
    {
      path: '/sportello/assegna-tutti',
      labelKey: 'assignAll',
      roles: ['operator', 'social_worker', 'city_admin'],
      order: 42,
    },
  ],
  seed: seedVolunteers,
  indicators: [
    {
      code: 'volunteers.active',
      labelKey: 'indicator.volunteers.active',
      unit: 'count',
      countsPeople: true,
      async compute(ctx, city) {
        const { rows } = await ctx.database.pool.query<{ zone_code: string | null; n: number }>(
          `SELECT cp.zone_code, count(*)::int AS n FROM volunteers v
             LEFT JOIN community_points cp ON cp.city_id = v.city_id AND cp.community_point_id = v.community_point_id
            WHERE v.city_id = $1 AND v.status = 'active' GROUP BY cp.zone_code`,
          [city.id],
        );
        return {
          value: rows.reduce((s, r) => s + r.n, 0),
          byZone: Object.fromEntries(rows.filter((r) => r.zone_code).map((r) => [r.zone_code, r.n])),
        };
      },
    },
    {
      code: 'volunteers.hours',
      labelKey: 'indicator.volunteers.hours',
      unit: 'hours',
      countsPeople: false,
      async compute(ctx, city) {
        const { rows } = await ctx.database.pool.query<{ zone_code: string | null; h: number }>(
          `SELECT cp.zone_code, coalesce(sum(t.hours), 0)::float AS h FROM volunteer_tasks t
             JOIN volunteers v ON v.city_id = t.city_id AND v.user_id = t.user_id
             LEFT JOIN community_points cp ON cp.city_id = v.city_id AND cp.community_point_id = v.community_point_id
            WHERE t.city_id = $1 AND t.status = 'done' AND t.done_at > now() - interval '1 year'
            GROUP BY cp.zone_code`,
          [city.id],
        );
        return {
          value: rows.reduce((s, r) => s + r.h, 0),
          byZone: Object.fromEntries(rows.filter((r) => r.zone_code).map((r) => [r.zone_code, r.h])),
        };
      },
    },
  ],
  messages: volunteerMessages,
  async accessSamples(q, cityId): Promise<Record<string, AccessSample>> {
    const out: Record<string, AccessSample> = {};
    const { rows: vols } = await q.query<{ user_id: string; slug: string }>(
      `SELECT v.user_id, cp.slug FROM volunteers v
         JOIN community_points cp ON cp.city_id = v.city_id AND cp.community_point_id = v.community_point_id
        WHERE v.city_id = $1 ORDER BY v.created_at, v.user_id LIMIT 1`,
      [cityId],
    );
    const v = vols[0];
    if (v)
      for (const s of ['', '/status', '/clearance'])
        out[`/api/v1/volunteers/:userId${s}`] = {
          params: { userId: v.user_id },
          belongsTo: { communityPoint: v.slug },
        };
    // A request the zone's social workers reach too (escalated), as help-requests' own sample.
    const { rows: reqs } = await q.query<{ help_request_id: string; zone_code: string; slug: string }>(
      `SELECT h.help_request_id, h.zone_code, cp.slug FROM help_requests h
         JOIN community_points cp ON cp.city_id = h.city_id AND cp.community_point_id = h.community_point_id
        WHERE h.city_id = $1 ORDER BY (h.escalated_at IS NULL), h.created_at LIMIT 1`,
      [cityId],
    );
    const r = reqs[0];
    if (r)
      for (const s of ['volunteer-matches', 'volunteer-tasks'])
        out[`/api/v1/help-requests/:id/${s}`] = {
          params: { id: r.help_request_id },
          belongsTo: { zone: r.zone_code, communityPoint: r.slug },
        };
    const { rows: tasks } = await q.query<{ task_id: string; user_id: string }>(
      'SELECT task_id, user_id FROM volunteer_tasks WHERE city_id = $1 ORDER BY offered_at, task_id LIMIT 1',
      [cityId],
    );
    const task = tasks[0];
    if (task)
      for (const s of ['accept', 'decline', 'done'])
        out[`/api/v1/volunteer-tasks/:taskId/${s}`] = {
          params: { taskId: task.task_id },
          belongsTo: { userId: task.user_id },
        };
    const { rows: batches } = await q.query<{ batch_id: string; zone_code: string }>(
      'SELECT batch_id, zone_code FROM matching_batches WHERE city_id = $1 ORDER BY created_at LIMIT 1',
      [cityId],
    );
    const b = batches[0];
    if (b)
      for (const s of ['', '/apply', '/discard'])
        out[`/api/v1/matching/batches/:id${s}`] = {
          params: { id: b.batch_id },
          belongsTo: { zone: b.zone_code },
        };
    return out;
  },
});
