import type pg from 'pg';
import type { Queryable } from '../../kernel/audit/index.ts';
import type { Database, Db } from '../../kernel/db/index.ts';
import { AppError } from '../../kernel/errors.ts';
import { italianCollator } from '../../kernel/i18n/index.ts';
import type { City } from '../../kernel/tenancy/registry.ts';
import { getTerritory, locatePoint, neighbourhoodRef } from '../territory/index.ts';

export interface OpeningHours {
  /** 1 = Monday … 7 = Sunday. */
  day: number;
  opens: string;
  closes: string;
}

export interface CommunityPoint {
  id: string;
  slug: string;
  name: string;
  description: string;
  hostName: string;
  hostOrganizationId: string | null;
  address: string;
  lat: number;
  lon: number;
  neighbourhood: { code: string; name: string };
  zone: { code: string; name: string };
  phone: string | null;
  email: string | null;
  hours: OpeningHours[];
  neighbourhoodCodes: string[];
  isDemo: boolean;
  active: boolean;
}

interface Row {
  community_point_id: string;
  slug: string;
  name: string;
  description: string;
  host_name: string;
  host_organization_id: string | null;
  address: string;
  lat: number;
  lon: number;
  neighbourhood_code: string;
  neighbourhood_name: string;
  zone_code: string;
  zone_name: string;
  phone: string | null;
  email: string | null;
  hours: OpeningHours[];
  neighbourhood_codes: string[];
  is_demo: boolean;
  active: boolean;
}

const select = `
  SELECT p.community_point_id, p.slug, p.name, p.description, p.host_name, p.host_organization_id, p.address,
         p.lat, p.lon, p.neighbourhood_code, n.name AS neighbourhood_name, p.zone_code, z.name AS zone_name,
         p.phone, p.email, p.hours, p.is_demo, p.active,
         coalesce((SELECT array_agg(s.neighbourhood_code ORDER BY s.neighbourhood_code)
                     FROM community_point_neighbourhoods s
                    WHERE s.city_id = p.city_id AND s.community_point_id = p.community_point_id), '{}') AS neighbourhood_codes
    FROM community_points p
    JOIN neighbourhoods n ON n.city_id = p.city_id AND n.code = p.neighbourhood_code
    JOIN zones z ON z.city_id = p.city_id AND z.code = p.zone_code`;

const toPoint = (r: Row): CommunityPoint => ({
  id: r.community_point_id,
  slug: r.slug,
  name: r.name,
  description: r.description,
  hostName: r.host_name,
  hostOrganizationId: r.host_organization_id,
  address: r.address,
  lat: r.lat,
  lon: r.lon,
  neighbourhood: { code: r.neighbourhood_code, name: r.neighbourhood_name },
  zone: { code: r.zone_code, name: r.zone_name },
  phone: r.phone,
  email: r.email,
  hours: r.hours,
  neighbourhoodCodes: r.neighbourhood_codes,
  isDemo: r.is_demo,
  active: r.active,
});

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The city's hubs, sorted by name (Italian collation); filtered by a neighbourhood served or a zone. */
export async function listCommunityPoints(
  q: Queryable,
  city: City,
  filter: { neighbourhood?: string; zone?: string; includeInactive?: boolean } = {},
): Promise<CommunityPoint[]> {
  const params: unknown[] = [city.id];
  const where = ['p.city_id = $1'];
  if (!filter.includeInactive) where.push('p.active');
  if (filter.zone) {
    params.push(filter.zone);
    where.push(`p.zone_code = $${params.length}`);
  }
  if (filter.neighbourhood) {
    params.push(filter.neighbourhood);
    where.push(`EXISTS (SELECT 1 FROM community_point_neighbourhoods s WHERE s.city_id = p.city_id
                 AND s.community_point_id = p.community_point_id AND s.neighbourhood_code = $${params.length})`);
  }
  const { rows } = await q.query<Row>(`${select} WHERE ${where.join(' AND ')}`, params);
  return rows.map(toPoint).sort((a, b) => italianCollator.compare(a.name, b.name));
}

