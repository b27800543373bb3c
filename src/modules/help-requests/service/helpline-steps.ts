import type pg from 'pg';
import { type Lang, t } from '../../../kernel/i18n/index.ts';
import { queueMail } from '../../../kernel/mail/index.ts';
import { formatTrackingCode } from './intake.ts';
import { nextStatuses } from './read.ts';

/**
 * What the helpline did with a request of its queue. The helpline module decides who may do it
 * (its psychologists and supervisor are not staff of a hub or a zone); this keeps the request's
 * status, assignee and history in step, along the status machine.
 * - `assign`: a psychologist holds it (new/triaged → assigned; stops the first-contact clock);
 * - `start`: they called (assigned → in_progress);
 * - `resolve`: they closed it with an outcome (→ in_progress → resolved);
 * - `release`: back to the queue (assigned → triaged; in progress stays so, with nobody).
 * A request already resolved, closed or withdrawn is left as it is.
 */
export type HelplineStep = (
  | { kind: 'assign'; assigneeId: string; assigneeName: string }
  | { kind: 'start' }
  /** `publicUrl`: mail the person (when they gave an address) that their request is resolved. */
  | { kind: 'resolve'; outcome: string; publicUrl?: string }
  /** `queueName`: who holds it now, in words (the history shows "taken on by …"). */
  | { kind: 'release'; queueName: string }
) & {
  /** Why, in words for the history (the helpline writes them in the city's language). */
  reason?: string;
};

/**
 * Applies a step to a helpline request, in the caller's transaction (`client`), after locking it.
 * Returns the request's status afterwards, or undefined when the city has no such helpline request.
 */
export async function stepHelplineRequest(
  client: pg.PoolClient,
  cityId: number,
  id: string,
  actorId: string,
  step: HelplineStep,
): Promise<string | undefined> {
  const { rows } = await client.query<{
    status: string;
    first_contact_at: Date | null;
    contact_email: string | null;
    contact_name: string;
    tracking_code: string;
    lang: string;
  }>(
    `SELECT status, first_contact_at, contact_email, contact_name, tracking_code, lang FROM help_requests
      WHERE city_id = $1 AND help_request_id = $2 AND queue = 'helpline' FOR UPDATE`,
    [cityId, id],
  );
  const row = rows[0];
  if (!row) return undefined;
  let status = row.status;
  if (['resolved', 'closed', 'withdrawn'].includes(status)) return status;
  const events: { kind: string; from?: string; to?: string; reason?: string; data?: object }[] = [];
  const set: Record<string, unknown> = {};
  const reason = step.reason;
  const move = (to: string) => {
    if (!(nextStatuses[status] ?? []).includes(to)) return false;
    events.push({ kind: 'status', from: status, to, reason });
    status = to;
    return true;
  };
  switch (step.kind) {
    case 'assign':
      set.assignee_id = step.assigneeId;
      if (!row.first_contact_at) set.first_contact_at = new Date();
      if (status === 'new' || status === 'triaged') {
        events.push({
          kind: 'assign',
          from: status,
          to: 'assigned',
          reason,
          data: { assignee: step.assigneeName },
        });
        status = 'assigned';
      } else events.push({ kind: 'assign', reason, data: { assignee: step.assigneeName } });
      break;
    case 'start':
      move('in_progress');
      break;
    case 'resolve':
      move('in_progress');
      if (move('resolved')) {
        set.outcome = step.outcome;
        set.closed_at = new Date();
        if (step.publicUrl !== undefined && row.contact_email) {
          // The same mail a hub's "resolved" sends.
          const lang = (row.lang === 'en' ? 'en' : 'it') as Lang;
          const code = formatTrackingCode(row.tracking_code);
          await queueMail(client, {
            cityId,
            to: row.contact_email,
            subject: t(lang, 'help.mail.resolved.subject', { code }),
            text: t(lang, 'help.mail.resolved.text', {
              name: row.contact_name,
              code,
              where: t(lang, 'help.queue.helpline'),
              link: `${step.publicUrl}/segui/${code}`,
            }),
          });
        }
      }
      break;
    case 'release':
      set.assignee_id = null;
      if (!move('triaged')) events.push({ kind: 'assign', reason, data: { assignee: step.queueName } });
      break;
  }
  if (!events.length) return status;
  set.status = status;
  set.updated_at = new Date();
  const columns = Object.keys(set);
  await client.query(
    `UPDATE help_requests SET ${columns.map((c, i) => `${c} = $${i + 3}`).join(', ')}
      WHERE city_id = $1 AND help_request_id = $2`,
    [cityId, id, ...columns.map((c) => set[c])],
  );
  for (const e of events)
    await client.query(
      `INSERT INTO help_request_events (city_id, help_request_id, actor_id, kind, from_status, to_status, reason, data)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        cityId,
        id,
        actorId,
        e.kind,
        e.from ?? null,
        e.to ?? null,
        e.reason ?? null,
        JSON.stringify(e.data ?? {}),
      ],
    );
  return status;
}
