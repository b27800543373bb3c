import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audit, auditFromRequest } from '../../kernel/audit/index.ts';
import { withTransaction } from '../../kernel/db/transaction.ts';
import { AppError } from '../../kernel/errors.ts';
import type { ModuleContext } from '../../kernel/module.ts';
import { helplineActor, requireSupervisor } from './service/actor.ts';
import {
  addNote,
  assignCall,
  attempt,
  close,
  listNotes,
  outcomes,
  queue,
  release,
  take,
} from './service/calls.ts';
import { addShift, coverageNow, removeShift, rota, shiftExists } from './service/rota.ts';
import { helplineSettingsOf } from './service/settings.ts';
import { formatTime, parseTime } from './service/week.ts';

const tags = ['helpline'];
const work = { access: { permission: 'helpline.work' } } as const;
const supervise = { access: { permission: 'helpline.supervise' } } as const;
const callParams = z.object({ helpRequestId: z.uuid() });

/** Text people type: control characters removed, trimmed. */
const text = (max: number) =>
  z
    .string()
    .max(max)
    .transform((s) => s.replace(/[^\P{Cc}\t\n\r]/gu, '').trim());

const Time = z
  .string()
  .refine((s) => parseTime(s) !== undefined, 'a time of day as HH:MM, from 00:00 to 24:00')
  .meta({ example: '09:30' });
const Weekday = z.number().int().min(1).max(7).meta({ description: '1 = Monday … 7 = Sunday' });
/** A stretch of a weekday; `end` after `start`. */
const StretchInput = z
  .object({ weekday: Weekday, start: Time, end: Time })
  .strict()
  .refine((v) => (parseTime(v.end) ?? 0) > (parseTime(v.start) ?? 0), {
    message: 'end must come after start',
    path: ['end'],
  });

const Person = z.object({ id: z.uuid(), name: z.string() });
const StretchOut = z.object({ weekday: z.number(), start: z.string(), end: z.string() });
const Shift = z
  .object({ id: z.uuid(), psychologist: Person, weekday: z.number(), start: z.string(), end: z.string() })
  .meta({ id: 'HelplineShift' });
const Call = z
  .object({
    id: z.uuid(),
    trackingCode: z.string(),
    firstName: z.string(),
    phone: z.string().nullable(),
    lang: z.string(),
    urgency: z.string(),
    description: z.string(),
    waitingSince: z.string(),
    waitingMinutes: z.number(),
    status: z.enum(['waiting', 'assigned', 'called', 'closed']),
    psychologist: Person.nullable(),
    assignedAt: z.string().nullable(),
    attempts: z.number(),
    lastAttemptAt: z.string().nullable(),
    closedAt: z.string().nullable(),
  })
  .meta({ id: 'HelplineCall' });
const Note = z
  .object({ id: z.string(), author: Person, text: z.string(), createdAt: z.string() })
  .meta({ id: 'HelplineNote' });
const Settings = z
  .object({
    openingHours: z.array(StretchOut),
    minPsychologists: z.number(),
  })
  .meta({ id: 'HelplineSettings' });

/**
 * The psychological-support helpline: the psychologists' weekly rota and who is on now, the
 * callback queue (help requests routed to the helpline), calls and their private notes.
 */
