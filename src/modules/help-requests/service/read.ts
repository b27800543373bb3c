import type { FastifyRequest } from 'fastify';
import { audit, auditFromRequest, type Queryable } from '../../../kernel/audit/index.ts';
import type { Grant } from '../../../kernel/auth/types.ts';
import { AppError } from '../../../kernel/errors.ts';
import type { City } from '../../../kernel/tenancy/registry.ts';
import { formatTrackingCode, normaliseTrackingCode } from './intake.ts';
import { isStaff, scopeLabel, visibleTo } from './scope.ts';

export const terminalStatuses = ['resolved', 'closed', 'withdrawn'] as const;

/** The status machine: from each status, where a request may go. */
export const nextStatuses: Record<string, string[]> = {
  new: ['triaged', 'assigned', 'withdrawn', 'closed'],
  triaged: ['assigned', 'in_progress', 'withdrawn', 'closed'],
  assigned: ['in_progress', 'triaged', 'withdrawn', 'closed'],
  in_progress: ['resolved', 'closed', 'withdrawn'],
  resolved: ['in_progress', 'closed'],
  closed: [],
  withdrawn: [],
};

const urgencyRank = `CASE h.urgency WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END`;

interface DetailRow {
  help_request_id: string;
  tracking_code: string;
  category: string;
  suggested_category: string | null;
  description: string;
  circumstances: Record<string, unknown>;
  urgency: string;
  urgency_confirmed_at: Date | null;
  urgency_reasons: unknown[];
  status: string;
  outcome: string | null;
  address: string | null;
  lat: number | null;
  lon: number | null;
  neighbourhood_code: string;
  neighbourhood_name: string;
  zone_code: string;
  zone_name: string;
  queue: string;
  community_point_id: string | null;
  community_point_slug: string | null;
  community_point_name: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  escalated_at: Date | null;
  contact_name: string;
  contact_phone: string | null;
  contact_email: string | null;
  channel: string;
  lang: string;
  citizen_id: string | null;
  first_contact_at: Date | null;
  sla_due_at: Date;
  sla_breached_at: Date | null;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
}

const detailSelect = `
  SELECT h.*, n.name AS neighbourhood_name, z.name AS zone_name,
         cp.slug AS community_point_slug, cp.name AS community_point_name, u.display_name AS assignee_name
    FROM help_requests h
    JOIN neighbourhoods n ON n.city_id = h.city_id AND n.code = h.neighbourhood_code
    JOIN zones z ON z.city_id = h.city_id AND z.code = h.zone_code
    LEFT JOIN community_points cp ON cp.city_id = h.city_id AND cp.community_point_id = h.community_point_id
    LEFT JOIN users u ON u.city_id = h.city_id AND u.user_id = h.assignee_id`;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * One request the caller may see, locked when `forUpdate`; a request outside their scope is a
 * 404 (its existence is not revealed).
 */
export async function loadVisible(
  q: Queryable,
  city: City,
  grant: Grant,
  userId: string | null,
  id: string,
  forUpdate = false,
): Promise<DetailRow> {
  const scope = visibleTo(grant, userId, 3);
  const { rows } = await q.query<DetailRow>(
    `${detailSelect} WHERE h.city_id = $1 AND h.help_request_id = $2 AND ${scope.sql}${forUpdate ? ' FOR UPDATE OF h' : ''}`,
    [city.id, id, ...scope.params],
  );
  if (!rows[0]) throw new AppError('not_found', { resource: 'help_request', id });
  return rows[0];
}

/** A request with its history (and, for staff, internal notes); the read is audited. */
export async function getHelpRequest(q: Queryable, request: FastifyRequest, id: string) {
  const userId = request.user?.id ?? null;
  const row = await loadVisible(q, request.city, request.grant, userId, id);
  const staff = isStaff(request.grant) && scopeLabel(request.grant, row, userId) !== 'own';
  const [{ rows: events }, { rows: notes }] = await Promise.all([
    q.query<{
      at: Date;
      kind: string;
      from_status: string | null;
      to_status: string | null;
      reason: string | null;
      data: Record<string, unknown>;
      actor_name: string | null;
    }>(
      `SELECT e.at, e.kind, e.from_status, e.to_status, e.reason, e.data, u.display_name AS actor_name
         FROM help_request_events e LEFT JOIN users u ON u.city_id = e.city_id AND u.user_id = e.actor_id
        WHERE e.city_id = $1 AND e.help_request_id = $2 ORDER BY e.event_id`,
      [request.city.id, id],
    ),
    staff
      ? q.query<{ note_id: string; author_name: string; text: string; created_at: Date }>(
          `SELECT note_id, author_name, text, created_at FROM help_request_notes
            WHERE city_id = $1 AND help_request_id = $2 ORDER BY created_at`,
          [request.city.id, id],
        )
      : Promise.resolve({ rows: [] }),
  ]);
  await audit(
    q,
    auditFromRequest(request, {
      action: 'read',
      resource: 'help_request',
      resourceId: id,
      scope: scopeLabel(request.grant, row, userId),
      sensitive: true,
    }),
  );
  return {
    ...toDetail(row),
    history: events.map((e) => ({
      at: e.at.toISOString(),
      kind: e.kind,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      // Staff see why; the person sees what happened and when.
      reason: staff ? e.reason : null,
      actorName: staff ? e.actor_name : null,
      data: staff ? e.data : {},
    })),
    notes: notes.map((n) => ({
      id: n.note_id,
      authorName: n.author_name,
      text: n.text,
      createdAt: n.created_at.toISOString(),
    })),
    nextStatuses: staff ? (nextStatuses[row.status] ?? []) : [],
    canManage: staff,
  };
}

