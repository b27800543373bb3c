import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../kernel/errors.ts';
import type { ModuleContext } from '../../../kernel/module.ts';
import {
  hsdsOrganizations,
  hsdsPage,
  hsdsServicePage,
  hsdsServices,
  taxonomy,
  taxonomyTerms,
} from '../hsds.ts';

const tags = ['hsds'];
const pub = { access: { public: true } } as const;
const Hsds = z.record(z.string(), z.unknown());
const Page = z
  .object({
    total_items: z.number(),
    total_pages: z.number(),
    page_number: z.number(),
    size: z.number(),
    first_page: z.boolean(),
    last_page: z.boolean(),
    empty: z.boolean(),
    contents: z.array(Hsds),
  })
  .meta({ id: 'HsdsPage' });
const Paging = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  per_page: z.coerce.number().int().min(1).max(500).default(50),
});

/** The Open Referral HSDS 3.0 API (read-only) at /api/hsds: other directories can harvest ours. */
export const hsdsRoutes: FastifyPluginAsyncZod<ModuleContext> = async (app) => {
  const pool = app.database.pool;

  app.get(
    '/api/hsds/',
    {
      config: pub,
      schema: {
        tags,
        summary: 'HSDS API information',
        response: { 200: z.object({ version: z.string(), profile: z.string(), openapi_url: z.string() }) },
      },
    },
    async () => ({
      version: '3.0',
      profile: 'https://docs.openreferral.org/en/v3.0/',
      openapi_url: `${app.config.publicUrl}/api/openapi.json`,
    }),
  );

  app.get(
    '/api/hsds/services',
    {
      config: pub,
      schema: { tags, summary: 'HSDS services, paged', querystring: Paging, response: { 200: Page } },
    },
    async (request) => hsdsServicePage(pool, request.city.id, request.query.page, request.query.per_page),
  );

  app.get(
    '/api/hsds/services/:id',
    {
      config: pub,
      schema: {
        tags,
        summary: 'One HSDS service, complete',
        params: z.object({ id: z.uuid() }),
        response: { 200: Hsds },
      },
    },
    async (request) => {
      const [service] = await hsdsServices(pool, request.city.id, [request.params.id]);
      if (!service) throw new AppError('not_found', { resource: 'service', id: request.params.id });
      return service;
    },
  );

  app.get(
    '/api/hsds/organizations',
    {
      config: pub,
      schema: { tags, summary: 'HSDS organizations, paged', querystring: Paging, response: { 200: Page } },
    },
    async (request) => {
      const { page, per_page } = request.query;
      const { items, total } = await hsdsOrganizations(pool, request.city.id, page, per_page);
      return hsdsPage(items, total, page, per_page);
    },
  );

  app.get(
    '/api/hsds/taxonomies',
    { config: pub, schema: { tags, summary: 'The taxonomy of categories', response: { 200: Page } } },
    async () => hsdsPage([taxonomy], 1, 1, 1),
  );

  app.get(
    '/api/hsds/taxonomy_terms',
    {
      config: pub,
      schema: { tags, summary: 'The categories as HSDS taxonomy terms', response: { 200: Page } },
    },
    async () => {
      const terms = taxonomyTerms();
      return hsdsPage(terms, terms.length, 1, Math.max(1, terms.length));
    },
  );
};
