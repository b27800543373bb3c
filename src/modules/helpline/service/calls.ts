import type { FastifyRequest } from 'fastify';
import type pg from 'pg';
import { audit, auditFromRequest, type Queryable } from '../../../kernel/audit/index.ts';
import { withTransaction } from '../../../kernel/db/transaction.ts';
import { AppError } from '../../../kernel/errors.ts';
import { t } from '../../../kernel/i18n/index.ts';
import { type HelplineStep, stepHelplineRequest } from '../../help-requests/index.ts';
import {
  auditScope,
  type HelplineActor,
  helplineActor,
  psychologistStatus,
  requireSupervisor,
} from './actor.ts';

export type CallStatus = 'waiting' | 'assigned' | 'called' | 'closed';

export const outcomes = ['talked', 'referred', 'emergency', 'unreachable', 'declined'] as const;
export type Outcome = (typeof outcomes)[number];

const terminal = `('resolved', 'closed', 'withdrawn')`;
const urgencyRank = `CASE h.urgency WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END`;

interface CallRow {
  help_request_id: string;
  tracking_code: string;
  contact_name: string;
  contact_phone: string | null;
  lang: string;
  urgency: string;
  description: string;
  created_at: Date;
  request_status: string;
  status: CallStatus;
  psychologist_id: string | null;
  psychologist_name: string | null;
  assigned_at: Date | null;
  attempts: number;
  last_attempt_at: Date | null;
  closed_at: Date | null;
}

const callSelect = `
  SELECT h.help_request_id, h.tracking_code, h.contact_name, h.contact_phone, h.lang, h.urgency, h.description,
         h.created_at, h.status AS request_status, coalesce(c.status, 'waiting') AS status, c.psychologist_id,
         pu.display_name AS psychologist_name, c.assigned_at, coalesce(c.attempts, 0)::int AS attempts,
         c.last_attempt_at, c.closed_at
    FROM help_requests h
    LEFT JOIN helpline_calls c ON c.city_id = h.city_id AND c.help_request_id = h.help_request_id
    LEFT JOIN users pu ON pu.city_id = c.city_id AND pu.user_id = c.psychologist_id`;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** What a call-back needs, and no more: first name, phone, language, urgency, how long waiting, the words. */
function toItem(r: CallRow, now: Date) {
  return {
    id: r.help_request_id,
    trackingCode: `${r.tracking_code.slice(0, 4)}-${r.tracking_code.slice(4)}`,
    firstName: r.contact_name.trim().split(/\s+/)[0] ?? '',
    phone: r.contact_phone,
    lang: r.lang,
    urgency: r.urgency,
    description: r.description,
    waitingSince: r.created_at.toISOString(),
    waitingMinutes: Math.max(0, Math.floor((now.getTime() - r.created_at.getTime()) / 60_000)),
    status: r.status,
    psychologist: r.psychologist_id ? { id: r.psychologist_id, name: r.psychologist_name ?? '' } : null,
    assignedAt: iso(r.assigned_at),
    attempts: r.attempts,
    lastAttemptAt: iso(r.last_attempt_at),
    closedAt: iso(r.closed_at),
  };
}
export type CallItem = ReturnType<typeof toItem>;

async function loadCall(q: Queryable, cityId: number, id: string): Promise<CallRow | undefined> {
  const { rows } = await q.query<CallRow>(
    `${callSelect} WHERE h.city_id = $1 AND h.help_request_id = $2 AND h.queue = 'helpline'`,
    [cityId, id],
  );
  return rows[0];
}

/**
 * The callback queue. Waiting calls (the requests of the helpline queue that nobody holds: a
 * `helpline_calls` row is only made when someone takes one), most urgent and oldest first, for the
 * supervisor and for psychologists on shift; and the calls in hand: the caller's own (a
 * psychologist's, on shift or not) or everyone's (the supervisor). The read is audited.
 */
