import type { Queryable } from '../../../kernel/audit/index.ts';
import { t } from '../../../kernel/i18n/index.ts';
import { queueMail } from '../../../kernel/mail/index.ts';

/**
 * Tells the hub of a request (its e-mail) what a volunteer did with a task; a request without a
 * hub e-mail tells the staff member who offered the task. Staff mails are in Italian.
 */
export async function mailHub(
  q: Queryable,
  cityId: number,
  task: { help_request_id: string; offered_by: string },
  kind: 'accepted' | 'declined' | 'done',
  params: Record<string, string | number>,
  publicUrl: string,
): Promise<void> {
  const { rows } = await q.query<{ hub_email: string | null; offerer_email: string | null }>(
    `SELECT cp.email AS hub_email, o.email AS offerer_email
       FROM help_requests h
       LEFT JOIN community_points cp ON cp.city_id = h.city_id AND cp.community_point_id = h.community_point_id
       LEFT JOIN users o ON o.city_id = h.city_id AND o.user_id = $3
      WHERE h.city_id = $1 AND h.help_request_id = $2`,
    [cityId, task.help_request_id, task.offered_by],
  );
  const to = rows[0]?.hub_email ?? rows[0]?.offerer_email;
  if (!to) return;
  await queueMail(q, {
    cityId,
    to,
    subject: t('it', `volunteers.mail.hub_${kind}.subject`, params),
    text: t('it', `volunteers.mail.hub_${kind}.text`, {
      ...params,
      link: `${publicUrl}/sportello/richieste/${task.help_request_id}`,
    }),
  });
}
