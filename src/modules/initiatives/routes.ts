import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PermissionRegistry } from '../../kernel/auth/permissions.ts';
import type { ModuleContext } from '../../kernel/module.ts';
import { calendar, type IcalEvent } from './ical.ts';
import { initiativePermissions } from './permissions.ts';
import {
  code,
  Event,
  EventInput,
  EventUpdate,
  Initiative,
  InitiativeInput,
  InitiativeStatus,
  ProgrammePart,
  Registration,
  RegistrationInput,
} from './schemas.ts';
import {
  cancelEvent,
  createEvents,
  createInitiativeFor,
  updateEvent,
  updateInitiative,
} from './service/manage.ts';
import {
  type EventView,
  eventView,
  initiativeFigures,
  initiativeView,
  listEvents,
  listInitiatives,
  loadEvent,
  loadInitiative,
  programmeYearOf,
} from './service/read.ts';
import {
  cancelRegistration,
  eventRegistrations,
  myRegistrations,
  register,
  takeAttendance,
} from './service/registrations.ts';

const tags = ['initiatives'];
const manage = { access: { permission: 'initiatives.manage' } } as const;
const attendance = { access: { permission: 'events.attendance' } } as const;
const signedIn = { access: { authenticated: true } } as const;
const open = { access: { public: true } } as const;
const slugParam = z.object({ slug: code });
const idParam = z.object({ id: z.uuid() });
const registry = new PermissionRegistry([{ name: 'initiatives', permissions: initiativePermissions }]);

