import { describe, expect, it } from 'vitest';
import { GeoIndex, pointInGeometry } from './point-in-polygon.ts';
import type { PolygonalGeometry } from './types.ts';
import { voronoiCells } from './voronoi.ts';

/** Planar area in degrees² (fine for comparing areas at one latitude). */
function area(geom: PolygonalGeometry): number {
  const polygons = geom.type === 'Polygon' ? [geom.coordinates] : geom.coordinates;
  let total = 0;
  for (const rings of polygons) {
    rings.forEach((ring, r) => {
      let s = 0;
      for (let i = 1; i < ring.length; i++) {
        const a = ring[i - 1]!;
        const b = ring[i]!;
        s += a[0] * b[1] - b[0] * a[1];
      }
      total += r === 0 ? Math.abs(s) / 2 : -Math.abs(s) / 2;
    });
  }
  return total;
}

const clip: PolygonalGeometry = {
  type: 'Polygon',
  coordinates: [
    [
      [10.1, 45.5],
      [10.3, 45.5],
      [10.3, 45.6],
      [10.2, 45.56],
      [10.1, 45.6],
      [10.1, 45.5],
    ],
  ],
};

const sites = [
  { id: 'a', lon: 10.12, lat: 45.52 },
  { id: 'b', lon: 10.28, lat: 45.52 },
  { id: 'c', lon: 10.2, lat: 45.53 },
  { id: 'd', lon: 10.13, lat: 45.58 },
  { id: 'e', lon: 10.27, lat: 45.58 },
];

describe('voronoiCells', () => {
  const cells = voronoiCells(sites, clip);

  it('gives every site a cell that contains it', () => {
    expect(cells.size).toBe(sites.length);
    for (const s of sites) expect(pointInGeometry(s.lon, s.lat, cells.get(s.id)!)).toBe(true);
  });

  it('covers the clip polygon without overlaps', () => {
    const sum = [...cells.values()].reduce((acc, g) => acc + area(g), 0);
    expect(sum).toBeCloseTo(area(clip), 6);
    const index = new GeoIndex([...cells].map(([id, geometry]) => ({ id, geometry })));
    const all = [...cells];
    for (let x = 10.1005; x < 10.3; x += 0.007) {
      for (let y = 45.5005; y < 45.6; y += 0.005) {
        if (!pointInGeometry(x, y, clip)) continue;
        const containing = all.filter(([, g]) => pointInGeometry(x, y, g));
        expect(containing.length, `${x},${y}`).toBe(1);
        expect(index.locate(x, y)).toBe(containing[0]![0]);
      }
    }
  });

  it('splits the plane in the local metric, not in raw degrees', () => {
    const two = voronoiCells(
      [
        { id: 'w', lon: 10.15, lat: 45.52 },
        { id: 'n', lon: 10.16, lat: 45.53 },
      ],
      clip,
    );
    // (10.147, 45.5315) is nearer to w in raw degrees but nearer to n in metres (longitude
    // scaled by cos 45.5° ≈ 0.70): it must be in n's cell.
    expect(pointInGeometry(10.147, 45.5315, two.get('n')!)).toBe(true);
    expect(pointInGeometry(10.147, 45.5315, two.get('w')!)).toBe(false);
  });

  it('rounds coordinates to 6 decimals and closes rings', () => {
    for (const g of cells.values()) {
      const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
      for (const ring of polygons.flat()) {
        expect(ring[0]).toEqual(ring[ring.length - 1]);
        for (const p of ring) for (const v of p) expect(Math.round(v * 1e6) / 1e6).toBe(v);
      }
    }
  });

  it('returns a MultiPolygon when the clip splits a cell', () => {
    const twoIslands: PolygonalGeometry = {
      type: 'MultiPolygon',
      coordinates: [
        clip.type === 'Polygon' ? clip.coordinates : [],
        [
          [
            [11, 45],
            [11.1, 45],
            [11.1, 45.1],
            [11, 45],
          ],
        ],
      ],
    };
    const result = voronoiCells([{ id: 'only', lon: 10.2, lat: 45.52 }], twoIslands);
    expect(result.get('only')?.type).toBe('MultiPolygon');
  });

  it('rejects duplicate ids and positions, leaves out sites outside the clip', () => {
    expect(() => voronoiCells([sites[0]!, sites[0]!], clip)).toThrow(/duplicate id/);
    expect(() => voronoiCells([sites[0]!, { ...sites[0]!, id: 'z' }], clip)).toThrow(/same position/);
    const out = voronoiCells([...sites, { id: 'far', lon: 12, lat: 47 }], clip);
    expect(out.has('far')).toBe(false);
    expect(voronoiCells([], clip).size).toBe(0);
  });
});
