import { describe, expect, it } from 'vitest';
import { bbox, GeoIndex, pointInGeometry } from './point-in-polygon.ts';
import type { MultiPolygon, Polygon } from './types.ts';

const square = (x0: number, y0: number, size: number): Polygon['coordinates'][number] => [
  [x0, y0],
  [x0 + size, y0],
  [x0 + size, y0 + size],
  [x0, y0 + size],
  [x0, y0],
];

const withHole: Polygon = { type: 'Polygon', coordinates: [square(0, 0, 10), square(4, 4, 2)] };
const multi: MultiPolygon = { type: 'MultiPolygon', coordinates: [[square(0, 0, 1)], [square(5, 5, 1)]] };

describe('pointInGeometry', () => {
  it('finds points inside and outside a polygon', () => {
    expect(pointInGeometry(1, 1, withHole)).toBe(true);
    expect(pointInGeometry(11, 1, withHole)).toBe(false);
    expect(pointInGeometry(-0.001, 5, withHole)).toBe(false);
  });

  it('respects holes', () => {
    expect(pointInGeometry(5, 5, withHole)).toBe(false);
    expect(pointInGeometry(3.9, 5, withHole)).toBe(true);
  });

  it('counts points on edges and vertices as inside', () => {
    expect(pointInGeometry(0, 5, withHole)).toBe(true);
    expect(pointInGeometry(10, 10, withHole)).toBe(true);
    expect(pointInGeometry(5, 0, withHole)).toBe(true);
    expect(pointInGeometry(4, 5, withHole)).toBe(true); // on the hole's edge
  });

  it('handles multipolygons', () => {
    expect(pointInGeometry(0.5, 0.5, multi)).toBe(true);
    expect(pointInGeometry(5.5, 5.5, multi)).toBe(true);
    expect(pointInGeometry(3, 3, multi)).toBe(false);
  });

  it('handles a concave polygon', () => {
    const u: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [3, 0],
          [3, 3],
          [2, 3],
          [2, 1],
          [1, 1],
          [1, 3],
          [0, 3],
          [0, 0],
        ],
      ],
    };
    expect(pointInGeometry(1.5, 2, u)).toBe(false);
    expect(pointInGeometry(0.5, 2, u)).toBe(true);
    expect(pointInGeometry(2.5, 2, u)).toBe(true);
  });
});

describe('bbox', () => {
  it('covers every ring of every polygon', () => {
    expect(bbox(withHole)).toEqual([0, 0, 10, 10]);
    expect(bbox(multi)).toEqual([0, 0, 6, 6]);
  });
});

describe('GeoIndex', () => {
  const index = new GeoIndex([
    { id: 'a', geometry: { type: 'Polygon', coordinates: [square(0, 0, 1)] } },
    { id: 'b', geometry: { type: 'Polygon', coordinates: [square(1, 0, 1)] } },
    { id: 'm', geometry: multi },
  ]);

  it('locates points in their area', () => {
    expect(index.size).toBe(3);
    expect(index.locate(0.5, 0.5)).toBe('a');
    expect(index.locate(1.5, 0.5)).toBe('b');
    expect(index.locate(5.5, 5.5)).toBe('m');
    expect(index.locate(3, 3)).toBeUndefined();
  });

  it('gives a shared edge to the first area', () => {
    expect(index.locate(1, 0.5)).toBe('a');
  });

  it('finds the nearest area for points outside all areas', () => {
    expect(index.nearest(0.5, 0.5)).toBe('a');
    expect(index.nearest(2.2, 0.5)).toBe('b');
    expect(index.nearest(4.8, 5.5)).toBe('m');
    expect(new GeoIndex([]).nearest(0, 0)).toBeUndefined();
  });

  it('is fast enough for a hot path', () => {
    const start = performance.now();
    let hits = 0;
    for (let i = 0; i < 100_000; i++) if (index.locate((i % 700) / 100, (i % 300) / 100)) hits++;
    expect(hits).toBeGreaterThan(0);
    expect(performance.now() - start).toBeLessThan(1000);
  });
});
