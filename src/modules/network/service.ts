import type { FastifyRequest } from 'fastify';
import type pg from 'pg';
import { audit, auditFromRequest, type Queryable } from '../../kernel/audit/index.ts';
import type { Grant } from '../../kernel/auth/types.ts';
import type { Database } from '../../kernel/db/index.ts';
import { withTransaction } from '../../kernel/db/transaction.ts';
import { AppError } from '../../kernel/errors.ts';
import { defaultLang, t } from '../../kernel/i18n/index.ts';
import { queueMail } from '../../kernel/mail/index.ts';
import type { MessageInput, ThreadInput } from './schemas.ts';

/** At most one e-mail per hub per thread in this many minutes (the flood rule). */
export const mailQuietMinutes = 15;

interface HubRef {
  id: string;
  slug: string;
  name: string;
}

/**
 * The side a caller writes and reads for: the city (a city-wide grant) and/or the hubs they are
 * operators of (their `community_point` assignments, resolved to this city's hubs).
 */
export interface Side {
  city: boolean;
  hubs: HubRef[];
}

export async function sideOf(q: Queryable, cityId: number, grant: Grant): Promise<Side> {
  const hubs = grant.communityPoints.length
    ? (
        await q.query<{ community_point_id: string; slug: string; name: string }>(
          `SELECT community_point_id, slug, name FROM community_points
            WHERE city_id = $1 AND slug = ANY($2::text[]) ORDER BY name COLLATE "it-IT-x-icu"`,
          [cityId, grant.communityPoints],
        )
      ).rows.map((r) => ({ id: r.community_point_id, slug: r.slug, name: r.name }))
    : [];
  return { city: grant.all, hubs };
}

/**
 * Which threads a side reaches, as one SQL condition on `t` (network_threads). A hub reaches the
 * threads it takes part in. The city reaches its announcements and the conversations it started
 * (those with a message written for the city); conversations between hubs stay between them.
 * `hubParam` is the placeholder of the side's hub ids (uuid[]).
 */
export function visibleSql(side: Side, hubParam: string): string {
  const parts: string[] = [];
  if (side.city)
    parts.push(`(t.kind = 'announcement' OR EXISTS (SELECT 1 FROM network_messages cm
                 WHERE cm.city_id = t.city_id AND cm.thread_id = t.thread_id AND cm.community_point_id IS NULL))`);
  // Always written (an empty list reaches nothing), so the parameter is always typed.
  parts.push(`EXISTS (SELECT 1 FROM network_participants vp
                 WHERE vp.city_id = t.city_id AND vp.thread_id = t.thread_id
                   AND vp.community_point_id = ANY(${hubParam}::uuid[]))`);
  return `(${parts.join(' OR ')})`;
}

interface SummaryRow {
  thread_id: string;
  kind: 'announcement' | 'conversation';
  subject: string;
  created_at: Date;
  last_message_at: Date;
  message_count: number;
  hub_count: number;
  by_city: boolean;
  hubs: { slug: string; name: string }[];
  unread: number | null;
  last_author: string | null;
  last_hub: string | null;
  total?: number;
  unread_total?: number;
}

/** The summary of each thread `t`, seen by a side whose hub ids are `hubParam`. */
const summarySelect = (hubParam: string) => `
  SELECT t.thread_id, t.kind, t.subject, t.created_at, t.last_message_at,
         (SELECT count(*)::int FROM network_messages m
           WHERE m.city_id = t.city_id AND m.thread_id = t.thread_id) AS message_count,
         (SELECT count(*)::int FROM network_participants p
           WHERE p.city_id = t.city_id AND p.thread_id = t.thread_id) AS hub_count,
         coalesce((SELECT m.community_point_id IS NULL FROM network_messages m
                    WHERE m.city_id = t.city_id AND m.thread_id = t.thread_id
                    ORDER BY m.message_id LIMIT 1), false) AS by_city,
         CASE WHEN t.kind = 'announcement' THEN '[]'::json ELSE
           (SELECT coalesce(json_agg(json_build_object('slug', cp.slug, 'name', cp.name)
                                     ORDER BY cp.name COLLATE "it-IT-x-icu"), '[]'::json)
              FROM network_participants p
              JOIN community_points cp ON cp.city_id = p.city_id AND cp.community_point_id = p.community_point_id
             WHERE p.city_id = t.city_id AND p.thread_id = t.thread_id) END AS hubs,
         CASE WHEN mine.n = 0 THEN NULL ELSE
           (SELECT count(*)::int FROM network_messages m
             WHERE m.city_id = t.city_id AND m.thread_id = t.thread_id
               AND (mine.read_at IS NULL OR m.created_at > mine.read_at)
               AND (m.community_point_id IS NULL OR NOT (m.community_point_id = ANY(mine.ids)))) END AS unread,
         lm.author_name AS last_author, lcp.name AS last_hub
    FROM network_threads t
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS n, array_agg(p.community_point_id) AS ids,
             CASE WHEN bool_or(p.read_at IS NULL) THEN NULL ELSE min(p.read_at) END AS read_at
        FROM network_participants p
       WHERE p.city_id = t.city_id AND p.thread_id = t.thread_id
         AND p.community_point_id = ANY(${hubParam}::uuid[])) mine
    LEFT JOIN LATERAL (
      SELECT m.author_name, m.community_point_id FROM network_messages m
       WHERE m.city_id = t.city_id AND m.thread_id = t.thread_id ORDER BY m.message_id DESC LIMIT 1) lm ON true
    LEFT JOIN community_points lcp ON lcp.city_id = t.city_id AND lcp.community_point_id = lm.community_point_id`;

