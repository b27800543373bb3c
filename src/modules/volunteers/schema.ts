import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../../kernel/auth/schema.ts';
import { helpRequests } from '../help-requests/schema.ts';

/**
 * A volunteer: a citizen's account with a profile, accepted by a hub or the city. Personal data:
 * read by the volunteer, the hub that accepted them and the city's staff who manage volunteers.
 */
export const volunteers = pgTable(
  'volunteers',
  {
    cityId: integer('city_id').notNull(),
    /** The volunteer's account (one profile per account). */
    userId: uuid('user_id').notNull(),
    /** applied, active, paused, left */
    status: text('status').notNull().default('applied'),
    phone: text('phone'),
    /** Skill codes: shopping, escort, company, paperwork, digital, driving, psychologist, … */
    skills: text('skills').array().notNull().default(sql`'{}'::text[]`),
    /** Languages spoken, ISO 639-1 codes. */
    languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
    /** Number of registration with the Ordine degli Psicologi (required for the psychologist skill). */
    psychologistRegistration: text('psychologist_registration'),
    /** Where they start from (a point), for distances; never shown to others. */
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    maxDistanceKm: numeric('max_distance_km', { precision: 5, scale: 1 }).notNull().default('5'),
    /** How many tasks at once. */
    maxTasks: smallint('max_tasks').notNull().default(2),
    /** Cleared to work with minors or vulnerable adults: who cleared them, when. */
    clearedAt: timestamp('cleared_at', { withTimezone: true }),
    clearedBy: uuid('cleared_by'),
    clearanceNote: text('clearance_note'),
    /** The hub that accepted them (or null: accepted by the city). */
    communityPointId: uuid('community_point_id'),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    statusReason: text('status_reason'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.cityId, t.userId] }),
    foreignKey({ columns: [t.cityId, t.userId], foreignColumns: [users.cityId, users.userId] }).onDelete(
      'cascade',
    ),
    index('volunteers_status_idx').on(t.cityId, t.status),
    index('volunteers_skills_idx').using('gin', t.skills),
  ],
);

/** The neighbourhoods where a volunteer can help. */
export const volunteerNeighbourhoods = pgTable(
  'volunteer_neighbourhoods',
  {
    cityId: integer('city_id').notNull(),
    userId: uuid('user_id').notNull(),
    neighbourhoodCode: text('neighbourhood_code').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.cityId, t.userId, t.neighbourhoodCode] }),
    foreignKey({
      columns: [t.cityId, t.userId],
      foreignColumns: [volunteers.cityId, volunteers.userId],
    }).onDelete('cascade'),
    index('volunteer_neighbourhoods_code_idx').on(t.cityId, t.neighbourhoodCode),
  ],
);

/**
 * Weekly availability: a slot on a weekday (1 = Monday … 7 = Sunday) from a minute of the day to
 * another, in Europe/Rome time. A volunteer's slots never overlap on the same day.
 */
export const volunteerAvailability = pgTable(
  'volunteer_availability',
  {
    cityId: integer('city_id').notNull(),
    userId: uuid('user_id').notNull(),
    weekday: smallint('weekday').notNull(),
    /** Minutes from midnight, [start, end). */
    startMinute: smallint('start_minute').notNull(),
    endMinute: smallint('end_minute').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.cityId, t.userId, t.weekday, t.startMinute] }),
    foreignKey({
      columns: [t.cityId, t.userId],
      foreignColumns: [volunteers.cityId, volunteers.userId],
    }).onDelete('cascade'),
  ],
);

/**
 * A task for a volunteer on a help request. An operator offers the request to one or more
 * volunteers (or, in an emergency, a confirmed batch proposal offers many at once); each accepts or
 * declines. At most one accepted task per request: two volunteers accepting at once, exactly one
 * wins and the other offers of that request are cancelled. The volunteer sees only what the task needs, never the request's full record.
 */
