import { z } from 'zod';
import { skills, volunteerStatuses } from './service/rules.ts';

/** Text people type: control characters removed, trimmed. */
export const text = (max: number) =>
  z
    .string()
    .max(max)
    .transform((s) => s.replace(/[^\P{Cc}\t\n\r]/gu, '').trim());

const code = z
  .string()
  .trim()
  .regex(/^[a-z0-9-]{1,60}$/, 'a code of lower-case letters, digits and dashes');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time as HH:MM');

export const Reason = z.object({
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

export const Slot = z.object({ weekday: z.number().int().min(1).max(7), start: hhmm, end: hhmm }).strict();

export const ProfileInput = z
  .object({
    phone: text(40)
      .pipe(z.string().regex(/^\+?[0-9 ./()-]{6,40}$/, 'a phone number'))
      .optional(),
    skills: z.array(z.enum(skills)).min(1).max(skills.length),
    languages: z
      .array(z.string().regex(/^[a-z]{2,3}$/, 'an ISO 639 language code'))
      .max(20)
      .default([]),
    psychologistRegistration: text(40).pipe(z.string().min(3)).optional(),
    neighbourhoodCodes: z.array(code).min(1).max(60),
    lat: z.number().min(-90).max(90).optional(),
    lon: z.number().min(-180).max(180).optional(),
    maxDistanceKm: z.number().gt(0).max(50).optional(),
    maxTasks: z.number().int().min(1).max(20),
    availability: z.array(Slot).max(42),
    communityPointSlug: z.string().min(1).max(80).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if ((v.lat === undefined) !== (v.lon === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [v.lat === undefined ? 'lat' : 'lon'],
        message: 'give both lat and lon',
      });
  });

const Ref = z.object({ code: z.string(), name: z.string() });

const profileShape = {
  userId: z.uuid(),
  displayName: z.string(),
  email: z.string(),
  status: z.enum(volunteerStatuses),
  statusReason: z.string().nullable(),
  phone: z.string().nullable(),
  skills: z.array(z.string()),
  languages: z.array(z.string()),
  psychologistRegistration: z.string().nullable(),
  neighbourhoodCodes: z.array(z.string()),
  neighbourhoods: z.array(Ref),
  maxDistanceKm: z.number(),
  maxTasks: z.number(),
  availability: z.array(z.object({ weekday: z.number(), start: z.string(), end: z.string() })),
  clearedAt: z.string().nullable(),
  clearedByName: z.string().nullable(),
  clearanceNote: z.string().nullable(),
  communityPoint: z.object({ slug: z.string(), name: z.string() }).nullable(),
  load: z.number().describe('Tasks accepted and not yet done'),
  hoursTotal: z.number(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
};

export const Profile = z
  .object({ ...profileShape, lat: z.number().nullable(), lon: z.number().nullable() })
  .meta({ id: 'VolunteerProfile' });

export const ProfileListItem = z.object(profileShape).meta({ id: 'VolunteerListItem' });

export const Task = z
  .object({
    id: z.uuid(),
    taskId: z.uuid(),
    status: z.enum(['offered', 'accepted', 'declined', 'done', 'cancelled']),
    brief: z.string(),
    category: z.string(),
    neighbourhood: Ref,
    place: z
      .object({ lat: z.number(), lon: z.number(), approximate: z.literal(true) })
      .describe('Rounded to about 100 m'),
    contact: z
      .object({ name: z.string(), phone: z.string().nullable() })
      .nullable()
      .describe('Only while the task is accepted'),
    communityPoint: z.object({ slug: z.string(), name: z.string(), phone: z.string().nullable() }).nullable(),
    offeredAt: z.string(),
    respondedAt: z.string().nullable(),
    declineReason: z.string().nullable(),
    doneAt: z.string().nullable(),
    doneNote: z.string().nullable(),
    hours: z.number().nullable(),
  })
  .meta({ id: 'VolunteerTask' });

export const Candidate = z
  .object({
    volunteerId: z.uuid(),
    displayName: z.string(),
    distanceKm: z.number().nullable(),
    score: z.number(),
    load: z.number(),
    maxTasks: z.number(),
    cleared: z.boolean(),
    availableNow: z.boolean(),
    reasons: z.array(Reason),
  })
  .meta({ id: 'VolunteerCandidate' });

const Pair = z.object({
  requestId: z.uuid(),
  volunteerId: z.uuid(),
  distanceKm: z.number(),
  requestSummary: z.string(),
  volunteerName: z.string(),
});

const Applied = z.object({
  created: z.array(z.object({ taskId: z.uuid(), requestId: z.uuid(), volunteerId: z.uuid() })),
  skipped: z.array(
    z.object({ requestId: z.uuid(), reason: z.enum(['request_taken', 'volunteer_unavailable']) }),
  ),
});

export const Batch = z
  .object({
    batchId: z.uuid(),
    status: z.enum(['proposed', 'applied', 'discarded']),
    zoneCode: z.string(),
    strategy: z.string(),
    pairs: z.array(Pair),
    unmatched: z.array(z.object({ requestId: z.uuid(), requestSummary: z.string() })),
    stats: z.record(z.string(), z.unknown()),
    applied: Applied.nullable(),
    createdAt: z.string(),
    decidedAt: z.string().nullable(),
  })
  .meta({ id: 'MatchingBatch' });

export const BatchApplied = Applied.extend({ batchId: z.uuid(), status: z.literal('applied') }).meta({
  id: 'MatchingBatchApplied',
});

const Cell = { tasks: z.number().nullable(), hours: z.number().nullable() };
export const Figures = z
  .object({
    from: z.string(),
    to: z.string(),
    totals: z.object({ ...Cell, volunteers: z.number().nullable() }),
    byMonth: z.array(z.object({ month: z.string(), ...Cell })),
    byHub: z.array(
      z.object({ communityPoint: z.object({ slug: z.string(), name: z.string() }).nullable(), ...Cell }),
    ),
    byHubMonth: z.array(z.object({ communityPoint: z.string().nullable(), month: z.string(), ...Cell })),
    byVolunteer: z.array(
      z.object({
        volunteerId: z.uuid(),
        displayName: z.string(),
        communityPoint: z.string().nullable(),
        tasks: z.number(),
        hours: z.number(),
        byMonth: z.array(z.object({ month: z.string(), tasks: z.number(), hours: z.number() })),
      }),
    ),
    suppressedBelow: z.number(),
  })
  .meta({ id: 'VolunteerFigures' });

export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');
