import type { CandidateGraph, MatchOptions, MatchRequest, MatchVolunteer } from './types.ts';

export const defaults = {
  candidatesPerRequest: 20,
  defaultMaxDistanceKm: 5,
  balanceMetresPerTask: 100,
} as const;

const EARTH_KM = 6371.0088;
const RAD = Math.PI / 180;

/** Local equirectangular projection (km) around a reference latitude/longitude. */
export interface Projection {
  x(lon: number): number;
  y(lat: number): number;
}

export function projection(lat0: number, lon0: number): Projection {
  const kx = EARTH_KM * RAD * Math.cos(lat0 * RAD);
  const ky = EARTH_KM * RAD;
  return { x: (lon) => (lon - lon0) * kx, y: (lat) => (lat - lat0) * ky };
}

/** Straight-line distance (km) on the local projection centred between the two points. */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const kx = EARTH_KM * RAD * Math.cos(((lat1 + lat2) / 2) * RAD);
  const dx = (lon2 - lon1) * kx;
  const dy = (lat2 - lat1) * EARTH_KM * RAD;
  return Math.sqrt(dx * dx + dy * dy);
}

/**
 * The grid works in one projection centred on the data, the rules in `distanceKm` (centred on each
 * pair); within a city (< 1° across) they differ by well under 1%, so searching 1% wider is exact.
 */
const SLACK = 1.01;

const located = (p: { lat: number; lon: number }) => Number.isFinite(p.lat) && Number.isFinite(p.lon);

function checkIds(items: readonly { id: string }[], what: string): void {
  const seen = new Set<string>();
  for (const it of items) {
    if (seen.has(it.id)) throw new Error(`matching: duplicate ${what} id ${it.id}`);
    seen.add(it.id);
  }
}

/** A volunteer's range (km). */
export function rangeKm(v: MatchVolunteer, options: MatchOptions = {}): number {
  return v.maxDistanceKm ?? options.defaultMaxDistanceKm ?? defaults.defaultMaxDistanceKm;
}

/**
 * Whether `v` may take `r`, by the rules alone (not by K): every needed skill, clearance when
 * needed, capacity left, within the volunteer's range, and (with `neighbourhoods: 'restrict'`)
 * the request's neighbourhood among the volunteer's when both are known.
 */
export function eligible(r: MatchRequest, v: MatchVolunteer, options: MatchOptions = {}): boolean {
  if (!(v.capacity > 0) || !located(r) || !located(v)) return false;
  if (r.needsClearance && !v.cleared) return false;
  for (const s of r.skills) if (!v.skills.includes(s)) return false;
  if (options.neighbourhoods === 'restrict' && r.neighbourhoodCode && v.neighbourhoodCodes?.length) {
    if (!v.neighbourhoodCodes.includes(r.neighbourhoodCode)) return false;
  }
  return distanceKm(r.lat, r.lon, v.lat, v.lon) <= rangeKm(v, options);
}

interface Group {
  /** Needed-skill bits, `words` 32-bit words. */
  mask: Uint32Array;
  clearance: boolean;
  neighbourhood: string | undefined;
  requests: number[];
}

/**
 * The candidate graph: for each request, its K nearest eligible volunteers (nearest first).
 * Requests sharing a requirement (skills, clearance, neighbourhood) share one uniform grid over
 * the volunteers eligible for it, searched ring by ring outwards until K are found and no nearer
 * one can remain, or the ring passes the group's longest range.
 */
