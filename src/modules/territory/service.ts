import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/index.ts';
import { AppError } from '../../kernel/errors.ts';
import { GeoIndex } from '../../kernel/geo/index.ts';
import type { Geometry } from '../../kernel/geo/types.ts';
import type { City } from '../../kernel/tenancy/registry.ts';
import { cities } from '../../kernel/tenancy/schema.ts';
import { neighbourhoods, zones } from './schema.ts';

const italian = sql`COLLATE "it-IT-x-icu"`;

export interface ZoneRef {
  code: string;
  name: string;
}
export interface NeighbourhoodRef {
  code: string;
  name: string;
}

export interface TerritoryView {
  city: { code: string; name: string; istatCode: string };
  boundariesApproximate: boolean;
  zones: Array<{
    code: string;
    name: string;
    office: { address: string | null; phone: string | null };
    neighbourhoods: Array<{ code: string; name: string; istatCode: string | null }>;
  }>;
}

/** The city's zones and neighbourhoods, zones in their order, neighbourhoods in Italian order. */
export async function getTerritory(db: Db, city: City): Promise<TerritoryView> {
  const zoneRows = await db
    .select()
    .from(zones)
    .where(eq(zones.cityId, city.id))
    .orderBy(asc(zones.sort), asc(zones.code));
  const nRows = await db
    .select({
      code: neighbourhoods.code,
      name: neighbourhoods.name,
      istatCode: neighbourhoods.istatCode,
      zoneCode: neighbourhoods.zoneCode,
      approximate: neighbourhoods.boundaryApproximate,
    })
    .from(neighbourhoods)
    .where(eq(neighbourhoods.cityId, city.id))
    .orderBy(sql`${neighbourhoods.name} ${italian}`);
  return {
    city: { code: city.code, name: city.name, istatCode: city.istatCode },
    boundariesApproximate: nRows.some((n) => n.approximate),
    zones: zoneRows.map((z) => ({
      code: z.code,
      name: z.name,
      office: { address: z.officeAddress, phone: z.officePhone },
      neighbourhoods: nRows
        .filter((n) => n.zoneCode === z.code)
        .map((n) => ({ code: n.code, name: n.name, istatCode: n.istatCode })),
    })),
  };
}

export interface NeighbourhoodView {
  code: string;
  name: string;
  istatCode: string | null;
  alsoCalled: string | null;
  zone: { code: string; name: string; office: { address: string | null; phone: string | null } };
  point: { lat: number; lon: number; source: string };
  boundary: Geometry;
  boundaryApproximate: boolean;
  boundarySource: string;
}

export async function getNeighbourhood(db: Db, city: City, code: string): Promise<NeighbourhoodView> {
  const [row] = await db
    .select({ n: neighbourhoods, z: zones })
    .from(neighbourhoods)
    .innerJoin(zones, and(eq(zones.cityId, neighbourhoods.cityId), eq(zones.code, neighbourhoods.zoneCode)))
    .where(and(eq(neighbourhoods.cityId, city.id), eq(neighbourhoods.code, code)));
  if (!row) throw new AppError('not_found', { resource: 'neighbourhood', id: code });
  const { n, z } = row;
  return {
    code: n.code,
    name: n.name,
    istatCode: n.istatCode,
    alsoCalled: n.alsoCalled,
    zone: { code: z.code, name: z.name, office: { address: z.officeAddress, phone: z.officePhone } },
    point: { lat: n.pointLat, lon: n.pointLon, source: n.pointSource },
    boundary: n.boundary as Geometry,
    boundaryApproximate: n.boundaryApproximate,
    boundarySource: n.boundarySource,
  };
}

export interface NeighbourhoodFeature {
  type: 'Feature';
  id: string;
  properties: {
    code: string;
    name: string;
    zoneCode: string;
    zoneName: string;
    istatCode: string | null;
    approximate: boolean;
  };
  geometry: Geometry;
}