function toDetail(r: DetailRow) {
  return {
    id: r.help_request_id,
    trackingCode: formatTrackingCode(r.tracking_code),
    category: r.category,
    suggestedCategory: r.suggested_category,
    description: r.description,
    circumstances: r.circumstances,
    urgency: r.urgency,
    urgencyConfirmed: r.urgency_confirmed_at !== null,
    urgencyReasons: r.urgency_reasons as { code: string; params?: Record<string, string | number> }[],
    status: r.status,
    outcome: r.outcome,
    address: r.address,
    lat: r.lat,
    lon: r.lon,
    neighbourhood: { code: r.neighbourhood_code, name: r.neighbourhood_name },
    zone: { code: r.zone_code, name: r.zone_name },
    queue: r.queue,
    communityPoint: r.community_point_id
      ? { id: r.community_point_id, slug: r.community_point_slug ?? '', name: r.community_point_name ?? '' }
      : null,
    assignee: r.assignee_id ? { id: r.assignee_id, name: r.assignee_name ?? '' } : null,
    escalatedAt: iso(r.escalated_at),
    contact: { name: r.contact_name, phone: r.contact_phone, email: r.contact_email },
    channel: r.channel,
    firstContactAt: iso(r.first_contact_at),
    slaDueAt: r.sla_due_at.toISOString(),
    slaBreachedAt: iso(r.sla_breached_at),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    closedAt: iso(r.closed_at),
  };
}

export interface ListFilter {
  status?: string[];
  open?: boolean;
  category?: string;
  urgency?: string;
  communityPoint?: string;
  zone?: string;
  escalated?: boolean;
  q?: string;
  page: number;
  pageSize: number;
}

/**
 * The caller's requests (their hubs', their zone's escalations, or their own): open before
 * closed, overdue (no first contact by the SLA's time) first, then most urgent and oldest first; searched by tracking code, name or words. The list read is audited once.
 */