export async function queue(q: Queryable, request: FastifyRequest) {
  const actor = await helplineActor(q, request);
  const now = new Date();
  const { rows } = await q.query<CallRow>(
    `${callSelect}
      WHERE h.city_id = $1 AND h.queue = 'helpline'
        AND ((h.status NOT IN ${terminal} AND (c.status IS NULL OR c.status <> 'closed'))
             OR c.status IN ('assigned', 'called'))
      ORDER BY ${urgencyRank}, h.created_at, h.help_request_id
      LIMIT 500`,
    [request.city.id],
  );
  const seeWaiting = actor.kind === 'supervisor' || actor.onShift;
  const waiting = seeWaiting ? rows.filter((r) => r.status === 'waiting') : [];
  const active = rows.filter(
    (r) => r.status !== 'waiting' && (actor.kind === 'supervisor' || r.psychologist_id === actor.userId),
  );
  await audit(
    q,
    auditFromRequest(request, {
      action: 'list',
      resource: 'helpline_call',
      scope: auditScope(actor),
      sensitive: true,
      detail: { ids: [...waiting, ...active].map((r) => r.help_request_id) },
    }),
  );
  return {
    role: actor.kind,
    onShift: actor.kind === 'psychologist' ? actor.onShift : null,
    waiting: waiting.map((r) => toItem(r, now)),
    active: active.map((r) => toItem(r, now)),
  };
}

interface Locked {
  client: pg.PoolClient;
  actor: HelplineActor;
  call: CallRow;
}

/**
 * Runs a change of one call in a transaction: the request is locked first (404 when the city's
 * helpline has no such request, before anything about the caller is said), then the caller is
 * checked, then `run` decides and writes; the help request follows with `step` and the change is
 * audited. Two people acting on one call at once are served one after the other.
 */
async function changeCall(
  pool: pg.Pool,
  request: FastifyRequest,
  id: string,
  action: string,
  run: (x: Locked) => Promise<{ step?: HelplineStep; detail?: Record<string, unknown> } | undefined>,
): Promise<CallItem> {
  const cityId = request.city.id;
  await withTransaction(pool, async (client) => {
    const { rowCount } = await client.query(
      `SELECT 1 FROM help_requests WHERE city_id = $1 AND help_request_id = $2 AND queue = 'helpline' FOR UPDATE`,
      [cityId, id],
    );
    if (!rowCount) throw new AppError('not_found', { resource: 'helpline_call', id });
    const actor = await helplineActor(client, request);
    const call = (await loadCall(client, cityId, id))!;
    const done = await run({ client, actor, call });
    if (done?.step) await stepHelplineRequest(client, cityId, id, actor.userId, done.step);
    await audit(
      client,
      auditFromRequest(request, {
        action,
        resource: 'helpline_call',
        resourceId: id,
        scope: auditScope(actor),
        sensitive: true,
        detail: { from: call.status, ...(done?.detail ?? {}) },
      }),
    );
  });
  return toItem((await loadCall(pool, cityId, id))!, new Date());
}

const conflict = (key: string, params: Record<string, string | number> = {}) =>
  new AppError('conflict', params, { messageKey: `problem.helpline.${key}.detail` });

/** The holder of the call (or, when `supervisorToo`, the supervisor); anyone else is refused. */
function mustHold(actor: HelplineActor, call: CallRow, supervisorToo = false): void {
  if (supervisorToo && actor.kind === 'supervisor') return;
  if (actor.kind === 'psychologist' && call.psychologist_id === actor.userId) return;
  throw new AppError('forbidden', {}, { messageKey: 'problem.helpline.not_holder.detail' });
}

