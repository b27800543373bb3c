import { type AccessSample, defineModule } from '../../kernel/module.ts';
import { initiativeMessages } from './messages.ts';
import { initiativePermissions } from './permissions.ts';
import { initiativeRoutes } from './routes.ts';
import { seedInitiatives } from './seed.ts';

export const initiativesModule = defineModule({
  name: 'initiatives',
  dependsOn: ['territory', 'identity', 'community-points'],
  routes: initiativeRoutes,
  permissions: initiativePermissions,
  // Pages in ./web (src/web/modules.ts lists them); labels under `nav.*` in ./web/i18n.
  nav: [
    { path: '/iniziative', labelKey: 'initiatives', order: 25 },
    { path: '/calendario', labelKey: 'calendar', order: 26 },
    { path: '/le-mie-iscrizioni', labelKey: 'myRegistrations', roles: ['citizen'], order: 37 },
    {
      path: '/sportello/iniziative',
      labelKey: 'initiativesDesk',
      roles: ['operator', 'city_admin'],
      order: 43,
    },
  ],
  seed: seedInitiatives,
  indicators: [
    {
      code: 'initiatives.per_year',
      labelKey: 'indicator.initiatives.per_year',
      unit: 'count',
      countsPeople: false,
      async compute(ctx, city) {
        const { rows } = await ctx.database.pool.query<{ zone_code: string; n: number }>(
          `SELECT n.zone_code, count(*)::int AS n FROM initiatives i
             JOIN neighbourhoods n ON n.city_id = i.city_id AND n.code = i.neighbourhood_code
            WHERE i.city_id = $1 AND i.status <> 'cancelled'
              AND i.starts_on > current_date - interval '1 year' AND i.starts_on <= current_date
            GROUP BY n.zone_code`,
          [city.id],
        );
        return {
          value: rows.reduce((s, r) => s + r.n, 0),
          byZone: Object.fromEntries(rows.map((r) => [r.zone_code, r.n])),
        };
      },
    },
    {
      code: 'initiatives.participants',
      labelKey: 'indicator.initiatives.participants',
      unit: 'count',
      countsPeople: true,
      async compute(ctx, city) {
        const { rows } = await ctx.database.pool.query<{ zone_code: string; n: number }>(
          `SELECT n.zone_code, sum(r.seats)::int AS n FROM event_registrations r
             JOIN community_events e ON e.city_id = r.city_id AND e.event_id = r.event_id
             JOIN neighbourhoods n ON n.city_id = e.city_id AND n.code = e.neighbourhood_code
            WHERE r.city_id = $1 AND r.attended_at IS NOT NULL AND e.starts_at > now() - interval '1 year'
            GROUP BY n.zone_code`,
          [city.id],
        );
        return {
          value: rows.reduce((s, r) => s + r.n, 0),
          byZone: Object.fromEntries(rows.map((r) => [r.zone_code, r.n])),
        };
      },
    },
  ],
  messages: initiativeMessages,
  async accessSamples(q, cityId): Promise<Record<string, AccessSample>> {
    // A hub's initiative with an event that takes registrations (and one registration on it).
    const { rows } = await q.query<{
      slug: string;
      hub: string;
      event_id: string;
      registration_id: string | null;
    }>(
      `SELECT i.slug, cp.slug AS hub, e.event_id,
              (SELECT r.registration_id FROM event_registrations r
                WHERE r.city_id = e.city_id AND r.event_id = e.event_id ORDER BY r.position LIMIT 1) AS registration_id
         FROM initiatives i
         JOIN community_points cp ON cp.city_id = i.city_id AND cp.community_point_id = i.community_point_id
         JOIN community_events e ON e.city_id = i.city_id AND e.initiative_id = i.initiative_id
        WHERE i.city_id = $1
        ORDER BY (e.capacity IS NULL), e.registered_count DESC, e.starts_at DESC LIMIT 1`,
      [cityId],
    );
    const r = rows[0];
    if (!r) return {};
    const belongsTo = { communityPoint: r.hub };
    const initiative = { params: { slug: r.slug }, belongsTo };
    const event = { params: { id: r.event_id }, belongsTo };
    return {
      '/api/v1/initiatives/:slug': initiative,
      '/api/v1/initiatives/:slug/events': initiative,
      '/api/v1/initiatives/:slug/events.ics': initiative,
      '/api/v1/events/:id': event,
      '/api/v1/events/:id/cancel': event,
      '/api/v1/events/:id/registrations': event,
      '/api/v1/events/:id/attendance': event,
      ...(r.registration_id
        ? {
            '/api/v1/events/:id/registrations/:registrationId': {
              params: { id: r.event_id, registrationId: r.registration_id },
              belongsTo,
            },
          }
        : {}),
    };
  },
});
