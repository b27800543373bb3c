import { type AccessSample, defineModule } from '../../kernel/module.ts';
import { communityPointRoutes } from './routes.ts';
import { seedCommunityPoints } from './seed.ts';

export const communityPointsModule = defineModule({
  name: 'community-points',
  dependsOn: ['territory', 'identity'],
  routes: communityPointRoutes,
  permissions: {
    'community_points.manage': {
      description: 'Create and change the Punti Comunità: name, place, hours, neighbourhoods served',
      grants: { city_admin: 'city', platform_admin: 'platform' },
    },
  },
  nav: [
    { path: '/punti-comunita', labelKey: 'communityPoints', order: 15 },
    {
      path: '/admin/punti-comunita',
      labelKey: 'communityPointsAdmin',
      roles: ['city_admin', 'platform_admin'],
      order: 94,
    },
  ],
  seed: seedCommunityPoints,
  indicators: [
    {
      code: 'community_points.active',
      labelKey: 'indicator.community_points.active',
      unit: 'count',
      countsPeople: false,
      async compute(ctx, city) {
        const { rows } = await ctx.database.pool.query<{ zone_code: string; n: number }>(
          `SELECT zone_code, count(*)::int AS n FROM community_points WHERE city_id = $1 AND active GROUP BY zone_code`,
          [city.id],
        );
        return {
          value: rows.reduce((s, r) => s + r.n, 0),
          byZone: Object.fromEntries(rows.map((r) => [r.zone_code, r.n])),
        };
      },
    },
  ],
  messages: {
    it: {
      'resource.community_point': 'il Punto Comunità',
      'indicator.community_points.active': 'Punti Comunità attivi',
      'communityPoints.slug_taken':
        'Esiste già un Punto Comunità con il codice «{slug}». Scegli un altro codice, o modifica quello esistente.',
    },
    en: {
      'resource.community_point': 'community point',
      'indicator.community_points.active': 'Active community points',
      'communityPoints.slug_taken':
        'There is already a community point with the code “{slug}”. Choose another code, or edit the existing one.',
    },
  },
  async accessSamples(q, cityId): Promise<Record<string, AccessSample>> {
    const { rows } = await q.query<{ slug: string; community_point_id: string; zone_code: string }>(
      'SELECT slug, community_point_id, zone_code FROM community_points WHERE city_id = $1 ORDER BY slug LIMIT 1',
      [cityId],
    );
    const p = rows[0];
    if (!p) return {};
    return {
      '/api/v1/community-points/:id': {
        params: { id: p.community_point_id },
        belongsTo: { zone: p.zone_code },
      },
      '/api/v1/community-points/:slug': {
        params: { slug: p.slug },
        belongsTo: { zone: p.zone_code, communityPoint: p.slug },
      },
    };
  },
});
