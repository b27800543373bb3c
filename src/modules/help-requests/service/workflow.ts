import type { FastifyRequest } from 'fastify';
import type pg from 'pg';
import { audit, auditFromRequest } from '../../../kernel/audit/index.ts';
import type { Database } from '../../../kernel/db/index.ts';
import { withTransaction } from '../../../kernel/db/transaction.ts';
import { AppError } from '../../../kernel/errors.ts';
import { type Lang, t } from '../../../kernel/i18n/index.ts';
import { queueMail } from '../../../kernel/mail/index.ts';
import { getCommunityPoint } from '../../community-points/index.ts';
import { slaDueAt } from '../sla.ts';
import type { HelpCategory, Urgency } from '../triage.ts';
import { formatTrackingCode } from './intake.ts';
import { loadVisible, nextStatuses } from './read.ts';
import { scopeLabel } from './scope.ts';

type Row = Awaited<ReturnType<typeof loadVisible>>;

interface Change {
  /** Columns to set (names are ours, never from input). */
  set: Record<string, unknown>;
  event: { kind: string; toStatus?: string; reason?: string | null; data?: Record<string, unknown> };
  /** Mail to the person, when they gave an address. */
  mailPerson?: 'assigned' | 'resolved';
  /** Staff spoke with the person (triage, assignment, a status change): stops the SLA clock. */
  contact?: boolean;
}

/**
 * Runs one change on a request the caller may manage, in one transaction: the row is locked, the
 * change checked against its current state, written with its history event and audit row.
 * The first change by staff after intake is the first contact (it stops the SLA clock).
 */
