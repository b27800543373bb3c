import { Delaunay } from 'd3-delaunay';
import polygonClipping from 'polygon-clipping';
import { bbox } from './point-in-polygon.ts';
import type { LinearRing, PolygonalGeometry, Position } from './types.ts';

export interface VoronoiSite<Id extends string = string> {
  id: Id;
  lon: number;
  lat: number;
}

type Pair = [number, number];

const round6 = (v: number): number => Math.round(v * 1e6) / 1e6;

function clipRings(geom: PolygonalGeometry): Pair[][][] {
  const polygons = geom.type === 'Polygon' ? [geom.coordinates] : geom.coordinates;
  return polygons.map((rings) => rings.map((ring) => ring.map((p): Pair => [p[0], p[1]])));
}

/** Rounds a ring to 6 decimals, drops repeated positions, keeps it closed; null when it degenerates. */
function roundRing(ring: Pair[]): LinearRing | null {
  const out: Position[] = [];
  for (const [x, y] of ring) {
    const p: Position = [round6(x), round6(y)];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) out.push([first[0], first[1]]);
  return out.length >= 4 ? out : null;
}

function toGeometry(multi: Pair[][][]): PolygonalGeometry | null {
  const polygons: LinearRing[][] = [];
  for (const rings of multi) {
    const outer = rings[0] ? roundRing(rings[0]) : null;
    if (!outer) continue;
    const holes = rings.slice(1).map(roundRing);
    polygons.push([outer, ...holes.filter((h): h is LinearRing => h !== null)]);
  }
  if (polygons.length === 0) return null;
  if (polygons.length === 1) return { type: 'Polygon', coordinates: polygons[0]! };
  return { type: 'MultiPolygon', coordinates: polygons };
}

/**
 * Voronoi cells of `sites`, each intersected with `clip`. Computed in a local equirectangular
 * projection (longitude scaled by cos(mean latitude)) so cells are not stretched east-west.
 * Sites whose cell does not meet `clip` (e.g. sites outside it) are absent from the result.
 * Coordinates are rounded to 6 decimals (about 0.1 m).
 */
export function voronoiCells<Id extends string>(
  sites: readonly VoronoiSite<Id>[],
  clip: PolygonalGeometry,
): Map<Id, PolygonalGeometry> {
  const result = new Map<Id, PolygonalGeometry>();
  if (sites.length === 0) return result;
  const ids = new Set<string>();
  const seen = new Set<string>();
  for (const s of sites) {
    if (ids.has(s.id)) throw new Error(`voronoiCells: duplicate id ${s.id}`);
    ids.add(s.id);
    const key = `${s.lon},${s.lat}`;
    if (seen.has(key)) throw new Error(`voronoiCells: ${s.id} has the same position as another site`);
    seen.add(key);
  }

  const meanLat = sites.reduce((sum, s) => sum + s.lat, 0) / sites.length;
  const k = Math.cos((meanLat * Math.PI) / 180);
  const [minLon, minLat, maxLon, maxLat] = bbox(clip);
  let x0 = minLon * k;
  let y0 = minLat;
  let x1 = maxLon * k;
  let y1 = maxLat;
  for (const s of sites) {
    x0 = Math.min(x0, s.lon * k);
    x1 = Math.max(x1, s.lon * k);
    y0 = Math.min(y0, s.lat);
    y1 = Math.max(y1, s.lat);
  }
  const margin = Math.max(x1 - x0, y1 - y0) * 0.1 + 1e-6;
  const delaunay = Delaunay.from(
    sites,
    (s) => s.lon * k,
    (s) => s.lat,
  );
  const voronoi = delaunay.voronoi([x0 - margin, y0 - margin, x1 + margin, y1 + margin]);
  const clipGeom = clipRings(clip);

  sites.forEach((site, i) => {
    const cell = voronoi.cellPolygon(i);
    if (!cell) return;
    const ring = cell.map(([x, y]): Pair => [x / k, y]);
    const clipped = polygonClipping.intersection([ring], clipGeom);
    const geometry = toGeometry(clipped);
    if (geometry) result.set(site.id, geometry);
  });
  return result;
}
