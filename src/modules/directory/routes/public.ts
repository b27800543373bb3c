import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../kernel/errors.ts';
import type { ModuleContext } from '../../../kernel/module.ts';
import { neighbourhoodRef } from '../../territory/index.ts';
import { categories as categoryList } from '../categories.ts';
import { getOrganization, getService, listCategories, summaries } from '../service/read.ts';
import { searchServices } from '../service/search.ts';

const tags = ['directory'];
const pub = { access: { public: true } } as const;

const Ref = z.object({ code: z.string(), name: z.string() });
export const Location = z
  .object({
    id: z.uuid(),
    name: z.string(),
    address: z.string(),
    postalCode: z.string(),
    locality: z.string(),
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
    neighbourhood: Ref.nullable(),
    zone: Ref.nullable(),
    transportation: z.string(),
    accessibility: z.string(),
    wheelchairAccessible: z.boolean().nullable(),
    phone: z.string().nullable(),
  })
  .meta({ id: 'DirectoryLocation' });

const Schedule = z
  .object({
    weekday: z
      .number()
      .int()
      .min(1)
      .max(7)
      .nullable()
      .describe('1 = Monday … 7 = Sunday; null for a dated closure'),
    opensAt: z.string().nullable(),
    closesAt: z.string().nullable(),
    validFrom: z.string().nullable(),
    validTo: z.string().nullable(),
    closed: z.boolean(),
    description: z.string(),
  })
  .meta({ id: 'DirectorySchedule' });

const ServiceSummary = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    organization: z.object({ id: z.uuid(), name: z.string() }),
    categories: z.array(Ref),
    location: Location,
    distanceMeters: z.number().nullable(),
    openNow: z.boolean(),
    free: z.boolean(),
    languages: z.array(z.string()),
    minimumAge: z.number().nullable(),
    maximumAge: z.number().nullable(),
    lastVerifiedAt: z.string().nullable(),
  })
  .meta({ id: 'DirectoryServiceSummary' });

export const Service = z
  .object({
    id: z.uuid(),
    name: z.string(),
    alternateName: z.string().nullable(),
    description: z.string(),
    status: z.string(),
    url: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    applicationProcess: z.string(),
    eligibilityDescription: z.string(),
    minimumAge: z.number().nullable(),
    maximumAge: z.number().nullable(),
    targetGroups: z.array(z.string()),
    free: z.boolean(),
    feesDescription: z.string(),
    languages: z.array(z.string()),
    categories: z.array(Ref),
    organization: z.object({
      id: z.uuid(),
      name: z.string(),
      kind: z.string(),
      website: z.string().nullable(),
      phone: z.string().nullable(),
    }),
    locations: z.array(
      Location.extend({ serviceAtLocationId: z.uuid(), openNow: z.boolean(), schedules: z.array(Schedule) }),
    ),
    lastVerifiedAt: z.string().nullable(),
    updatedAt: z.string(),
    isDemo: z.boolean(),
  })
  .meta({ id: 'DirectoryService' });

export const Organization = z
  .object({
    id: z.uuid(),
    name: z.string(),
    alternateName: z.string().nullable(),
    description: z.string(),
    kind: z.string(),
    email: z.string().nullable(),
    website: z.string().nullable(),
    phone: z.string().nullable(),
    taxId: z.string().nullable(),
    locations: z.array(Location),
    services: z.array(z.object({ id: z.uuid(), name: z.string(), categories: z.array(Ref) })),
    lastVerifiedAt: z.string().nullable(),
    isDemo: z.boolean(),
  })
  .meta({ id: 'DirectoryOrganization' });

const code = z
  .string()
  .trim()
  .regex(/^[a-z0-9-]{1,60}$/, 'a code of lower-case letters, digits and dashes');

