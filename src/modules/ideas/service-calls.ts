import type { FastifyRequest } from 'fastify';
import type pg from 'pg';
import { audit, auditFromRequest, type Queryable } from '../../kernel/audit/index.ts';
import { withTransaction } from '../../kernel/db/transaction.ts';
import { AppError } from '../../kernel/errors.ts';
import { t as tr } from '../../kernel/i18n/index.ts';

export const proposerKinds = ['citizen', 'group', 'organisation'] as const;
export type ProposerKind = (typeof proposerKinds)[number];

export interface CallDocument {
  code: string;
  label: { it: string; en: string };
  required: boolean;
}

export interface CallInput {
  title: string;
  body: string;
  themes: string[];
  eligible: ProposerKind[];
  documents: CallDocument[];
  tableId: string;
}

interface CallRow {
  call_id: string;
  slug: string;
  title: string;
  body: string;
  themes: string[];
  eligible: ProposerKind[];
  documents: CallDocument[];
  table_id: string;
  table_name: string;
  table_slug: string;
  status: 'open' | 'closed';
  created_at: Date;
  closed_at: Date | null;
}

const callSelect = `SELECT c.call_id, c.slug, c.title, c.body, c.themes, c.eligible, c.documents, c.table_id,
         t.name AS table_name, t.slug AS table_slug, c.status, c.created_at, c.closed_at
    FROM idea_calls c JOIN thematic_tables t ON t.city_id = c.city_id AND t.table_id = c.table_id`;

export function toCall(r: CallRow) {
  return {
    id: r.call_id,
    slug: r.slug,
    title: r.title,
    body: r.body,
    themes: r.themes,
    eligible: r.eligible,
    documents: r.documents,
    table: { id: r.table_id, slug: r.table_slug, name: r.table_name },
    status: r.status,
    createdAt: r.created_at.toISOString(),
    closedAt: r.closed_at?.toISOString() ?? null,
  };
}
export type Call = ReturnType<typeof toCall>;

/** A URL-friendly name: lower case, ASCII, dashes. */
export function slugify(s: string): string {
  return (
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'bando'
  );
}

