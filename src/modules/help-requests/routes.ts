import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audit, auditFromRequest } from '../../kernel/audit/index.ts';
import { withTransaction } from '../../kernel/db/transaction.ts';
import { AppError } from '../../kernel/errors.ts';
import type { ModuleContext } from '../../kernel/module.ts';
import { publicFormRateLimit } from '../../kernel/security/index.ts';
import { createHelpRequest } from './service/intake.ts';
import { getHelpRequest, helpFigures, listHelpRequests, trackHelpRequest } from './service/read.ts';
import { addNote, assign, assignees, escalate, transfer, transition, triage } from './service/workflow.ts';
import { helpCategories, suggestCategories, suggestUrgency, urgencies } from './triage.ts';

const tags = ['help-requests'];
const read = { access: { permission: 'help.read' } } as const;
const manage = { access: { permission: 'help.manage' } } as const;
const idParam = z.object({ id: z.uuid() });

/** Text people type: control characters removed, trimmed; stored as typed and escaped when shown. */
const text = (max: number) =>
  z
    .string()
    .max(max)
    .transform((s) => s.replace(/[^\P{Cc}\t\n\r]/gu, '').trim());
const code = z
  .string()
  .trim()
  .regex(/^[a-z0-9-]{1,60}$/, 'a code of lower-case letters, digits and dashes');
const Category = z.enum(helpCategories);
const Urgency = z.enum(urgencies);
const Reason = z.object({
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
const Ref = z.object({ code: z.string(), name: z.string() });

const Circumstances = z
  .object({
    livesAlone: z.boolean().optional(),
    age: z.number().int().min(0).max(120).optional(),
    healthIssue: z.boolean().optional(),
    noFood: z.boolean().optional(),
    minorsInvolved: z.boolean().optional(),
  })
  .strict();

export const HelpRequestInput = z
  .object({
    category: Category,
    description: text(4000).pipe(z.string().min(3)),
    lat: z.number().min(-90).max(90).optional(),
    lon: z.number().min(-180).max(180).optional(),
    address: text(300).optional(),
    neighbourhoodCode: code.optional(),
    contact: z
      .object({
        name: text(120).pipe(z.string().min(1)),
        phone: text(40)
          .pipe(z.string().regex(/^\+?[0-9 ./()-]{6,40}$/, 'a phone number'))
          .optional(),
        email: z.email().max(254).optional(),
      })
      .strict(),
    consent: z.literal(true, 'consent to the privacy notice is needed'),
    circumstances: Circumstances.optional(),
    onBehalfOf: z
      .object({ channel: z.enum(['phone', 'desk']) })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if ((v.lat === undefined) !== (v.lon === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [v.lat === undefined ? 'lat' : 'lon'],
        message: 'give both lat and lon',
      });
    if (v.lat === undefined && !v.neighbourhoodCode && !v.address)
      ctx.addIssue({
        code: 'custom',
        path: ['neighbourhoodCode'],
        message: 'say where: a neighbourhood, a point on the map or an address',
      });
    if (!v.contact.phone && !v.contact.email)
      ctx.addIssue({
        code: 'custom',
        path: ['contact', 'phone'],
        message: 'give a phone number or an e-mail address',
      });
  });

const Created = z
  .object({
    id: z.uuid(),
    trackingCode: z.string(),
    status: z.string(),
    urgency: z.string(),
    neighbourhood: Ref,
    zone: Ref,
    queue: z.enum(['community_point', 'zone_office', 'helpline']),
    communityPoint: z
      .object({ id: z.uuid(), name: z.string(), neighbourhoodCodes: z.array(z.string()) })
      .nullable(),
  })
  .meta({ id: 'HelpRequestCreated' });

const Detail = z
  .object({
    id: z.uuid(),
    trackingCode: z.string(),
    category: z.string(),
    suggestedCategory: z.string().nullable(),
    description: z.string(),
    circumstances: z.record(z.string(), z.unknown()),
    urgency: z.string(),
    urgencyConfirmed: z.boolean(),
    urgencyReasons: z.array(Reason),
    status: z.string(),
    outcome: z.string().nullable(),
    address: z.string().nullable(),
    lat: z.number().nullable(),
    lon: z.number().nullable(),
    neighbourhood: Ref,
    zone: Ref,
    queue: z.string(),
    communityPoint: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }).nullable(),
    assignee: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    escalatedAt: z.string().nullable(),
    contact: z.object({ name: z.string(), phone: z.string().nullable(), email: z.string().nullable() }),
    channel: z.string(),
    firstContactAt: z.string().nullable(),
    slaDueAt: z.string(),
    slaBreachedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    closedAt: z.string().nullable(),
    history: z.array(
      z.object({
        at: z.string(),
        kind: z.string(),
        fromStatus: z.string().nullable(),
        toStatus: z.string().nullable(),
        reason: z.string().nullable(),
        actorName: z.string().nullable(),
        data: z.record(z.string(), z.unknown()),
      }),
    ),
    notes: z.array(
      z.object({ id: z.uuid(), authorName: z.string(), text: z.string(), createdAt: z.string() }),
    ),
    nextStatuses: z.array(z.string()),
    canManage: z.boolean(),
  })
  .meta({ id: 'HelpRequest' });

