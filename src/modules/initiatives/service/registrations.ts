import type { FastifyRequest } from 'fastify';
import { audit, auditFromRequest, type Queryable } from '../../../kernel/audit/index.ts';
import type { Grant } from '../../../kernel/auth/types.ts';
import type { Database } from '../../../kernel/db/index.ts';
import { withTransaction } from '../../../kernel/db/transaction.ts';
import { AppError } from '../../../kernel/errors.ts';
import { formatDateTime, type Lang, t } from '../../../kernel/i18n/index.ts';
import { queueMail } from '../../../kernel/mail/index.ts';
import { type EventRow, eventSelect, eventView, loadEvent } from './read.ts';
import { reachesHub, scopeLabel } from './scope.ts';

export interface RegistrationInput {
  seats?: number;
  name?: string;
  email?: string;
  phone?: string;
}

export interface RegistrationResult {
  registrationId: string;
  status: 'registered' | 'waiting';
  position?: number;
}

const conflict = (key: string, params: Record<string, string | number> = {}) =>
  new AppError('conflict', params, { messageKey: `problem.initiatives.${key}.detail` });

/** Attendance may be taken from an hour before the start to seven days after the end. */
export const attendanceWindow = { beforeStartMs: 3_600_000, afterEndMs: 7 * 86_400_000 };

/** Where the event stands for new registrations: a 409 when it is cancelled, started or open to all. */
function checkOpen(event: EventRow, now = new Date()): void {
  if (event.status === 'cancelled') throw conflict('event_cancelled');
  if (event.starts_at <= now) throw conflict('event_past');
  if (event.capacity === null) throw conflict('no_registration');
}

