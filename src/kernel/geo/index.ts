export { bbox, GeoIndex, type GeoIndexEntry, pointInGeometry } from './point-in-polygon.ts';
export type {
  BBox,
  Feature,
  FeatureCollection,
  GeoJsonProperties,
  Geometry,
  LinearRing,
  MultiPolygon,
  Polygon,
  PolygonalGeometry,
  Position,
} from './types.ts';
export {
  featureCollectionSchema,
  featureSchema,
  GeometrySchema,
  linearRingSchema,
  multiPolygonSchema,
  parseFeatureCollection,
  parsePolygonalGeometry,
  polygonalGeometrySchema,
  polygonSchema,
  positionSchema,
} from './validate.ts';
export { type VoronoiSite, voronoiCells } from './voronoi.ts';