/** One hub by id or slug, or a 404 problem. */
export async function getCommunityPoint(q: Queryable, city: City, idOrSlug: string): Promise<CommunityPoint> {
  const column = uuidPattern.test(idOrSlug) ? 'p.community_point_id::text' : 'p.slug';
  const { rows } = await q.query<Row>(`${select} WHERE p.city_id = $1 AND ${column} = $2`, [
    city.id,
    idOrSlug,
  ]);
  if (!rows[0]) throw new AppError('not_found', { resource: 'community_point', id: idOrSlug });
  return toPoint(rows[0]);
}

/** Whether the city has a hub with this slug (active or not). */
export async function communityPointExists(q: Queryable, city: City, slug: string): Promise<boolean> {
  const { rowCount } = await q.query('SELECT 1 FROM community_points WHERE city_id = $1 AND slug = $2', [
    city.id,
    slug,
  ]);
  return (rowCount ?? 0) > 0;
}

export interface UncoveredNeighbourhood {
  code: string;
  name: string;
  zone: { code: string; name: string };
}

/**
 * The city's neighbourhoods that no ACTIVE hub among `points` serves (their help requests go to the
 * zone's office), zone by zone in the city's order, names in Italian order.
 */
export async function uncoveredNeighbourhoods(
  db: Db,
  city: City,
  points: CommunityPoint[],
): Promise<UncoveredNeighbourhood[]> {
  const served = new Set(points.filter((p) => p.active).flatMap((p) => p.neighbourhoodCodes));
  const territory = await getTerritory(db, city);
  return territory.zones.flatMap((z) =>
    z.neighbourhoods
      .filter((n) => !served.has(n.code))
      .map((n) => ({ code: n.code, name: n.name, zone: { code: z.code, name: z.name } })),
  );
}

/** What routing needs of a hub, held in memory per city. */
export interface RoutingPoint {
  id: string;
  slug: string;
  name: string;
  lat: number;
  lon: number;
  email: string | null;
  neighbourhoodCodes: string[];
}

interface RoutingTable {
  loadedAt: number;
  byId: Map<string, RoutingPoint>;
  bySlug: Map<string, RoutingPoint>;
  byNeighbourhood: Map<string, RoutingPoint[]>;
}

const tables = new Map<number, Promise<RoutingTable>>();
const tableTtlMs = 30_000;

/** Forgets the cached routing table of a city (after its hubs changed on this server). */
export function invalidateRoutingTable(cityId: number): void {
  tables.delete(cityId);
}

async function loadTable(q: Queryable, city: City): Promise<RoutingTable> {
  const points = await listCommunityPoints(q, city);
  const table: RoutingTable = {
    loadedAt: Date.now(),
    byId: new Map(),
    bySlug: new Map(),
    byNeighbourhood: new Map(),
  };
  for (const p of points) {
    const r: RoutingPoint = {
      id: p.id,
      slug: p.slug,
      name: p.name,
      lat: p.lat,
      lon: p.lon,
      email: p.email,
      neighbourhoodCodes: p.neighbourhoodCodes,
    };
    table.byId.set(r.id, r);
    table.bySlug.set(r.slug, r);
    for (const code of r.neighbourhoodCodes) {
      const list = table.byNeighbourhood.get(code) ?? [];
      list.push(r);
      table.byNeighbourhood.set(code, list);
    }
  }
  return table;
}

/**
 * The active hubs of a city, for routing: cached in memory for 30 s (hubs change rarely; a change
 * made on this server is seen at once, on another within 30 s).
 */
