import { z } from 'zod';
import { initiativeStatuses, programmeParts } from './service/create.ts';

/** Text people type: control characters removed, trimmed; stored as typed and escaped when shown. */
export const text = (max: number) =>
  z
    .string()
    .max(max)
    .transform((s) => s.replace(/[^\P{Cc}\t\n\r]/gu, '').trim());
export const code = z
  .string()
  .trim()
  .regex(/^[a-z0-9-]{1,80}$/, 'a code of lower-case letters, digits and dashes');

export const ProgrammePart = z.enum(programmeParts);
export const InitiativeStatus = z.enum(initiativeStatuses);
const Ref = z.object({ code: z.string(), name: z.string() });
const Partner = z
  .object({ name: text(200).pipe(z.string().min(1)), organizationId: z.uuid().optional() })
  .strict();

export const InitiativeInput = z
  .object({
    title: text(200).pipe(z.string().min(3)),
    description: text(5000).default(''),
    neighbourhoodCode: code,
    communityPointSlug: code.nullable().optional(),
    partners: z.array(Partner).max(30).default([]),
    status: InitiativeStatus.default('planned'),
    startsOn: z.iso.date(),
    endsOn: z.iso.date().nullable().optional(),
    programmePart: ProgrammePart,
  })
  .strict()
  .refine((v) => !v.endsOn || v.endsOn >= v.startsOn, {
    message: 'the end comes before the start',
    path: ['endsOn'],
  });

const eventFields = {
  title: text(200).pipe(z.string().min(3)),
  description: text(5000).default(''),
  place: text(300).pipe(z.string().min(2)),
  lat: z.number().min(-90).max(90).optional(),
  lon: z.number().min(-180).max(180).optional(),
  neighbourhoodCode: code.optional(),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  capacity: z.number().int().min(1).max(100_000).nullable().optional(),
};
const eventChecks = <T extends { lat?: number; lon?: number; startsAt: string; endsAt: string }>(
  v: T,
  ctx: z.RefinementCtx,
) => {
  if ((v.lat === undefined) !== (v.lon === undefined))
    ctx.addIssue({
      code: 'custom',
      path: [v.lat === undefined ? 'lat' : 'lon'],
      message: 'give both lat and lon',
    });
  if (new Date(v.endsAt) <= new Date(v.startsAt))
    ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'the end must come after the start' });
  else if (new Date(v.endsAt).getTime() - new Date(v.startsAt).getTime() > 14 * 86_400_000)
    ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'an event lasts at most 14 days' });
};
export const EventInput = z
  .object({
    ...eventFields,
    repeat: z
      .object({ weekly: z.number().int().min(1).max(52) })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine(eventChecks);
export const EventUpdate = z.object(eventFields).strict().superRefine(eventChecks);

export const RegistrationInput = z
  .object({
    seats: z.number().int().min(1).max(10).optional(),
    name: text(120).pipe(z.string().min(1)).optional(),
    email: z.email().max(254).optional(),
    phone: text(40)
      .pipe(z.string().regex(/^\+?[0-9 ./()-]{6,40}$/, 'a phone number'))
      .optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.name !== undefined && !v.email && !v.phone)
      ctx.addIssue({ code: 'custom', path: ['phone'], message: 'give a phone number or an e-mail address' });
  });

export const Initiative = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    title: z.string(),
    description: z.string(),
    neighbourhood: Ref,
    zone: Ref,
    communityPoint: z.object({ slug: z.string(), name: z.string() }).nullable(),
    partners: z.array(z.object({ name: z.string(), organizationId: z.string().optional() })),
    status: z.string(),
    startsOn: z.string(),
    endsOn: z.string().nullable(),
    programmePart: z.string(),
    proposalId: z.string().nullable(),
    nextEvent: z.object({ id: z.uuid(), startsAt: z.string() }).nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Initiative' });

export const Event = z
  .object({
    id: z.uuid(),
    seriesId: z.uuid().nullable(),
    title: z.string(),
    description: z.string(),
    initiative: z.object({ slug: z.string(), title: z.string() }),
    communityPoint: z.object({ slug: z.string(), name: z.string() }).nullable(),
    place: z.string(),
    lat: z.number().nullable(),
    lon: z.number().nullable(),
    neighbourhood: Ref,
    zone: Ref,
    startsAt: z.string(),
    endsAt: z.string(),
    capacity: z.number().nullable(),
    registered: z.number(),
    placesLeft: z.number().nullable(),
    waiting: z.number(),
    status: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'CommunityEvent' });

export const Registration = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    seats: z.number(),
    status: z.string(),
    hasAccount: z.boolean(),
    present: z.boolean(),
    attendedAt: z.string().nullable(),
    position: z.number().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'EventRegistration' });
