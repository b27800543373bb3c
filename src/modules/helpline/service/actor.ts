import type { FastifyRequest } from 'fastify';
import type { Queryable } from '../../../kernel/audit/index.ts';
import { AppError } from '../../../kernel/errors.ts';
import { romeMoment } from './week.ts';

/**
 * Who is calling, for the helpline: its supervisor (a social worker whose assignment covers the
 * whole city: the permission's grant is `all`), or one of its psychologists (an active volunteer
 * with the psychologist skill and a registration number, on an active account), with whether they
 * are on shift at `at`.
 */
export type HelplineActor =
  | { kind: 'supervisor'; userId: string }
  | { kind: 'psychologist'; userId: string; onShift: boolean };

/** SQL condition on `v` (volunteers) and `u` (users): someone who may answer the helpline. */
export const isPsychologistSql = `v.status = 'active' AND 'psychologist' = ANY(v.skills)
  AND v.psychologist_registration IS NOT NULL AND u.active`;

/** SQL condition: user `$user` of city `$city` has a shift holding weekday `$wd`, minute `$min`. */
export const onShiftSql = (city: string, user: string, wd: string, min: string) =>
  `EXISTS (SELECT 1 FROM helpline_shifts s WHERE s.city_id = ${city} AND s.user_id = ${user}
            AND s.weekday = ${wd} AND s.start_minute <= ${min} AND ${min} < s.end_minute)`;

/** Whether the person is an active psychologist of the city, and on shift at `at`. */
export async function psychologistStatus(
  q: Queryable,
  cityId: number,
  userId: string,
  at = new Date(),
): Promise<{ psychologist: boolean; onShift: boolean; name: string | null }> {
  const now = romeMoment(at);
  const { rows } = await q.query<{ on_shift: boolean; display_name: string }>(
    `SELECT u.display_name, ${onShiftSql('$1', '$2', '$3', '$4')} AS on_shift
       FROM volunteers v JOIN users u ON u.city_id = v.city_id AND u.user_id = v.user_id
      WHERE v.city_id = $1 AND v.user_id = $2 AND ${isPsychologistSql}`,
    [cityId, userId, now.weekday, now.minute],
  );
  const r = rows[0];
  return { psychologist: Boolean(r), onShift: Boolean(r?.on_shift), name: r?.display_name ?? null };
}

/** The caller as the helpline sees them; anyone else is refused (403). */
export async function helplineActor(q: Queryable, request: FastifyRequest): Promise<HelplineActor> {
  const user = request.user;
  if (!user) throw new AppError('unauthenticated');
  if (request.grant.all) return { kind: 'supervisor', userId: user.id };
  if (request.grant.own) {
    const s = await psychologistStatus(q, request.city.id, user.id);
    if (s.psychologist) return { kind: 'psychologist', userId: user.id, onShift: s.onShift };
  }
  throw new AppError('forbidden', {}, { messageKey: 'problem.helpline.not_helpline.detail' });
}

/** Only the supervisor (403 for anyone else). */
export function requireSupervisor(request: FastifyRequest): void {
  if (!request.grant.all)
    throw new AppError('forbidden', {}, { messageKey: 'problem.helpline.supervisor_only.detail' });
}

/** The audit scope of an actor. */
export const auditScope = (a: HelplineActor): string =>
  a.kind === 'supervisor' ? 'city:helpline_supervisor' : 'own';