/** Today in Europe/Rome, YYYY-MM-DD. */
const romeToday = (now = new Date()) => now.toLocaleDateString('sv-SE', { timeZone: 'Europe/Rome' });
const addDays = (day: string, n: number) => {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/** Initiatives and their events: the public list and calendar, the hubs' editing, registrations, attendance. */
export const initiativeRoutes: FastifyPluginAsyncZod<ModuleContext> = async (app, ctx) => {
  const db = ctx.database;
  const publicUrl = ctx.config.publicUrl;
  const ics = (events: EventView[], name: string): string =>
    calendar(
      name,
      events.map(
        (e): IcalEvent => ({
          uid: `${e.id}@${new URL(publicUrl).hostname}`,
          stamp: new Date(e.updatedAt),
          start: new Date(e.startsAt),
          end: new Date(e.endsAt),
          summary: e.title,
          location: e.place,
          description: `${e.initiative.title}${e.description ? `\n\n${e.description}` : ''}`,
          url: `${publicUrl}/eventi/${e.id}`,
          geo: e.lat !== null && e.lon !== null ? { lat: e.lat, lon: e.lon } : null,
          cancelled: e.status === 'cancelled',
        }),
      ),
    );

  app.get(
    '/initiatives',
    {
      config: open,
      schema: {
        tags,
        summary:
          'Initiatives of the city, newest first, by hub, neighbourhood, zone, programme year, status, part',
        description: 'A programme year starts in September: `year=2018` is 2018-09-01 … 2019-08-31.',
        querystring: z
          .object({
            communityPoint: code.optional(),
            neighbourhood: code.optional(),
            zone: code.optional(),
            year: z.coerce.number().int().min(2000).max(2100).optional(),
            status: InitiativeStatus.optional(),
            programmePart: ProgrammePart.optional(),
            page: z.coerce.number().int().min(1).max(10_000).default(1),
            pageSize: z.coerce.number().int().min(1).max(100).default(20),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(Initiative), total: z.number() }) },
      },
    },
    async (request) => listInitiatives(db.pool, request.city, request.query),
  );

  app.get(
    '/initiatives/figures',
    {
      config: open,
      schema: {
        tags,
        summary: 'Initiatives per hub and programme part, participants by neighbourhood, of a programme year',
        description:
          'Participants are attended registrations (and their seats) of the year’s events; counts under 5 are null.',
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }).strict(),
        response: {
          200: z.object({
            year: z.number(),
            from: z.string(),
            to: z.string(),
            initiatives: z.number(),
            initiativesByCommunityPoint: z.record(z.string(), z.number()),
            initiativesByProgrammePart: z.record(z.string(), z.number()),
            events: z.number(),
            participants: z.object({ registrations: z.number().nullable(), seats: z.number().nullable() }),
            participantsByNeighbourhood: z.record(z.string(), z.number().nullable()),
            suppressedBelow: z.number(),
          }),
        },
      },
    },
    async (request) =>
      initiativeFigures(db.pool, request.city, request.query.year ?? programmeYearOf(romeToday())),
  );

  app.get(
    '/initiatives/:slug',
    {
      config: open,
      schema: {
        tags,
        summary: 'One initiative with its events (past and upcoming, each with places left)',
        params: slugParam,
        response: { 200: Initiative.extend({ events: z.array(Event) }) },
      },
    },
    async (request) => {
      const row = await loadInitiative(db.pool, request.city.id, request.params.slug);
      const events = await listEvents(db.pool, request.city, { initiative: row.slug });
      return { ...initiativeView(row), events };
    },
  );

  app.get(
    '/initiatives/:slug/events.ics',
    {
      config: open,
      schema: { tags, summary: 'The events of an initiative as an iCalendar feed', params: slugParam },
    },
    async (request, reply) => {
      const row = await loadInitiative(db.pool, request.city.id, request.params.slug);
      const events = await listEvents(db.pool, request.city, { initiative: row.slug });
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `inline; filename="${row.slug}.ics"`)
        .send(ics(events, row.title));
    },
  );

  app.post(
    '/initiatives',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Create an initiative (hub operators for their hub, the city for any)',
        body: InitiativeInput,
        response: { 201: Initiative },
      },
    },
    async (request, reply) =>
      reply.status(201).send(initiativeView(await createInitiativeFor(db, request, request.body))),
  );

  app.put(
    '/initiatives/:slug',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Edit an initiative',
        params: slugParam,
        body: InitiativeInput,
        response: { 200: Initiative },
      },
    },
    async (request) => initiativeView(await updateInitiative(db, request, request.params.slug, request.body)),
  );

  app.post(
    '/initiatives/:slug/events',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Add an event, or a weekly series (`repeat.weekly` occurrences sharing a seriesId)',
        description:
          'Times are ISO 8601 with an offset; a weekly series keeps the same local time (Europe/Rome) across ' +
          'daylight-saving changes. Without `capacity` the event is open to all (no registration).',
        params: slugParam,
        body: EventInput,
        response: { 201: z.object({ items: z.array(Event) }) },
      },
    },
    async (request, reply) =>
      reply.status(201).send({ items: await createEvents(db, request, request.params.slug, request.body) }),
  );

  app.get(
    '/events',
    {
      config: open,
      schema: {
        tags,
        summary: 'The public calendar (days in Europe/Rome; default: today and the next 3 months)',
        querystring: z
          .object({
            from: z.iso.date().optional(),
            to: z.iso.date().optional(),
            neighbourhood: code.optional(),
            zone: code.optional(),
            initiative: code.optional(),
          })
          .strict()
          .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from is after to', path: ['from'] })
          .refine((q) => !q.from || !q.to || addDays(q.from, 400) >= q.to, {
            message: 'at most 400 days at a time',
            path: ['to'],
          }),
        response: { 200: z.object({ from: z.string(), to: z.string(), items: z.array(Event) }) },
      },
    },
    async (request) => {
      const from = request.query.from ?? (request.query.to ? addDays(request.query.to, -92) : romeToday());
      const to = request.query.to ?? addDays(from, 92);
      const items = await listEvents(db.pool, request.city, { ...request.query, from, to });
      return { from, to, items };
    },
  );

  app.get(
    '/events.ics',
    {
      config: open,
      schema: {
        tags,
        summary:
          'The calendar as an iCalendar feed (from 30 days ago to a year ahead), by neighbourhood or zone',
        querystring: z.object({ neighbourhood: code.optional(), zone: code.optional() }).strict(),
      },
    },
    async (request, reply) => {
      const today = romeToday();
      const events = await listEvents(db.pool, request.city, {
        ...request.query,
        from: addDays(today, -30),
        to: addDays(today, 366),
      });
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'inline; filename="eventi.ics"')
        .send(ics(events, `Città del Noi – ${request.city.name}`));
    },
  );

  app.get(
    '/events/:id',
    {
      config: open,
      schema: { tags, summary: 'One event with its places left', params: idParam, response: { 200: Event } },
    },
    async (request) => eventView(await loadEvent(db.pool, request.city.id, request.params.id)),
  );

  app.put(
    '/events/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Edit an event (capacity not below the places taken; more places go to the waiting line)',
        params: idParam,
        body: EventUpdate,
        response: { 200: Event },
      },
    },
    async (request) => updateEvent(db, request, request.params.id, request.body, publicUrl),
  );

  app.post(
    '/events/:id/cancel',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Cancel an event: everyone registered or waiting is e-mailed',
        params: idParam,
        response: { 200: Event.extend({ notified: z.number() }) },
      },
    },
    async (request) => cancelEvent(db, request, request.params.id, publicUrl),
  );

  app.post(
    '/events/:id/registrations',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Register for an event (oneself; an organiser may register someone without an account)',
        description:
          'Taken under the event row’s lock: when no places are left the person joins the waiting line ' +
          '(`status: waiting`, `position`). 409 when the event is past, cancelled, open to all, or the person ' +
          'is already registered. With `name` (and `phone` or `email`) an organiser of the event’s hub registers ' +
          'someone else.',
        params: idParam,
        body: RegistrationInput,
        response: {
          201: z.object({
            registrationId: z.uuid(),
            status: z.enum(['registered', 'waiting']),
            position: z.number().optional(),
          }),
        },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await register(
            db,
            request,
            request.params.id,
            request.body,
            registry.resolve(request.user, 'events.attendance'),
            publicUrl,
          ),
        ),
  );

  app.delete(
    '/events/:id/registrations/:registrationId',
    {
      config: signedIn,
      schema: {
        tags,
        summary:
          'Cancel a registration (the person or an organiser): the first waiting who fit get the places',
        params: z.object({ id: z.uuid(), registrationId: z.uuid() }),
        response: {
          200: z.object({ registrationId: z.uuid(), status: z.literal('cancelled'), promoted: z.number() }),
        },
      },
    },
    async (request) =>
      cancelRegistration(
        db,
        request,
        request.params.id,
        request.params.registrationId,
        registry.resolve(request.user, 'events.attendance'),
        publicUrl,
      ),
  );

  app.get(
    '/me/registrations',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'My registrations, with their events',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                registrationId: z.uuid(),
                status: z.string(),
                seats: z.number(),
                position: z.number().nullable(),
                present: z.boolean(),
                event: Event,
              }),
            ),
          }),
        },
      },
    },
    async (request) => myRegistrations(db, request),
  );

  app.get(
    '/events/:id/registrations',
    {
      config: attendance,
      schema: {
        tags,
        summary: 'Who registered and who waits (organisers; personal data, the read is audited)',
        params: idParam,
        response: {
          200: z.object({
            event: Event,
            registered: z.array(Registration),
            waiting: z.array(Registration),
            attendanceOpen: z.boolean(),
          }),
        },
      },
    },
    async (request) => eventRegistrations(db, request, request.params.id),
  );

  app.post(
    '/events/:id/attendance',
    {
      config: attendance,
      schema: {
        tags,
        summary:
          'Mark a registered person present or not (from 1 hour before the start to 7 days after the end)',
        params: idParam,
        body: z.object({ registrationId: z.uuid(), present: z.boolean() }).strict(),
        response: {
          200: z.object({
            registrationId: z.uuid(),
            present: z.boolean(),
            attendedAt: z.string().nullable(),
          }),
        },
      },
    },
    async (request) => takeAttendance(db, request, request.params.id, request.body),
  );
};