const Summary = z
  .object({
    id: z.uuid(),
    trackingCode: z.string(),
    category: z.string(),
    urgency: z.string(),
    urgencyConfirmed: z.boolean(),
    status: z.string(),
    neighbourhood: Ref,
    zone: Ref,
    queue: z.string(),
    communityPoint: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }).nullable(),
    assignee: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    contactName: z.string(),
    summary: z.string(),
    escalated: z.boolean(),
    slaDueAt: z.string(),
    slaBreached: z.boolean(),
    firstContactAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'HelpRequestSummary' });

const statusList = z
  .string()
  .transform((s) => s.split(',').filter(Boolean))
  .pipe(
    z.array(z.enum(['new', 'triaged', 'assigned', 'in_progress', 'resolved', 'closed', 'withdrawn'])).max(7),
  );

const keyPattern = /^[\w.:-]{8,100}$/;

/** Help requests: intake (public), tracking (public, no personal data), the hubs' work on them. */
export const helpRequestRoutes: FastifyPluginAsyncZod<ModuleContext> = async (app, ctx) => {
  const db = ctx.database;
  const publicUrl = ctx.config.publicUrl;

  app.post(
    '/help-requests',
    {
      config: { access: { public: true }, rateLimit: publicFormRateLimit(ctx.config) },
      schema: {
        tags,
        summary: 'Ask for help (no account needed); staff enter requests on behalf of a person',
        description:
          'At least one way to place the person (neighbourhoodCode, lat+lon, or an address naming a neighbourhood) ' +
          'and one way to reach them (phone or e-mail). Send an `Idempotency-Key` header (8–100 characters) to make ' +
          'a retry safe: it returns the first answer and creates nothing new.',
        headers: z.object({ 'idempotency-key': z.string().regex(keyPattern).optional() }).passthrough(),
        body: HelpRequestInput,
        response: { 200: Created, 201: Created },
      },
    },
    async (request, reply) => {
      const user = request.user;
      const roles = user?.roles ?? [];
      const { result, replayed } = await createHelpRequest(
        db,
        request.city,
        request.body,
        {
          userId: user?.id ?? null,
          label: user?.email ?? null,
          staff: roles.includes('operator') || roles.includes('social_worker'),
          citizen: roles.includes('citizen'),
          requestId: String(request.id),
          ip: request.ip,
          lang: request.lang,
        },
        { idempotencyKey: request.headers['idempotency-key'] as string | undefined, publicUrl },
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(result);
    },
  );

  app.post(
    '/help-requests/suggest',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'Suggested category and urgency for a text, each with its reasons (nothing is stored)',
        body: z
          .object({
            description: text(4000),
            category: Category.optional(),
            circumstances: Circumstances.optional(),
          })
          .strict(),
        response: {
          200: z.object({
            categories: z.array(
              z.object({ category: Category, score: z.number(), reasons: z.array(Reason) }),
            ),
            urgency: z.object({ urgency: Urgency, reasons: z.array(Reason) }),
          }),
        },
      },
    },
    async (request) => {
      const categories = suggestCategories(request.body.description).slice(0, 3);
      const category = request.body.category ?? categories[0]?.category ?? 'other';
      return {
        categories,
        urgency: suggestUrgency({
          category,
          description: request.body.description,
          circumstances: request.body.circumstances,
        }),
      };
    },
  );

  app.get(
    '/help-requests/track/:code',
    {
      config: { access: { public: true }, rateLimit: publicFormRateLimit(ctx.config) },
      schema: {
        tags,
        summary: 'Status and dates of a request by its tracking code (no personal data)',
        params: z.object({ code: z.string().min(1).max(20) }),
        response: {
          200: z
            .object({
              trackingCode: z.string(),
              category: z.string(),
              status: z.string(),
              queue: z.string(),
              communityPoint: z.object({ name: z.string(), phone: z.string().nullable() }).nullable(),
              createdAt: z.string(),
              updatedAt: z.string(),
              firstContactAt: z.string().nullable(),
              closedAt: z.string().nullable(),
              steps: z.array(z.object({ status: z.string(), at: z.string() })),
            })
            .meta({ id: 'HelpRequestTracking' }),
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return trackHelpRequest(db.pool, request.city, request.params.code);
    },
  );

  app.get(
    '/help-requests/figures',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'Requests by neighbourhood, zone, category and status (counts under 5 suppressed)',
        querystring: z
          .object({ from: z.iso.date().optional(), to: z.iso.date().optional() })
          .strict()
          .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from is after to', path: ['from'] }),
        response: {
          200: z.object({
            from: z.string(),
            to: z.string(),
            total: z.number().nullable(),
            byNeighbourhood: z.record(z.string(), z.number().nullable()),
            byZone: z.record(z.string(), z.number().nullable()),
            byCategory: z.record(z.string(), z.number().nullable()),
            byStatus: z.record(z.string(), z.number().nullable()),
            suppressedBelow: z.number(),
          }),
        },
      },
    },
    async (request) => {
      const to = request.query.to ? new Date(`${request.query.to}T00:00:00Z`) : new Date();
      if (request.query.to) to.setUTCDate(to.getUTCDate() + 1);
      const from = request.query.from
        ? new Date(`${request.query.from}T00:00:00Z`)
        : new Date(to.getTime() - 365 * 86_400_000);
      return helpFigures(db.pool, request.city, from, to);
    },
  );

  app.get(
    '/help-requests',
    {
      config: read,
      schema: {
        tags,
        summary: "The caller's requests: a hub's, a zone's escalations, or a citizen's own",
        querystring: z
          .object({
            status: statusList.optional(),
            open: z.enum(['true', 'false']).optional(),
            category: Category.optional(),
            urgency: Urgency.optional(),
            communityPoint: z.string().max(80).optional(),
            zone: code.optional(),
            escalated: z.enum(['true', 'false']).optional(),
            q: z.string().trim().max(200).optional(),
            page: z.coerce.number().int().min(1).max(10_000).default(1),
            pageSize: z.coerce.number().int().min(1).max(100).default(25),
          })
          .strict(),
        response: {
          200: z.object({
            items: z.array(Summary),
            total: z.number(),
            page: z.number(),
            pageSize: z.number(),
          }),
        },
      },
    },
    async (request) => {
      const qs = request.query;
      return listHelpRequests(db.pool, request, {
        ...qs,
        open: qs.open === 'true',
        escalated: qs.escalated === 'true',
      });
    },
  );

  app.get(
    '/help-requests/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'One request (the read is audited)',
        params: idParam,
        response: { 200: Detail },
      },
    },
    async (request) => getHelpRequest(db.pool, request, request.params.id),
  );

  const action = <B extends z.ZodType>(
    path: string,
    summary: string,
    body: B,
    run: (id: string, body: z.infer<B>, request: Parameters<typeof getHelpRequest>[1]) => Promise<void>,
  ) =>
    app.post(
      `/help-requests/:id/${path}`,
      { config: manage, schema: { tags, summary, params: idParam, body, response: { 200: Detail } } },
      async (request) => {
        await run(request.params.id, request.body as z.infer<B>, request);
        return getHelpRequest(db.pool, request, request.params.id);
      },
    );

  action(
    'triage',
    'Confirm or change category and urgency (new → triaged)',
    z.object({ category: Category.optional(), urgency: Urgency, reason: text(1000).optional() }).strict(),
    (id, body, request) => triage(db, request, id, body),
  );
  app.get(
    '/help-requests/:id/assignees',
    {
      config: manage,
      schema: {
        tags,
        summary:
          "Who the request can be assigned to: its hub's operators (and, once escalated, the zone's social workers)",
        params: idParam,
        response: { 200: z.object({ items: z.array(z.object({ id: z.uuid(), name: z.string() })) }) },
      },
    },
    async (request) => assignees(db, request, request.params.id),
  );

  action(
    'assign',
    'Assign to a person of the hub (the caller by default)',
    z.object({ assigneeId: z.uuid().optional() }).strict(),
    (id, body, request) => assign(db, request, id, body, publicUrl),
  );
  action(
    'transitions',
    'Move along the status machine: in_progress, resolved, closed (with outcome), withdrawn (with reason)',
    z
      .object({
        to: z.enum(['triaged', 'in_progress', 'resolved', 'closed', 'withdrawn']),
        reason: text(1000).pipe(z.string().min(3)).optional(),
        outcome: text(1000).pipe(z.string().min(3)).optional(),
      })
      .strict(),
    (id, body, request) => transition(db, request, id, body, publicUrl),
  );
  app.post(
    '/help-requests/:id/transfer',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Transfer to another Punto Comunità of the city, with a reason (it leaves the caller’s hub)',
        params: idParam,
        body: z
          .object({ communityPoint: z.string().min(1).max(80), reason: text(1000).pipe(z.string().min(5)) })
          .strict(),
        response: {
          200: z.object({
            id: z.uuid(),
            status: z.string(),
            communityPoint: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
          }),
        },
      },
    },
    async (request) => {
      const target = await transfer(db, request, request.params.id, request.body);
      const { rows } = await db.pool.query<{ status: string }>(
        'SELECT status FROM help_requests WHERE city_id = $1 AND help_request_id = $2',
        [request.city.id, request.params.id],
      );
      return { id: request.params.id, status: rows[0]!.status, communityPoint: target };
    },
  );
  action(
    'escalate',
    "Escalate to the zone's social workers, with a reason",
    z.object({ reason: text(1000).pipe(z.string().min(5)) }).strict(),
    (id, body, request) => escalate(db, request, id, body),
  );
  action(
    'notes',
    'Add an internal note (never shown to the person)',
    z.object({ text: text(4000).pipe(z.string().min(1)) }).strict(),
    (id, body, request) => addNote(db, request, id, body),
  );

  const Emergency = z
    .object({
      active: z.boolean(),
      phone: text(40).nullable(),
      message: text(500).nullable(),
      categories: z.array(Category).max(10),
    })
    .meta({ id: 'EmergencyMode' });

  app.get(
    '/emergency',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'Whether the city is in emergency mode, and what the home page leads with',
        response: { 200: Emergency },
      },
    },
    async (request) => emergencyOf(request.city.settings),
  );

  app.put(
    '/emergency',
    {
      config: { access: { permission: 'help.emergency' } },
      schema: {
        tags,
        summary: 'Switch emergency mode on or off (the city)',
        body: Emergency.strict(),
        response: { 200: Emergency },
      },
    },
    async (request) => {
      const value = request.body;
      if (value.active && !value.phone)
        throw new AppError(
          'validation',
          {},
          { fields: [{ field: 'phone', message: 'a phone number is needed in emergency mode' }] },
        );
      await withTransaction(db.pool, async (client) => {
        await client.query(
          `UPDATE cities SET settings = jsonb_set(settings, '{emergency}', $2::jsonb), updated_at = now() WHERE city_id = $1`,
          [request.city.id, JSON.stringify(value)],
        );
        await audit(
          client,
          auditFromRequest(request, {
            action: 'update',
            resource: 'emergency_mode',
            scope: 'city',
            detail: value,
          }),
        );
      });
      await app.cities.reload();
      return value;
    },
  );
};

export function emergencyOf(settings: Record<string, unknown>) {
  const e = (settings.emergency ?? {}) as Partial<{
    active: boolean;
    phone: string | null;
    message: string | null;
    categories: string[];
  }>;
  return {
    active: e.active ?? false,
    phone: e.phone ?? null,
    message: e.message ?? null,
    categories: (e.categories ?? []).filter((c): c is (typeof helpCategories)[number] =>
      (helpCategories as readonly string[]).includes(c),
    ),
  };
}
