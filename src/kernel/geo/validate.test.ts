import { describe, expect, it } from 'vitest';
import {
  featureCollectionSchema,
  GeometrySchema,
  parseFeatureCollection,
  parsePolygonalGeometry,
  polygonalGeometrySchema,
} from './validate.ts';

const ring = [
  [10, 45],
  [10.1, 45],
  [10.1, 45.1],
  [10, 45],
];

describe('polygonalGeometrySchema', () => {
  it('accepts polygons and multipolygons', () => {
    expect(parsePolygonalGeometry({ type: 'Polygon', coordinates: [ring] }).type).toBe('Polygon');
    expect(
      polygonalGeometrySchema.safeParse({ type: 'MultiPolygon', coordinates: [[ring], [ring]] }).success,
    ).toBe(true);
    expect(GeometrySchema).toBe(polygonalGeometrySchema);
  });

  it('accepts a third (altitude) coordinate', () => {
    const withZ = ring.map(([x, y]) => [x, y, 150]);
    expect(polygonalGeometrySchema.safeParse({ type: 'Polygon', coordinates: [withZ] }).success).toBe(true);
  });

  it.each([
    ['an open ring', { type: 'Polygon', coordinates: [ring.slice(0, 3).concat([[10.2, 45.2]])] }],
    ['a ring with 3 positions', { type: 'Polygon', coordinates: [ring.slice(0, 3)] }],
    ['no rings', { type: 'Polygon', coordinates: [] }],
    ['longitude out of range', { type: 'Polygon', coordinates: [ring.map(([x, y]) => [x! + 200, y])] }],
    ['latitude out of range', { type: 'Polygon', coordinates: [ring.map(([x, y]) => [x, y! + 50])] }],
    ['a one-number position', { type: 'Polygon', coordinates: [[[10], [10.1, 45], [10.1, 45.1], [10]]] }],
    ['another geometry type', { type: 'Point', coordinates: [10, 45] }],
    ['an empty multipolygon', { type: 'MultiPolygon', coordinates: [] }],
  ])('rejects %s', (_name, geom) => {
    expect(polygonalGeometrySchema.safeParse(geom).success).toBe(false);
  });
});

describe('featureCollectionSchema', () => {
  const fc = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { code: 'x' }, geometry: { type: 'Polygon', coordinates: [ring] } },
    ],
  };

  it('accepts a collection of polygonal features', () => {
    expect(parseFeatureCollection(fc).features[0]?.properties).toEqual({ code: 'x' });
  });

  it('accepts null properties and string or number ids', () => {
    const f = {
      type: 'Feature',
      id: 3,
      properties: null,
      geometry: { type: 'Polygon', coordinates: [ring] },
    };
    expect(featureCollectionSchema.safeParse({ type: 'FeatureCollection', features: [f] }).success).toBe(
      true,
    );
  });

  it('rejects a feature with a bad geometry', () => {
    const bad = {
      ...fc,
      features: [{ ...fc.features[0], geometry: { type: 'Polygon', coordinates: [[]] } }],
    };
    expect(() => parseFeatureCollection(bad)).toThrow();
    expect(featureCollectionSchema.safeParse({ type: 'Feature' }).success).toBe(false);
  });
});