export const volunteerTasks = pgTable(
  'volunteer_tasks',
  {
    cityId: integer('city_id').notNull(),
    taskId: uuid('task_id').notNull().defaultRandom(),
    helpRequestId: uuid('help_request_id').notNull(),
    userId: uuid('user_id').notNull(),
    /** offered, accepted, declined, done, cancelled */
    status: text('status').notNull().default('offered'),
    /** What the volunteer needs to know (written by the operator; no more than the task needs). */
    brief: text('brief').notNull(),
    offeredBy: uuid('offered_by').notNull(),
    offeredAt: timestamp('offered_at', { withTimezone: true }).notNull().defaultNow(),
    /** Why this volunteer: the matching reasons at the time of the offer (`[{ code, params }]`). */
    reasons: jsonb('reasons').notNull().default([]),
    distanceKm: numeric('distance_km', { precision: 6, scale: 3 }),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    declineReason: text('decline_reason'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneNote: text('done_note'),
    /** Hours given, as the volunteer reports them. */
    hours: numeric('hours', { precision: 5, scale: 2 }),
    /** The batch proposal ("assign all") that created it, if any. */
    batchId: uuid('batch_id'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.cityId, t.taskId] }),
    foreignKey({
      columns: [t.cityId, t.helpRequestId],
      foreignColumns: [helpRequests.cityId, helpRequests.helpRequestId],
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.cityId, t.userId],
      foreignColumns: [volunteers.cityId, volunteers.userId],
    }),
    uniqueIndex('volunteer_tasks_accepted_idx')
      .on(t.cityId, t.helpRequestId)
      .where(sql`${t.status} = 'accepted'`),
    uniqueIndex('volunteer_tasks_offer_idx')
      .on(t.cityId, t.helpRequestId, t.userId)
      .where(sql`${t.status} = 'offered'`),
    index('volunteer_tasks_user_idx').on(t.cityId, t.userId, t.status),
    index('volunteer_tasks_done_idx').on(t.cityId, t.doneAt).where(sql`${t.status} = 'done'`),
  ],
);

/**
 * A batch proposal of "assign all": the pairs a matching strategy suggested for a zone's open
 * requests, kept until the operator applies (all or some of) them or discards it.
 */
export const matchingBatches = pgTable(
  'matching_batches',
  {
    cityId: integer('city_id').notNull(),
    batchId: uuid('batch_id').notNull().defaultRandom(),
    zoneCode: text('zone_code').notNull(),
    strategy: text('strategy').notNull(),
    /** proposed, applied, discarded */
    status: text('status').notNull().default('proposed'),
    /** `{ pairs: [{ requestId, volunteerId, distanceKm }], unmatched: [...], stats: {...} }` */
    proposal: jsonb('proposal').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.cityId, t.batchId] })],
);

/**
 * The helpline's weekly rota: a psychologist (a volunteer with the psychologist skill) on a
 * weekday from a minute to another, Europe/Rome time.
 */
export const helplineShifts = pgTable(
  'helpline_shifts',
  {
    cityId: integer('city_id').notNull(),
    shiftId: uuid('shift_id').notNull().defaultRandom(),
    userId: uuid('user_id').notNull(),
    weekday: smallint('weekday').notNull(),
    startMinute: smallint('start_minute').notNull(),
    endMinute: smallint('end_minute').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.cityId, t.shiftId] }),
    foreignKey({
      columns: [t.cityId, t.userId],
      foreignColumns: [volunteers.cityId, volunteers.userId],
    }).onDelete('cascade'),
    index('helpline_shifts_day_idx').on(t.cityId, t.weekday, t.startMinute),
  ],
);

/**
 * A psychological-support request in the helpline's callback queue: which psychologist took it,
 * when they called back, and how it ended.
 */
export const helplineCalls = pgTable(
  'helpline_calls',
  {
    cityId: integer('city_id').notNull(),
    helpRequestId: uuid('help_request_id').notNull(),
    /** waiting, assigned, called, closed */
    status: text('status').notNull().default('waiting'),
    psychologistId: uuid('psychologist_id'),
    assignedAt: timestamp('assigned_at', { withTimezone: true }),
    /** Call-back attempts (a person not answering is tried again). */
    attempts: smallint('attempts').notNull().default(0),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.cityId, t.helpRequestId] }),
    foreignKey({
      columns: [t.cityId, t.helpRequestId],
      foreignColumns: [helpRequests.cityId, helpRequests.helpRequestId],
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.cityId, t.psychologistId],
      foreignColumns: [volunteers.cityId, volunteers.userId],
    }),
    index('helpline_calls_queue_idx').on(t.cityId, t.status, t.createdAt),
  ],
);

/**
 * The psychologist's notes on a helpline call: visible only to that psychologist and the
 * helpline's supervisors, every read audited. Append-only.
 */
export const helplineNotes = pgTable(
  'helpline_notes',
  {
    cityId: integer('city_id').notNull(),
    helpRequestId: uuid('help_request_id').notNull(),
    noteId: bigint('note_id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    authorId: uuid('author_id').notNull(),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.cityId, t.helpRequestId, t.noteId] }),
    foreignKey({
      columns: [t.cityId, t.helpRequestId],
      foreignColumns: [helplineCalls.cityId, helplineCalls.helpRequestId],
    }).onDelete('cascade'),
  ],
);
