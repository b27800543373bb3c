import type { Queryable } from '../../../kernel/audit/index.ts';

export type VolunteerStepKind =
  | 'volunteer_offer'
  | 'volunteer_accept'
  | 'volunteer_decline'
  | 'volunteer_done'
  | 'volunteer_cancel';

/**
 * A step of a volunteer's task on a request, written into the request's history in the caller's
 * transaction (the volunteers module calls it; the request row should already be locked).
 * When a volunteer accepts, a request still `new` or `triaged` moves to `assigned`.
 * Returns the request's status after the step.
 */
export async function recordVolunteerStep(
  q: Queryable,
  cityId: number,
  helpRequestId: string,
  step: {
    actorId: string | null;
    kind: VolunteerStepKind;
    reason?: string | null;
    data?: Record<string, unknown>;
  },
): Promise<{ status: string }> {
  const { rows } = await q.query<{ status: string }>(
    'SELECT status FROM help_requests WHERE city_id = $1 AND help_request_id = $2 FOR UPDATE',
    [cityId, helpRequestId],
  );
  const from = rows[0]?.status;
  if (!from) throw new Error(`help request ${helpRequestId} not found`);
  const to = step.kind === 'volunteer_accept' && (from === 'new' || from === 'triaged') ? 'assigned' : null;
  await q.query(
    `UPDATE help_requests SET updated_at = now()${to ? ', status = $3' : ''}
      WHERE city_id = $1 AND help_request_id = $2`,
    to ? [cityId, helpRequestId, to] : [cityId, helpRequestId],
  );
  await q.query(
    `INSERT INTO help_request_events (city_id, help_request_id, actor_id, kind, from_status, to_status, reason, data)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      cityId,
      helpRequestId,
      step.actorId,
      step.kind,
      to ? from : null,
      to,
      step.reason ?? null,
      JSON.stringify(step.data ?? {}),
    ],
  );
  return { status: to ?? from };
}
