import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../kernel/errors.ts';
import type { ModuleContext } from '../../../kernel/module.ts';
import { dataPackage, exportTables, type Table, tables, toCsv } from '../export.ts';
import {
  compact,
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
    async (request) =>
      compact(await hsdsServicePage(pool, request.city.id, request.query.page, request.query.per_page)),
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
      return compact(service);
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
      return compact(hsdsPage(items, total, page, per_page));
    },
  );

  app.get(
    '/api/hsds/datapackage.json',
    {
      config: pub,
      schema: {
        tags,
        summary: 'The directory as an HSDS Tabular Data Package (its CSV tables are linked)',
        response: { 200: Hsds },
      },
    },
    async (request) => dataPackage(request.city, (t) => `${app.config.publicUrl}/api/hsds/tables/${t}.csv`),
  );

  app.get(
    '/api/hsds/tables/:table',
    {
      config: pub,
      schema: {
        tags,
        summary: 'One table of the Tabular Data Package, as CSV',
        params: z.object({ table: z.enum(tables.map((t) => `${t}.csv`) as [string, ...string[]]) }),
      },
    },
    async (request, reply) => {
      const table = request.params.table.replace(/\.csv$/, '') as Table;
      const all = await exportTables(pool, request.city.id);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${table}.csv"`)
        .send(toCsv(table, all[table]));
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
      return compact(hsdsPage(terms, terms.length, 1, Math.max(1, terms.length)));
    },
  );
};