async function change(
  database: Database,
  request: FastifyRequest,
  id: string,
  decide: (row: Row, client: pg.PoolClient) => Promise<Change>,
  publicUrl = '',
): Promise<void> {
  const user = request.user;
  if (!user) throw new AppError('unauthenticated');
  await withTransaction(database.pool, async (client) => {
    const row = await loadVisible(client, request.city, request.grant, user.id, id, true);
    const scope = scopeLabel(request.grant, row, user.id);
    if (scope === 'own' || scope === 'none') throw new AppError('forbidden');
    const c = await decide(row, client);
    const set: Record<string, unknown> = { ...c.set, updated_at: new Date() };
    if (!row.first_contact_at && c.contact) set.first_contact_at = new Date();
    if (c.event.toStatus) set.status = c.event.toStatus;
    if (c.event.toStatus && ['resolved', 'closed', 'withdrawn'].includes(c.event.toStatus))
      set.closed_at = new Date();
    if (c.event.toStatus === 'in_progress' && row.closed_at) set.closed_at = null;
    const columns = Object.keys(set);
    await client.query(
      `UPDATE help_requests SET ${columns.map((col, i) => `${col} = $${i + 3}`).join(', ')}
        WHERE city_id = $1 AND help_request_id = $2`,
      [request.city.id, id, ...columns.map((col) => set[col])],
    );
    await client.query(
      `INSERT INTO help_request_events (city_id, help_request_id, actor_id, kind, from_status, to_status, reason, data)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        request.city.id,
        id,
        user.id,
        c.event.kind,
        c.event.toStatus ? row.status : null,
        c.event.toStatus ?? null,
        c.event.reason ?? null,
        JSON.stringify(c.event.data ?? {}),
      ],
    );
    await audit(
      client,
      auditFromRequest(request, {
        action: c.event.kind,
        resource: 'help_request',
        resourceId: id,
        scope,
        sensitive: true,
        reason: c.event.reason ?? null,
        detail: { from: row.status, to: c.event.toStatus ?? row.status, ...(c.event.data ?? {}) },
      }),
    );
    if (c.mailPerson && row.contact_email) {
      const lang = row.lang as Lang;
      const code = formatTrackingCode(row.tracking_code);
      await queueMail(client, {
        cityId: request.city.id,
        to: row.contact_email,
        subject: t(lang, `help.mail.${c.mailPerson}.subject`, { code }),
        text: t(lang, `help.mail.${c.mailPerson}.text`, {
          name: row.contact_name,
          code,
          where: row.community_point_name ?? t(lang, `help.queue.${row.queue}`),
          link: `${publicUrl}/segui/${code}`,
        }),
      });
    }
  });
}

function checkTransition(row: Row, to: string): void {
  if (!(nextStatuses[row.status] ?? []).includes(to))
    throw new AppError(
      'conflict',
      { from: row.status, to },
      { messageKey: 'problem.help.transition.detail' },
    );
}

/** Triage: the operator confirms (or changes) category and urgency; the SLA follows the urgency. */
export function triage(
  database: Database,
  request: FastifyRequest,
  id: string,
  input: { category?: HelpCategory; urgency: Urgency; reason?: string },
) {
  return change(database, request, id, async (row) => {
    if (row.status !== 'new' && row.status !== 'triaged') checkTransition(row, 'triaged');
    const set: Record<string, unknown> = { urgency: input.urgency, urgency_confirmed_at: new Date() };
    if (input.category) set.category = input.category;
    if (input.urgency !== row.urgency && !row.first_contact_at)
      set.sla_due_at = slaDueAt(input.urgency, row.created_at, request.city.settings as never);
    return {
      set,
      contact: true,
      event: {
        kind: 'triage',
        toStatus: row.status === 'new' ? 'triaged' : undefined,
        reason: input.reason ?? null,
        data: {
          urgency: { from: row.urgency, to: input.urgency },
          ...(input.category && input.category !== row.category
            ? { category: { from: row.category, to: input.category } }
            : {}),
        },
      },
    };
  });
}

/** Who may be given the request: the operators of its hub and, once escalated, its zone's social workers (active accounts). */
const assigneesSql = `SELECT u.user_id, u.display_name FROM users u
  WHERE u.city_id = $1 AND u.active AND EXISTS (
    SELECT 1 FROM role_assignments r WHERE r.city_id = u.city_id AND r.user_id = u.user_id
       AND ((r.role = 'operator' AND r.scope_kind = 'community_point' AND r.scope_ref = $2)
         OR ($4 AND r.role = 'social_worker' AND r.scope_kind = 'zone' AND r.scope_ref = $3)))`;

/** The people a manager of the request can assign it to, in Italian alphabetical order. */
export async function assignees(database: Database, request: FastifyRequest, id: string) {
  const user = request.user;
  if (!user) throw new AppError('unauthenticated');
  const row = await loadVisible(database.pool, request.city, request.grant, user.id, id);
  const scope = scopeLabel(request.grant, row, user.id);
  if (scope === 'own' || scope === 'none') throw new AppError('forbidden');
  const { rows } = await database.pool.query<{ user_id: string; display_name: string }>(assigneesSql, [
    request.city.id,
    row.community_point_slug ?? '',
    row.zone_code,
    row.escalated_at !== null,
  ]);
  const collator = new Intl.Collator('it', { sensitivity: 'base' });
  return {
    items: rows
      .map((r) => ({ id: r.user_id, name: r.display_name }))
      .sort((a, b) => collator.compare(a.name, b.name)),
  };
}

/** Assigns the request to a person who works at its hub (the caller by default). */
export function assign(
  database: Database,
  request: FastifyRequest,
  id: string,
  input: { assigneeId?: string },
  publicUrl?: string,
) {
  return change(
    database,
    request,
    id,
    async (row, client) => {
      if (row.status !== 'assigned') checkTransition(row, 'assigned');
      const assigneeId = input.assigneeId ?? request.user!.id;
      const ref = row.community_point_slug;
      const { rows } = await client.query<{ display_name: string }>(
        `SELECT display_name FROM (${assigneesSql}) a WHERE user_id = $5`,
        [request.city.id, ref ?? '', row.zone_code, row.escalated_at !== null, assigneeId],
      );
      if (!rows[0])
        throw new AppError(
          'validation',
          {},
          {
            fields: [{ field: 'assigneeId', message: t(request.lang, 'help.field.assignee') }],
          },
        );
      return {
        set: { assignee_id: assigneeId },
        contact: true,
        event: { kind: 'assign', toStatus: 'assigned', data: { assignee: rows[0].display_name } },
        mailPerson: 'assigned',
      };
    },
    publicUrl,
  );
}

/** Moves a request along the status machine; closing needs an outcome, reopening a reason. */
export function transition(
  database: Database,
  request: FastifyRequest,
  id: string,
  input: { to: string; reason?: string; outcome?: string },
  publicUrl?: string,
) {
  return change(
    database,
    request,
    id,
    async (row) => {
      checkTransition(row, input.to);
      const fields: { field: string; message: string }[] = [];
      if (input.to === 'closed' && !input.outcome)
        fields.push({ field: 'outcome', message: t(request.lang, 'help.field.outcome') });
      if (
        (input.to === 'withdrawn' || (row.status === 'resolved' && input.to === 'in_progress')) &&
        !input.reason
      )
        fields.push({ field: 'reason', message: t(request.lang, 'help.field.reason') });
      if (fields.length) throw new AppError('validation', {}, { fields });
      return {
        set: input.to === 'closed' ? { outcome: input.outcome } : {},
        contact: true,
        event: { kind: 'status', toStatus: input.to, reason: input.reason ?? null },
        mailPerson: input.to === 'resolved' ? 'resolved' : undefined,
      };
    },
    publicUrl,
  );
}

/** Hands the request to another hub of the city, with a reason; it waits there to be triaged. */
export async function transfer(
  database: Database,
  request: FastifyRequest,
  id: string,
  input: { communityPoint: string; reason: string },
): Promise<{ id: string; slug: string; name: string }> {
  let to: { id: string; slug: string; name: string } | undefined;
  await change(database, request, id, async (row, client) => {
    if (['resolved', 'closed', 'withdrawn'].includes(row.status))
      throw new AppError(
        'conflict',
        { from: row.status, to: 'transfer' },
        { messageKey: 'problem.help.transition.detail' },
      );
    let target: Awaited<ReturnType<typeof getCommunityPoint>>;
    try {
      target = await getCommunityPoint(client, request.city, input.communityPoint);
    } catch {
      throw new AppError(
        'validation',
        {},
        {
          fields: [{ field: 'communityPoint', message: t(request.lang, 'help.field.community_point') }],
        },
      );
    }
    if (!target.active || target.id === row.community_point_id)
      throw new AppError(
        'validation',
        {},
        {
          fields: [{ field: 'communityPoint', message: t(request.lang, 'help.field.community_point') }],
        },
      );
    to = { id: target.id, slug: target.slug, name: target.name };
    return {
      set: { community_point_id: target.id, queue: 'community_point', assignee_id: null },
      event: {
        kind: 'transfer',
        toStatus: ['assigned', 'in_progress'].includes(row.status) ? 'triaged' : undefined,
        reason: input.reason,
        data: { from: row.community_point_slug, to: target.slug },
      },
    };
  });
  return to!;
}

/** Escalates to the zone's social workers (they see it from now on), with a reason. */
export function escalate(database: Database, request: FastifyRequest, id: string, input: { reason: string }) {
  return change(database, request, id, async (row) => {
    if (row.escalated_at)
      throw new AppError('conflict', {}, { messageKey: 'problem.help.already_escalated.detail' });
    if (['resolved', 'closed', 'withdrawn'].includes(row.status))
      throw new AppError(
        'conflict',
        { from: row.status, to: 'escalate' },
        { messageKey: 'problem.help.transition.detail' },
      );
    return {
      set: { escalated_at: new Date() },
      event: { kind: 'escalate', reason: input.reason, data: { zone: row.zone_code } },
    };
  });
}

/** An internal note (never shown to the person). */
export function addNote(database: Database, request: FastifyRequest, id: string, input: { text: string }) {
  return change(database, request, id, async (row, client) => {
    await client.query(
      `INSERT INTO help_request_notes (city_id, help_request_id, author_id, author_name, text)
       VALUES ($1, $2, $3, $4, $5)`,
      [request.city.id, row.help_request_id, request.user!.id, request.user!.displayName, input.text],
    );
    return { set: {}, event: { kind: 'note' } };
  });
}
