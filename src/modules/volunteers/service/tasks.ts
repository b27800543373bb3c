import type { FastifyRequest } from 'fastify';
import type pg from 'pg';
import { audit, auditFromRequest } from '../../../kernel/audit/index.ts';
import type { Database } from '../../../kernel/db/index.ts';
import { withTransaction } from '../../../kernel/db/transaction.ts';
import { AppError } from '../../../kernel/errors.ts';
import { type Lang, t } from '../../../kernel/i18n/index.ts';
import { queueMail } from '../../../kernel/mail/index.ts';
import { formatTrackingCode, recordVolunteerStep } from '../../help-requests/index.ts';
import { type CandidateVolunteer, loadCandidates, scoreVolunteer } from './candidates.ts';
import { mailHub } from './notify.ts';
import {
  loadRequestForStaff,
  needsOf,
  openStatuses,
  type RequestForMatching,
  requestScopeLabel,
} from './requests.ts';

const isUniqueViolation = (e: unknown, constraint: string) =>
  (e as { code?: string; constraint?: string }).code === '23505' &&
  (e as { constraint?: string }).constraint === constraint;

const langOf = (locale: string): Lang => (locale === 'en' ? 'en' : 'it');

/** Offers one volunteer a task on a locked request, in the caller's transaction; mails them. */
export async function insertOffer(
  client: pg.PoolClient,
  cityId: number,
  req: RequestForMatching,
  v: CandidateVolunteer,
  input: { brief: string; offeredBy: string; batchId?: string | null; now: Date },
  publicUrl: string,
): Promise<string> {
  const needs = needsOf(req);
  const c = scoreVolunteer(
    {
      lat: req.lat,
      lon: req.lon,
      neighbourhoodCode: req.neighbourhood_code,
      neighbourhoodName: req.neighbourhood_name,
      ...needs,
    },
    v,
    input.now,
  );
  const { rows } = await client.query<{ task_id: string }>(
    `INSERT INTO volunteer_tasks (city_id, help_request_id, user_id, status, brief, offered_by, reasons, distance_km, batch_id)
     VALUES ($1, $2, $3, 'offered', $4, $5, $6, $7, $8) RETURNING task_id`,
    [
      cityId,
      req.help_request_id,
      v.user_id,
      input.brief,
      input.offeredBy,
      JSON.stringify(c.reasons),
      c.distanceKm,
      input.batchId ?? null,
    ],
  );
  const lang = langOf(v.locale);
  await queueMail(client, {
    cityId,
    to: v.email,
    subject: t(lang, 'volunteers.mail.offer.subject', { category: t(lang, `help.category.${req.category}`) }),
    text: t(lang, 'volunteers.mail.offer.text', {
      name: v.display_name,
      category: t(lang, `help.category.${req.category}`),
      neighbourhood: req.neighbourhood_name,
      brief: input.brief,
      link: `${publicUrl}/volontariato/compiti`,
    }),
  });
  return rows[0]!.task_id;
}

/** Why a volunteer cannot be offered a task on this request now (a 409 problem), or nothing. */
export function offerProblem(
  v: CandidateVolunteer,
  needsClearance: boolean,
): { messageKey: string; params: Record<string, string> } | undefined {
  const params = { name: v.display_name };
  if (v.status !== 'active') return { messageKey: 'problem.volunteers.not_active.detail', params };
  if (needsClearance && !v.cleared)
    return { messageKey: 'problem.volunteers.needs_clearance.detail', params };
  if (v.load >= v.max_tasks) return { messageKey: 'problem.volunteers.full.detail', params };
  return undefined;
}

/**
 * Staff offer a request to one or more volunteers (each gets an e-mail). Refused, with nothing
 * written: a request already taken by a volunteer or closed (409), a volunteer who is not active,
 * is full, already has an open offer for it, or lacks the clearance the request needs (409).
 */
