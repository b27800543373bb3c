import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audit, auditFromRequest } from '../../kernel/audit/index.ts';
import { withTransaction } from '../../kernel/db/transaction.ts';
import { AppError } from '../../kernel/errors.ts';
import { t } from '../../kernel/i18n/index.ts';
import type { ModuleContext } from '../../kernel/module.ts';
import {
  communityPointExists,
  getCommunityPoint,
  listCommunityPoints,
  uncoveredNeighbourhoods,
  upsertCommunityPoint,
} from './service.ts';

const tags = ['community-points'];
const code = z
  .string()
  .trim()
  .regex(/^[a-z0-9-]{1,60}$/, 'a code of lower-case letters, digits and dashes');
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM');
const text = (max: number) =>
  z
    .string()
    .max(max)
    .transform((s) => s.replace(/[^\P{Cc}\t\n\r]/gu, '').trim());

const Hours = z
  .object({
    day: z.number().int().min(1).max(7).describe('1 = Monday … 7 = Sunday'),
    opens: time,
    closes: time,
  })
  .refine((h) => h.opens < h.closes, { message: 'closes after it opens', path: ['closes'] });

export const CommunityPointView = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    hostName: z.string(),
    hostOrganizationId: z.uuid().nullable(),
    address: z.string(),
    lat: z.number(),
    lon: z.number(),
    neighbourhood: z.object({ code: z.string(), name: z.string() }),
    zone: z.object({ code: z.string(), name: z.string() }),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    hours: z.array(z.object({ day: z.number(), opens: z.string(), closes: z.string() })),
    neighbourhoodCodes: z.array(z.string()).describe('The neighbourhoods it serves'),
    isDemo: z.boolean(),
    active: z.boolean(),
  })
  .meta({ id: 'CommunityPoint' });

const Input = z
  .object({
    name: text(200).pipe(z.string().min(3)),
    description: text(4000).default(''),
    hostName: text(200).pipe(z.string().min(2)),
    hostOrganizationId: z.uuid().nullable().default(null),
    address: text(300).pipe(z.string().min(3)),
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
    phone: text(40).nullable().default(null),
    email: z.email().max(254).nullable().default(null),
    hours: z.array(Hours).max(28).default([]),
    neighbourhoodCodes: z.array(code).min(1).max(100),
    active: z.boolean().default(true),
  })
  .strict();

const Uncovered = z
  .object({
    code: z.string(),
    name: z.string(),
    zone: z.object({ code: z.string(), name: z.string() }),
  })
  .meta({ id: 'UncoveredNeighbourhood' });

/** The register of the Punti Comunità: public list and page; the city keeps it. */
export const communityPointRoutes: FastifyPluginAsyncZod<ModuleContext> = async (app, ctx) => {
  app.get(
    '/community-points',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'The Punti Comunità of the city, with the neighbourhoods each serves',
        querystring: z.object({ neighbourhood: code.optional(), zone: code.optional() }).strict(),
        response: { 200: z.object({ items: z.array(CommunityPointView), total: z.number() }) },
      },
    },
    async (request, reply) => {
      const items = await listCommunityPoints(ctx.database.pool, request.city, request.query);
      reply.header('cache-control', 'public, max-age=60');
      return { items, total: items.length };
    },
  );

  app.get(
    '/community-points/:id',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'One Punto Comunità, by id or slug',
        params: z.object({ id: z.string().min(1).max(80) }),
        response: { 200: CommunityPointView },
      },
    },
    async (request) => getCommunityPoint(ctx.database.pool, request.city, request.params.id),
  );

  app.get(
    '/admin/community-points',
    {
      config: { access: { permission: 'community_points.manage' } },
      schema: {
        tags,
        summary:
          'The register for the city: every hub, inactive ones too, and the neighbourhoods no active hub serves',
        description:
          'A neighbourhood in `uncovered` has no active Punto Comunità: its help requests go to the office of its zone.',
        response: {
          200: z.object({
            items: z.array(CommunityPointView),
            total: z.number(),
            uncovered: z.array(Uncovered).describe('Neighbourhoods that no active hub serves, zone by zone'),
          }),
        },
      },
    },
    async (request, reply) => {
      const items = await listCommunityPoints(ctx.database.pool, request.city, { includeInactive: true });
      const uncovered = await uncoveredNeighbourhoods(ctx.database.db, request.city, items);
      reply.header('cache-control', 'no-store');
      return { items, total: items.length, uncovered };
    },
  );

  app.put(
    '/community-points/:slug',
    {
      config: { access: { permission: 'community_points.manage' } },
      schema: {
        tags,
        summary: 'Create or replace a Punto Comunità (the city)',
        description:
          'Replaces the whole record. With `?createOnly=true` it only creates: a slug already in use is then a 409 problem.',
        params: z.object({ slug: code }),
        querystring: z
          .object({
            createOnly: z
              .literal('true')
              .optional()
              .describe('`true`: create only, never replace (a slug already in use is a 409 problem)'),
          })
          .strict(),
        body: Input,
        response: { 200: CommunityPointView },
      },
    },
    async (request) => {
      const { slug } = request.params;
      const createOnly = request.query.createOnly === 'true';
      const id = await withTransaction(ctx.database.pool, async (client) => {
        if (createOnly && (await communityPointExists(client, request.city, slug))) {
          throw new AppError(
            'conflict',
            { slug },
            {
              messageKey: 'communityPoints.slug_taken',
              fields: [{ field: 'slug', message: t(request.lang, 'communityPoints.slug_taken', { slug }) }],
            },
          );
        }
        const saved = await upsertCommunityPoint(client, ctx.database, request.city, {
          slug,
          ...request.body,
        });
        await audit(
          client,
          auditFromRequest(request, {
            action: 'update',
            resource: 'community_point',
            resourceId: saved,
            scope: 'city',
          }),
        );
        return saved;
      }).catch((error: unknown) => {
        if ((error as { code?: string }).code === '23503') throw new AppError('validation');
        throw error;
      });
      return getCommunityPoint(ctx.database.pool, request.city, id);
    },
  );
};
