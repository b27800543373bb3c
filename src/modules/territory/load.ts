import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import { AppError } from '../../kernel/errors.ts';
import { pointInGeometry, voronoiCells } from '../../kernel/geo/index.ts';
import type { Geometry } from '../../kernel/geo/types.ts';
import { GeometrySchema } from '../../kernel/geo/validate.ts';
import { invalidateTerritoryCache } from './service.ts';

/** Minimal RFC 4180 CSV reader for our own data files (quoted fields, commas, doubled quotes). */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else field += c;
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  const [header = [], ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h.trim(), (r[i] ?? '').trim()])));
}

export interface CityFiles {
  city: {
    code: string;
    name: string;
    istatCode: string;
    province?: string;
    region?: string;
    timezone?: string;
    center: { lat: number; lon: number };
    hosts?: string[];
  };
  boundary: Geometry;
  boundarySource: string | null;
  zones: { code: string; name: string; officeAddress: string | null; officePhone: string | null }[];
  neighbourhoods: {
    code: string;
    name: string;
    zone: string;
    istatCode: string | null;
    alsoCalled: string | null;
    lat: number;
    lon: number;
    pointSource: string;
  }[];
}

/** Reads a city folder shaped like data/cities/brescia (see its README). */
export async function readCityFolder(dir: string): Promise<CityFiles> {
  const read = (name: string) => readFile(path.join(dir, name), 'utf8');
  const city = JSON.parse(await read('city.json')) as CityFiles['city'];
  const boundaryFile = JSON.parse(await read('boundary.geojson')) as {
    type: string;
    features?: { geometry: unknown; properties?: { source?: string } }[];
    geometry?: unknown;
  };
  const feature = boundaryFile.features?.[0] ?? boundaryFile;
  const boundary = GeometrySchema.parse((feature as { geometry: unknown }).geometry) as Geometry;
  const zones = parseCsv(await read('zones.csv')).map((z) => ({
    code: z.code ?? '',
    name: z.name ?? '',
    officeAddress: z.office_address || null,
    officePhone: z.office_phone || null,
  }));
  const points = new Map(parseCsv(await read('neighbourhood-points.csv')).map((p) => [p.code, p]));
  const neighbourhoods = parseCsv(await read('neighbourhoods.csv')).map((n) => {
    const p = points.get(n.code ?? '');
    if (!p) throw new Error(`${dir}: neighbourhood ${n.code} has no point in neighbourhood-points.csv`);
    return {
      code: n.code ?? '',
      name: n.name ?? '',
      zone: n.zone ?? '',
      istatCode: n.istat_asc || null,
      alsoCalled: n.also_called || null,
      lat: Number(p.lat),
      lon: Number(p.lon),
      pointSource: p.source ?? '',
    };
  });
  for (const n of neighbourhoods) {
    if (!zones.some((z) => z.code === n.zone))
      throw new Error(`${dir}: ${n.code} names unknown zone ${n.zone}`);
    if (!pointInGeometry(n.lon, n.lat, boundary))
      throw new Error(`${dir}: the point of ${n.code} is outside the city`);
  }
  const props = (boundaryFile.features?.[0]?.properties ?? {}) as { source?: string };
  return { city, boundary, boundarySource: props.source ?? null, zones, neighbourhoods };
}

const approxSource =
  'approximate: Voronoi cell of the representative point, clipped to the municipal boundary';

/**
 * Creates or updates a city and its territory from its files, in one transaction. Neighbourhood
 * boundaries already imported from an official source are kept; the others are (re)derived.
 * Returns the city id.
 */