export async function offerTasks(
  database: Database,
  request: FastifyRequest,
  helpRequestId: string,
  input: { volunteerIds: string[]; brief: string },
  publicUrl: string,
) {
  const city = request.city;
  const user = request.user!;
  return withTransaction(database.pool, async (client) => {
    const req = await loadRequestForStaff(client, city, request.grant, helpRequestId, true);
    if (!openStatuses.includes(req.status))
      throw new AppError('conflict', {}, { messageKey: 'problem.volunteers.request_closed.detail' });
    const { rowCount: taken } = await client.query(
      `SELECT 1 FROM volunteer_tasks WHERE city_id = $1 AND help_request_id = $2 AND status IN ('accepted', 'done')`,
      [city.id, helpRequestId],
    );
    if (taken) throw new AppError('conflict', {}, { messageKey: 'problem.volunteers.already_taken.detail' });
    const ids = [...new Set(input.volunteerIds)];
    const found = await loadCandidates(
      client,
      city.id,
      { id: req.help_request_id, phone: req.contact_phone, email: req.contact_email },
      { ids, forUpdate: true },
    );
    const missing = ids.filter((id) => !found.some((v) => v.user_id === id));
    if (missing.length)
      throw new AppError(
        'validation',
        {},
        {
          fields: missing.map((id) => ({
            field: `volunteerIds.${input.volunteerIds.indexOf(id)}`,
            message: t(request.lang, 'volunteers.field.unknown_volunteer'),
          })),
        },
      );
    const { needsClearance } = needsOf(req);
    for (const v of found) {
      const problem = offerProblem(v, needsClearance);
      if (problem) throw new AppError('conflict', problem.params, { messageKey: problem.messageKey });
    }
    const now = new Date();
    const tasks: { id: string; volunteerId: string; displayName: string; status: 'offered' }[] = [];
    for (const v of found) {
      let id: string;
      try {
        await client.query('SAVEPOINT offer');
        id = await insertOffer(
          client,
          city.id,
          req,
          v,
          { brief: input.brief, offeredBy: user.id, now },
          publicUrl,
        );
        await client.query('RELEASE SAVEPOINT offer');
      } catch (error) {
        if (isUniqueViolation(error, 'volunteer_tasks_offer_idx'))
          throw new AppError(
            'conflict',
            { name: v.display_name },
            { messageKey: 'problem.volunteers.already_offered.detail' },
          );
        throw error;
      }
      tasks.push({ id, volunteerId: v.user_id, displayName: v.display_name, status: 'offered' });
    }
    await recordVolunteerStep(client, city.id, helpRequestId, {
      actorId: user.id,
      kind: 'volunteer_offer',
      data: { volunteers: tasks.map((x) => x.displayName) },
    });
    await audit(
      client,
      auditFromRequest(request, {
        action: 'offer',
        resource: 'help_request',
        resourceId: helpRequestId,
        scope: requestScopeLabel(request.grant, req),
        sensitive: true,
        detail: { volunteers: tasks.map((x) => x.volunteerId), needsClearance },
      }),
    );
    return { tasks };
  });
}

interface TaskRow {
  task_id: string;
  help_request_id: string;
  user_id: string;
  status: string;
  brief: string;
  offered_by: string;
  offered_at: Date;
  responded_at: Date | null;
  decline_reason: string | null;
  done_at: Date | null;
  done_note: string | null;
  hours: string | null;
  batch_id: string | null;
}

/** The caller's task, else a 404 problem (another volunteer's task is not revealed). */
async function ownTask(
  q: pg.PoolClient | pg.Pool,
  cityId: number,
  userId: string,
  taskId: string,
  lock = false,
) {
  const { rows } = await q.query<TaskRow>(
    `SELECT * FROM volunteer_tasks WHERE city_id = $1 AND task_id = $2 AND user_id = $3${lock ? ' FOR UPDATE' : ''}`,
    [cityId, taskId, userId],
  );
  if (!rows[0]) throw new AppError('not_found', { resource: 'volunteer_task', id: taskId });
  return rows[0];
}

