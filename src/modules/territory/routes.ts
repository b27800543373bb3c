import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../kernel/errors.ts';
import type { ModuleContext } from '../../kernel/module.ts';
import { getCityBoundary, getMap, getNeighbourhood, getTerritory, locatePoint } from './service.ts';

const Geometry = z
  .object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.any()) })
  .meta({ id: 'Geometry', description: 'GeoJSON Polygon or MultiPolygon (WGS84)' });
const Ref = z.object({ code: z.string(), name: z.string() });
const Office = z.object({ address: z.string().nullable(), phone: z.string().nullable() });

const Territory = z
  .object({
    city: z.object({ code: z.string(), name: z.string(), istatCode: z.string() }),
    boundariesApproximate: z
      .boolean()
      .describe('True while neighbourhood boundaries are derived, not official: say so to people'),
    zones: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        office: Office,
        neighbourhoods: z.array(
          z.object({ code: z.string(), name: z.string(), istatCode: z.string().nullable() }),
        ),
      }),
    ),
  })
  .meta({ id: 'Territory' });

const Neighbourhood = z
  .object({
    code: z.string(),
    name: z.string(),
    istatCode: z.string().nullable(),
    alsoCalled: z.string().nullable(),
    zone: z.object({ code: z.string(), name: z.string(), office: Office }),
    point: z.object({ lat: z.number(), lon: z.number(), source: z.string() }),
    boundary: Geometry,
    boundaryApproximate: z.boolean(),
    boundarySource: z.string(),
  })
  .meta({ id: 'Neighbourhood' });

const NeighbourhoodMap = z
  .object({
    type: z.literal('FeatureCollection'),
    approximate: z.boolean(),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        id: z.string(),
        properties: z.object({
          code: z.string(),
          name: z.string(),
          zoneCode: z.string(),
          zoneName: z.string(),
          istatCode: z.string().nullable(),
          approximate: z.boolean(),
        }),
        geometry: Geometry,
      }),
    ),
  })
  .meta({ id: 'NeighbourhoodMap' });

const decimal = z
  .string()
  .trim()
  .regex(/^[-+]?\d{1,3}(\.\d{1,15})?$/)
  .transform(Number);
const latitude = decimal.pipe(z.number().min(-90).max(90)).describe('Latitude, WGS84 decimal degrees');
const longitude = decimal.pipe(z.number().min(-180).max(180)).describe('Longitude, WGS84 decimal degrees');
const publicAccess = { access: { public: true } } as const;
const tags = ['territory'];

export const territoryRoutes: FastifyPluginAsyncZod<ModuleContext> = async (app) => {
  const db = app.database.db;

  app.get(
    '/territory',
    {
      config: publicAccess,
      schema: { tags, summary: 'Zones and neighbourhoods of the city', response: { 200: Territory } },
    },
    async (request) => getTerritory(db, request.city),
  );

  app.get(
    '/territory/map',
    {
      config: publicAccess,
      schema: {
        tags,
        summary: 'Neighbourhood boundaries as GeoJSON (approximate until official ones are imported)',
        response: { 200: NeighbourhoodMap },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return getMap(db, request.city);
    },
  );

  app.get(
    '/territory/boundary',
    {
      config: publicAccess,
      schema: {
        tags,
        summary: 'The municipal boundary as a GeoJSON Feature',
        response: {
          200: z.object({
            type: z.literal('Feature'),
            properties: z.object({ code: z.string(), name: z.string(), source: z.string().nullable() }),
            geometry: Geometry,
          }),
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'public, max-age=3600');
      return getCityBoundary(db, request.city);
    },
  );

  app.get(
    '/territory/neighbourhoods/:code',
    {
      config: publicAccess,
      schema: {
        tags,
        summary: 'One neighbourhood, with its zone, point and boundary',
        params: z.object({
          code: z
            .string()
            .min(1)
            .max(80)
            .regex(/^[a-z0-9-]+$/),
        }),
        response: { 200: Neighbourhood },
      },
    },
    async (request) => getNeighbourhood(db, request.city, request.params.code),
  );

  app.get(
    '/territory/locate',
    {
      config: publicAccess,
      schema: {
        tags,
        summary: 'The neighbourhood and zone that contain a point',
        description: 'Answers 404 (`outside-city`) when the point is not in the city.',
        querystring: z.object({ lat: latitude, lon: longitude }),
        response: {
          200: z.object({ neighbourhood: Ref, zone: Ref, approximate: z.boolean() }).meta({ id: 'Location' }),
        },
      },
    },
    async (request) => {
      const { lat, lon } = request.query;
      const found = await locatePoint(db, request.city, lat, lon);
      if (!found) throw new AppError('outside_city', { city: request.city.name });
      return found;
    },
  );
};
