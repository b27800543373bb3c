import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audit, auditFromRequest } from '../../../kernel/audit/index.ts';
import { withTransaction } from '../../../kernel/db/transaction.ts';
import { AppError } from '../../../kernel/errors.ts';
import { t } from '../../../kernel/i18n/index.ts';
import { queueMail } from '../../../kernel/mail/index.ts';
import { type ModuleContext, roles } from '../../../kernel/module.ts';
import { AdminUser, Assignment, displayName, email, page, uuidParam } from '../schemas.ts';
import {
  type AssignmentInput,
  createUser,
  getUser,
  listUsers,
  setActive,
  setAssignments,
} from '../service/accounts.ts';
import { issueToken } from '../service/tokens.ts';

const tags = ['admin'];
const manage = { access: { permission: 'identity.users.manage' } } as const;

/** Only a platform admin hands out platform-wide roles; scopes must fit their role. */
function checkAssignments(list: AssignmentInput[], callerIsPlatformAdmin: boolean): void {
  list.forEach((a, i) => {
    const fieldAt = (message: string) =>
      new AppError('validation', {}, { fields: [{ field: `assignments.${i}`, message }] });
    if ((a.role === 'platform_admin' || a.scope.kind === 'platform') && !callerIsPlatformAdmin) {
      throw new AppError('forbidden');
    }
    const needsRef = ['zone', 'community_point', 'organisation'].includes(a.scope.kind);
    if (needsRef && !a.scope.ref) throw fieldAt('scope.ref is required for this scope');
    if (!needsRef && a.scope.ref) throw fieldAt('scope.ref must be null for this scope');
  });
}

