import type { BBox, LinearRing, PolygonalGeometry } from './types.ts';

/** Rings flattened to [x0, y0, x1, y1, ...] (closing position included) for allocation-free tests. */
type FlatPolygon = Float64Array[];

const OUTSIDE = 0;
const INSIDE = 1;
const ON_EDGE = 2;

function flattenRing(ring: LinearRing): Float64Array {
  const out = new Float64Array(ring.length * 2);
  for (let i = 0; i < ring.length; i++) {
    const p = ring[i]!;
    out[i * 2] = p[0];
    out[i * 2 + 1] = p[1];
  }
  return out;
}

function flatten(geom: PolygonalGeometry): FlatPolygon[] {
  const polygons = geom.type === 'Polygon' ? [geom.coordinates] : geom.coordinates;
  return polygons.map((rings) => rings.map(flattenRing));
}

/** Ray casting against one ring; reports points lying on an edge separately. */
function ringContains(x: number, y: number, r: Float64Array): number {
  let inside = false;
  const n = r.length;
  for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
    const xi = r[i]!;
    const yi = r[i + 1]!;
    const xj = r[j]!;
    const yj = r[j + 1]!;
    // On the segment (i, j)?
    const cross = (x - xi) * (yj - yi) - (y - yi) * (xj - xi);
    if (
      Math.abs(cross) <= 1e-12 &&
      x >= Math.min(xi, xj) &&
      x <= Math.max(xi, xj) &&
      y >= Math.min(yi, yj) &&
      y <= Math.max(yi, yj)
    ) {
      return ON_EDGE;
    }
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside ? INSIDE : OUTSIDE;
}

/** Squared distance from (x, y) to the nearest edge of any ring, longitude scaled by `k`. */
function flatDistance2(x: number, y: number, polygons: FlatPolygon[], k: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (const rings of polygons) {
    for (const r of rings) {
      for (let i = 2; i < r.length; i += 2) {
        const ax = r[i - 2]! * k;
        const ay = r[i - 1]!;
        const dx = r[i]! * k - ax;
        const dy = r[i + 1]! - ay;
        const len2 = dx * dx + dy * dy;
        let t = len2 > 0 ? ((x - ax) * dx + (y - ay) * dy) / len2 : 0;
        t = Math.max(0, Math.min(1, t));
        const ex = ax + t * dx - x;
        const ey = ay + t * dy - y;
        const d2 = ex * ex + ey * ey;
        if (d2 < best) best = d2;
      }
    }
  }
  return best;
}

function flatContains(x: number, y: number, polygons: FlatPolygon[]): boolean {
  for (const rings of polygons) {
    const outer = rings[0];
    if (!outer) continue;
    const o = ringContains(x, y, outer);
    if (o === OUTSIDE) continue;
    if (o === ON_EDGE) return true;
    let inHole = false;
    for (let h = 1; h < rings.length; h++) {
      // A point on a hole's edge is on the polygon's boundary: it counts as inside.
      if (ringContains(x, y, rings[h]!) === INSIDE) {
        inHole = true;
        break;
      }
    }
    if (!inHole) return true;
  }
  return false;
}

/** True when (lon, lat) is inside the geometry or on its boundary; holes are respected. */
export function pointInGeometry(lon: number, lat: number, geom: PolygonalGeometry): boolean {
  return flatContains(lon, lat, flatten(geom));
}

/** Bounding box of a Polygon or MultiPolygon. */
export function bbox(geom: PolygonalGeometry): BBox {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  const polygons = geom.type === 'Polygon' ? [geom.coordinates] : geom.coordinates;
  for (const rings of polygons) {
    for (const ring of rings) {
      for (const p of ring) {
        if (p[0] < minX) minX = p[0];
        if (p[0] > maxX) maxX = p[0];
        if (p[1] < minY) minY = p[1];
        if (p[1] > maxY) maxY = p[1];
      }
    }
  }
  return [minX, minY, maxX, maxY];
}

export interface GeoIndexEntry {
  id: string;
  geometry: PolygonalGeometry;
}

/**
 * Answers "which area contains this point?" for a fixed set of areas. Geometries are flattened and
 * their bboxes precomputed once, so `locate` allocates nothing. When areas overlap, the first one
 * given wins.
 */
export class GeoIndex {
  readonly size: number;
  private readonly ids: string[];
  private readonly boxes: Float64Array;
  private readonly shapes: FlatPolygon[][];

  constructor(entries: readonly GeoIndexEntry[]) {
    this.size = entries.length;
    this.ids = entries.map((e) => e.id);
    this.boxes = new Float64Array(entries.length * 4);
    this.shapes = entries.map((e) => flatten(e.geometry));
    entries.forEach((e, i) => {
      this.boxes.set(bbox(e.geometry), i * 4);
    });
  }

  /** The id of the area containing (lon, lat), or undefined when none does. */
  locate(lon: number, lat: number): string | undefined {
    const b = this.boxes;
    for (let i = 0; i < this.size; i++) {
      const k = i * 4;
      if (lon < b[k]! || lat < b[k + 1]! || lon > b[k + 2]! || lat > b[k + 3]!) continue;
      if (flatContains(lon, lat, this.shapes[i]!)) return this.ids[i];
    }
    return undefined;
  }

  /**
   * The id of the area containing (lon, lat) or, when none does, of the area whose boundary is
   * nearest (distance measured with longitude scaled by cos(lat)). Undefined only for an empty index.
   */
  nearest(lon: number, lat: number): string | undefined {
    const found = this.locate(lon, lat);
    if (found !== undefined) return found;
    const k = Math.cos((lat * Math.PI) / 180);
    let best = Number.POSITIVE_INFINITY;
    let bestId: string | undefined;
    for (let i = 0; i < this.size; i++) {
      const d2 = flatDistance2(lon * k, lat, this.shapes[i]!, k);
      if (d2 < best) {
        best = d2;
        bestId = this.ids[i];
      }
    }
    return bestId;
  }
}
