import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audit, auditFromRequest } from '../../../kernel/audit/index.ts';
import { withTransaction } from '../../../kernel/db/transaction.ts';
import { AppError } from '../../../kernel/errors.ts';
import type { ModuleContext } from '../../../kernel/module.ts';
import { categories } from '../categories.ts';
import { getOrganization, getService } from '../service/read.ts';
import { refreshSearch, setCategories } from '../service/write.ts';
import { Organization, Service } from './public.ts';

const tags = ['directory'];
const edit = { access: { permission: 'directory.edit' } } as const;
const verify = { access: { permission: 'directory.verify' } } as const;
const idParam = z.object({ id: z.uuid() });

/** Text that people read: trimmed, no control characters; stored as typed (escaped when shown). */
const text = (max: number) =>
  z
    .string()
    .max(max)
    .transform((s) => s.replace(/[^\P{Cc}\t\n\r]/gu, '').trim());
const optionalUrl = z
  .url({ protocol: /^https?$/ })
  .max(300)
  .nullable();

const ServicePatch = z
  .object({
    name: text(200).pipe(z.string().min(2)),
    alternateName: text(200).nullable(),
    description: text(4000),
    url: optionalUrl,
    email: z.email().max(254).nullable(),
    phone: text(40).nullable(),
    status: z.enum(['active', 'inactive', 'defunct']),
    applicationProcess: text(2000),
    eligibilityDescription: text(2000),
    minimumAge: z.number().int().min(0).max(120).nullable(),
    maximumAge: z.number().int().min(0).max(120).nullable(),
    targetGroups: z.array(text(60)).max(20),
    free: z.boolean(),
    feesDescription: text(1000),
    languages: z
      .array(z.string().regex(/^[a-z]{2}$/))
      .min(1)
      .max(20),
    categories: z
      .array(z.enum(categories.map((c) => c.code) as [string, ...string[]]))
      .min(1)
      .max(10),
  })
  .partial()
  .refine((p) => p.minimumAge == null || p.maximumAge == null || p.minimumAge <= p.maximumAge, {
    message: 'the minimum age is above the maximum age',
    path: ['minimumAge'],
  });

const OrganizationPatch = z
  .object({
    name: text(200).pipe(z.string().min(2)),
    alternateName: text(200).nullable(),
    description: text(4000),
    email: z.email().max(254).nullable(),
    website: optionalUrl,
    phone: text(40).nullable(),
  })
  .partial();

const serviceColumns: Record<string, string> = {
  name: 'name',
  alternateName: 'alternate_name',
  description: 'description',
  url: 'url',
  email: 'email',
  phone: 'phone',
  status: 'status',
  applicationProcess: 'application_process',
  eligibilityDescription: 'eligibility_description',
  minimumAge: 'minimum_age',
  maximumAge: 'maximum_age',
  targetGroups: 'target_groups',
  free: 'free',
  feesDescription: 'fees_description',
  languages: 'languages',
};
const organizationColumns: Record<string, string> = {
  name: 'name',
  alternateName: 'alternate_name',
  description: 'description',
  email: 'email',
  website: 'website',
  phone: 'phone',
};

/** SET clause and values for the given fields (whitelisted columns only). */
function setClause(patch: Record<string, unknown>, columns: Record<string, string>, first: number) {
  const sets: string[] = [];
  const values: unknown[] = [];
  for (const [key, value] of Object.entries(patch)) {
    const column = columns[key];
    if (!column || value === undefined) continue;
    values.push(value);
    sets.push(`${column} = $${first + values.length - 1}`);
  }
  return { sets, values };
}

/** The organisation may be edited by this user: the whole city, or it is one of theirs. */
function mayEdit(request: FastifyRequest, organizationId: string): void {
  const g = request.grant;
  if (!g.all && !g.organisations.includes(organizationId)) throw new AppError('forbidden');
}