export const adminRoutes: FastifyPluginAsyncZod<ModuleContext> = async (app) => {
  const pool = app.database.pool;

  app.get(
    '/admin/users',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Users of the city (search by name or e-mail, filter by role)',
        querystring: z.object({
          q: z.string().trim().max(100).optional(),
          role: z.enum(roles).optional(),
          page,
        }),
        response: { 200: z.object({ items: z.array(AdminUser), total: z.number(), page: z.number() }) },
      },
    },
    async (request) => listUsers(pool, request.city.id, { ...request.query, pageSize: 50 }),
  );

  app.get(
    '/admin/users/:id',
    {
      config: manage,
      schema: { tags, summary: 'One user', params: uuidParam, response: { 200: AdminUser } },
    },
    async (request) => getUser(pool, request.city.id, request.params.id),
  );

  app.post(
    '/admin/users',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Create an account and mail an invitation to choose a password',
        body: z.object({ email, displayName, assignments: z.array(Assignment).max(20) }),
        response: { 201: AdminUser },
      },
    },
    async (request, reply) => {
      checkAssignments(request.body.assignments, request.grant.allCities);
      const id = await withTransaction(pool, async (client) => {
        const user = await createUser(client, request.city.id, { ...request.body });
        const token = await issueToken(client, request.city.id, user.id, 'reset');
        await queueMail(client, {
          cityId: request.city.id,
          to: user.email,
          subject: t(request.lang, 'identity.mail.invite.subject', { city: request.city.name }),
          text: t(request.lang, 'identity.mail.invite.text', {
            name: user.displayName,
            link: `${app.config.publicUrl}/reimposta-password?token=${token}`,
          }),
        });
        await audit(
          client,
          auditFromRequest(request, {
            action: 'create',
            resource: 'user',
            resourceId: user.id,
            scope: 'city',
          }),
        );
        return user.id;
      });
      return reply.status(201).send(await getUser(pool, request.city.id, id));
    },
  );

  app.put(
    '/admin/users/:id/assignments',
    {
      config: manage,
      schema: {
        tags,
        summary: "Replace a user's roles and scopes",
        params: uuidParam,
        body: z.object({ assignments: z.array(Assignment).max(20) }),
        response: { 200: AdminUser },
      },
    },
    async (request) => {
      checkAssignments(request.body.assignments, request.grant.allCities);
      await getUser(pool, request.city.id, request.params.id);
      await withTransaction(pool, async (client) => {
        await setAssignments(client, request.city.id, request.params.id, request.body.assignments);
        await audit(
          client,
          auditFromRequest(request, {
            action: 'update_roles',
            resource: 'user',
            resourceId: request.params.id,
            scope: 'city',
            detail: { assignments: request.body.assignments },
          }),
        );
      });
      app.sessions.evictUser(request.city.id, request.params.id);
      return getUser(pool, request.city.id, request.params.id);
    },
  );

  for (const [path, active] of [
    ['deactivate', false],
    ['activate', true],
  ] as const) {
    app.post(
      `/admin/users/:id/${path}`,
      {
        config: manage,
        schema: {
          tags,
          summary: active ? 'Reactivate an account' : 'Deactivate an account (ends its sessions)',
          params: uuidParam,
          response: { 200: AdminUser },
        },
      },
      async (request) => {
        if (!active && request.params.id === request.user!.id)
          throw new AppError('conflict', {}, { messageKey: 'identity.not_yourself' });
        await withTransaction(pool, async (client) => {
          await setActive(client, request.city.id, request.params.id, active);
          await audit(
            client,
            auditFromRequest(request, {
              action: path,
              resource: 'user',
              resourceId: request.params.id,
              scope: 'city',
            }),
          );
        });
        app.sessions.evictUser(request.city.id, request.params.id);
        return getUser(pool, request.city.id, request.params.id);
      },
    );
  }

  const AuditRow = z
    .object({
      id: z.number(),
      at: z.string(),
      actorId: z.string().nullable(),
      actorLabel: z.string().nullable(),
      action: z.string(),
      resource: z.string(),
      resourceId: z.string().nullable(),
      scope: z.string().nullable(),
      requestId: z.string().nullable(),
      sensitive: z.boolean(),
      reason: z.string().nullable(),
      outcome: z.string(),
    })
    .meta({ id: 'AuditEntry' });

  app.get(
    '/admin/audit',
    {
      config: { access: { permission: 'identity.audit.read' } },
      schema: {
        tags,
        summary: 'Search the audit log by person, record and date (newest first)',
        querystring: z.object({
          actor: z.string().trim().max(254).optional().describe('user id or e-mail'),
          resource: z.string().trim().max(60).optional(),
          resourceId: z.string().trim().max(100).optional(),
          action: z.string().trim().max(60).optional(),
          from: z.iso.date().optional(),
          to: z.iso.date().optional(),
          breakGlass: z.enum(['true', 'false']).optional(),
          page,
        }),
        response: { 200: z.object({ items: z.array(AuditRow), total: z.number(), page: z.number() }) },
      },
    },
    async (request) => {
      const q = request.query;
      const { rows } = await pool.query(
        `SELECT audit_id AS id, at, actor_id, actor_label, action, resource, resource_id, scope, request_id, sensitive,
                reason, outcome, count(*) OVER ()::int AS total
           FROM audit_log
          WHERE city_id = $1
            AND ($2::text IS NULL OR actor_id::text = $2 OR lower(actor_label) = lower($2))
            AND ($3::text IS NULL OR resource = $3)
            AND ($4::text IS NULL OR resource_id = $4)
            AND ($5::text IS NULL OR action = $5)
            AND ($6::date IS NULL OR at >= ($6::date AT TIME ZONE 'Europe/Rome'))
            AND ($7::date IS NULL OR at < (($7::date + 1) AT TIME ZONE 'Europe/Rome'))
            AND ($8::boolean IS NULL OR (action = 'break_glass') = $8)
          ORDER BY at DESC, audit_id DESC LIMIT 50 OFFSET $9`,
        [
          request.city.id,
          q.actor ?? null,
          q.resource ?? null,
          q.resourceId ?? null,
          q.action ?? null,
          q.from ?? null,
          q.to ?? null,
          q.breakGlass ?? null,
          (q.page - 1) * 50,
        ],
      );
      return {
        items: rows.map((r) => ({
          id: r.id,
          at: (r.at as Date).toISOString(),
          actorId: r.actor_id,
          actorLabel: r.actor_label,
          action: r.action,
          resource: r.resource,
          resourceId: r.resource_id,
          scope: r.scope,
          requestId: r.request_id,
          sensitive: r.sensitive,
          reason: r.reason,
          outcome: r.outcome,
        })),
        total: rows[0]?.total ?? 0,
        page: q.page,
      };
    },
  );
};