function stateProblem(lang: Lang, status: string): AppError {
  return new AppError(
    'conflict',
    { status: t(lang, `volunteers.task_status.${status}`) },
    { messageKey: 'problem.volunteers.task_state.detail' },
  );
}

/**
 * Runs one answer of a volunteer to their task in a transaction: the request row is locked first
 * (so two answers on the same request queue up), then the volunteer's row, then the task.
 */
async function answer<T>(
  database: Database,
  request: FastifyRequest,
  taskId: string,
  run: (
    client: pg.PoolClient,
    task: TaskRow,
    volunteer: { display_name: string; max_tasks: number; status: string },
  ) => Promise<T>,
): Promise<T> {
  const user = request.user!;
  const city = request.city;
  const first = await ownTask(database.pool, city.id, user.id, taskId);
  return withTransaction(database.pool, async (client) => {
    await client.query('SELECT 1 FROM help_requests WHERE city_id = $1 AND help_request_id = $2 FOR UPDATE', [
      city.id,
      first.help_request_id,
    ]);
    const { rows } = await client.query<{ display_name: string; max_tasks: number; status: string }>(
      `SELECT u.display_name, v.max_tasks, v.status FROM volunteers v
         JOIN users u ON u.city_id = v.city_id AND u.user_id = v.user_id
        WHERE v.city_id = $1 AND v.user_id = $2 FOR UPDATE OF v`,
      [city.id, user.id],
    );
    const task = await ownTask(client, city.id, user.id, taskId, true);
    return run(client, task, rows[0]!);
  });
}

/**
 * The volunteer accepts an offered task. Of two volunteers accepting offers for the same request at
 * once exactly one wins (the request row lock, and the unique index of accepted tasks behind it);
 * the other gets a 409 problem and every other offer of that request is withdrawn. The request
 * moves to `assigned` (when it was new or triaged) and its hub is told by e-mail.
 */