/** All neighbourhoods as a GeoJSON FeatureCollection, for maps. */
export async function getMap(
  db: Db,
  city: City,
): Promise<{ type: 'FeatureCollection'; approximate: boolean; features: NeighbourhoodFeature[] }> {
  const rows = await db
    .select({ n: neighbourhoods, zoneName: zones.name })
    .from(neighbourhoods)
    .innerJoin(zones, and(eq(zones.cityId, neighbourhoods.cityId), eq(zones.code, neighbourhoods.zoneCode)))
    .where(eq(neighbourhoods.cityId, city.id))
    .orderBy(asc(neighbourhoods.code));
  return {
    type: 'FeatureCollection',
    approximate: rows.some((r) => r.n.boundaryApproximate),
    features: rows.map(({ n, zoneName }) => ({
      type: 'Feature',
      id: n.code,
      properties: {
        code: n.code,
        name: n.name,
        zoneCode: n.zoneCode,
        zoneName,
        istatCode: n.istatCode,
        approximate: n.boundaryApproximate,
      },
      geometry: n.boundary as Geometry,
    })),
  };
}

export async function getCityBoundary(
  db: Db,
  city: City,
): Promise<{
  type: 'Feature';
  properties: { code: string; name: string; source: string | null };
  geometry: Geometry;
}> {
  const [row] = await db
    .select({ boundary: cities.boundary, source: cities.boundarySource })
    .from(cities)
    .where(eq(cities.cityId, city.id));
  if (!row) throw new AppError('not_found', { resource: 'city', id: city.code });
  return {
    type: 'Feature',
    properties: { code: city.code, name: city.name, source: row.source },
    geometry: row.boundary as Geometry,
  };
}

interface Located {
  neighbourhood: NeighbourhoodRef;
  zone: ZoneRef;
  approximate: boolean;
}

interface CityIndex {
  index: GeoIndex;
  boundary: GeoIndex;
  byCode: Map<string, Located>;
  loadedAt: number;
}

/**
 * Point-in-polygon runs in memory: boundaries change only on import, so each server keeps an
 * index per city, rebuilt on import (same process) and at most every `indexTtlMs` (other servers).
 */
const indexTtlMs = 5 * 60_000;
const indexes = new Map<number, Promise<CityIndex>>();

async function buildIndex(db: Db, city: City): Promise<CityIndex> {
  const map = await getMap(db, city);
  const boundary = await getCityBoundary(db, city);
  const byCode = new Map<string, Located>();
  for (const f of map.features) {
    byCode.set(f.properties.code, {
      neighbourhood: { code: f.properties.code, name: f.properties.name },
      zone: { code: f.properties.zoneCode, name: f.properties.zoneName },
      approximate: f.properties.approximate,
    });
  }
  return {
    index: new GeoIndex(map.features.map((f) => ({ id: f.properties.code, geometry: f.geometry }))),
    boundary: new GeoIndex([{ id: city.code, geometry: boundary.geometry }]),
    byCode,
    loadedAt: Date.now(),
  };
}

async function cityIndex(db: Db, city: City): Promise<CityIndex> {
  let entry = indexes.get(city.id);
  if (entry) {
    const loaded = await entry;
    if (Date.now() - loaded.loadedAt < indexTtlMs) return loaded;
  }
  entry = buildIndex(db, city);
  indexes.set(city.id, entry);
  entry.catch(() => indexes.delete(city.id));
  return entry;
}

export function invalidateTerritoryCache(cityId: number): void {
  indexes.delete(cityId);
}

/**
 * The neighbourhood and zone that contain a point, or undefined when it is outside the city.
 * A point inside the municipal boundary but in a gap between imported boundaries goes to the
 * nearest neighbourhood cell, so every place in the city has a neighbourhood.
 */
export async function locatePoint(
  db: Db,
  city: City,
  lat: number,
  lon: number,
): Promise<Located | undefined> {
  const idx = await cityIndex(db, city);
  const code = idx.index.locate(lon, lat);
  if (code) return idx.byCode.get(code);
  if (!idx.boundary.locate(lon, lat)) return undefined;
  const nearest = idx.index.nearest(lon, lat);
  return nearest ? idx.byCode.get(nearest) : undefined;
}

/** Like locatePoint, but a point outside the city is a 404 `outside_city` problem. */
export async function requirePointInCity(db: Db, city: City, lat: number, lon: number): Promise<Located> {
  const found = await locatePoint(db, city, lat, lon);
  if (!found) throw new AppError('outside_city', { city: city.name });
  return found;
}

/** A neighbourhood and its zone by code, or a 404 problem. */
export async function neighbourhoodRef(db: Db, city: City, code: string): Promise<Located> {
  const idx = await cityIndex(db, city);
  const found = idx.byCode.get(code);
  if (!found) throw new AppError('not_found', { resource: 'neighbourhood', id: code });
  return found;
}
