/** Minimal GeoJSON (RFC 7946) types: only what the platform uses. Coordinates are [lon, lat] in WGS84. */

export type Position = [lon: number, lat: number, ...rest: number[]];

/** A closed ring: first and last positions are equal, at least 4 positions. */
export type LinearRing = Position[];

export interface Polygon {
  type: 'Polygon';
  /** The first ring is the outer boundary, the others are holes. */
  coordinates: LinearRing[];
}

export interface MultiPolygon {
  type: 'MultiPolygon';
  coordinates: LinearRing[][];
}

export type PolygonalGeometry = Polygon | MultiPolygon;

/** The geometries the platform stores: an alias of PolygonalGeometry. */
export type Geometry = PolygonalGeometry;

export type GeoJsonProperties = Record<string, unknown> | null;

export interface Feature<G = PolygonalGeometry, P = GeoJsonProperties> {
  type: 'Feature';
  id?: string | number;
  geometry: G;
  properties: P;
}

export interface FeatureCollection<G = PolygonalGeometry, P = GeoJsonProperties> {
  type: 'FeatureCollection';
  features: Feature<G, P>[];
}

/** [minLon, minLat, maxLon, maxLat] */
export type BBox = [minLon: number, minLat: number, maxLon: number, maxLat: number];