async function freeSlug(q: Queryable, table: string, cityId: number, title: string): Promise<string> {
  const base = slugify(title);
  const { rows } = await q.query<{ slug: string }>(
    `SELECT slug FROM ${table} WHERE city_id = $1 AND (slug = $2 OR slug LIKE $2 || '-%')`,
    [cityId, base],
  );
  const taken = new Set(rows.map((r) => r.slug));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

export async function loadCall(q: Queryable, cityId: number, key: { id?: string; slug?: string }) {
  const { rows } = await q.query<CallRow>(
    `${callSelect} WHERE c.city_id = $1 AND ${key.id ? 'c.call_id = $2::uuid' : 'c.slug = $2'}`,
    [cityId, key.id ?? key.slug],
  );
  return rows[0] ? toCall(rows[0]) : null;
}

/** The open calls (public), newest first. */
export async function listOpenCalls(q: Queryable, cityId: number) {
  const { rows } = await q.query<CallRow>(
    `${callSelect} WHERE c.city_id = $1 AND c.status = 'open' ORDER BY c.created_at DESC, c.title`,
    [cityId],
  );
  return rows.map(toCall);
}

/** Every call with its proposals counted by status (the city's page). */
export async function listAllCalls(q: Queryable, cityId: number) {
  const { rows } = await q.query<CallRow & { counts: Record<string, number> | null }>(
    `${callSelect.replace('SELECT', 'SELECT (SELECT jsonb_object_agg(status, n) FROM (SELECT status, count(*)::int AS n FROM proposals p WHERE p.city_id = c.city_id AND p.call_id = c.call_id GROUP BY status) s) AS counts,')}
      WHERE c.city_id = $1 ORDER BY c.status DESC, c.created_at DESC`,
    [cityId],
  );
  return rows.map((r) => ({ ...toCall(r), counts: r.counts ?? {} }));
}

/** A call's public page: the call and the titles of its accepted proposals (nothing else is public). */
export async function publicCall(q: Queryable, cityId: number, slug: string) {
  const call = await loadCall(q, cityId, { slug });
  if (!call) throw new AppError('not_found', { resource: 'idea_call', id: slug });
  const { rows } = await q.query<{ title: string; slug: string | null; decided_at: Date | null }>(
    `SELECT p.title, i.slug, p.decided_at FROM proposals p
       LEFT JOIN initiatives i ON i.city_id = p.city_id AND i.initiative_id = p.initiative_id
      WHERE p.city_id = $1 AND p.call_id = $2 AND p.status = 'accepted' ORDER BY p.decided_at DESC NULLS LAST`,
    [cityId, call.id],
  );
  return {
    ...call,
    accepted: rows.map((r) => ({
      title: r.title,
      initiativeSlug: r.slug,
      decidedAt: r.decided_at?.toISOString() ?? null,
    })),
  };
}

function checkCallInput(input: CallInput) {
  const codes = input.documents.map((d) => d.code);
  if (new Set(codes).size !== codes.length)
    throw new AppError(
      'validation',
      {},
      { fields: [{ field: 'documents', message: 'ideas.field.document_codes' }] },
    );
}

async function checkTable(q: Queryable, cityId: number, tableId: string, lang: FastifyRequest['lang']) {
  const { rowCount } = await q.query('SELECT 1 FROM thematic_tables WHERE city_id = $1 AND table_id = $2', [
    cityId,
    tableId,
  ]);
  if (!rowCount) throw fieldError('tableId', 'ideas.field.table', lang);
}

export function fieldError(field: string, key: string, lang: FastifyRequest['lang'], params = {}) {
  return new AppError('validation', {}, { fields: [{ field, message: tr(lang, key, params) }] });
}

export async function createCall(pool: pg.Pool, request: FastifyRequest, input: CallInput) {
  checkCallInput(input);
  const cityId = request.city.id;
  return withTransaction(pool, async (client) => {
    await checkTable(client, cityId, input.tableId, request.lang);
    const slug = await freeSlug(client, 'idea_calls', cityId, input.title);
    const { rows } = await client.query<{ call_id: string }>(
      `INSERT INTO idea_calls (city_id, slug, title, body, themes, eligible, documents, table_id, created_by)
       VALUES ($1,$2,$3,$4,$5,$6,$7::jsonb,$8,$9) RETURNING call_id`,
      [
        cityId,
        slug,
        input.title,
        input.body,
        input.themes,
        input.eligible,
        JSON.stringify(input.documents),
        input.tableId,
        request.user?.id ?? null,
      ],
    );
    const id = rows[0]!.call_id;
    await audit(
      client,
      auditFromRequest(request, { action: 'create', resource: 'idea_call', resourceId: id, scope: 'city' }),
    );
    return (await loadCall(client, cityId, { id }))!;
  });
}

export async function updateCall(pool: pg.Pool, request: FastifyRequest, id: string, input: CallInput) {
  checkCallInput(input);
  const cityId = request.city.id;
  return withTransaction(pool, async (client) => {
    await checkTable(client, cityId, input.tableId, request.lang);
    const { rowCount } = await client.query(
      `UPDATE idea_calls SET title = $3, body = $4, themes = $5, eligible = $6, documents = $7::jsonb, table_id = $8
        WHERE city_id = $1 AND call_id = $2`,
      [
        cityId,
        id,
        input.title,
        input.body,
        input.themes,
        input.eligible,
        JSON.stringify(input.documents),
        input.tableId,
      ],
    );
    if (!rowCount) throw new AppError('not_found', { resource: 'idea_call', id });
    await audit(
      client,
      auditFromRequest(request, { action: 'update', resource: 'idea_call', resourceId: id, scope: 'city' }),
    );
    return (await loadCall(client, cityId, { id }))!;
  });
}

/** Closes (no new proposals; those received go on) or reopens a call. */
export async function setCallStatus(
  pool: pg.Pool,
  request: FastifyRequest,
  id: string,
  status: 'open' | 'closed',
) {
  const cityId = request.city.id;
  return withTransaction(pool, async (client) => {
    const { rowCount } = await client.query(
      `UPDATE idea_calls SET status = $3, closed_at = CASE WHEN $3 = 'closed' THEN now() END
        WHERE city_id = $1 AND call_id = $2`,
      [cityId, id, status],
    );
    if (!rowCount) throw new AppError('not_found', { resource: 'idea_call', id });
    await audit(
      client,
      auditFromRequest(request, {
        action: status === 'closed' ? 'close' : 'reopen',
        resource: 'idea_call',
        resourceId: id,
        scope: 'city',
      }),
    );
    return (await loadCall(client, cityId, { id }))!;
  });
}

// ---- thematic tables ----

interface TableRow {
  table_id: string;
  slug: string;
  name: string;
  description: string;
  members: { userId: string; displayName: string; email: string }[];
}

const tableSelect = `SELECT t.table_id, t.slug, t.name, t.description,
    coalesce((SELECT jsonb_agg(jsonb_build_object('userId', u.user_id, 'displayName', u.display_name, 'email', u.email)
                ORDER BY u.display_name COLLATE "it-IT-x-icu")
       FROM thematic_table_members m JOIN users u ON u.city_id = m.city_id AND u.user_id = m.user_id
      WHERE m.city_id = t.city_id AND m.table_id = t.table_id), '[]'::jsonb) AS members
  FROM thematic_tables t`;

const toTable = (r: TableRow) => ({
  id: r.table_id,
  slug: r.slug,
  name: r.name,
  description: r.description,
  members: r.members,
});

export async function listTables(q: Queryable, cityId: number, memberId?: string) {
  const { rows } = await q.query<TableRow>(
    `${tableSelect} WHERE t.city_id = $1 ${
      memberId
        ? 'AND EXISTS (SELECT 1 FROM thematic_table_members m WHERE m.city_id = t.city_id AND m.table_id = t.table_id AND m.user_id = $2)'
        : ''
    } ORDER BY t.name COLLATE "it-IT-x-icu"`,
    memberId ? [cityId, memberId] : [cityId],
  );
  return rows.map(toTable);
}

async function loadTable(q: Queryable, cityId: number, id: string) {
  const { rows } = await q.query<TableRow>(`${tableSelect} WHERE t.city_id = $1 AND t.table_id = $2`, [
    cityId,
    id,
  ]);
  if (!rows[0]) throw new AppError('not_found', { resource: 'thematic_table', id });
  return toTable(rows[0]);
}

export async function createTable(
  pool: pg.Pool,
  request: FastifyRequest,
  input: { name: string; description: string },
) {
  const cityId = request.city.id;
  return withTransaction(pool, async (client) => {
    const slug = await freeSlug(client, 'thematic_tables', cityId, input.name);
    const { rows } = await client.query<{ table_id: string }>(
      'INSERT INTO thematic_tables (city_id, slug, name, description) VALUES ($1,$2,$3,$4) RETURNING table_id',
      [cityId, slug, input.name, input.description],
    );
    const id = rows[0]!.table_id;
    await audit(
      client,
      auditFromRequest(request, {
        action: 'create',
        resource: 'thematic_table',
        resourceId: id,
        scope: 'city',
      }),
    );
    return loadTable(client, cityId, id);
  });
}

export async function updateTable(
  pool: pg.Pool,
  request: FastifyRequest,
  id: string,
  input: { name: string; description: string },
) {
  const cityId = request.city.id;
  return withTransaction(pool, async (client) => {
    const { rowCount } = await client.query(
      'UPDATE thematic_tables SET name = $3, description = $4 WHERE city_id = $1 AND table_id = $2',
      [cityId, id, input.name, input.description],
    );
    if (!rowCount) throw new AppError('not_found', { resource: 'thematic_table', id });
    await audit(
      client,
      auditFromRequest(request, {
        action: 'update',
        resource: 'thematic_table',
        resourceId: id,
        scope: 'city',
      }),
    );
    return loadTable(client, cityId, id);
  });
}

/** Sets who sits at a table (the whole list): users of the city only. */
export async function setTableMembers(pool: pg.Pool, request: FastifyRequest, id: string, userIds: string[]) {
  const cityId = request.city.id;
  const wanted = [...new Set(userIds)];
  return withTransaction(pool, async (client) => {
    const { rows: t } = await client.query(
      'SELECT 1 FROM thematic_tables WHERE city_id = $1 AND table_id = $2 FOR UPDATE',
      [cityId, id],
    );
    if (!t[0]) throw new AppError('not_found', { resource: 'thematic_table', id });
    const { rows: found } = await client.query<{ user_id: string }>(
      'SELECT user_id FROM users WHERE city_id = $1 AND user_id = ANY($2::uuid[])',
      [cityId, wanted],
    );
    const known = new Set(found.map((r) => r.user_id));
    const unknown = wanted.filter((u) => !known.has(u));
    if (unknown.length)
      throw fieldError('userIds', 'ideas.field.users', request.lang, { ids: unknown.join(', ') });
    await client.query(
      'DELETE FROM thematic_table_members WHERE city_id = $1 AND table_id = $2 AND NOT (user_id = ANY($3::uuid[]))',
      [cityId, id, wanted],
    );
    await client.query(
      `INSERT INTO thematic_table_members (city_id, table_id, user_id)
       SELECT $1, $2, u FROM unnest($3::uuid[]) u ON CONFLICT DO NOTHING`,
      [cityId, id, wanted],
    );
    await audit(
      client,
      auditFromRequest(request, {
        action: 'update',
        resource: 'thematic_table',
        resourceId: id,
        scope: 'city',
        detail: { members: wanted },
      }),
    );
    return loadTable(client, cityId, id);
  });
}

/** People of the city the admin may seat at a table (by name or e-mail). */
export async function searchPeople(q: Queryable, cityId: number, text: string) {
  const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const { rows } = await q.query<{ user_id: string; display_name: string; email: string; roles: string[] }>(
    `SELECT u.user_id, u.display_name, u.email,
            coalesce(array_agg(DISTINCT r.role) FILTER (WHERE r.role IS NOT NULL), '{}') AS roles
       FROM users u LEFT JOIN role_assignments r ON r.city_id = u.city_id AND r.user_id = u.user_id
      WHERE u.city_id = $1 AND u.active AND (u.display_name ILIKE $2 OR u.email ILIKE $2)
      GROUP BY u.city_id, u.user_id ORDER BY (bool_or(r.role = 'council_member')) DESC NULLS LAST,
               u.display_name COLLATE "it-IT-x-icu" LIMIT 20`,
    [cityId, like],
  );
  return rows.map((r) => ({
    userId: r.user_id,
    displayName: r.display_name,
    email: r.email,
    roles: r.roles,
  }));
}
