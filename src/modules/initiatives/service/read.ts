import type { Queryable } from '../../../kernel/audit/index.ts';
import { AppError } from '../../../kernel/errors.ts';
import type { City } from '../../../kernel/tenancy/registry.ts';

/** A programme year starts in September: 2018 is 2018-09-01 … 2019-08-31. */
export function programmeYear(year: number): { from: string; to: string } {
  return { from: `${year}-09-01`, to: `${year + 1}-09-01` };
}

/** The programme year a day falls in (Europe/Rome calendar day, YYYY-MM-DD). */
export function programmeYearOf(day: string): number {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return m >= 9 ? y : y - 1;
}

export interface Ref {
  code: string;
  name: string;
}

export interface InitiativeView {
  id: string;
  slug: string;
  title: string;
  description: string;
  neighbourhood: Ref;
  zone: Ref;
  communityPoint: { slug: string; name: string } | null;
  partners: { name: string; organizationId?: string }[];
  status: string;
  startsOn: string;
  endsOn: string | null;
  programmePart: string;
  proposalId: string | null;
  nextEvent: { id: string; startsAt: string } | null;
  createdAt: string;
  updatedAt: string;
}

export interface InitiativeRow {
  initiative_id: string;
  slug: string;
  title: string;
  description: string;
  neighbourhood_code: string;
  neighbourhood_name: string;
  zone_code: string;
  zone_name: string;
  community_point_id: string | null;
  hub_slug: string | null;
  hub_name: string | null;
  partners: { name: string; organizationId?: string }[];
  status: string;
  starts_on: string;
  ends_on: string | null;
  programme_part: string;
  proposal_id: string | null;
  next_event_id: string | null;
  next_event_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export const initiativeSelect = `
  SELECT i.initiative_id, i.slug, i.title, i.description, i.neighbourhood_code, n.name AS neighbourhood_name,
         n.zone_code, z.name AS zone_name, i.community_point_id, cp.slug AS hub_slug, cp.name AS hub_name,
         i.partners, i.status, i.starts_on::text AS starts_on, i.ends_on::text AS ends_on, i.programme_part,
         i.proposal_id, ne.event_id AS next_event_id, ne.starts_at AS next_event_at, i.created_at, i.updated_at
    FROM initiatives i
    JOIN neighbourhoods n ON n.city_id = i.city_id AND n.code = i.neighbourhood_code
    JOIN zones z ON z.city_id = n.city_id AND z.code = n.zone_code
    LEFT JOIN community_points cp ON cp.city_id = i.city_id AND cp.community_point_id = i.community_point_id
    LEFT JOIN LATERAL (SELECT e.event_id, e.starts_at FROM community_events e
                        WHERE e.city_id = i.city_id AND e.initiative_id = i.initiative_id
                          AND e.status = 'scheduled' AND e.starts_at > now()
                        ORDER BY e.starts_at LIMIT 1) ne ON true`;

export function initiativeView(r: InitiativeRow): InitiativeView {
  return {
    id: r.initiative_id,
    slug: r.slug,
    title: r.title,
    description: r.description,
    neighbourhood: { code: r.neighbourhood_code, name: r.neighbourhood_name },
    zone: { code: r.zone_code, name: r.zone_name },
    communityPoint: r.hub_slug ? { slug: r.hub_slug, name: r.hub_name ?? r.hub_slug } : null,
    partners: r.partners,
    status: r.status,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    programmePart: r.programme_part,
    proposalId: r.proposal_id,
    nextEvent:
      r.next_event_id && r.next_event_at
        ? { id: r.next_event_id, startsAt: r.next_event_at.toISOString() }
        : null,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

export interface InitiativeFilter {
  communityPoint?: string;
  neighbourhood?: string;
  zone?: string;
  year?: number;
  status?: string;
  programmePart?: string;
  page: number;
  pageSize: number;
}

/** The public list of initiatives, newest first, filtered. */
export async function listInitiatives(
  q: Queryable,
  city: City,
  f: InitiativeFilter,
): Promise<{ items: InitiativeView[]; total: number }> {
  const where = ['i.city_id = $1'];
  const params: unknown[] = [city.id];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.communityPoint) where.push(`cp.slug = ${p(f.communityPoint)}`);
  if (f.neighbourhood) where.push(`i.neighbourhood_code = ${p(f.neighbourhood)}`);
  if (f.zone) where.push(`n.zone_code = ${p(f.zone)}`);
  if (f.status) where.push(`i.status = ${p(f.status)}`);
  if (f.programmePart) where.push(`i.programme_part = ${p(f.programmePart)}`);
  if (f.year !== undefined) {
    const y = programmeYear(f.year);
    where.push(`i.starts_on >= ${p(y.from)}::date AND i.starts_on < ${p(y.to)}::date`);
  }
  const filter = where.join(' AND ');
  const countParams = [...params];
  const countSql = `SELECT count(*)::int AS n FROM initiatives i
      JOIN neighbourhoods n ON n.city_id = i.city_id AND n.code = i.neighbourhood_code
      LEFT JOIN community_points cp ON cp.city_id = i.city_id AND cp.community_point_id = i.community_point_id
     WHERE ${filter}`;
  const listSql = `${initiativeSelect} WHERE ${filter}
        ORDER BY i.starts_on DESC, i.title, i.initiative_id
        LIMIT ${p(f.pageSize)} OFFSET ${p((f.page - 1) * f.pageSize)}`;
  const [{ rows }, { rows: count }] = await Promise.all([
    q.query<InitiativeRow>(listSql, params),
    q.query<{ n: number }>(countSql, countParams),
  ]);
  return { items: rows.map(initiativeView), total: count[0]?.n ?? 0 };
}

/** One initiative by slug (any visitor), or 404. */
export async function loadInitiative(
  q: Queryable,
  cityId: number,
  slug: string,
  forUpdate = false,
): Promise<InitiativeRow> {
  const { rows } = await q.query<InitiativeRow>(
    `${initiativeSelect} WHERE i.city_id = $1 AND i.slug = $2${forUpdate ? ' FOR UPDATE OF i' : ''}`,
    [cityId, slug],
  );
  if (!rows[0]) throw new AppError('not_found', { resource: 'initiative', id: slug });
  return rows[0];
}

export interface EventView {
  id: string;
  seriesId: string | null;
  title: string;
  description: string;
  initiative: { slug: string; title: string };
  communityPoint: { slug: string; name: string } | null;
  place: string;
  lat: number | null;
  lon: number | null;
  neighbourhood: Ref;
  zone: Ref;
  startsAt: string;
  endsAt: string;
  capacity: number | null;
  registered: number;
  placesLeft: number | null;
  waiting: number;
  status: string;
  updatedAt: string;
}

export interface EventRow {
  event_id: string;
  series_id: string | null;
  initiative_id: string;
  title: string;
  description: string;
  initiative_slug: string;
  initiative_title: string;
  hub_slug: string | null;
  hub_name: string | null;
  place: string;
  lat: number | null;
  lon: number | null;
  neighbourhood_code: string;
  neighbourhood_name: string;
  zone_code: string;
  zone_name: string;
  starts_at: Date;
  ends_at: Date;
  capacity: number | null;
  registered_count: number;
  waiting_count: number;
  status: string;
  organiser_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export const eventSelect = `
  SELECT e.event_id, e.series_id, e.initiative_id, e.title, e.description, i.slug AS initiative_slug,
         i.title AS initiative_title, cp.slug AS hub_slug, cp.name AS hub_name, e.place, e.lat, e.lon,
         e.neighbourhood_code, n.name AS neighbourhood_name, n.zone_code, z.name AS zone_name, e.starts_at, e.ends_at,
         e.capacity, e.registered_count, e.waiting_count, e.status, e.organiser_id, e.created_at, e.updated_at
    FROM community_events e
    JOIN initiatives i ON i.city_id = e.city_id AND i.initiative_id = e.initiative_id
    JOIN neighbourhoods n ON n.city_id = e.city_id AND n.code = e.neighbourhood_code
    JOIN zones z ON z.city_id = n.city_id AND z.code = n.zone_code
    LEFT JOIN community_points cp ON cp.city_id = i.city_id AND cp.community_point_id = i.community_point_id`;

export function eventView(r: EventRow): EventView {
  return {
    id: r.event_id,
    seriesId: r.series_id,
    title: r.title,
    description: r.description,
    initiative: { slug: r.initiative_slug, title: r.initiative_title },
    communityPoint: r.hub_slug ? { slug: r.hub_slug, name: r.hub_name ?? r.hub_slug } : null,
    place: r.place,
    lat: r.lat,
    lon: r.lon,
    neighbourhood: { code: r.neighbourhood_code, name: r.neighbourhood_name },
    zone: { code: r.zone_code, name: r.zone_name },
    startsAt: r.starts_at.toISOString(),
    endsAt: r.ends_at.toISOString(),
    capacity: r.capacity,
    registered: r.registered_count,
    placesLeft: r.capacity === null ? null : Math.max(0, r.capacity - r.registered_count),
    waiting: r.waiting_count,
    status: r.status,
    updatedAt: r.updated_at.toISOString(),
  };
}

/** One event (any visitor), or 404; locked (the event row) when `forUpdate`. */
export async function loadEvent(
  q: Queryable,
  cityId: number,
  id: string,
  forUpdate = false,
): Promise<EventRow> {
  const { rows } = await q.query<EventRow>(
    `${eventSelect} WHERE e.city_id = $1 AND e.event_id = $2${forUpdate ? ' FOR UPDATE OF e' : ''}`,
    [cityId, id],
  );
  if (!rows[0]) throw new AppError('not_found', { resource: 'event', id });
  return rows[0];
}

export interface EventFilter {
  /** Calendar days (Europe/Rome), `to` included. */
  from?: string;
  to?: string;
  neighbourhood?: string;
  zone?: string;
  initiative?: string;
  limit?: number;
}

/** The public calendar: events from `from` to `to` (Europe/Rome days), in time order. */
export async function listEvents(q: Queryable, city: City, f: EventFilter): Promise<EventView[]> {
  const where = ['e.city_id = $1'];
  const params: unknown[] = [city.id];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.from) where.push(`e.ends_at >= (${p(f.from)}::date::timestamp AT TIME ZONE 'Europe/Rome')`);
  if (f.to) where.push(`e.starts_at < ((${p(f.to)}::date + 1)::timestamp AT TIME ZONE 'Europe/Rome')`);
  if (f.neighbourhood) where.push(`e.neighbourhood_code = ${p(f.neighbourhood)}`);
  if (f.zone) where.push(`n.zone_code = ${p(f.zone)}`);
  if (f.initiative) where.push(`i.slug = ${p(f.initiative)}`);
  const { rows } = await q.query<EventRow>(
    `${eventSelect} WHERE ${where.join(' AND ')} ORDER BY e.starts_at, e.event_id LIMIT ${p(f.limit ?? 1000)}`,
    params,
  );
  return rows.map(eventView);
}

/** Figures of a programme year: initiatives per hub, participants (attended) by neighbourhood, under 5 suppressed. */
export async function initiativeFigures(q: Queryable, city: City, year: number) {
  const y = programmeYear(year);
  const { rows } = await q.query<{ dim: string; key: string; n: number; seats: number }>(
    `SELECT 'hub' AS dim, coalesce(cp.slug, '') AS key, count(*)::int AS n, 0 AS seats
       FROM initiatives i LEFT JOIN community_points cp
         ON cp.city_id = i.city_id AND cp.community_point_id = i.community_point_id
      WHERE i.city_id = $1 AND i.starts_on >= $2::date AND i.starts_on < $3::date AND i.status <> 'cancelled'
      GROUP BY cp.slug
     UNION ALL
     SELECT 'part', i.programme_part, count(*)::int, 0 FROM initiatives i
      WHERE i.city_id = $1 AND i.starts_on >= $2::date AND i.starts_on < $3::date AND i.status <> 'cancelled'
      GROUP BY i.programme_part
     UNION ALL
     SELECT 'neighbourhood', e.neighbourhood_code, count(*)::int, sum(r.seats)::int
       FROM event_registrations r
       JOIN community_events e ON e.city_id = r.city_id AND e.event_id = r.event_id
      WHERE r.city_id = $1 AND r.attended_at IS NOT NULL
        AND e.starts_at >= ($2::date::timestamp AT TIME ZONE 'Europe/Rome')
        AND e.starts_at < ($3::date::timestamp AT TIME ZONE 'Europe/Rome')
      GROUP BY e.neighbourhood_code
     UNION ALL
     SELECT 'events', '', count(*)::int, 0 FROM community_events e
      WHERE e.city_id = $1 AND e.status = 'scheduled'
        AND e.starts_at >= ($2::date::timestamp AT TIME ZONE 'Europe/Rome')
        AND e.starts_at < ($3::date::timestamp AT TIME ZONE 'Europe/Rome')`,
    [city.id, y.from, y.to],
  );
  const suppress = (n: number) => (n < 5 ? null : n);
  const of = (dim: string) => rows.filter((r) => r.dim === dim);
  const registrations = of('neighbourhood').reduce((s, r) => s + r.n, 0);
  const seats = of('neighbourhood').reduce((s, r) => s + r.seats, 0);
  return {
    year,
    from: y.from,
    to: y.to,
    initiatives: of('hub').reduce((s, r) => s + r.n, 0),
    initiativesByCommunityPoint: Object.fromEntries(of('hub').map((r) => [r.key, r.n])),
    initiativesByProgrammePart: Object.fromEntries(of('part').map((r) => [r.key, r.n])),
    events: of('events')[0]?.n ?? 0,
    participants: { registrations: suppress(registrations), seats: suppress(seats) },
    participantsByNeighbourhood: Object.fromEntries(
      of('neighbourhood').map((r) => [r.key, suppress(r.seats)]),
    ),
    suppressedBelow: 5,
  };
}
