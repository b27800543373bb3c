import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audit, auditFromRequest } from '../../kernel/audit/index.ts';
import type { ModuleContext } from '../../kernel/module.ts';
import { Candidate, Task, text } from './schemas.ts';
import { loadCandidates, rankCandidates } from './service/candidates.ts';
import { loadRequestForStaff, needsOf, requestScopeLabel } from './service/requests.ts';
import { acceptTask, completeTask, declineTask, myTasks, offerTasks } from './service/tasks.ts';

const tags = ['volunteers'];
const self = { access: { permission: 'volunteers.self' } } as const;
const match = { access: { permission: 'volunteers.match' } } as const;
const idParam = z.object({ id: z.uuid() });
const taskParam = z.object({ taskId: z.uuid() });

/** A request's candidates and offers (staff), and the tasks as their volunteer answers them. */
export const taskRoutes: FastifyPluginAsyncZod<ModuleContext> = async (app, ctx) => {
  const db = ctx.database;
  const publicUrl = ctx.config.publicUrl;

  app.get(
    '/help-requests/:id/volunteer-matches',
    {
      config: match,
      schema: {
        tags,
        summary: 'Volunteers for a request, best first, each with the reasons',
        description:
          'Active volunteers with room for another task who serve the request’s neighbourhood or are within their range. ' +
          'When the request needs clearance (minors; or company, escort, psychological support for a person aged 75+, ' +
          'with a health issue or living alone) volunteers without it are left out and counted in withoutClearance.',
        params: idParam,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }).strict(),
        response: {
          200: z.object({
            requestId: z.uuid(),
            skills: z.array(z.string()),
            needsClearance: z.boolean(),
            withoutClearance: z.number(),
            candidates: z.array(Candidate),
          }),
        },
      },
    },
    async (request) => {
      const req = await loadRequestForStaff(db.pool, request.city, request.grant, request.params.id);
      const needs = needsOf(req);
      const volunteers = await loadCandidates(
        db.pool,
        request.city.id,
        { id: req.help_request_id, phone: req.contact_phone, email: req.contact_email },
        { activeOnly: true },
      );
      const ranked = rankCandidates(
        {
          lat: req.lat,
          lon: req.lon,
          neighbourhoodCode: req.neighbourhood_code,
          neighbourhoodName: req.neighbourhood_name,
          ...needs,
        },
        volunteers,
        new Date(),
        request.query.limit,
      );
      await audit(
        db.pool,
        auditFromRequest(request, {
          action: 'match',
          resource: 'help_request',
          resourceId: req.help_request_id,
          scope: requestScopeLabel(request.grant, req),
          detail: { candidates: ranked.candidates.length },
        }),
      );
      return { requestId: req.help_request_id, ...needs, ...ranked };
    },
  );

  app.post(
    '/help-requests/:id/volunteer-tasks',
    {
      config: match,
      schema: {
        tags,
        summary: 'Offer the request to one or more volunteers (each gets an e-mail)',
        description:
          'Refused with a 409 problem, nothing written, when a volunteer already took the request, it is closed, or a ' +
          'volunteer is not active, is full, already has the offer or lacks the clearance the request needs.',
        params: idParam,
        body: z
          .object({
            volunteerIds: z.array(z.uuid()).min(1).max(20),
            brief: text(2000).pipe(z.string().min(3)),
          })
          .strict(),
        response: {
          201: z.object({
            tasks: z.array(
              z.object({
                id: z.uuid(),
                volunteerId: z.uuid(),
                displayName: z.string(),
                status: z.literal('offered'),
              }),
            ),
          }),
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await offerTasks(db, request, request.params.id, request.body, publicUrl)),
  );

  app.get(
    '/volunteers/me/tasks',
    {
      config: self,
      schema: {
        tags,
        summary: 'My tasks, with only what each needs (the person’s name and phone once I accepted)',
        response: { 200: z.object({ items: z.array(Task), hoursTotal: z.number() }) },
      },
    },
    async (request) => myTasks(db, request),
  );

  app.post(
    '/volunteer-tasks/:taskId/accept',
    {
      config: self,
      schema: {
        tags,
        summary:
          'Accept an offered task (of two volunteers accepting the same request at once, one wins; 409 for the other)',
        params: taskParam,
        response: { 200: Task },
      },
    },
    async (request) => acceptTask(db, request, request.params.taskId, publicUrl),
  );

  app.post(
    '/volunteer-tasks/:taskId/decline',
    {
      config: self,
      schema: {
        tags,
        summary: 'Decline an offered task, or give back an accepted one, with a reason (twice: 409)',
        params: taskParam,
        body: z.object({ reason: text(1000).pipe(z.string().min(3)) }).strict(),
        response: { 200: Task },
      },
    },
    async (request) => declineTask(db, request, request.params.taskId, request.body, publicUrl),
  );

  app.post(
    '/volunteer-tasks/:taskId/done',
    {
      config: self,
      schema: {
        tags,
        summary: 'Mark an accepted task done, with a short note and the hours given',
        params: taskParam,
        body: z
          .object({ note: text(2000).pipe(z.string().min(3)), hours: z.number().gt(0).max(24) })
          .strict(),
        response: { 200: Task },
      },
    },
    async (request) => completeTask(db, request, request.params.taskId, request.body, publicUrl),
  );
};
