import { type AccessSample, defineModule } from '../../kernel/module.ts';
import { ideaMessages } from './messages.ts';
import { ideaPermissions } from './permissions.ts';
import { ideaRoutes } from './routes.ts';
import { seedIdeas } from './seed.ts';

export const ideasModule = defineModule({
  name: 'ideas',
  dependsOn: ['identity', 'territory'],
  routes: ideaRoutes,
  permissions: ideaPermissions,
  // Pages in ./web (src/web/modules.ts lists them); labels under `nav.*` in ./web/i18n.
  nav: [
    { path: '/proposte', labelKey: 'ideas', order: 24 },
    {
      path: '/le-mie-proposte',
      labelKey: 'myProposals',
      roles: [
        'citizen',
        'volunteer',
        'operator',
        'social_worker',
        'org_admin',
        'educator',
        'tutor',
        'merchant',
        'council_member',
        'researcher',
      ],
      order: 37,
    },
    { path: '/tavoli', labelKey: 'tables', roles: ['council_member', 'city_admin'], order: 46 },
    { path: '/admin/bandi', labelKey: 'callsAdmin', roles: ['city_admin', 'platform_admin'], order: 91 },
  ],
  seed: seedIdeas,
  messages: ideaMessages,
  async accessSamples(q, cityId): Promise<Record<string, AccessSample>> {
    const out: Record<string, AccessSample> = {};
    const { rows } = await q.query<{ proposal_id: string; proposer_id: string; file_id: string | null }>(
      `SELECT p.proposal_id, p.proposer_id,
              (SELECT f.file_id FROM proposal_files f WHERE f.city_id = p.city_id AND f.proposal_id = p.proposal_id LIMIT 1) AS file_id
         FROM proposals p WHERE p.city_id = $1
        ORDER BY (EXISTS (SELECT 1 FROM proposal_files f WHERE f.city_id = p.city_id AND f.proposal_id = p.proposal_id)) DESC,
                 p.created_at LIMIT 1`,
      [cityId],
    );
    const p = rows[0];
    if (!p) return out;
    const belongsTo = { userId: p.proposer_id };
    for (const s of ['', '/withdraw', '/status', '/review', '/comments'])
      out[`/api/v1/proposals/:id${s}`] = { params: { id: p.proposal_id }, belongsTo };
    if (p.file_id)
      out['/api/v1/proposals/:id/files/:fileId'] = {
        params: { id: p.proposal_id, fileId: p.file_id },
        belongsTo,
      };
    const { rows: calls } = await q.query<{ call_id: string; table_id: string }>(
      'SELECT call_id, table_id FROM idea_calls WHERE city_id = $1 ORDER BY created_at LIMIT 1',
      [cityId],
    );
    const c = calls[0];
    if (c) {
      for (const s of ['', '/close', '/reopen'])
        out[`/api/v1/idea-calls/:id${s}`] = { params: { id: c.call_id } };
      for (const s of ['', '/members'])
        out[`/api/v1/thematic-tables/:id${s}`] = { params: { id: c.table_id } };
    }
    return out;
  },
});
