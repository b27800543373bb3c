import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { t } from './kernel/i18n/index.ts';
import type { ModuleManifest, Role } from './kernel/module.ts';

/** Counts of people under this are not shown in public figures. */
export const suppressionThreshold = 5;

const suppress = (n: number): number | null => (n > 0 && n < suppressionThreshold ? null : n);
const suppressAll = (m: Record<string, number> | undefined) =>
  m && Object.fromEntries(Object.entries(m).map(([k, v]) => [k, suppress(v)]));

/** Routes built from all manifests: the web shell's configuration and the public indicators. */
export function shellRoutes(modules: ModuleManifest[]): FastifyPluginAsyncZod {
  return async (app) => {
    const nav = modules.flatMap((m) => m.nav ?? []).sort((a, b) => a.order - b.order);
    const indicators = modules.flatMap((m) => m.indicators ?? []);

    app.get(
      '/api/v1/shell',
      {
        config: { access: { public: true } },
        schema: {
          tags: ['platform'],
          summary: 'What the web app needs to draw its frame: city, navigation, settings',
          response: {
            200: z.object({
              city: z.object({ code: z.string(), name: z.string(), isDemo: z.boolean() }),
              languages: z.array(z.string()),
              modules: z.array(z.string()),
              nav: z.array(
                z.object({ path: z.string(), labelKey: z.string(), roles: z.array(z.string()).optional() }),
              ),
              tileUrl: z.string(),
            }),
          },
        },
      },
      async (request) => {
        const userRoles = ((request as { user?: { roles?: Role[] } }).user?.roles ?? []) as Role[];
        return {
          city: { code: request.city.code, name: request.city.name, isDemo: request.city.isDemo },
          languages: ['it', 'en'],
          modules: modules.map((m) => m.name),
          nav: nav
            .filter((n) => !n.roles || n.roles.some((r) => userRoles.includes(r)))
            .map(({ path, labelKey, roles }) => ({ path, labelKey, roles })),
          tileUrl: app.config.tileUrl,
        };
      },
    );

    const Figure = z.object({
      code: z.string(),
      label: z.string(),
      unit: z.string(),
      value: z.number().nullable(),
      byZone: z.record(z.string(), z.number().nullable()).optional(),
      byNeighbourhood: z.record(z.string(), z.number().nullable()).optional(),
    });

    app.get(
      '/api/v1/indicators',
      {
        config: { access: { public: true } },
        schema: {
          tags: ['platform'],
          summary: 'Public figures of every module; counts of people under 5 are suppressed (null)',
          response: { 200: z.object({ items: z.array(Figure) }) },
        },
      },
      async (request) => {
        const ctx = { config: app.config, database: app.database };
        const items = [];
        for (const ind of indicators) {
          const v = await ind.compute(ctx, request.city);
          const hide = ind.countsPeople;
          items.push({
            code: ind.code,
            label: t(request.lang, ind.labelKey),
            unit: ind.unit,
            value: hide ? suppress(v.value) : v.value,
            byZone: hide ? suppressAll(v.byZone) : v.byZone,
            byNeighbourhood: hide ? suppressAll(v.byNeighbourhood) : v.byNeighbourhood,
          });
        }
        return { items };
      },
    );
  };
}