export const helplineRoutes: FastifyPluginAsyncZod<ModuleContext> = async (app, ctx) => {
  const pool = ctx.database.pool;

  app.get(
    '/helpline/rota',
    {
      config: work,
      schema: {
        tags,
        summary:
          'The weekly rota: shifts per weekday with the psychologists’ names (psychologists, supervisor)',
        response: {
          200: z
            .object({
              days: z.array(z.object({ weekday: z.number(), shifts: z.array(Shift) })),
              openingHours: z.array(StretchOut),
              minPsychologists: z.number(),
              psychologists: z.array(Person),
            })
            .meta({ id: 'HelplineRota' }),
        },
      },
    },
    async (request) => {
      await helplineActor(pool, request);
      return rota(pool, request.city);
    },
  );

  app.post(
    '/helpline/rota',
    {
      config: supervise,
      schema: {
        tags,
        summary: 'Put a psychologist on the rota (supervisor); their own shifts never overlap',
        body: z.object({ userId: z.uuid(), weekday: Weekday, start: Time, end: Time }).strict(),
        response: { 201: Shift },
      },
    },
    async (request, reply) => {
      requireSupervisor(request);
      const b = request.body;
      const start = parseTime(b.start)!;
      const end = parseTime(b.end)!;
      if (end <= start)
        throw new AppError(
          'validation',
          {},
          { fields: [{ field: 'end', message: 'end must come after start' }] },
        );
      return reply
        .status(201)
        .send(await addShift(pool, request, { userId: b.userId, weekday: b.weekday, start, end }));
    },
  );

  app.delete(
    '/helpline/rota/:shiftId',
    {
      config: supervise,
      schema: {
        tags,
        summary: 'Take a shift off the rota (supervisor)',
        params: z.object({ shiftId: z.uuid() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      if (!(await shiftExists(pool, request.city.id, request.params.shiftId)))
        throw new AppError('not_found', { resource: 'helpline_shift', id: request.params.shiftId });
      requireSupervisor(request);
      await removeShift(pool, request, request.params.shiftId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/helpline/now',
    {
      config: work,
      schema: {
        tags,
        summary: 'Who is on now (Europe/Rome), the week’s coverage gaps and understaffed stretches',
        querystring: z
          .object({ at: z.iso.datetime({ offset: true }).optional().describe('another moment than now') })
          .strict(),
        response: {
          200: z
            .object({
              at: z.string(),
              weekday: z.number(),
              time: z.string(),
              open: z.boolean(),
              onNow: z.array(z.object({ psychologist: Person, until: z.string() })),
              minPsychologists: z.number(),
              openingHours: z.array(StretchOut),
              gaps: z.array(StretchOut),
              understaffed: z.array(StretchOut.extend({ count: z.number() })),
            })
            .meta({ id: 'HelplineCoverage' }),
        },
      },
    },
    async (request) => {
      await helplineActor(pool, request);
      return coverageNow(pool, request.city, request.query.at ? new Date(request.query.at) : new Date());
    },
  );

  app.put(
    '/helpline/settings',
    {
      config: supervise,
      schema: {
        tags,
        summary: 'The helpline’s opening hours and the fewest psychologists wanted on shift (supervisor)',
        body: z
          .object({
            openingHours: z.array(StretchInput).max(50),
            minPsychologists: z.number().int().min(1).max(50),
          })
          .strict(),
        response: { 200: Settings },
      },
    },
    async (request) => {
      requireSupervisor(request);
      const value = {
        openingHours: request.body.openingHours.map((o) => ({
          weekday: o.weekday,
          start: parseTime(o.start)!,
          end: parseTime(o.end)!,
        })),
        minPsychologists: request.body.minPsychologists,
      };
      await withTransaction(pool, async (client) => {
        await client.query(
          `UPDATE cities SET settings = jsonb_set(settings, '{helpline}', $2::jsonb), updated_at = now() WHERE city_id = $1`,
          [request.city.id, JSON.stringify(value)],
        );
        await audit(
          client,
          auditFromRequest(request, {
            action: 'update',
            resource: 'helpline_settings',
            scope: 'city',
            detail: value,
          }),
        );
      });
      await app.cities.reload();
      const saved = helplineSettingsOf({ helpline: value });
      return {
        openingHours: saved.openingHours.map((o) => ({
          weekday: o.weekday,
          start: formatTime(o.start),
          end: formatTime(o.end),
        })),
        minPsychologists: saved.minPsychologists,
      };
    },
  );

  app.get(
    '/helpline/queue',
    {
      config: work,
      schema: {
        tags,
        summary:
          'The callback queue: waiting calls, most urgent and oldest first (psychologists on shift, supervisor), and the calls in hand',
        response: {
          200: z
            .object({
              role: z.enum(['psychologist', 'supervisor']),
              onShift: z.boolean().nullable(),
              waiting: z.array(Call),
              active: z.array(Call),
            })
            .meta({ id: 'HelplineQueue' }),
        },
      },
    },
    async (request) => queue(pool, request),
  );

  const callAction = (path: string, summary: string, run: typeof take) =>
    app.post(
      `/helpline/calls/:helpRequestId/${path}`,
      { config: work, schema: { tags, summary, params: callParams, response: { 200: Call } } },
      async (request) => run(pool, request, request.params.helpRequestId),
    );
  callAction(
    'take',
    'Take a waiting call (a psychologist on shift); of two at once, one wins and the other gets 409',
    take,
  );
  callAction('attempt', 'Called, no answer: one more attempt (the psychologist holding the call)', attempt);
  callAction('release', 'Put the call back in the queue (its psychologist, or the supervisor)', release);

  app.post(
    '/helpline/calls/:helpRequestId/close',
    {
      config: work,
      schema: {
        tags,
        summary:
          'Close the call with its outcome (the psychologist holding it); the help request is resolved',
        params: callParams,
        body: z
          .object({ outcome: z.enum(outcomes), note: text(4000).pipe(z.string().min(1)).optional() })
          .strict(),
        response: { 200: Call },
      },
    },
    async (request) => close(pool, request, request.params.helpRequestId, request.body, ctx.config.publicUrl),
  );

  app.post(
    '/helpline/calls/:helpRequestId/assign',
    {
      config: supervise,
      schema: {
        tags,
        summary: 'Give the call to a psychologist on shift (supervisor)',
        params: callParams,
        body: z.object({ userId: z.uuid() }).strict(),
        response: { 200: Call },
      },
    },
    async (request) => assignCall(pool, request, request.params.helpRequestId, request.body.userId),
  );

  app.get(
    '/helpline/calls/:helpRequestId/notes',
    {
      config: work,
      schema: {
        tags,
        summary: 'The notes of a call: only its psychologist and the supervisor (every read is audited)',
        params: callParams,
        response: { 200: z.object({ items: z.array(Note) }) },
      },
    },
    async (request) => listNotes(pool, request, request.params.helpRequestId),
  );

  app.post(
    '/helpline/calls/:helpRequestId/notes',
    {
      config: work,
      schema: {
        tags,
        summary: 'Add a note to a call (its psychologist or the supervisor)',
        params: callParams,
        body: z.object({ text: text(4000).pipe(z.string().min(1)) }).strict(),
        response: { 201: Note },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addNote(pool, request, request.params.helpRequestId, request.body.text)),
  );
};