const toSummary = (r: SummaryRow) => ({
  id: r.thread_id,
  kind: r.kind,
  subject: r.subject,
  createdAt: r.created_at.toISOString(),
  lastMessageAt: r.last_message_at.toISOString(),
  messageCount: r.message_count,
  hubCount: r.hub_count,
  hubs: r.hubs,
  byCity: r.by_city,
  unread: r.unread,
  last: r.last_author ? { authorName: r.last_author, hubName: r.last_hub } : null,
});

/** The threads a side reaches, most recent first, with the unread count of the caller's hubs. */
export async function listThreads(
  database: Database,
  request: FastifyRequest,
  f: { kind?: 'announcement' | 'conversation'; unread?: boolean; page: number; pageSize: number },
) {
  const side = await sideOf(database.pool, request.city.id, request.grant);
  const params: unknown[] = [request.city.id, side.hubs.map((h) => h.id)];
  const where = ['t.city_id = $1', visibleSql(side, '$2')];
  if (f.kind) {
    params.push(f.kind);
    where.push(`t.kind = $${params.length}`);
  }
  params.push(f.pageSize, (f.page - 1) * f.pageSize);
  const { rows } = await database.pool.query<SummaryRow>(
    `WITH s AS (${summarySelect('$2')} WHERE ${where.join(' AND ')})
     SELECT *, count(*) OVER ()::int AS total, coalesce(sum(unread) OVER (), 0)::int AS unread_total
       FROM s ${f.unread ? 'WHERE unread > 0' : ''}
      ORDER BY last_message_at DESC, thread_id
      LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  let total = rows[0]?.total ?? 0;
  let unreadTotal = rows[0]?.unread_total ?? 0;
  if (!rows.length && f.page > 1) {
    // Past the last page: still tell how many there are.
    const { rows: c } = await database.pool.query<{ total: number; unread_total: number }>(
      `WITH s AS (${summarySelect('$2')} WHERE ${where.join(' AND ')})
       SELECT count(*)::int AS total, coalesce(sum(unread), 0)::int AS unread_total FROM s`,
      params.slice(0, -2),
    );
    total = c[0]?.total ?? 0;
    unreadTotal = c[0]?.unread_total ?? 0;
  }
  return { items: rows.map(toSummary), total, unreadTotal, page: f.page, pageSize: f.pageSize };
}

/** One thread the side reaches (else 404), with its hubs and messages. */
export async function getThread(database: Database, request: FastifyRequest, threadId: string) {
  const side = await sideOf(database.pool, request.city.id, request.grant);
  return loadThread(database.pool, request.city.id, side, threadId);
}

async function loadThread(q: Queryable, cityId: number, side: Side, threadId: string) {
  const hubIds = side.hubs.map((h) => h.id);
  const { rows } = await q.query<SummaryRow>(
    `${summarySelect('$2')} WHERE t.city_id = $1 AND t.thread_id = $3 AND ${visibleSql(side, '$2')}`,
    [cityId, hubIds, threadId],
  );
  const row = rows[0];
  if (!row) throw new AppError('not_found', { resource: 'network_thread', id: threadId });
  const { rows: participants } = await q.query<{
    community_point_id: string;
    slug: string;
    name: string;
    zone_code: string;
    zone_name: string;
  }>(
    `SELECT cp.community_point_id, cp.slug, cp.name, cp.zone_code, z.name AS zone_name
       FROM network_participants p
       JOIN community_points cp ON cp.city_id = p.city_id AND cp.community_point_id = p.community_point_id
       JOIN zones z ON z.city_id = cp.city_id AND z.code = cp.zone_code
      WHERE p.city_id = $1 AND p.thread_id = $2 ORDER BY cp.name COLLATE "it-IT-x-icu"`,
    [cityId, threadId],
  );
  const { rows: messages } = await q.query<{
    message_id: string;
    author_name: string;
    community_point_id: string | null;
    slug: string | null;
    name: string | null;
    body: string;
    created_at: Date;
  }>(
    `SELECT m.message_id, m.author_name, m.community_point_id, cp.slug, cp.name, m.body, m.created_at
       FROM network_messages m
       LEFT JOIN community_points cp ON cp.city_id = m.city_id AND cp.community_point_id = m.community_point_id
      WHERE m.city_id = $1 AND m.thread_id = $2 ORDER BY m.message_id`,
    [cityId, threadId],
  );
  const taking = participants.filter((p) => hubIds.includes(p.community_point_id));
  const cityMay = side.city && (row.kind === 'announcement' || row.by_city);
  return {
    ...toSummary(row),
    participants: participants.map((p) => ({
      slug: p.slug,
      name: p.name,
      zone: { code: p.zone_code, name: p.zone_name },
    })),
    messages: messages.map((m) => ({
      id: Number(m.message_id),
      authorName: m.author_name,
      hub: m.slug && m.name ? { slug: m.slug, name: m.name } : null,
      body: m.body,
      createdAt: m.created_at.toISOString(),
      mine: m.community_point_id === null ? cityMay : hubIds.includes(m.community_point_id),
    })),
    writeAs: [
      ...taking.map((p) => ({ slug: p.slug as string | null, name: p.name })),
      ...(cityMay ? [{ slug: null, name: t(defaultLang, 'network.the_city') }] : []),
    ],
  };
}

const fieldError = (request: FastifyRequest, field: string, key: string, params = {}) =>
  new AppError('validation', {}, { fields: [{ field, message: t(request.lang, key, params) }] });

/**
 * Starts a thread. An announcement (the city only) goes to every active hub of the city; a
 * conversation to the hubs chosen (at least one besides the author's), all active hubs of this city.
 * The first message is written with it; the other hubs are told by e-mail.
 */
export async function createThread(
  database: Database,
  request: FastifyRequest,
  input: ThreadInput,
  publicUrl: string,
) {
  const user = request.user!;
  const cityId = request.city.id;
  return withTransaction(database.pool, async (client) => {
    const side = await sideOf(client, cityId, request.grant);
    let author: HubRef | null;
    if (input.kind === 'announcement') {
      if (!side.city)
        throw new AppError('forbidden', {}, { messageKey: 'problem.network.announce_city_only.detail' });
      if (input.from) throw fieldError(request, 'from', 'network.field.announcement_from');
      author = null;
    } else author = pickAuthor(request, side, side.city, side.hubs, input.from);

    let hubIds: string[];
    if (input.kind === 'announcement') {
      const { rows } = await client.query<{ community_point_id: string }>(
        'SELECT community_point_id FROM community_points WHERE city_id = $1 AND active ORDER BY slug',
        [cityId],
      );
      hubIds = rows.map((r) => r.community_point_id);
      if (!hubIds.length) throw fieldError(request, 'kind', 'network.field.no_hubs');
    } else {
      const wanted = [...new Set(input.hubs ?? [])];
      const { rows } = await client.query<{ community_point_id: string; slug: string }>(
        'SELECT community_point_id, slug FROM community_points WHERE city_id = $1 AND active AND slug = ANY($2::text[])',
        [cityId, wanted],
      );
      const unknown = wanted.filter((s) => !rows.some((r) => r.slug === s));
      if (unknown.length)
        throw fieldError(request, 'hubs', 'network.field.unknown_hubs', { slugs: unknown.join(', ') });
      hubIds = rows.map((r) => r.community_point_id).filter((id) => id !== author?.id);
      if (!hubIds.length) throw fieldError(request, 'hubs', 'network.field.other_hub');
      if (author) hubIds.push(author.id);
    }

    const { rows: created } = await client.query<{ thread_id: string }>(
      `INSERT INTO network_threads (city_id, kind, subject, created_by) VALUES ($1, $2, $3, $4)
       RETURNING thread_id`,
      [cityId, input.kind, input.subject, user.id],
    );
    const threadId = created[0]!.thread_id;
    await client.query(
      `INSERT INTO network_participants (city_id, thread_id, community_point_id, read_at)
       SELECT $1, $2, id, CASE WHEN id = $4::uuid THEN now() END FROM unnest($3::uuid[]) AS id`,
      [cityId, threadId, hubIds, author?.id ?? null],
    );
    const messageId = await insertMessage(client, cityId, threadId, user, author, input.body);
    await audit(
      client,
      auditFromRequest(request, {
        action: 'create',
        resource: 'network_thread',
        resourceId: threadId,
        scope: author ? `community_point:${author.slug}` : 'city',
        detail: { kind: input.kind, hubs: hubIds.length, messageId },
      }),
    );
    await notifyHubs(client, cityId, threadId, input.subject, author, user.displayName, publicUrl, true);
    return loadThread(client, cityId, side, threadId);
  });
}

/** Whom the caller writes for: the hub named in `from`, their only hub, or the city. */
function pickAuthor(
  request: FastifyRequest,
  side: Side,
  cityMay: boolean,
  hubs: HubRef[],
  from: string | undefined,
): HubRef | null {
  if (from) {
    const hub = hubs.find((h) => h.slug === from);
    if (!hub) throw fieldError(request, 'from', 'network.field.from');
    return hub;
  }
  if (hubs.length === 1 && !cityMay) return hubs[0]!;
  if (cityMay && !hubs.length) return null;
  if (!hubs.length && !side.city) throw new AppError('forbidden');
  throw fieldError(request, 'from', 'network.field.choose_from');
}

async function insertMessage(
  client: pg.PoolClient,
  cityId: number,
  threadId: string,
  user: { id: string; displayName: string },
  author: HubRef | null,
  body: string,
): Promise<number> {
  const { rows } = await client.query<{ message_id: string }>(
    `INSERT INTO network_messages (city_id, thread_id, author_id, author_name, community_point_id, body)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING message_id`,
    [cityId, threadId, user.id, user.displayName, author?.id ?? null, body],
  );
  await client.query(
    'UPDATE network_threads SET last_message_at = now() WHERE city_id = $1 AND thread_id = $2',
    [cityId, threadId],
  );
  if (author)
    await client.query(
      `UPDATE network_participants SET read_at = now()
        WHERE city_id = $1 AND thread_id = $2 AND community_point_id = $3`,
      [cityId, threadId, author.id],
    );
  return Number(rows[0]!.message_id);
}

/** Writes a message in a thread the caller's side takes part in (else 404). */
export async function postMessage(
  database: Database,
  request: FastifyRequest,
  threadId: string,
  input: MessageInput,
  publicUrl: string,
) {
  const user = request.user!;
  const cityId = request.city.id;
  return withTransaction(database.pool, async (client) => {
    const side = await sideOf(client, cityId, request.grant);
    // The thread's row lock orders the messages of a thread and makes the flood rule exact.
    const { rows } = await client.query<{ kind: string; subject: string }>(
      `SELECT t.kind, t.subject FROM network_threads t
        WHERE t.city_id = $1 AND t.thread_id = $3 AND ${visibleSql(side, '$2')} FOR UPDATE`,
      [cityId, side.hubs.map((h) => h.id), threadId],
    );
    const thread = rows[0];
    if (!thread) throw new AppError('not_found', { resource: 'network_thread', id: threadId });
    const { rows: mine } = await client.query<{ community_point_id: string }>(
      `SELECT community_point_id FROM network_participants
        WHERE city_id = $1 AND thread_id = $2 AND community_point_id = ANY($3::uuid[])`,
      [cityId, threadId, side.hubs.map((h) => h.id)],
    );
    const hubs = side.hubs.filter((h) => mine.some((m) => m.community_point_id === h.id));
    const cityMay =
      side.city && (thread.kind === 'announcement' || (await startedByCity(client, cityId, threadId)));
    const author = pickAuthor(request, side, cityMay, hubs, input.from);
    const messageId = await insertMessage(client, cityId, threadId, user, author, input.body);
    await audit(
      client,
      auditFromRequest(request, {
        action: 'post',
        resource: 'network_message',
        resourceId: `${threadId}/${messageId}`,
        scope: author ? `community_point:${author.slug}` : 'city',
      }),
    );
    await notifyHubs(client, cityId, threadId, thread.subject, author, user.displayName, publicUrl, false);
    const detail = await loadThread(client, cityId, side, threadId);
    return detail.messages.find((m) => m.id === messageId)!;
  });
}

async function startedByCity(q: Queryable, cityId: number, threadId: string): Promise<boolean> {
  const { rows } = await q.query<{ c: boolean }>(
    `SELECT community_point_id IS NULL AS c FROM network_messages
      WHERE city_id = $1 AND thread_id = $2 ORDER BY message_id LIMIT 1`,
    [cityId, threadId],
  );
  return rows[0]?.c ?? false;
}

/** Marks a thread read for the caller's hubs taking part (or the one in `from`); 404 when out of reach. */
export async function markRead(
  database: Database,
  request: FastifyRequest,
  threadId: string,
  from: string | undefined,
): Promise<void> {
  const cityId = request.city.id;
  const side = await sideOf(database.pool, cityId, request.grant);
  const hubs = from ? side.hubs.filter((h) => h.slug === from) : side.hubs;
  if (from && !hubs.length) throw fieldError(request, 'from', 'network.field.from');
  const { rows } = await database.pool.query(
    `SELECT 1 FROM network_threads t WHERE t.city_id = $1 AND t.thread_id = $3 AND ${visibleSql(side, '$2')}`,
    [cityId, side.hubs.map((h) => h.id), threadId],
  );
  if (!rows.length) throw new AppError('not_found', { resource: 'network_thread', id: threadId });
  await database.pool.query(
    `UPDATE network_participants SET read_at = now()
      WHERE city_id = $1 AND thread_id = $2 AND community_point_id = ANY($3::uuid[])`,
    [cityId, threadId, hubs.map((h) => h.id)],
  );
}

/**
 * Tells the thread's hubs (all but the author's) by e-mail, at the hub's address, through the
 * outbox: one mail per hub per message, and none to a hub that already got one for this thread in
 * the last 15 minutes (the flood rule; the mail says so). The mail carries no message text — it
 * links to the thread, where people sign in to read it.
 */
async function notifyHubs(
  client: pg.PoolClient,
  cityId: number,
  threadId: string,
  subject: string,
  author: HubRef | null,
  authorName: string,
  publicUrl: string,
  isNew: boolean,
): Promise<number> {
  const { rows: hubs } = await client.query<{ email: string }>(
    `SELECT DISTINCT lower(cp.email) AS email FROM network_participants p
       JOIN community_points cp ON cp.city_id = p.city_id AND cp.community_point_id = p.community_point_id
      WHERE p.city_id = $1 AND p.thread_id = $2 AND cp.active AND cp.email IS NOT NULL AND cp.email <> ''
        AND p.community_point_id IS DISTINCT FROM $3::uuid`,
    [cityId, threadId, author?.id ?? null],
  );
  if (!hubs.length) return 0;
  const tag = threadTag(threadId);
  const { rows: recent } = await client.query<{ to: string }>(
    `SELECT DISTINCT lower("to") AS "to" FROM mail_outbox
      WHERE city_id = $1 AND created_at > now() - make_interval(mins => $2)
        AND subject LIKE '%' || $3 || '%' AND lower("to") = ANY($4::text[])`,
    [cityId, mailQuietMinutes, tag, hubs.map((h) => h.email)],
  );
  const quiet = new Set(recent.map((r) => r.to));
  const lang = defaultLang;
  const who = author ? `${authorName} (${author.name})` : `${authorName} (${t(lang, 'network.the_city')})`;
  let queued = 0;
  for (const h of hubs) {
    if (quiet.has(h.email)) continue;
    await queueMail(client, {
      cityId,
      to: h.email,
      subject: t(lang, 'network.mail.subject', { subject, tag }),
      text: t(lang, isNew ? 'network.mail.new_thread' : 'network.mail.new_message', {
        who,
        subject,
        link: `${publicUrl}/rete/${threadId}`,
        minutes: mailQuietMinutes,
      }),
    });
    queued++;
  }
  return queued;
}

/** The thread's mark in mail subjects (the flood rule finds earlier mails of the thread by it). */
export const threadTag = (threadId: string) => `#${threadId.slice(0, 8)}`;