export function buildCandidateGraph(
  requests: readonly MatchRequest[],
  volunteers: readonly MatchVolunteer[],
  options: MatchOptions = {},
): CandidateGraph {
  const t0 = performance.now();
  checkIds(requests, 'request');
  checkIds(volunteers, 'volunteer');
  const K = Math.max(1, Math.floor(options.candidatesPerRequest ?? defaults.candidatesPerRequest));
  const restrict = options.neighbourhoods === 'restrict';
  const R = requests.length;
  const V = volunteers.length;

  // Projection centred on the data.
  let sumLat = 0;
  let sumLon = 0;
  let n = 0;
  for (const p of [...requests, ...volunteers]) {
    if (!located(p)) continue;
    sumLat += p.lat;
    sumLon += p.lon;
    n++;
  }
  const proj = projection(n ? sumLat / n : 0, n ? sumLon / n : 0);
  const vx = new Float64Array(V);
  const vy = new Float64Array(V);
  const vRange = new Float64Array(V);
  const capacity = new Int32Array(V);
  const currentLoad = new Int32Array(V);
  for (let j = 0; j < V; j++) {
    const v = volunteers[j]!;
    vx[j] = proj.x(v.lon);
    vy[j] = proj.y(v.lat);
    vRange[j] = rangeKm(v, options);
    capacity[j] = v.capacity > 0 ? Math.floor(v.capacity) : 0;
    currentLoad[j] = Math.max(0, Math.floor(v.currentLoad || 0));
  }

  // Skills that some request needs, as bits.
  const bit = new Map<string, number>();
  for (const r of requests) for (const s of r.skills) if (!bit.has(s)) bit.set(s, bit.size);
  const words = Math.max(1, Math.ceil(bit.size / 32));
  const vMask = new Uint32Array(V * words);
  for (let j = 0; j < V; j++) {
    for (const s of volunteers[j]!.skills) {
      const b = bit.get(s);
      if (b !== undefined) vMask[j * words + (b >>> 5)]! |= 1 << (b & 31);
    }
  }

  // Requests grouped by requirement.
  const groups = new Map<string, Group>();
  for (let i = 0; i < R; i++) {
    const r = requests[i]!;
    if (!located(r)) continue;
    const mask = new Uint32Array(words);
    for (const s of r.skills) {
      const b = bit.get(s)!;
      mask[b >>> 5]! |= 1 << (b & 31);
    }
    const clearance = r.needsClearance === true;
    const neighbourhood = restrict ? r.neighbourhoodCode || undefined : undefined;
    const key = `${mask.join(',')}|${clearance ? 1 : 0}|${neighbourhood ?? ''}`;
    let g = groups.get(key);
    if (!g) {
      g = { mask, clearance, neighbourhood, requests: [] };
      groups.set(key, g);
    }
    g.requests.push(i);
  }

  const arcCount = new Int32Array(R);
  const arcVol = new Int32Array(R * K);
  const arcKm = new Float64Array(R * K);
  const bestD = new Float64Array(K);
  const bestV = new Int32Array(K);
  const members: number[] = [];

  for (const g of groups.values()) {
    // Volunteers eligible for the whole group (all but the distance).
    members.length = 0;
    let minX = Number.POSITIVE_INFINITY;
    let minY = Number.POSITIVE_INFINITY;
    let maxX = Number.NEGATIVE_INFINITY;
    let maxY = Number.NEGATIVE_INFINITY;
    let maxRange = 0;
    for (let j = 0; j < V; j++) {
      if (capacity[j] === 0 || !Number.isFinite(vx[j]!) || !Number.isFinite(vy[j]!)) continue;
      const v = volunteers[j]!;
      if (g.clearance && !v.cleared) continue;
      let ok = true;
      for (let w = 0; w < words; w++) {
        if ((g.mask[w]! & ~vMask[j * words + w]!) !== 0) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      if (g.neighbourhood && v.neighbourhoodCodes?.length && !v.neighbourhoodCodes.includes(g.neighbourhood))
        continue;
      members.push(j);
      const x = vx[j]!;
      const y = vy[j]!;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      if (vRange[j]! > maxRange) maxRange = vRange[j]!;
    }
    const m = members.length;
    if (m === 0) continue;

    // Uniform grid, about two volunteers a cell.
    const width = maxX - minX;
    const height = maxY - minY;
    const cell = Math.max(0.05, Math.sqrt((Math.max(width * height, 0.01) * 2) / m));
    const cols = Math.floor(width / cell) + 1;
    const rows = Math.floor(height / cell) + 1;
    const cellStart = new Int32Array(cols * rows + 1);
    const cellOf = new Int32Array(m);
    for (let q = 0; q < m; q++) {
      const j = members[q]!;
      const c =
        Math.min(rows - 1, Math.floor((vy[j]! - minY) / cell)) * cols +
        Math.min(cols - 1, Math.floor((vx[j]! - minX) / cell));
      cellOf[q] = c;
      cellStart[c + 1]!++;
    }
    for (let c = 0; c < cols * rows; c++) cellStart[c + 1]! += cellStart[c]!;
    const fill = cellStart.slice(0, cols * rows);
    const cellItems = new Int32Array(m);
    for (let q = 0; q < m; q++) cellItems[fill[cellOf[q]!]!++] = members[q]!;

    for (const i of g.requests) {
      const r = requests[i]!;
      const x = proj.x(r.lon);
      const y = proj.y(r.lat);
      const gx = (x - minX) / cell;
      const gy = (y - minY) / cell;
      const cx = Math.floor(gx);
      const cy = Math.floor(gy);
      let found = 0;
      const rhoMax = Math.max(cx, cols - 1 - cx, cy, rows - 1 - cy);
      const rho0 = Math.max(0, -cx, cx - (cols - 1), -cy, cy - (rows - 1));
      for (let rho = rho0; rho <= rhoMax; rho++) {
        if (rho > 0) {
          // Nothing in ring rho is nearer than the edge of the square of rings below it.
          const lb = cell * Math.min(gx - (cx - rho + 1), cx + rho - gx, gy - (cy - rho + 1), cy + rho - gy);
          if (lb > maxRange * SLACK || (found === K && lb > bestD[K - 1]! * SLACK)) break;
        }
        const y0 = Math.max(0, cy - rho);
        const y1 = Math.min(rows - 1, cy + rho);
        for (let yy = y0; yy <= y1; yy++) {
          const edgeRow = yy === cy - rho || yy === cy + rho;
          const step = edgeRow ? 1 : 2 * rho;
          const x1 = Math.min(cols - 1, cx + rho);
          for (let xx = edgeRow ? Math.max(0, cx - rho) : cx - rho; xx <= x1; xx += step) {
            if (xx < 0) continue;
            const c = yy * cols + xx;
            for (let t = cellStart[c]!; t < cellStart[c + 1]!; t++) {
              const j = cellItems[t]!;
              const dx = vx[j]! - x;
              const dy = vy[j]! - y;
              const dp = Math.sqrt(dx * dx + dy * dy);
              // The grid's projection is centred on the data; the rule's distance on the pair.
              if (dp > vRange[j]! * SLACK || (found === K && dp > bestD[K - 1]! * SLACK)) continue;
              const v = volunteers[j]!;
              const d = distanceKm(r.lat, r.lon, v.lat, v.lon);
              if (d > vRange[j]!) continue;
              if (found === K && (d > bestD[K - 1]! || (d === bestD[K - 1]! && j > bestV[K - 1]!))) continue;
              // Insert, keeping (distance, index) ascending.
              let p = found < K ? found++ : K - 1;
              while (p > 0 && (bestD[p - 1]! > d || (bestD[p - 1]! === d && bestV[p - 1]! > j))) {
                bestD[p] = bestD[p - 1]!;
                bestV[p] = bestV[p - 1]!;
                p--;
              }
              bestD[p] = d;
              bestV[p] = j;
            }
          }
        }
      }
      arcCount[i] = found;
      for (let q = 0; q < found; q++) {
        arcVol[i * K + q] = bestV[q]!;
        arcKm[i * K + q] = bestD[q]!;
      }
    }
  }

  // Compact to CSR.
  const start = new Int32Array(R + 1);
  for (let i = 0; i < R; i++) start[i + 1] = start[i]! + arcCount[i]!;
  const volunteer = new Int32Array(start[R]!);
  const metres = new Int32Array(start[R]!);
  for (let i = 0; i < R; i++) {
    for (let q = 0; q < arcCount[i]!; q++) {
      volunteer[start[i]! + q] = arcVol[i * K + q]!;
      metres[start[i]! + q] = Math.round(arcKm[i * K + q]! * 1000);
    }
  }
  return {
    requestIds: requests.map((r) => r.id),
    volunteerIds: volunteers.map((v) => v.id),
    start,
    volunteer,
    metres,
    capacity,
    currentLoad,
    candidatesPerRequest: K,
    buildMs: performance.now() - t0,
  };
}
