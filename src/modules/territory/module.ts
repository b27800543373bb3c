import { defineModule } from '../../kernel/module.ts';
import { territoryImport } from './commands.ts';
import { territoryRoutes } from './routes.ts';

export const territoryModule = defineModule({
  name: 'territory',
  routes: territoryRoutes,
  permissions: {
    'territory.import': {
      description: 'Replace the neighbourhood boundaries of the city with official ones',
      grants: { city_admin: 'city', platform_admin: 'platform' },
    },
  },
  commands: { 'territory import': territoryImport },
  nav: [{ path: '/quartieri', labelKey: 'neighbourhoods', order: 10 }],
  indicators: [
    {
      code: 'territory.neighbourhoods',
      labelKey: 'indicator.territory.neighbourhoods',
      unit: 'count',
      countsPeople: false,
      async compute(ctx, city) {
        const { rows } = await ctx.database.pool.query<{ zone_code: string; n: number }>(
          'SELECT zone_code, count(*)::int AS n FROM neighbourhoods WHERE city_id = $1 GROUP BY zone_code',
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
      'resource.neighbourhood': 'il quartiere',
      'resource.city': 'la città',
      'indicator.territory.neighbourhoods': 'Quartieri',
    },
    en: {
      'resource.neighbourhood': 'neighbourhood',
      'resource.city': 'city',
      'indicator.territory.neighbourhoods': 'Neighbourhoods',
    },
  },
});
