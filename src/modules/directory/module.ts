import { type AccessSample, defineModule } from '../../kernel/module.ts';
import { directoryImport } from './commands.ts';
import { directoryExport } from './export-command.ts';
import { directoryEditorRoutes } from './routes/editor.ts';
import { hsdsRoutes } from './routes/hsds.ts';
import { importRoutes } from './routes/import.ts';
import { directoryPublicRoutes } from './routes/public.ts';
import { seedDirectory } from './seed.ts';

export const directoryModule = defineModule({
  name: 'directory',
  dependsOn: ['territory'],
  routes: async (app, ctx) => {
    await app.register(directoryPublicRoutes, ctx);
    await app.register(directoryEditorRoutes, ctx);
    await app.register(importRoutes, ctx);
  },
  rootRoutes: hsdsRoutes,
  permissions: {
    'directory.edit': {
      description: "Change the directory's entries: an organisation's admin its own, the city all",
      grants: { org_admin: 'organisation', city_admin: 'city', platform_admin: 'platform' },
    },
    'directory.verify': {
      description: 'Mark entries as checked and see those not checked for a year',
      grants: { city_admin: 'city', platform_admin: 'platform' },
    },
    'directory.import': {
      description: 'Import organisations and services from CSV or XLSX files',
      grants: { city_admin: 'city', platform_admin: 'platform' },
    },
  },
  nav: [
    { path: '/servizi', labelKey: 'services', order: 20 },
    { path: '/le-mie-schede', labelKey: 'myEntries', roles: ['org_admin'], order: 30 },
    {
      path: '/admin/servizi',
      labelKey: 'adminDirectory',
      roles: ['city_admin', 'platform_admin'],
      order: 92,
    },
  ],
  seed: seedDirectory,
  commands: { 'directory export': directoryExport, 'directory import': directoryImport },
  indicators: [
    {
      code: 'directory.services',
      labelKey: 'indicator.directory.services',
      unit: 'count',
      countsPeople: false,
      async compute(ctx, city) {
        const { rows } = await ctx.database.pool.query<{ zone_code: string | null; n: number }>(
          `SELECT zone_code, count(DISTINCT service_id)::int AS n FROM dir_search
            WHERE city_id = $1 AND active GROUP BY zone_code`,
          [city.id],
        );
        const { rows: all } = await ctx.database.pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM dir_services WHERE city_id = $1 AND status = 'active'`,
          [city.id],
        );
        return {
          value: all[0]?.n ?? 0,
          byZone: Object.fromEntries(rows.filter((r) => r.zone_code).map((r) => [r.zone_code, r.n])),
        };
      },
    },
  ],
  messages: {
    it: {
      'resource.service': 'il servizio',
      'resource.organization': "l'organizzazione",
      'indicator.directory.services': 'Servizi nella mappa del welfare',
    },
    en: {
      'resource.service': 'service',
      'resource.organization': 'organisation',
      'indicator.directory.services': 'Services in the welfare directory',
    },
  },
  async accessSamples(q, cityId): Promise<Record<string, AccessSample>> {
    const { rows } = await q.query<{ service_id: string; organization_id: string }>(
      'SELECT service_id, organization_id FROM dir_services WHERE city_id = $1 ORDER BY name LIMIT 1',
      [cityId],
    );
    const s = rows[0];
    if (!s) return {};
    const service = { params: { id: s.service_id }, belongsTo: { organisation: s.organization_id } };
    const organization = {
      params: { id: s.organization_id },
      belongsTo: { organisation: s.organization_id },
    };
    return {
      '/api/v1/directory/services/:id': service,
      '/api/v1/directory/services/:id/verify': service,
      '/api/v1/directory/organizations/:id': organization,
      '/api/v1/directory/organizations/:id/verify': organization,
      '/api/hsds/services/:id': service,
    };
  },
});