export async function upsertCityTerritory(pool: pg.Pool, files: CityFiles, isDemo: boolean): Promise<number> {
  const cells = voronoiCells(
    files.neighbourhoods.map((n) => ({ id: n.code, lon: n.lon, lat: n.lat })),
    files.boundary,
  );
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const c = files.city;
    const { rows } = await client.query<{ city_id: number }>(
      `INSERT INTO cities (code, name, istat_code, province, region, timezone, center_lat, center_lon,
                           boundary, boundary_source, hosts, is_demo)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, istat_code = EXCLUDED.istat_code,
         province = EXCLUDED.province, region = EXCLUDED.region, timezone = EXCLUDED.timezone,
         center_lat = EXCLUDED.center_lat, center_lon = EXCLUDED.center_lon, boundary = EXCLUDED.boundary,
         boundary_source = EXCLUDED.boundary_source, updated_at = now()
       RETURNING city_id`,
      [
        c.code,
        c.name,
        c.istatCode,
        c.province ?? null,
        c.region ?? null,
        c.timezone ?? 'Europe/Rome',
        c.center.lat,
        c.center.lon,
        JSON.stringify(files.boundary),
        files.boundarySource,
        c.hosts ?? [],
        isDemo,
      ],
    );
    const cityId = rows[0]!.city_id;
    for (const [sort, z] of files.zones.entries()) {
      await client.query(
        `INSERT INTO zones (city_id, code, name, office_address, office_phone, sort) VALUES ($1,$2,$3,$4,$5,$6)
         ON CONFLICT (city_id, code) DO UPDATE SET name = EXCLUDED.name, office_address = EXCLUDED.office_address,
           office_phone = EXCLUDED.office_phone, sort = EXCLUDED.sort`,
        [cityId, z.code, z.name, z.officeAddress, z.officePhone, sort],
      );
    }
    for (const n of files.neighbourhoods) {
      const cell = cells.get(n.code);
      if (!cell) throw new Error(`No boundary could be derived for ${n.code}`);
      await client.query(
        `INSERT INTO neighbourhoods (city_id, code, name, zone_code, istat_code, also_called, point_lat, point_lon,
                                     point_source, boundary, boundary_approximate, boundary_source)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,true,$11)
         ON CONFLICT (city_id, code) DO UPDATE SET name = EXCLUDED.name, zone_code = EXCLUDED.zone_code,
           istat_code = EXCLUDED.istat_code, also_called = EXCLUDED.also_called, point_lat = EXCLUDED.point_lat,
           point_lon = EXCLUDED.point_lon, point_source = EXCLUDED.point_source,
           boundary = CASE WHEN neighbourhoods.boundary_approximate THEN EXCLUDED.boundary ELSE neighbourhoods.boundary END,
           boundary_source = CASE WHEN neighbourhoods.boundary_approximate THEN EXCLUDED.boundary_source
                                  ELSE neighbourhoods.boundary_source END,
           updated_at = now()`,
        [
          cityId,
          n.code,
          n.name,
          n.zone,
          n.istatCode,
          n.alsoCalled,
          n.lat,
          n.lon,
          n.pointSource,
          JSON.stringify(cell),
          approxSource,
        ],
      );
    }
    await client.query('COMMIT');
    invalidateTerritoryCache(cityId);
    return cityId;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

export interface ImportReport {
  updated: { code: string; matchedBy: 'code' | 'istat' | 'name' }[];
  unmatchedFeatures: { index: number; label: string }[];
  /** Neighbourhoods the file did not cover: their boundaries stay as they were. */
  notCovered: string[];
}

const slug = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * Replaces neighbourhood boundaries with official ones from a GeoJSON FeatureCollection
 * (OpenStreetMap admin_level 10, ISTAT ASC, or the city's own), matching each feature by
 * code, ISTAT code or name. All or nothing: a file with an invalid geometry changes nothing.
 */
export async function importNeighbourhoodBoundaries(
  pool: pg.Pool,
  cityId: number,
  collection: unknown,
  source: string,
): Promise<ImportReport> {
  const fc = collection as {
    type?: string;
    features?: { properties?: Record<string, unknown>; geometry?: unknown }[];
  };
  if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    throw new AppError(
      'validation',
      {},
      { fields: [{ field: 'file', message: 'not a GeoJSON FeatureCollection' }] },
    );
  }
  const { rows: current } = await pool.query<{ code: string; name: string; istat_code: string | null }>(
    'SELECT code, name, istat_code FROM neighbourhoods WHERE city_id = $1',
    [cityId],
  );
  const byCode = new Map(current.map((n) => [n.code, n.code]));
  const byIstat = new Map(current.filter((n) => n.istat_code).map((n) => [n.istat_code!, n.code]));
  const byName = new Map(current.map((n) => [slug(n.name), n.code]));
  const report: ImportReport = { updated: [], unmatchedFeatures: [], notCovered: [] };
  const updates = new Map<string, Geometry>();
  const fields: { field: string; message: string }[] = [];
  fc.features.forEach((feature, index) => {
    const p = feature.properties ?? {};
    const str = (k: string) => (p[k] === undefined || p[k] === null ? undefined : String(p[k]));
    const istat = str('istat_asc') ?? str('istatCode') ?? str('COM_ASC1') ?? str('ref:ISTAT') ?? str('ref');
    const code = str('code');
    const name = str('name') ?? str('NOME') ?? str('nome');
    let match: { code: string; matchedBy: 'code' | 'istat' | 'name' } | undefined;
    if (code && byCode.has(code)) match = { code, matchedBy: 'code' };
    else if (istat && byIstat.has(istat)) match = { code: byIstat.get(istat)!, matchedBy: 'istat' };
    else if (name && byName.has(slug(name))) match = { code: byName.get(slug(name))!, matchedBy: 'name' };
    if (!match) {
      report.unmatchedFeatures.push({ index, label: name ?? code ?? istat ?? `#${index}` });
      return;
    }
    const geometry = GeometrySchema.safeParse(feature.geometry);
    if (!geometry.success) {
      fields.push({
        field: `features.${index}.geometry`,
        message: geometry.error.issues[0]?.message ?? 'invalid',
      });
      return;
    }
    updates.set(match.code, geometry.data as Geometry);
    report.updated.push(match);
  });
  if (fields.length > 0) throw new AppError('validation', {}, { fields });
  report.notCovered = current.map((n) => n.code).filter((c) => !updates.has(c));
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    for (const [code, geometry] of updates) {
      await client.query(
        `UPDATE neighbourhoods SET boundary = $3, boundary_approximate = false, boundary_source = $4, updated_at = now()
          WHERE city_id = $1 AND code = $2`,
        [cityId, code, JSON.stringify(geometry), source],
      );
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
  invalidateTerritoryCache(cityId);
  return report;
}
