import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PermissionRegistry } from '../../kernel/auth/permissions.ts';
import { AppError } from '../../kernel/errors.ts';
import type { ModuleContext } from '../../kernel/module.ts';
import { volunteerPermissions } from './permissions.ts';
import { matchingRoutes } from './routes-matching.ts';
import { taskRoutes } from './routes-tasks.ts';
import { Figures, month, Profile, ProfileInput, ProfileListItem, text } from './schemas.ts';
import { addMonths, currentMonth, volunteerFigures } from './service/figures.ts';
import { apply, getMine, updateMine } from './service/profile.ts';
import { skills, volunteerStatuses } from './service/rules.ts';
import { getVolunteer, listVolunteers, recordClearance, setStatus } from './service/staff.ts';

const tags = ['volunteers'];
const self = { access: { permission: 'volunteers.self' } } as const;
const manage = { access: { permission: 'volunteers.manage' } } as const;
const userParam = z.object({ userId: z.uuid() });

/** Resolves this module's permissions on routes open to everyone (the figures). */
const registry = new PermissionRegistry([{ name: 'volunteers', permissions: volunteerPermissions }]);

/** Volunteers: sign-up and profile (the person), the hubs' and the city's register of them, their figures. */
export const volunteerRoutes: FastifyPluginAsyncZod<ModuleContext> = async (app, ctx) => {
  const db = ctx.database;
  const publicUrl = ctx.config.publicUrl;

  app.post(
    '/volunteers/me',
    {
      config: self,
      schema: {
        tags,
        summary: 'Apply as a volunteer (the profile waits for a hub or the city to accept it)',
        description:
          'The psychologist skill needs psychologistRegistration (Ordine degli Psicologi); availability slots of the same ' +
          'weekday must not overlap. A second application is a 409 problem.',
        body: ProfileInput,
        response: { 201: Profile },
      },
    },
    async (request, reply) => reply.status(201).send(await apply(db, request, request.body, publicUrl)),
  );

  app.get(
    '/volunteers/me',
    {
      config: self,
      schema: {
        tags,
        summary: 'My volunteer profile (404 when I have not applied)',
        response: { 200: Profile },
      },
    },
    async (request) => getMine(db, request),
  );

  app.put(
    '/volunteers/me',
    {
      config: self,
      schema: {
        tags,
        summary: 'Change my profile: skills, languages, neighbourhoods, range, tasks at once, availability',
        body: ProfileInput,
        response: { 200: Profile },
      },
    },
    async (request) => updateMine(db, request, request.body),
  );

  app.get(
    '/volunteers/figures',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary:
          'Tasks done and hours given by month, hub and volunteer (counts under 5 suppressed for the public)',
        description:
          'City-wide staff see every figure; a hub’s operators see their hubs whole and their volunteers one by one; ' +
          'everyone else sees counts under 5 as null and no volunteer by name. Months are Europe/Rome; default: the last 12.',
        querystring: z
          .object({ from: month.optional(), to: month.optional() })
          .strict()
          .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from is after to', path: ['from'] }),
        response: { 200: Figures },
      },
    },
    async (request) => {
      const to = request.query.to ?? currentMonth();
      const from = request.query.from ?? addMonths(to, -11);
      if (from < addMonths(to, -59))
        throw new AppError('validation', {}, { fields: [{ field: 'from', message: 'at most 60 months' }] });
      const user = request.user && request.user.cityId === request.city.id ? request.user : null;
      const grant = registry.resolve(user, 'volunteers.manage');
      return volunteerFigures(db.pool, request.city, grant, from, to);
    },
  );

  app.get(
    '/volunteers',
    {
      config: manage,
      schema: {
        tags,
        summary: 'The volunteers of my hub (or who serve its neighbourhoods), or of the city',
        querystring: z
          .object({
            status: z.enum(volunteerStatuses).optional(),
            skill: z.enum(skills).optional(),
            neighbourhood: z.string().trim().max(60).optional(),
            q: z.string().trim().max(100).optional(),
            page: z.coerce.number().int().min(1).max(10_000).default(1),
            pageSize: z.coerce.number().int().min(1).max(200).default(50),
          })
          .strict(),
        response: {
          200: z.object({
            items: z.array(ProfileListItem),
            total: z.number(),
            page: z.number(),
            pageSize: z.number(),
          }),
        },
      },
    },
    async (request) => listVolunteers(db, request, request.query),
  );

  app.get(
    '/volunteers/:userId',
    {
      config: manage,
      schema: {
        tags,
        summary: 'One volunteer (the read is audited)',
        params: userParam,
        response: { 200: Profile },
      },
    },
    async (request) => getVolunteer(db, request, request.params.userId),
  );

  app.post(
    '/volunteers/:userId/status',
    {
      config: manage,
      schema: {
        tags,
        summary:
          'Accept (active), pause, end (left) or re-accept a volunteer; accepting grants the volunteer role',
        params: userParam,
        body: z
          .object({
            status: z.enum(['active', 'paused', 'left']),
            reason: text(1000).pipe(z.string().min(3)).optional(),
          })
          .strict(),
        response: { 200: Profile },
      },
    },
    async (request) => setStatus(db, request, request.params.userId, request.body, publicUrl),
  );

  app.post(
    '/volunteers/:userId/clearance',
    {
      config: manage,
      schema: {
        tags,
        summary:
          'Record that the volunteer is cleared to work with minors and vulnerable adults (who, when, a note)',
        params: userParam,
        body: z.object({ note: text(1000).pipe(z.string().min(3)) }).strict(),
        response: { 200: Profile },
      },
    },
    async (request) => recordClearance(db, request, request.params.userId, request.body),
  );

  await taskRoutes(app, ctx);
  await matchingRoutes(app, ctx);
};
