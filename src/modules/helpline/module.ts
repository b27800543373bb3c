import { type AccessSample, defineModule } from '../../kernel/module.ts';
import { helplineMessages } from './messages.ts';
import { helplineRoutes } from './routes.ts';
import { seedHelpline } from './seed.ts';

export const helplineModule = defineModule({
  name: 'helpline',
  dependsOn: ['territory', 'identity', 'help-requests', 'volunteers'],
  routes: helplineRoutes,
  permissions: {
    'helpline.work': {
      description:
        "Work the psychological-support helpline: its psychologists (volunteers with the psychologist skill, checked by the service) the rota, the queue while on shift, their own calls and their notes; its supervisor (a social worker assigned to the whole city) all of it. A zone's social worker reaches nothing of it",
      grants: { volunteer: 'own', social_worker: 'zone' },
    },
    'helpline.supervise': {
      description:
        "Supervise the helpline: the rota, its opening hours, giving calls to psychologists on shift (a social worker assigned to the whole city; a zone's social worker reaches nothing of it)",
      grants: { social_worker: 'zone' },
    },
  },
  nav: [
    { path: '/helpline', labelKey: 'helpline', roles: ['volunteer'], order: 45 },
    { path: '/helpline/turni', labelKey: 'helplineRota', roles: ['social_worker'], order: 46 },
  ],
  seed: seedHelpline,
  messages: helplineMessages,
  async accessSamples(q, cityId): Promise<Record<string, AccessSample>> {
    // The helpline's pages belong to its psychologists and its supervisor, not to a zone or a hub:
    // each sample names a psychologist (so the walk expects every other principal to be refused),
    // and a call in hand, a shift, for the routes that take ids (and for the other-city checks).
    const { rows: calls } = await q.query<{ help_request_id: string; psychologist_id: string }>(
      `SELECT help_request_id, psychologist_id FROM helpline_calls
        WHERE city_id = $1 AND psychologist_id IS NOT NULL ORDER BY created_at LIMIT 1`,
      [cityId],
    );
    const { rows: shifts } = await q.query<{ shift_id: string; user_id: string }>(
      'SELECT shift_id, user_id FROM helpline_shifts WHERE city_id = $1 ORDER BY shift_id LIMIT 1',
      [cityId],
    );
    const out: Record<string, AccessSample> = {};
    const call = calls[0];
    const shift = shifts[0];
    const someone = call?.psychologist_id ?? shift?.user_id;
    if (someone)
      for (const r of ['rota', 'now', 'queue'])
        out[`/api/v1/helpline/${r}`] = { belongsTo: { userId: someone } };
    if (shift)
      out['/api/v1/helpline/rota/:shiftId'] = {
        params: { shiftId: shift.shift_id },
        belongsTo: { userId: shift.user_id },
      };
    if (call)
      for (const s of ['take', 'attempt', 'release', 'close', 'assign', 'notes'])
        out[`/api/v1/helpline/calls/:helpRequestId/${s}`] = {
          params: { helpRequestId: call.help_request_id },
          belongsTo: { userId: call.psychologist_id },
        };
    return out;
  },
});
