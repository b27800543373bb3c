import { z } from 'zod';
import type { FeatureCollection, PolygonalGeometry } from './types.ts';

const lon = z.number().finite().min(-180).max(180);
const lat = z.number().finite().min(-90).max(90);

export const positionSchema = z.tuple([lon, lat], z.number().finite());

export const linearRingSchema = z
  .array(positionSchema)
  .min(4, 'a ring needs at least 4 positions')
  .refine((ring) => {
    const first = ring[0];
    const last = ring[ring.length - 1];
    return first !== undefined && last !== undefined && first[0] === last[0] && first[1] === last[1];
  }, 'a ring must be closed (first position equal to the last)');

const polygonRings = z.array(linearRingSchema).min(1, 'a polygon needs an outer ring');

export const polygonSchema = z.object({ type: z.literal('Polygon'), coordinates: polygonRings });

export const multiPolygonSchema = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(polygonRings).min(1, 'a multipolygon needs at least one polygon'),
});

export const polygonalGeometrySchema = z.discriminatedUnion('type', [polygonSchema, multiPolygonSchema]);

/** Alias of polygonalGeometrySchema. */
export const GeometrySchema = polygonalGeometrySchema;

export const featureSchema = z.object({
  type: z.literal('Feature'),
  id: z.union([z.string(), z.number()]).optional(),
  geometry: polygonalGeometrySchema,
  properties: z.record(z.string(), z.unknown()).nullable(),
});

export const featureCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(featureSchema),
});

/** Parses an imported Polygon/MultiPolygon geometry; throws a ZodError describing what is wrong. */
export function parsePolygonalGeometry(input: unknown): PolygonalGeometry {
  return polygonalGeometrySchema.parse(input);
}

/** Parses an imported FeatureCollection of Polygon/MultiPolygon features; throws a ZodError. */
export function parseFeatureCollection(input: unknown): FeatureCollection {
  return featureCollectionSchema.parse(input);
}