/** Makes the call's row when it has none yet (the queue is help requests LEFT JOIN calls). */
async function ensureRow(client: pg.PoolClient, cityId: number, id: string): Promise<void> {
  await client.query(
    `INSERT INTO helpline_calls (city_id, help_request_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
    [cityId, id],
  );
}

/** A psychologist on shift takes a waiting call; of two at once, exactly one wins (the other: 409). */
export function take(pool: pg.Pool, request: FastifyRequest, id: string) {
  return changeCall(pool, request, id, 'take', async ({ client, actor, call }) => {
    if (actor.kind !== 'psychologist')
      throw new AppError('forbidden', {}, { messageKey: 'problem.helpline.psychologists_only.detail' });
    if (!actor.onShift)
      throw new AppError('forbidden', {}, { messageKey: 'problem.helpline.off_shift.detail' });
    if (call.status !== 'waiting' || ['resolved', 'closed', 'withdrawn'].includes(call.request_status))
      throw conflict('taken');
    await ensureRow(client, request.city.id, id);
    await client.query(
      `UPDATE helpline_calls SET status = 'assigned', psychologist_id = $3, assigned_at = now()
        WHERE city_id = $1 AND help_request_id = $2`,
      [request.city.id, id, actor.userId],
    );
    return {
      step: {
        kind: 'assign',
        assigneeId: actor.userId,
        assigneeName: request.user!.displayName,
        reason: t('it', 'helpline.history.taken'),
      },
    };
  });
}

/** The supervisor gives a call (waiting, or held by someone else) to a psychologist on shift. */
export function assignCall(pool: pg.Pool, request: FastifyRequest, id: string, userId: string) {
  return changeCall(pool, request, id, 'assign', async ({ client, call }) => {
    requireSupervisor(request);
    const target = await psychologistStatus(client, request.city.id, userId);
    if (!target.psychologist || !target.onShift)
      throw new AppError(
        'validation',
        {},
        {
          fields: [
            {
              field: 'userId',
              message: t(
                request.lang,
                target.psychologist ? 'helpline.field.off_shift' : 'helpline.field.not_psychologist',
              ),
            },
          ],
        },
      );
    if (call.status === 'closed' || ['resolved', 'closed', 'withdrawn'].includes(call.request_status))
      throw conflict('closed');
    await ensureRow(client, request.city.id, id);
    await client.query(
      `UPDATE helpline_calls SET status = CASE WHEN status = 'waiting' THEN 'assigned' ELSE status END,
              psychologist_id = $3, assigned_at = now()
        WHERE city_id = $1 AND help_request_id = $2`,
      [request.city.id, id, userId],
    );
    return {
      step: {
        kind: 'assign',
        assigneeId: userId,
        assigneeName: target.name ?? '',
        reason: t('it', 'helpline.history.assigned'),
      },
      detail: { psychologist: userId, previous: call.psychologist_id },
    };
  });
}

/** Called, no answer: one more attempt (the call stays with its psychologist). */
export function attempt(pool: pg.Pool, request: FastifyRequest, id: string) {
  return changeCall(pool, request, id, 'attempt', async ({ client, actor, call }) => {
    mustHold(actor, call);
    if (call.status === 'closed') throw conflict('closed');
    await client.query(
      `UPDATE helpline_calls SET status = 'called', attempts = attempts + 1, last_attempt_at = now()
        WHERE city_id = $1 AND help_request_id = $2`,
      [request.city.id, id],
    );
    return {
      step: { kind: 'start', reason: t('it', 'helpline.history.attempt', { n: call.attempts + 1 }) },
      detail: { attempts: call.attempts + 1 },
    };
  });
}

/** Closes the call with its outcome (and perhaps a last note); the help request is resolved. */
export function close(
  pool: pg.Pool,
  request: FastifyRequest,
  id: string,
  input: { outcome: Outcome; note?: string },
  /** The platform's address, for the link in the person's e-mail. */
  publicUrl = '',
) {
  return changeCall(pool, request, id, 'close', async ({ client, actor, call }) => {
    mustHold(actor, call);
    if (call.status === 'closed') throw conflict('closed');
    await client.query(
      `UPDATE helpline_calls SET status = 'closed', closed_at = now() WHERE city_id = $1 AND help_request_id = $2`,
      [request.city.id, id],
    );
    if (input.note)
      await client.query(
        `INSERT INTO helpline_notes (city_id, help_request_id, author_id, text) VALUES ($1, $2, $3, $4)`,
        [request.city.id, id, actor.userId, input.note],
      );
    const outcome = t('it', 'helpline.history.outcome', {
      outcome: t('it', `helpline.outcome.${input.outcome}`),
    });
    return {
      step: { kind: 'resolve', outcome, reason: outcome, publicUrl },
      detail: { outcome: input.outcome, note: Boolean(input.note) },
    };
  });
}

/** Back to the queue: the holder lets it go, or the supervisor takes it back. */
export function release(pool: pg.Pool, request: FastifyRequest, id: string) {
  return changeCall(pool, request, id, 'release', async ({ client, actor, call }) => {
    if (call.status === 'waiting') throw conflict('not_taken');
    mustHold(actor, call, true);
    if (call.status === 'closed') throw conflict('closed');
    await client.query(
      `UPDATE helpline_calls SET status = 'waiting', psychologist_id = NULL, assigned_at = NULL
        WHERE city_id = $1 AND help_request_id = $2`,
      [request.city.id, id],
    );
    return {
      step: {
        kind: 'release',
        queueName: t('it', 'helpline.history.queue'),
        reason: t('it', 'helpline.history.released'),
      },
      detail: { psychologist: call.psychologist_id },
    };
  });
}

/**
 * The notes of a call, for the psychologist who holds it and the supervisor only; every read is
 * audited (in the same transaction as the read).
 */
export async function listNotes(pool: pg.Pool, request: FastifyRequest, id: string) {
  return withTransaction(pool, async (client) => {
    const { call, actor } = await notesAccess(client, request, id);
    const { rows } = await client.query<{
      note_id: number;
      author_id: string;
      display_name: string | null;
      text: string;
      created_at: Date;
    }>(
      `SELECT n.note_id, n.author_id, u.display_name, n.text, n.created_at FROM helpline_notes n
         LEFT JOIN users u ON u.city_id = n.city_id AND u.user_id = n.author_id
        WHERE n.city_id = $1 AND n.help_request_id = $2 ORDER BY n.note_id`,
      [request.city.id, id],
    );
    await audit(
      client,
      auditFromRequest(request, {
        action: 'read',
        resource: 'helpline_notes',
        resourceId: id,
        scope: auditScope(actor),
        sensitive: true,
        detail: { notes: rows.length, holder: call.psychologist_id },
      }),
    );
    return {
      items: rows.map((r) => ({
        id: String(r.note_id),
        author: { id: r.author_id, name: r.display_name ?? '' },
        text: r.text,
        createdAt: r.created_at.toISOString(),
      })),
    };
  });
}

/** Adds a note to a call (its holder or the supervisor); audited without its words. */
export async function addNote(pool: pg.Pool, request: FastifyRequest, id: string, text: string) {
  return withTransaction(pool, async (client) => {
    const { actor } = await notesAccess(client, request, id);
    const { rows } = await client.query<{ note_id: number; created_at: Date }>(
      `INSERT INTO helpline_notes (city_id, help_request_id, author_id, text) VALUES ($1, $2, $3, $4)
       RETURNING note_id, created_at`,
      [request.city.id, id, actor.userId, text],
    );
    await audit(
      client,
      auditFromRequest(request, {
        action: 'create',
        resource: 'helpline_notes',
        resourceId: id,
        scope: auditScope(actor),
        sensitive: true,
      }),
    );
    return {
      id: String(rows[0]!.note_id),
      author: { id: actor.userId, name: request.user!.displayName },
      text,
      createdAt: rows[0]!.created_at.toISOString(),
    };
  });
}

/** 404 when the city has no such call (taken at least once), 403 unless its holder or the supervisor. */
async function notesAccess(client: pg.PoolClient, request: FastifyRequest, id: string) {
  const { rows } = await client.query<{ psychologist_id: string | null }>(
    `SELECT c.psychologist_id FROM helpline_calls c WHERE c.city_id = $1 AND c.help_request_id = $2`,
    [request.city.id, id],
  );
  const call = rows[0];
  if (!call) throw new AppError('not_found', { resource: 'helpline_call', id });
  const actor = await helplineActor(client, request);
  if (actor.kind === 'psychologist' && call.psychologist_id !== actor.userId)
    throw new AppError('forbidden', {}, { messageKey: 'problem.helpline.not_holder.detail' });
  return { call, actor };
}
