import { type AccessSample, defineModule } from '../../kernel/module.ts';
import { helpMessages } from './messages.ts';
import { helpRequestRoutes } from './routes.ts';
import { seedHelpRequests } from './seed.ts';
import { slaMessages } from './sla-messages.ts';
import { triageMessages } from './triage-messages.ts';

export const helpRequestsModule = defineModule({
  name: 'help-requests',
  dependsOn: ['territory', 'identity', 'community-points'],
  routes: helpRequestRoutes,
  permissions: {
    'help.read': {
      description:
        "See help requests with the person's data: a hub's operators theirs, the zone's social workers the escalated ones, a citizen their own",
      grants: { operator: 'community_point', social_worker: 'zone', citizen: 'own' },
    },
    'help.manage': {
      description: 'Triage, assign, transfer, escalate, annotate and close help requests in scope',
      grants: { operator: 'community_point', social_worker: 'zone' },
    },
    'help.emergency': {
      description: 'Switch the city to emergency mode (the home page leads with the help form)',
      grants: { city_admin: 'city', platform_admin: 'platform' },
    },
  },
  nav: [
    { path: '/chiedi-aiuto', labelKey: 'askForHelp', order: 10 },
    { path: '/le-mie-richieste', labelKey: 'myRequests', roles: ['citizen'], order: 35 },
    { path: '/sportello', labelKey: 'helpDesk', roles: ['operator', 'social_worker'], order: 40 },
    { path: '/admin/emergenza', labelKey: 'emergency', roles: ['city_admin', 'platform_admin'], order: 93 },
  ],
  seed: seedHelpRequests,
  indicators: [
    {
      code: 'help_requests.received',
      labelKey: 'indicator.help_requests.received',
      unit: 'count',
      countsPeople: true,
      async compute(ctx, city) {
        const { rows } = await ctx.database.pool.query<{ zone_code: string; n: number }>(
          `SELECT zone_code, count(*)::int AS n FROM help_requests
            WHERE city_id = $1 AND created_at > now() - interval '1 year' GROUP BY zone_code`,
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
      ...helpMessages.it,
      ...triageMessages.it,
      ...slaMessages.it,
      'indicator.help_requests.received': 'Richieste di aiuto ricevute (12 mesi)',
    },
    en: {
      ...helpMessages.en,
      ...triageMessages.en,
      ...slaMessages.en,
      'indicator.help_requests.received': 'Help requests received (12 months)',
    },
  },
  async accessSamples(q, cityId): Promise<Record<string, AccessSample>> {
    // An escalated request of a hub (its operators and its zone's social workers reach it); a city
    // without one gives any request of a hub (enough for the other-city checks).
    const { rows } = await q.query<{ help_request_id: string; zone_code: string; slug: string }>(
      `SELECT h.help_request_id, h.zone_code, cp.slug FROM help_requests h
         JOIN community_points cp ON cp.city_id = h.city_id AND cp.community_point_id = h.community_point_id
        WHERE h.city_id = $1 ORDER BY (h.escalated_at IS NULL), h.created_at LIMIT 1`,
      [cityId],
    );
    const r = rows[0];
    if (!r) return {};
    const sample = {
      params: { id: r.help_request_id },
      belongsTo: { zone: r.zone_code, communityPoint: r.slug },
    };
    return Object.fromEntries(
      ['', '/triage', '/assign', '/assignees', '/transitions', '/transfer', '/escalate', '/notes'].map(
        (s) => [`/api/v1/help-requests/:id${s}`, sample],
      ),
    );
  },
});
