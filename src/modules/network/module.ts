import { type AccessSample, defineModule } from '../../kernel/module.ts';
import { networkMessages } from './messages.ts';
import { networkRoutes } from './routes.ts';
import { seedNetwork } from './seed.ts';

export const networkModule = defineModule({
  name: 'network',
  dependsOn: ['identity', 'community-points'],
  routes: networkRoutes,
  permissions: {
    'network.use': {
      description:
        'Read and write in the hubs’ network: a hub’s operators in the threads their hub takes part in, ' +
        'the city in its announcements and the conversations it started',
      grants: { operator: 'community_point', city_admin: 'city', platform_admin: 'platform' },
    },
  },
  // Pages in ./web (src/web/modules.ts lists them); the label under `nav.network` in ./web/i18n.
  nav: [{ path: '/rete', labelKey: 'network', roles: ['operator', 'city_admin'], order: 45 }],
  seed: seedNetwork,
  messages: networkMessages,
  async accessSamples(q, cityId): Promise<Record<string, AccessSample>> {
    // An announcement: every hub takes part (the sample names one), and the city reaches it.
    const { rows } = await q.query<{ thread_id: string; slug: string }>(
      `SELECT t.thread_id, min(cp.slug) AS slug FROM network_threads t
         JOIN network_participants p ON p.city_id = t.city_id AND p.thread_id = t.thread_id
         JOIN community_points cp ON cp.city_id = p.city_id AND cp.community_point_id = p.community_point_id
        WHERE t.city_id = $1 AND t.kind = 'announcement'
        GROUP BY t.thread_id, t.created_at ORDER BY t.created_at LIMIT 1`,
      [cityId],
    );
    const r = rows[0];
    if (!r) return {};
    const sample = { params: { id: r.thread_id }, belongsTo: { communityPoint: r.slug } };
    return Object.fromEntries(
      ['', '/messages', '/read'].map((s) => [`/api/v1/network/threads/:id${s}`, sample]),
    );
  },
});