export async function acceptTask(
  database: Database,
  request: FastifyRequest,
  taskId: string,
  publicUrl: string,
) {
  const city = request.city;
  const lang = request.lang;
  await answer(database, request, taskId, async (client, task, volunteer) => {
    if (task.status !== 'offered') {
      if (task.status === 'cancelled') {
        const { rowCount } = await client.query(
          `SELECT 1 FROM volunteer_tasks WHERE city_id = $1 AND help_request_id = $2 AND status IN ('accepted', 'done')`,
          [city.id, task.help_request_id],
        );
        if (rowCount)
          throw new AppError('conflict', {}, { messageKey: 'problem.volunteers.already_taken.detail' });
      }
      throw stateProblem(lang, task.status);
    }
    if (volunteer.status !== 'active')
      throw new AppError(
        'conflict',
        { name: volunteer.display_name },
        { messageKey: 'problem.volunteers.not_active.detail' },
      );
    const { rows: load } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM volunteer_tasks WHERE city_id = $1 AND user_id = $2 AND status = 'accepted'`,
      [city.id, task.user_id],
    );
    if ((load[0]?.n ?? 0) >= volunteer.max_tasks)
      throw new AppError(
        'conflict',
        { name: volunteer.display_name },
        { messageKey: 'problem.volunteers.full.detail' },
      );
    const { rows: req } = await client.query<{ status: string; category: string; tracking_code: string }>(
      'SELECT status, category, tracking_code FROM help_requests WHERE city_id = $1 AND help_request_id = $2',
      [city.id, task.help_request_id],
    );
    if (!openStatuses.includes(req[0]!.status))
      throw new AppError('conflict', {}, { messageKey: 'problem.volunteers.request_closed.detail' });
    try {
      await client.query(
        `UPDATE volunteer_tasks SET status = 'accepted', responded_at = now(), updated_at = now()
          WHERE city_id = $1 AND task_id = $2`,
        [city.id, taskId],
      );
    } catch (error) {
      if (isUniqueViolation(error, 'volunteer_tasks_accepted_idx'))
        throw new AppError('conflict', {}, { messageKey: 'problem.volunteers.already_taken.detail' });
      throw error;
    }
    const { rowCount: withdrawn } = await client.query(
      `UPDATE volunteer_tasks SET status = 'cancelled', updated_at = now()
        WHERE city_id = $1 AND help_request_id = $2 AND status = 'offered' AND task_id <> $3`,
      [city.id, task.help_request_id, taskId],
    );
    await recordVolunteerStep(client, city.id, task.help_request_id, {
      actorId: task.user_id,
      kind: 'volunteer_accept',
      data: { volunteer: volunteer.display_name, offersWithdrawn: withdrawn ?? 0 },
    });
    await audit(
      client,
      auditFromRequest(request, {
        action: 'accept',
        resource: 'volunteer_task',
        resourceId: taskId,
        scope: 'own',
      }),
    );
    await mailHub(
      client,
      city.id,
      task,
      'accepted',
      {
        name: volunteer.display_name,
        code: formatTrackingCode(req[0]!.tracking_code),
        category: t('it', `help.category.${req[0]!.category}`),
      },
      publicUrl,
    );
  });
  return myTask(database, request, taskId);
}

/**
 * The volunteer declines an offered task, or gives back one they had accepted, with a reason; the
 * hub is told. Declining again (or a task withdrawn, done) is a 409 problem.
 */
export async function declineTask(
  database: Database,
  request: FastifyRequest,
  taskId: string,
  input: { reason: string },
  publicUrl: string,
) {
  const city = request.city;
  await answer(database, request, taskId, async (client, task, volunteer) => {
    if (task.status === 'declined')
      throw new AppError('conflict', {}, { messageKey: 'problem.volunteers.already_declined.detail' });
    if (task.status !== 'offered' && task.status !== 'accepted')
      throw stateProblem(request.lang, task.status);
    await client.query(
      `UPDATE volunteer_tasks SET status = 'declined', decline_reason = $3, responded_at = now(), updated_at = now()
        WHERE city_id = $1 AND task_id = $2`,
      [city.id, taskId, input.reason],
    );
    await recordVolunteerStep(client, city.id, task.help_request_id, {
      actorId: task.user_id,
      kind: 'volunteer_decline',
      reason: input.reason,
      data: { volunteer: volunteer.display_name, hadAccepted: task.status === 'accepted' },
    });
    await audit(
      client,
      auditFromRequest(request, {
        action: 'decline',
        resource: 'volunteer_task',
        resourceId: taskId,
        scope: 'own',
        reason: input.reason,
      }),
    );
    await mailHub(
      client,
      city.id,
      task,
      'declined',
      { name: volunteer.display_name, reason: input.reason, brief: task.brief.slice(0, 200) },
      publicUrl,
    );
  });
  return myTask(database, request, taskId);
}

/** The volunteer marks an accepted task done, with a short note and the hours given; the hub is told. */
export async function completeTask(
  database: Database,
  request: FastifyRequest,
  taskId: string,
  input: { note: string; hours: number },
  publicUrl: string,
) {
  const city = request.city;
  await answer(database, request, taskId, async (client, task, volunteer) => {
    if (task.status !== 'accepted') throw stateProblem(request.lang, task.status);
    await client.query(
      `UPDATE volunteer_tasks SET status = 'done', done_at = now(), done_note = $3, hours = $4, updated_at = now()
        WHERE city_id = $1 AND task_id = $2`,
      [city.id, taskId, input.note, input.hours],
    );
    await recordVolunteerStep(client, city.id, task.help_request_id, {
      actorId: task.user_id,
      kind: 'volunteer_done',
      data: { volunteer: volunteer.display_name, hours: input.hours },
    });
    await audit(
      client,
      auditFromRequest(request, {
        action: 'done',
        resource: 'volunteer_task',
        resourceId: taskId,
        scope: 'own',
      }),
    );
    await mailHub(
      client,
      city.id,
      task,
      'done',
      { name: volunteer.display_name, hours: input.hours, note: input.note, brief: task.brief.slice(0, 200) },
      publicUrl,
    );
  });
  return myTask(database, request, taskId);
}

interface MyTaskRow extends TaskRow {
  category: string;
  neighbourhood_code: string;
  neighbourhood_name: string;
  lat: number;
  lon: number;
  contact_name: string;
  contact_phone: string | null;
  hub_slug: string | null;
  hub_name: string | null;
  hub_phone: string | null;
}

const myTaskSelect = `
  SELECT t.*, h.category, h.neighbourhood_code, n.name AS neighbourhood_name,
         round(coalesce(h.lat, n.point_lat)::numeric, 3)::float AS lat, round(coalesce(h.lon, n.point_lon)::numeric, 3)::float AS lon,
         h.contact_name, h.contact_phone, cp.slug AS hub_slug, cp.name AS hub_name, cp.phone AS hub_phone
    FROM volunteer_tasks t
    JOIN help_requests h ON h.city_id = t.city_id AND h.help_request_id = t.help_request_id
    JOIN neighbourhoods n ON n.city_id = h.city_id AND n.code = h.neighbourhood_code
    LEFT JOIN community_points cp ON cp.city_id = h.city_id AND cp.community_point_id = h.community_point_id`;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * A task as its volunteer sees it: only what the task needs. The brief, the category, the
 * neighbourhood and a place rounded to about 100 m; the person's name and phone only while the
 * task is accepted; never the request's description, address, circumstances or history.
 */
function toTask(r: MyTaskRow) {
  const accepted = r.status === 'accepted';
  return {
    id: r.task_id,
    taskId: r.task_id,
    status: r.status as 'offered' | 'accepted' | 'declined' | 'done' | 'cancelled',
    brief: r.brief,
    category: r.category,
    neighbourhood: { code: r.neighbourhood_code, name: r.neighbourhood_name },
    place: { lat: r.lat, lon: r.lon, approximate: true as const },
    contact: accepted ? { name: r.contact_name, phone: r.contact_phone } : null,
    communityPoint: r.hub_slug ? { slug: r.hub_slug, name: r.hub_name ?? '', phone: r.hub_phone } : null,
    offeredAt: r.offered_at.toISOString(),
    respondedAt: iso(r.responded_at),
    declineReason: r.decline_reason,
    doneAt: iso(r.done_at),
    doneNote: r.done_note,
    hours: r.hours === null ? null : Number(r.hours),
  };
}

export type VolunteerTaskView = ReturnType<typeof toTask>;

/** One of the caller's tasks (after an answer). */
async function myTask(database: Database, request: FastifyRequest, taskId: string) {
  const { rows } = await database.pool.query<MyTaskRow>(
    `${myTaskSelect} WHERE t.city_id = $1 AND t.task_id = $2 AND t.user_id = $3`,
    [request.city.id, taskId, request.user!.id],
  );
  return toTask(rows[0]!);
}

/**
 * The caller's tasks: open ones first (offered, accepted), then the rest, newest first; with the
 * hours they have given. Showing a person's contact (accepted tasks) is audited.
 */
export async function myTasks(database: Database, request: FastifyRequest) {
  const { rows } = await database.pool.query<MyTaskRow>(
    `${myTaskSelect} WHERE t.city_id = $1 AND t.user_id = $2
      ORDER BY (t.status NOT IN ('offered', 'accepted')), t.offered_at DESC LIMIT 200`,
    [request.city.id, request.user!.id],
  );
  const items = rows.map(toTask);
  const withContact = items.filter((x) => x.contact).map((x) => x.id);
  if (withContact.length)
    await audit(
      database.pool,
      auditFromRequest(request, {
        action: 'read',
        resource: 'volunteer_task',
        scope: 'own',
        sensitive: true,
        detail: { ids: withContact },
      }),
    );
  const { rows: total } = await database.pool.query<{ hours: number }>(
    `SELECT coalesce(sum(hours), 0)::float AS hours FROM volunteer_tasks
      WHERE city_id = $1 AND user_id = $2 AND status = 'done'`,
    [request.city.id, request.user!.id],
  );
  return { items, hoursTotal: total[0]?.hours ?? 0 };
}
