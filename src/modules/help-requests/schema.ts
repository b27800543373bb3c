import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { cities } from '../../kernel/tenancy/schema.ts';

/**
 * A request for help: what is needed, where the person is, how to reach them, and where it was
 * routed (a hub, the zone's social-services office, or the helpline queue). Personal data: read
 * only by the hub it is assigned to, the zone's social workers once escalated, and the person.
 */
export const helpRequests = pgTable(
  'help_requests',
  {
    cityId: integer('city_id')
      .notNull()
      .references(() => cities.cityId, { onDelete: 'cascade' }),
    helpRequestId: uuid('help_request_id').notNull(),
    /** Short code the person uses to follow the request (no personal data behind it). */
    trackingCode: text('tracking_code').notNull(),
    category: text('category').notNull(),
    /** The category the text suggested, and why (`[{ code, params }]`). */
    suggestedCategory: text('suggested_category'),
    description: text('description').notNull(),
    /** Optional circumstances given at intake (person alone, age, health, no food, minors). */
    circumstances: jsonb('circumstances').notNull().default({}),
    urgency: text('urgency').notNull(),
    /** Set when an operator confirmed (or changed) the suggested urgency. */
    urgencyConfirmedAt: timestamp('urgency_confirmed_at', { withTimezone: true }),
    urgencyReasons: jsonb('urgency_reasons').notNull().default([]),
    /** new, triaged, assigned, in_progress, resolved, closed, withdrawn */
    status: text('status').notNull().default('new'),
    outcome: text('outcome'),
    address: text('address'),
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    neighbourhoodCode: text('neighbourhood_code').notNull(),
    zoneCode: text('zone_code').notNull(),
    /** community_point, zone_office, helpline */
    queue: text('queue').notNull(),
    communityPointId: uuid('community_point_id'),
    assigneeId: uuid('assignee_id'),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    contactName: text('contact_name').notNull(),
    contactPhone: text('contact_phone'),
    contactEmail: text('contact_email'),
    /** Language the person used: mails to them are written in it. */
    lang: text('lang').notNull().default('it'),
    consentAt: timestamp('consent_at', { withTimezone: true }).notNull(),
    /** web (the person), phone or desk (an operator on the person's behalf). */
    channel: text('channel').notNull(),
    /** The staff member who entered it on the person's behalf. */
    takenBy: uuid('taken_by'),
    /** The signed-in citizen who sent it (they see it in their account). */
    citizenId: uuid('citizen_id'),
    firstContactAt: timestamp('first_contact_at', { withTimezone: true }),
    slaDueAt: timestamp('sla_due_at', { withTimezone: true }).notNull(),
    slaBreachedAt: timestamp('sla_breached_at', { withTimezone: true }),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.cityId, t.helpRequestId] }),
    uniqueIndex('help_requests_tracking_idx').on(t.cityId, t.trackingCode),
    index('help_requests_point_idx').on(t.cityId, t.communityPointId, t.createdAt),
    index('help_requests_zone_idx').on(t.cityId, t.zoneCode, t.createdAt),
    index('help_requests_citizen_idx').on(t.cityId, t.citizenId).where(sql`${t.citizenId} IS NOT NULL`),
    index('help_requests_sla_idx')
      .on(t.cityId, t.slaDueAt)
      .where(sql`${t.firstContactAt} IS NULL AND ${t.slaBreachedAt} IS NULL`),
  ],
);

/**
 * The history of a request: every status change, transfer, escalation, urgency confirmation,
 * first contact and SLA breach, with who, when and why. Append-only.
 */
export const helpRequestEvents = pgTable(
  'help_request_events',
  {
    cityId: integer('city_id').notNull(),
    helpRequestId: uuid('help_request_id').notNull(),
    eventId: bigint('event_id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    /** created, status, transfer, escalate, urgency, contact, sla_breach, assign */
    kind: text('kind').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    reason: text('reason'),
    data: jsonb('data').notNull().default({}),
  },
  (t) => [
    primaryKey({ columns: [t.cityId, t.helpRequestId, t.eventId] }),
    foreignKey({
      columns: [t.cityId, t.helpRequestId],
      foreignColumns: [helpRequests.cityId, helpRequests.helpRequestId],
    }).onDelete('cascade'),
  ],
);

/** Internal notes of the staff on a request (never shown to the person). */
export const helpRequestNotes = pgTable(
  'help_request_notes',
  {
    cityId: integer('city_id').notNull(),
    helpRequestId: uuid('help_request_id').notNull(),
    noteId: uuid('note_id').notNull().defaultRandom(),
    authorId: uuid('author_id').notNull(),
    authorName: text('author_name').notNull(),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.cityId, t.helpRequestId, t.noteId] }),
    foreignKey({
      columns: [t.cityId, t.helpRequestId],
      foreignColumns: [helpRequests.cityId, helpRequests.helpRequestId],
    }).onDelete('cascade'),
  ],
);