const SearchQuery = z
  .object({
    q: z.string().trim().max(200).optional().describe('Words in Italian or English; typos are corrected'),
    category: z
      .enum(categoryList.map((c) => c.code) as [string, ...string[]])
      .optional()
      .describe('A category code; its sub-categories are included'),
    zone: code.optional(),
    neighbourhood: code.optional(),
    lat: z.coerce.number().min(-90).max(90).optional(),
    lon: z.coerce.number().min(-180).max(180).optional(),
    age: z.coerce
      .number()
      .int()
      .min(0)
      .max(120)
      .optional()
      .describe('The age of the person the service is for'),
    language: z
      .string()
      .regex(/^[a-z]{2}$/, 'an ISO 639-1 code such as "en"')
      .optional(),
    openNow: z.enum(['true', 'false']).optional(),
    sort: z.enum(['relevance', 'distance', 'name']).default('relevance'),
    page: z.coerce.number().int().min(1).max(1000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .refine((v) => (v.lat === undefined) === (v.lon === undefined), {
    message: 'lat and lon go together',
    path: ['lat'],
  });

export const directoryPublicRoutes: FastifyPluginAsyncZod<ModuleContext> = async (app) => {
  const pool = app.database.pool;

  app.get(
    '/directory/services',
    {
      config: pub,
      schema: {
        tags,
        summary: 'Search the services of the city',
        description:
          'Italian stemming, accents ignored, typos corrected (`correctedQuery` says how). Sorted by relevance, by distance from `lat`/`lon` (or from the neighbourhood given), or by name.',
        querystring: SearchQuery,
        response: {
          200: z.object({
            items: z.array(ServiceSummary),
            total: z.number(),
            totalCapped: z
              .boolean()
              .describe(
                'True when there are more matches than were looked at: `total` is then a lower bound',
              ),
            page: z.number(),
            pageSize: z.number(),
            correctedQuery: z.string().nullable(),
          }),
        },
      },
    },
    async (request) => {
      const f = request.query;
      let point = f.lat !== undefined && f.lon !== undefined ? { lat: f.lat, lon: f.lon } : null;
      if (f.neighbourhood) {
        const found = await neighbourhoodRef(app.database.db, request.city, f.neighbourhood);
        if (f.zone && found.zone.code !== f.zone) {
          throw new AppError(
            'validation',
            {},
            { fields: [{ field: 'neighbourhood', message: 'not in that zone' }] },
          );
        }
        if (!point && f.sort === 'distance')
          point = await neighbourhoodPoint(f.neighbourhood, request.city.id);
      }
      const at = new Date();
      const result = await searchServices(pool, request.city.id, {
        ...f,
        openNow: f.openNow === 'true',
        point,
        at,
      });
      return {
        items: await summaries(pool, request.city.id, result.hits, request.lang, at),
        total: result.total,
        totalCapped: result.totalCapped,
        page: f.page,
        pageSize: f.pageSize,
        correctedQuery: result.correctedQuery,
      };
    },
  );

  async function neighbourhoodPoint(codeValue: string, cityId: number) {
    const { rows } = await pool.query<{ lat: number; lon: number }>(
      'SELECT point_lat AS lat, point_lon AS lon FROM neighbourhoods WHERE city_id = $1 AND code = $2',
      [cityId, codeValue],
    );
    return rows[0] ?? null;
  }

  app.get(
    '/directory/services/:id',
    {
      config: pub,
      schema: {
        tags,
        summary: 'One service: where, when, for whom, how to ask',
        params: z.object({ id: z.uuid() }),
        response: { 200: Service },
      },
    },
    async (request) => getService(pool, request.city.id, request.params.id, request.lang),
  );

  app.get(
    '/directory/organizations/:id',
    {
      config: pub,
      schema: {
        tags,
        summary: 'One organisation, its places and its services',
        params: z.object({ id: z.uuid() }),
        response: { 200: Organization },
      },
    },
    async (request) => getOrganization(pool, request.city.id, request.params.id, request.lang),
  );

  app.get(
    '/directory/categories',
    {
      config: pub,
      schema: {
        tags,
        summary: 'The categories of services, in the language asked',
        response: {
          200: z.array(
            z.object({
              code: z.string(),
              parentCode: z.string().nullable(),
              name: z.string(),
              description: z.string(),
            }),
          ),
        },
      },
    },
    async (request) => listCategories(pool, request.lang),
  );
};