export async function routingTable(q: Queryable, city: City): Promise<RoutingTable> {
  const cached = tables.get(city.id);
  if (cached) {
    const table = await cached;
    if (Date.now() - table.loadedAt < tableTtlMs) return table;
  }
  const loading = loadTable(q, city);
  tables.set(city.id, loading);
  loading.catch(() => tables.delete(city.id));
  return loading;
}

const metres = (aLat: number, aLon: number, bLat: number, bLon: number): number => {
  const k = Math.PI / 180;
  const x = (bLon - aLon) * k * Math.cos(((aLat + bLat) / 2) * k);
  const y = (bLat - aLat) * k;
  return Math.sqrt(x * x + y * y) * 6_371_000;
};

/** The hub serving a neighbourhood: the nearest to the point when several serve it. */
export async function hubServing(
  q: Queryable,
  city: City,
  neighbourhoodCode: string,
  point?: { lat: number; lon: number },
): Promise<RoutingPoint | undefined> {
  const candidates = (await routingTable(q, city)).byNeighbourhood.get(neighbourhoodCode) ?? [];
  if (candidates.length <= 1 || !point) return candidates[0];
  return candidates.reduce((best, p) =>
    metres(point.lat, point.lon, p.lat, p.lon) < metres(point.lat, point.lon, best.lat, best.lon) ? p : best,
  );
}

export interface CommunityPointInput {
  slug: string;
  name: string;
  description?: string;
  hostName: string;
  hostOrganizationId?: string | null;
  address: string;
  lat: number;
  lon: number;
  phone?: string | null;
  email?: string | null;
  hours?: OpeningHours[];
  neighbourhoodCodes: string[];
  active?: boolean;
  isDemo?: boolean;
}

/**
 * Creates or replaces a hub (by slug) with the neighbourhoods it serves, in the caller's transaction.
 * Its place is resolved from its point: a point outside the city is a 404 `outside_city` problem.
 */
export async function upsertCommunityPoint(
  client: pg.PoolClient,
  database: Database,
  city: City,
  input: CommunityPointInput,
): Promise<string> {
  const located = await locatePoint(database.db, city, input.lat, input.lon);
  if (!located) throw new AppError('outside_city', { city: city.name });
  for (const code of input.neighbourhoodCodes) await neighbourhoodRef(database.db, city, code);
  const { rows } = await client.query<{ community_point_id: string }>(
    `INSERT INTO community_points (city_id, slug, name, description, host_name, host_organization_id, address, lat, lon,
                                   neighbourhood_code, zone_code, phone, email, hours, is_demo, active)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16)
     ON CONFLICT (city_id, slug) DO UPDATE SET
       name = excluded.name, description = excluded.description, host_name = excluded.host_name,
       host_organization_id = excluded.host_organization_id, address = excluded.address, lat = excluded.lat,
       lon = excluded.lon, neighbourhood_code = excluded.neighbourhood_code, zone_code = excluded.zone_code,
       phone = excluded.phone, email = excluded.email, hours = excluded.hours, active = excluded.active,
       updated_at = now()
     RETURNING community_point_id`,
    [
      city.id,
      input.slug,
      input.name,
      input.description ?? '',
      input.hostName,
      input.hostOrganizationId ?? null,
      input.address,
      input.lat,
      input.lon,
      located.neighbourhood.code,
      located.zone.code,
      input.phone ?? null,
      input.email ?? null,
      JSON.stringify(input.hours ?? []),
      input.isDemo ?? false,
      input.active ?? true,
    ],
  );
  const id = rows[0]!.community_point_id;
  await client.query(
    'DELETE FROM community_point_neighbourhoods WHERE city_id = $1 AND community_point_id = $2',
    [city.id, id],
  );
  await client.query(
    `INSERT INTO community_point_neighbourhoods (city_id, community_point_id, neighbourhood_code)
     SELECT $1, $2, unnest($3::text[])`,
    [city.id, id, [...new Set(input.neighbourhoodCodes)]],
  );
  invalidateRoutingTable(city.id);
  return id;
}