/** Place in the waiting line (1 = next to get a place). */
async function positionOf(q: Queryable, cityId: number, eventId: string, registrationId: string) {
  const { rows } = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM event_registrations w
      WHERE w.city_id = $1 AND w.event_id = $2 AND w.status = 'waiting'
        AND w.position <= (SELECT position FROM event_registrations
                            WHERE city_id = $1 AND event_id = $2 AND registration_id = $3)`,
    [cityId, eventId, registrationId],
  );
  return rows[0]?.n ?? 0;
}

interface MailTo {
  name: string;
  email: string | null;
}

async function mailPerson(
  q: Queryable,
  cityId: number,
  to: MailTo,
  kind: 'registered' | 'waiting' | 'promoted',
  event: EventRow,
  lang: Lang,
  publicUrl: string,
  position?: number,
) {
  if (!to.email) return;
  const params = {
    name: to.name,
    title: event.title,
    when: formatDateTime(event.starts_at, lang),
    place: event.place,
    position: position ?? 0,
    link: `${publicUrl}/eventi/${event.event_id}`,
  };
  await queueMail(q, {
    cityId,
    to: to.email,
    subject: t(lang, `initiatives.mail.${kind}.subject`, params),
    text: t(lang, `initiatives.mail.${kind}.text`, params),
  });
}

/**
 * Registers a person for an event under the event row's lock (SELECT … FOR UPDATE): of two people
 * at once for the last place exactly one gets it, the other waits in line. A signed-in person
 * registers themself; an organiser (`organiser` reaches the event's hub) may register someone
 * without an account by name and phone or e-mail.
 */
export async function register(
  db: Database,
  request: FastifyRequest,
  eventId: string,
  input: RegistrationInput,
  organiser: Grant,
  publicUrl: string,
): Promise<RegistrationResult> {
  const user = request.user!;
  const cityId = request.city.id;
  const seats = input.seats ?? 1;
  const onBehalf = input.name !== undefined;
  return withTransaction(db.pool, async (client) => {
    const event = await loadEvent(client, cityId, eventId, true);
    if (onBehalf && !reachesHub(organiser, event.hub_slug)) throw new AppError('forbidden');
    checkOpen(event);
    const person = onBehalf
      ? { userId: null, name: input.name!, email: input.email ?? null, phone: input.phone ?? null }
      : { userId: user.id, name: user.displayName, email: user.email, phone: input.phone ?? null };
    if (!person.userId) {
      const { rowCount: dup } = await client.query(
        `SELECT 1 FROM event_registrations WHERE city_id = $1 AND event_id = $2 AND status <> 'cancelled'
            AND user_id IS NULL AND lower(name) = lower($3) AND (lower(email) = lower($4) OR phone = $5)`,
        [cityId, eventId, person.name, person.email, person.phone],
      );
      if (dup) throw conflict('already_registered');
    }
    const status: 'registered' | 'waiting' =
      event.registered_count + seats <= event.capacity! ? 'registered' : 'waiting';
    // One round trip under the lock: the row (a person's second live registration is refused by the
    // unique index) and the event's counters, the latter only when the row went in.
    const { rows } = await client.query<{ registration_id: string }>(
      `WITH ins AS (
         INSERT INTO event_registrations (city_id, event_id, user_id, name, email, phone, seats, status)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8)
         ON CONFLICT (city_id, event_id, user_id) WHERE user_id IS NOT NULL AND status <> 'cancelled' DO NOTHING
         RETURNING registration_id),
       upd AS (
         UPDATE community_events SET registered_count = registered_count + $9, waiting_count = waiting_count + $10
          WHERE city_id = $1 AND event_id = $2 AND EXISTS (SELECT 1 FROM ins))
       SELECT registration_id FROM ins`,
      [
        cityId,
        eventId,
        person.userId,
        person.name,
        person.email,
        person.phone,
        seats,
        status,
        status === 'registered' ? seats : 0,
        status === 'waiting' ? 1 : 0,
      ],
    );
    if (!rows[0]) throw conflict('already_registered');
    const registrationId = rows[0].registration_id;
    // Under the lock the newcomer is last in line: its place is the line's length.
    const position = status === 'waiting' ? event.waiting_count + 1 : undefined;
    await mailPerson(client, cityId, person, status, event, request.lang, publicUrl, position);
    if (onBehalf)
      await audit(
        client,
        auditFromRequest(request, {
          action: 'create',
          resource: 'event_registration',
          resourceId: registrationId,
          scope: scopeLabel(organiser, event.hub_slug),
        }),
      );
    return { registrationId, status, ...(position !== undefined ? { position } : {}) };
  });
}

/**
 * Gives freed places to the waiting line, first come first served: each waiting registration whose
 * seats fit in what is left is promoted and e-mailed. Call with the event row locked.
 */
export async function promoteWaiting(
  q: Queryable,
  request: FastifyRequest,
  event: EventRow,
  publicUrl = '',
): Promise<number> {
  if (event.capacity === null) return 0;
  let left = event.capacity - event.registered_count;
  if (left <= 0 || event.waiting_count === 0) return 0;
  const { rows } = await q.query<{
    registration_id: string;
    seats: number;
    name: string;
    email: string | null;
  }>(
    `SELECT r.registration_id, r.seats, r.name, coalesce(r.email, u.email) AS email FROM event_registrations r
       LEFT JOIN users u ON u.city_id = r.city_id AND u.user_id = r.user_id
      WHERE r.city_id = $1 AND r.event_id = $2 AND r.status = 'waiting' ORDER BY r.position`,
    [request.city.id, event.event_id],
  );
  const promoted: typeof rows = [];
  for (const r of rows) {
    if (left <= 0) break;
    if (r.seats > left) continue;
    promoted.push(r);
    left -= r.seats;
  }
  if (!promoted.length) return 0;
  const cityId = request.city.id;
  await q.query(
    `UPDATE event_registrations SET status = 'registered', updated_at = now()
      WHERE city_id = $1 AND event_id = $2 AND registration_id = ANY($3::uuid[])`,
    [cityId, event.event_id, promoted.map((r) => r.registration_id)],
  );
  await q.query(
    `UPDATE community_events SET registered_count = registered_count + $3, waiting_count = waiting_count - $4,
            updated_at = now()
      WHERE city_id = $1 AND event_id = $2`,
    [cityId, event.event_id, promoted.reduce((s, r) => s + r.seats, 0), promoted.length],
  );
  for (const r of promoted) await mailPerson(q, cityId, r, 'promoted', event, 'it', publicUrl);
  return promoted.length;
}

/**
 * Cancels a registration (the person's own, or an organiser's of the event's hub): the places go
 * back and, in the same transaction, to the first waiting whose seats fit.
 */
export async function cancelRegistration(
  db: Database,
  request: FastifyRequest,
  eventId: string,
  registrationId: string,
  organiser: Grant,
  publicUrl: string,
): Promise<{ registrationId: string; status: 'cancelled'; promoted: number }> {
  const cityId = request.city.id;
  return withTransaction(db.pool, async (client) => {
    const event = await loadEvent(client, cityId, eventId, true);
    const { rows } = await client.query<{ user_id: string | null; status: string; seats: number }>(
      `SELECT user_id, status, seats FROM event_registrations
        WHERE city_id = $1 AND event_id = $2 AND registration_id = $3`,
      [cityId, eventId, registrationId],
    );
    const reg = rows[0];
    const asOrganiser = reachesHub(organiser, event.hub_slug);
    if (!reg || (!asOrganiser && reg.user_id !== request.user?.id))
      throw new AppError('not_found', { resource: 'event_registration', id: registrationId });
    if (reg.status === 'cancelled') throw conflict('already_cancelled');
    await client.query(
      `UPDATE event_registrations SET status = 'cancelled', attended_at = NULL, updated_at = now()
        WHERE city_id = $1 AND event_id = $2 AND registration_id = $3`,
      [cityId, eventId, registrationId],
    );
    await client.query(
      `UPDATE community_events SET registered_count = registered_count - $3, waiting_count = waiting_count - $4,
              updated_at = now()
        WHERE city_id = $1 AND event_id = $2`,
      [cityId, eventId, reg.status === 'registered' ? reg.seats : 0, reg.status === 'waiting' ? 1 : 0],
    );
    let promoted = 0;
    if (reg.status === 'registered' && event.status === 'scheduled' && event.starts_at > new Date())
      promoted = await promoteWaiting(
        client,
        request,
        await loadEvent(client, cityId, eventId, true),
        publicUrl,
      );
    if (asOrganiser && reg.user_id !== request.user?.id)
      await audit(
        client,
        auditFromRequest(request, {
          action: 'cancel',
          resource: 'event_registration',
          resourceId: registrationId,
          scope: scopeLabel(organiser, event.hub_slug),
        }),
      );
    return { registrationId, status: 'cancelled' as const, promoted };
  });
}

interface RegistrationRow {
  registration_id: string;
  user_id: string | null;
  name: string;
  email: string | null;
  phone: string | null;
  seats: number;
  status: string;
  position: number;
  attended_at: Date | null;
  created_at: Date;
}

/** Who registered and who waits (organisers of the event's hub); personal data, so the read is audited. */
export async function eventRegistrations(db: Database, request: FastifyRequest, eventId: string) {
  const cityId = request.city.id;
  const event = await loadEvent(db.pool, cityId, eventId);
  if (!reachesHub(request.grant, event.hub_slug))
    throw new AppError('not_found', { resource: 'event', id: eventId });
  const { rows } = await db.pool.query<RegistrationRow>(
    `SELECT r.registration_id, r.user_id, r.name, coalesce(r.email, u.email) AS email, r.phone, r.seats, r.status,
            r.position, r.attended_at, r.created_at
       FROM event_registrations r LEFT JOIN users u ON u.city_id = r.city_id AND u.user_id = r.user_id
      WHERE r.city_id = $1 AND r.event_id = $2 AND r.status <> 'cancelled' ORDER BY r.position`,
    [cityId, eventId],
  );
  await audit(
    db.pool,
    auditFromRequest(request, {
      action: 'read',
      resource: 'event_registrations',
      resourceId: eventId,
      scope: scopeLabel(request.grant, event.hub_slug),
      detail: { rows: rows.length },
    }),
  );
  const view = (r: RegistrationRow, i: number) => ({
    id: r.registration_id,
    name: r.name,
    email: r.email,
    phone: r.phone,
    seats: r.seats,
    status: r.status,
    hasAccount: r.user_id !== null,
    present: r.attended_at !== null,
    attendedAt: r.attended_at?.toISOString() ?? null,
    position: r.status === 'waiting' ? i + 1 : null,
    createdAt: r.created_at.toISOString(),
  });
  return {
    event: eventView(event),
    registered: rows.filter((r) => r.status === 'registered').map(view),
    waiting: rows.filter((r) => r.status === 'waiting').map(view),
    attendanceOpen: attendanceOpen(event),
  };
}

export function attendanceOpen(event: Pick<EventRow, 'starts_at' | 'ends_at' | 'status'>, now = Date.now()) {
  return (
    event.status === 'scheduled' &&
    now >= event.starts_at.getTime() - attendanceWindow.beforeStartMs &&
    now <= event.ends_at.getTime() + attendanceWindow.afterEndMs
  );
}

/**
 * Takes attendance: only for registered people, from an hour before the start to seven days after
 * the end (outside: 409). `present: false` clears it.
 */
export async function takeAttendance(
  db: Database,
  request: FastifyRequest,
  eventId: string,
  input: { registrationId: string; present: boolean },
) {
  const cityId = request.city.id;
  return withTransaction(db.pool, async (client) => {
    const event = await loadEvent(client, cityId, eventId, true);
    if (!reachesHub(request.grant, event.hub_slug))
      throw new AppError('not_found', { resource: 'event', id: eventId });
    const { rows } = await client.query<{ status: string }>(
      `SELECT status FROM event_registrations WHERE city_id = $1 AND event_id = $2 AND registration_id = $3`,
      [cityId, eventId, input.registrationId],
    );
    if (!rows[0])
      throw new AppError('not_found', { resource: 'event_registration', id: input.registrationId });
    if (rows[0].status !== 'registered') throw conflict('not_registered', { status: rows[0].status });
    if (event.status === 'cancelled') throw conflict('event_cancelled');
    if (!attendanceOpen(event)) throw conflict('attendance_closed');
    const { rows: updated } = await client.query<{ attended_at: Date | null }>(
      `UPDATE event_registrations SET attended_at = CASE WHEN $4 THEN now() END,
              attendance_by = CASE WHEN $4 THEN $5::uuid END, updated_at = now()
        WHERE city_id = $1 AND event_id = $2 AND registration_id = $3 RETURNING attended_at`,
      [cityId, eventId, input.registrationId, input.present, request.user?.id ?? null],
    );
    return {
      registrationId: input.registrationId,
      present: input.present,
      attendedAt: updated[0]?.attended_at?.toISOString() ?? null,
    };
  });
}

/** A signed-in person's registrations (not cancelled ones), with the event. */
export async function myRegistrations(db: Database, request: FastifyRequest) {
  const cityId = request.city.id;
  const userId = request.user!.id;
  const { rows } = await db.pool.query<
    EventRow & { registration_id: string; seats: number; reg_status: string; attended_at: Date | null }
  >(
    `SELECT x.*, r.registration_id, r.seats, r.status AS reg_status, r.attended_at
       FROM event_registrations r
       JOIN (${eventSelect} WHERE e.city_id = $1) x ON x.event_id = r.event_id
      WHERE r.city_id = $1 AND r.user_id = $2 AND r.status <> 'cancelled'
      ORDER BY x.starts_at DESC`,
    [cityId, userId],
  );
  const items = [];
  for (const r of rows) {
    items.push({
      registrationId: r.registration_id,
      status: r.reg_status,
      seats: r.seats,
      position:
        r.reg_status === 'waiting' ? await positionOf(db.pool, cityId, r.event_id, r.registration_id) : null,
      present: r.attended_at !== null,
      event: eventView(r),
    });
  }
  return { items };
}