export const directoryEditorRoutes: FastifyPluginAsyncZod<ModuleContext> = async (app) => {
  const pool = app.database.pool;

  async function organizationOfService(cityId: number, serviceId: string): Promise<string> {
    const { rows } = await pool.query<{ organization_id: string }>(
      'SELECT organization_id FROM dir_services WHERE city_id = $1 AND service_id = $2',
      [cityId, serviceId],
    );
    if (!rows[0]) throw new AppError('not_found', { resource: 'service', id: serviceId });
    return rows[0].organization_id;
  }

  app.patch(
    '/directory/services/:id',
    {
      config: edit,
      schema: {
        tags,
        summary: "Change a service (its organisation's admin, or the city)",
        params: idParam,
        body: ServicePatch,
        response: { 200: Service },
      },
    },
    async (request) => {
      const cityId = request.city.id;
      const id = request.params.id;
      mayEdit(request, await organizationOfService(cityId, id));
      const { categories: codes, ...fields } = request.body;
      await withTransaction(pool, async (client) => {
        const { sets, values } = setClause(fields, serviceColumns, 3);
        await client.query(
          `UPDATE dir_services SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE city_id = $1 AND service_id = $2`,
          [cityId, id, ...values],
        );
        const { rows } = await client.query<{ bad: boolean }>(
          `SELECT minimum_age > maximum_age AS bad FROM dir_services WHERE city_id = $1 AND service_id = $2`,
          [cityId, id],
        );
        if (rows[0]?.bad) {
          throw new AppError(
            'validation',
            {},
            { fields: [{ field: 'minimumAge', message: 'the minimum age is above the maximum age' }] },
          );
        }
        if (codes) await setCategories(client, cityId, id, codes);
        await refreshSearch(client, cityId, [id]);
        await audit(
          client,
          auditFromRequest(request, {
            action: 'update',
            resource: 'directory_service',
            resourceId: id,
            detail: { fields: Object.keys(request.body) },
          }),
        );
      });
      return getService(pool, cityId, id, request.lang);
    },
  );

  app.patch(
    '/directory/organizations/:id',
    {
      config: edit,
      schema: {
        tags,
        summary: 'Change an organisation (its admin, or the city)',
        params: idParam,
        body: OrganizationPatch,
        response: { 200: Organization },
      },
    },
    async (request) => {
      const cityId = request.city.id;
      const id = request.params.id;
      const { rowCount } = await pool.query(
        'SELECT 1 FROM dir_organizations WHERE city_id = $1 AND organization_id = $2',
        [cityId, id],
      );
      if (!rowCount) throw new AppError('not_found', { resource: 'organization', id });
      mayEdit(request, id);
      await withTransaction(pool, async (client) => {
        const { sets, values } = setClause(request.body, organizationColumns, 3);
        await client.query(
          `UPDATE dir_organizations SET ${[...sets, 'updated_at = now()'].join(', ')}
            WHERE city_id = $1 AND organization_id = $2`,
          [cityId, id, ...values],
        );
        const { rows } = await client.query<{ service_id: string }>(
          'SELECT service_id FROM dir_services WHERE city_id = $1 AND organization_id = $2',
          [cityId, id],
        );
        await refreshSearch(
          client,
          cityId,
          rows.map((r) => r.service_id),
        );
        await audit(
          client,
          auditFromRequest(request, {
            action: 'update',
            resource: 'directory_organization',
            resourceId: id,
            detail: { fields: Object.keys(request.body) },
          }),
        );
      });
      return getOrganization(pool, cityId, id, request.lang);
    },
  );

  for (const [kind, table, key] of [
    ['services', 'dir_services', 'service_id'],
    ['organizations', 'dir_organizations', 'organization_id'],
  ] as const) {
    app.post(
      `/directory/${kind}/:id/verify`,
      {
        config: verify,
        schema: {
          tags,
          summary: `Mark ${kind === 'services' ? 'a service' : 'an organisation'} as checked today`,
          params: idParam,
          response: { 200: z.object({ id: z.uuid(), lastVerifiedAt: z.string() }) },
        },
      },
      async (request) => {
        const result = await withTransaction(pool, async (client) => {
          const { rows } = await client.query<{ at: Date }>(
            `UPDATE ${table} SET last_verified_at = now(), last_verified_by = $3 WHERE city_id = $1 AND ${key} = $2
             RETURNING last_verified_at AS at`,
            [request.city.id, request.params.id, request.user!.id],
          );
          if (!rows[0])
            throw new AppError('not_found', { resource: kind.slice(0, -1), id: request.params.id });
          await audit(
            client,
            auditFromRequest(request, {
              action: 'verify',
              resource: `directory_${kind.slice(0, -1)}`,
              resourceId: request.params.id,
              scope: 'city',
            }),
          );
          return rows[0].at;
        });
        return { id: request.params.id, lastVerifiedAt: result.toISOString() };
      },
    );
  }

  app.get(
    '/directory/review',
    {
      config: verify,
      schema: {
        tags,
        summary: 'Entries not checked for a while (12 months by default), oldest first',
        querystring: z.object({
          months: z.coerce.number().int().min(1).max(60).default(12),
          page: z.coerce.number().int().min(1).max(1000).default(1),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                kind: z.enum(['service', 'organization']),
                id: z.uuid(),
                name: z.string(),
                organization: z.object({ id: z.uuid(), name: z.string() }),
                lastVerifiedAt: z.string().nullable(),
              }),
            ),
            total: z.number(),
            page: z.number(),
          }),
        },
      },
    },
    async (request) => {
      const { months, page } = request.query;
      const { rows } = await pool.query(
        `WITH due AS (
           SELECT 'service' AS kind, s.service_id AS id, s.name, o.organization_id, o.name AS organization_name,
                  s.last_verified_at
             FROM dir_services s JOIN dir_organizations o ON o.city_id = s.city_id AND o.organization_id = s.organization_id
            WHERE s.city_id = $1 AND s.status <> 'defunct'
              AND (s.last_verified_at IS NULL OR s.last_verified_at < now() - make_interval(months => $2))
           UNION ALL
           SELECT 'organization', o.organization_id, o.name, o.organization_id, o.name, o.last_verified_at
             FROM dir_organizations o
            WHERE o.city_id = $1 AND (o.last_verified_at IS NULL OR o.last_verified_at < now() - make_interval(months => $2)))
         SELECT *, count(*) OVER () AS total FROM due
          ORDER BY last_verified_at NULLS FIRST, name COLLATE "it-IT-x-icu" LIMIT 50 OFFSET $3`,
        [request.city.id, months, (page - 1) * 50],
      );
      return {
        items: rows.map((r) => ({
          kind: r.kind,
          id: r.id,
          name: r.name,
          organization: { id: r.organization_id, name: r.organization_name },
          lastVerifiedAt: r.last_verified_at?.toISOString() ?? null,
        })),
        total: rows[0]?.total ?? 0,
        page,
      };
    },
  );
};
