import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GeoIndex, pointInGeometry } from './point-in-polygon.ts';
import type { PolygonalGeometry } from './types.ts';
import { parseFeatureCollection } from './validate.ts';
import { voronoiCells } from './voronoi.ts';

const dir = fileURLToPath(new URL('../../../data/cities/brescia/', import.meta.url));
const read = (name: string): string => readFileSync(dir + name, 'utf8');

/** Splits a CSV line on commas outside double quotes ("" escapes a quote). */
function csvLine(line: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted && ch === '"' && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      out.push(cell);
      cell = '';
    } else cell += ch;
  }
  out.push(cell);
  return out;
}

function csvRows(text: string): Record<string, string>[] {
  const [head, ...lines] = text.trim().split('\n');
  const header = csvLine(head ?? '');
  return lines.map((line) => {
    const cells = csvLine(line);
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  });
}

const city = JSON.parse(read('city.json')) as { code: string; center: { lat: number; lon: number } };
const boundary: PolygonalGeometry = parseFeatureCollection(JSON.parse(read('boundary.geojson'))).features[0]!
  .geometry;
const zones = csvRows(read('zones.csv'));
const neighbourhoods = csvRows(read('neighbourhoods.csv'));
const points = csvRows(read('neighbourhood-points.csv')).map((r) => ({
  id: r.code!,
  lat: Number(r.lat),
  lon: Number(r.lon),
  source: r.source!,
}));
const pointOf = (code: string) => points.find((p) => p.id === code)!;

describe('data/cities/brescia', () => {
  it('has 5 zones and 33 neighbourhoods, each in a known zone', () => {
    expect(city.code).toBe('brescia');
    expect(zones.map((z) => z.code)).toEqual(['centro', 'nord', 'ovest', 'sud', 'est']);
    expect(neighbourhoods).toHaveLength(33);
    for (const n of neighbourhoods) expect(zones.map((z) => z.code)).toContain(n.zone);
    expect(new Set(neighbourhoods.map((n) => n.istat_asc)).size).toBe(33);
  });

  it('has one sourced point per neighbourhood, all distinct and inside the boundary', () => {
    expect(points.map((p) => p.id).sort()).toEqual(neighbourhoods.map((n) => n.code).sort());
    expect(new Set(points.map((p) => `${p.lat},${p.lon}`)).size).toBe(33);
    for (const p of points) {
      expect(p.source.length, p.id).toBeGreaterThan(10);
      expect(pointInGeometry(p.lon, p.lat, boundary), p.id).toBe(true);
    }
    expect(pointInGeometry(city.center.lon, city.center.lat, boundary)).toBe(true);
  });

  it('puts neighbourhoods in the right part of town', () => {
    const c = pointOf('brescia-antica');
    expect(pointOf('villaggio-prealpino').lat).toBeGreaterThan(c.lat + 0.03);
    expect(pointOf('folzano').lat).toBeLessThan(c.lat - 0.03);
    for (const east of ['caionvico', 'sant-eufemia', 'buffalora-bettole']) {
      expect(pointOf(east).lon, east).toBeGreaterThan(c.lon + 0.04);
    }
    for (const sw of ['chiesanuova', 'fornaci']) {
      expect(pointOf(sw).lon, sw).toBeLessThan(c.lon - 0.03);
      expect(pointOf(sw).lat, sw).toBeLessThan(c.lat - 0.005);
    }
    for (const w of ['urago-mella', 'primo-maggio', 'chiusure']) {
      expect(pointOf(w).lon, w).toBeLessThan(c.lon - 0.02);
    }
    for (const centre of ['centro-storico-nord', 'centro-storico-sud']) {
      expect(Math.abs(pointOf(centre).lat - 45.539), centre).toBeLessThan(0.01);
      expect(Math.abs(pointOf(centre).lon - 10.22), centre).toBeLessThan(0.01);
    }
  });

  it('builds 33 Voronoi cells that locate each point to its own neighbourhood', () => {
    const cells = voronoiCells(points, boundary);
    expect(cells.size).toBe(33);
    const index = new GeoIndex([...cells].map(([id, geometry]) => ({ id, geometry })));
    for (const p of points) expect(index.locate(p.lon, p.lat), p.id).toBe(p.id);
    expect(index.locate(9.19, 45.4642)).toBeUndefined(); // Milan
    expect(index.locate(city.center.lon, city.center.lat)).toBeDefined();
  });
});