export async function listHelpRequests(q: Queryable, request: FastifyRequest, f: ListFilter) {
  const userId = request.user?.id ?? null;
  const params: unknown[] = [request.city.id];
  const scope = visibleTo(request.grant, userId, 2);
  params.push(...scope.params);
  const where = ['h.city_id = $1', scope.sql];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (f.status?.length) add((p) => `h.status = ANY(${p}::text[])`, f.status);
  if (f.open) where.push(`h.status NOT IN ('resolved', 'closed', 'withdrawn')`);
  if (f.category) add((p) => `h.category = ${p}`, f.category);
  if (f.urgency) add((p) => `h.urgency = ${p}`, f.urgency);
  if (f.zone) add((p) => `h.zone_code = ${p}`, f.zone);
  if (f.escalated) where.push('h.escalated_at IS NOT NULL');
  if (f.communityPoint)
    add((p) => `(cp.slug = ${p} OR cp.community_point_id::text = ${p})`, f.communityPoint);
  if (f.q) {
    const code = normaliseTrackingCode(f.q);
    if (code) add((p) => `h.tracking_code = ${p}`, code);
    else {
      params.push(`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, f.q);
      const like = `$${params.length - 1}`;
      const words = `$${params.length}`;
      where.push(
        `(h.contact_name ILIKE ${like} OR to_tsvector('italian', h.description) @@ plainto_tsquery('italian', ${words}))`,
      );
    }
  }
  const sqlWhere = where.join(' AND ');
  const offset = (f.page - 1) * f.pageSize;
  params.push(f.pageSize, offset);
  const { rows } = await q.query<DetailRow & { total: number }>(
    `${detailSelect} WHERE ${sqlWhere}
      ORDER BY (h.status IN ('resolved', 'closed', 'withdrawn')),
               (h.first_contact_at IS NULL AND h.sla_due_at < now()) DESC, ${urgencyRank}, h.created_at
      LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  const { rows: count } = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM help_requests h
       LEFT JOIN community_points cp ON cp.city_id = h.city_id AND cp.community_point_id = h.community_point_id
      WHERE ${sqlWhere}`,
    params.slice(0, -2),
  );
  await audit(
    q,
    auditFromRequest(request, {
      action: 'list',
      resource: 'help_request',
      sensitive: true,
      detail: { ids: rows.map((r) => r.help_request_id) },
    }),
  );
  return {
    items: rows.map((r) => {
      const d = toDetail(r);
      return {
        id: d.id,
        trackingCode: d.trackingCode,
        category: d.category,
        urgency: d.urgency,
        urgencyConfirmed: d.urgencyConfirmed,
        status: d.status,
        neighbourhood: d.neighbourhood,
        zone: d.zone,
        queue: d.queue,
        communityPoint: d.communityPoint,
        assignee: d.assignee,
        contactName: d.contact.name,
        summary: d.description.slice(0, 140),
        escalated: d.escalatedAt !== null,
        slaDueAt: d.slaDueAt,
        slaBreached: d.slaBreachedAt !== null,
        firstContactAt: d.firstContactAt,
        createdAt: d.createdAt,
      };
    }),
    total: count[0]?.n ?? 0,
    page: f.page,
    pageSize: f.pageSize,
  };
}

/** Status and dates of a request by its tracking code: no personal data, no notes, no reasons. */
export async function trackHelpRequest(q: Queryable, city: City, raw: string) {
  const code = normaliseTrackingCode(raw);
  if (!code) throw new AppError('not_found', { resource: 'help_request', id: raw.slice(0, 20) });
  const { rows } = await q.query<{
    help_request_id: string;
    category: string;
    status: string;
    created_at: Date;
    updated_at: Date;
    closed_at: Date | null;
    first_contact_at: Date | null;
    community_point_name: string | null;
    community_point_phone: string | null;
    queue: string;
  }>(
    `SELECT h.help_request_id, h.category, h.status, h.created_at, h.updated_at, h.closed_at, h.first_contact_at,
            h.queue, cp.name AS community_point_name, cp.phone AS community_point_phone
       FROM help_requests h
       LEFT JOIN community_points cp ON cp.city_id = h.city_id AND cp.community_point_id = h.community_point_id
      WHERE h.city_id = $1 AND h.tracking_code = $2`,
    [city.id, code],
  );
  const r = rows[0];
  if (!r) throw new AppError('not_found', { resource: 'help_request', id: formatTrackingCode(code) });
  const { rows: steps } = await q.query<{ at: Date; to_status: string }>(
    `SELECT at, to_status FROM help_request_events
      WHERE city_id = $1 AND help_request_id = $2 AND to_status IS NOT NULL ORDER BY event_id`,
    [city.id, r.help_request_id],
  );
  return {
    trackingCode: formatTrackingCode(code),
    category: r.category,
    status: r.status,
    queue: r.queue,
    communityPoint: r.community_point_name
      ? { name: r.community_point_name, phone: r.community_point_phone }
      : null,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    firstContactAt: iso(r.first_contact_at),
    closedAt: iso(r.closed_at),
    steps: steps.map((s) => ({ status: s.to_status, at: s.at.toISOString() })),
  };
}

/**
 * Public figures: requests by neighbourhood, zone, category and status in a period; every count
 * under 5 is suppressed (null) so that no person can be singled out.
 */
export async function helpFigures(q: Queryable, city: City, from: Date, to: Date) {
  const { rows } = await q.query<{ dim: string; key: string; n: number }>(
    `SELECT 'neighbourhood' AS dim, neighbourhood_code AS key, count(*)::int AS n FROM help_requests
      WHERE city_id = $1 AND created_at >= $2 AND created_at < $3 GROUP BY neighbourhood_code
     UNION ALL
     SELECT 'zone', zone_code, count(*)::int FROM help_requests
      WHERE city_id = $1 AND created_at >= $2 AND created_at < $3 GROUP BY zone_code
     UNION ALL
     SELECT 'category', category, count(*)::int FROM help_requests
      WHERE city_id = $1 AND created_at >= $2 AND created_at < $3 GROUP BY category
     UNION ALL
     SELECT 'status', status, count(*)::int FROM help_requests
      WHERE city_id = $1 AND created_at >= $2 AND created_at < $3 GROUP BY status
     UNION ALL
     SELECT 'total', 'all', count(*)::int FROM help_requests
      WHERE city_id = $1 AND created_at >= $2 AND created_at < $3`,
    [city.id, from, to],
  );
  const suppress = (n: number) => (n < 5 ? null : n);
  const group = (dim: string) =>
    Object.fromEntries(rows.filter((r) => r.dim === dim).map((r) => [r.key, suppress(r.n)]));
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    total: suppress(rows.find((r) => r.dim === 'total')?.n ?? 0),
    byNeighbourhood: group('neighbourhood'),
    byZone: group('zone'),
    byCategory: group('category'),
    byStatus: group('status'),
    suppressedBelow: 5,
  };
}
