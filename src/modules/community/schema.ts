import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../../kernel/auth/schema.ts';
import { cities } from '../../kernel/tenancy/schema.ts';
import { communityPoints } from '../community-points/schema.ts';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/** A thematic table (tavolo tematico): the group that reviews the proposals of its calls. */
export const thematicTables = pgTable(
  'thematic_tables',
  {
    cityId: integer('city_id')
      .notNull()
      .references(() => cities.cityId, { onDelete: 'cascade' }),
    tableId: uuid('table_id').notNull().defaultRandom(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.cityId, t.tableId] }),
    uniqueIndex('thematic_tables_slug_idx').on(t.cityId, t.slug),
  ],
);

/** Who sits at a thematic table (they review its proposals). */
export const thematicTableMembers = pgTable(
  'thematic_table_members',
  {
    cityId: integer('city_id').notNull(),
    tableId: uuid('table_id').notNull(),
    userId: uuid('user_id').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.cityId, t.tableId, t.userId] }),
    foreignKey({
      columns: [t.cityId, t.tableId],
      foreignColumns: [thematicTables.cityId, thematicTables.tableId],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.cityId, t.userId], foreignColumns: [users.cityId, users.userId] }).onDelete(
      'cascade',
    ),
  ],
);

/** An always-open call for ideas: it stays open until the city closes it. */
export const ideaCalls = pgTable(
  'idea_calls',
  {
    cityId: integer('city_id').notNull(),
    callId: uuid('call_id').notNull().defaultRandom(),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    themes: text('themes').array().notNull().default(sql`'{}'::text[]`),
    /** Who may propose: citizen, group, organisation. */
    eligible: text('eligible').array().notNull().default(sql`'{citizen,group,organisation}'::text[]`),
    /** Documents a proposal must carry: `[{ code, label: { it, en }, required }]`. */
    documents: jsonb('documents').notNull().default([]),
    tableId: uuid('table_id').notNull(),
    /** open, closed */
    status: text('status').notNull().default('open'),
    createdBy: uuid('created_by'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.cityId, t.callId] }),
    uniqueIndex('idea_calls_slug_idx').on(t.cityId, t.slug),
    foreignKey({
      columns: [t.cityId, t.tableId],
      foreignColumns: [thematicTables.cityId, thematicTables.tableId],
    }),
  ],
);

/**
 * A proposal to a call, by a citizen, a group or an organisation. The proposer follows it in their
 * account; the reasons of the decision are published to them.
 */
export const proposals = pgTable(
  'proposals',
  {
    cityId: integer('city_id').notNull(),
    proposalId: uuid('proposal_id').notNull().defaultRandom(),
    callId: uuid('call_id').notNull(),
    proposerId: uuid('proposer_id').notNull(),
    /** citizen, group, organisation */
    proposerKind: text('proposer_kind').notNull(),
    /** The group's or organisation's name (the person's own name is in their account). */
    proposerName: text('proposer_name'),
    organizationId: uuid('organization_id'),
    title: text('title').notNull(),
    what: text('what').notNull(),
    whereText: text('where_text').notNull(),
    neighbourhoodCode: text('neighbourhood_code'),
    forWhom: text('for_whom').notNull(),
    partners: text('partners').notNull().default(''),
    ask: text('ask').notNull(),
    /** received, under_review, changes_requested, accepted, not_accepted, withdrawn */
    status: text('status').notNull().default('received'),
    /** The reasons of the decision (or of the changes asked), published to the proposer. */
    reasons: text('reasons'),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    initiativeId: uuid('initiative_id'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.cityId, t.proposalId] }),
    foreignKey({ columns: [t.cityId, t.callId], foreignColumns: [ideaCalls.cityId, ideaCalls.callId] }),
    foreignKey({ columns: [t.cityId, t.proposerId], foreignColumns: [users.cityId, users.userId] }),
    index('proposals_call_idx').on(t.cityId, t.callId, t.status),
    index('proposals_proposer_idx').on(t.cityId, t.proposerId),
  ],
);

/** A document attached to a proposal, checked by its content (type sniffed, size limited). */
export const proposalFiles = pgTable(
  'proposal_files',
  {
    cityId: integer('city_id').notNull(),
    proposalId: uuid('proposal_id').notNull(),
    fileId: uuid('file_id').notNull().defaultRandom(),
    /** The call's document code it answers (or null: an extra attachment). */
    documentCode: text('document_code'),
    fileName: text('file_name').notNull(),
    /** The type found in the content (not the one the browser claimed). */
    contentType: text('content_type').notNull(),
    bytes: integer('bytes').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: uuid('uploaded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.cityId, t.proposalId, t.fileId] }),
    foreignKey({
      columns: [t.cityId, t.proposalId],
      foreignColumns: [proposals.cityId, proposals.proposalId],
    }).onDelete('cascade'),
  ],
);

/** A table member's review of a proposal: a score grid and a comment (one per member). */
export const proposalReviews = pgTable(
  'proposal_reviews',
  {
    cityId: integer('city_id').notNull(),
    proposalId: uuid('proposal_id').notNull(),
    reviewerId: uuid('reviewer_id').notNull(),
    /** `{ criterion: 0..5 }` over the grid's criteria. */
    scores: jsonb('scores').notNull(),
    comment: text('comment').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.cityId, t.proposalId, t.reviewerId] }),
    foreignKey({
      columns: [t.cityId, t.proposalId],
      foreignColumns: [proposals.cityId, proposals.proposalId],
    }).onDelete('cascade'),
  ],
);

/** The history of a proposal: every status change and every message between proposer and table. */
export const proposalEvents = pgTable(
  'proposal_events',
  {
    cityId: integer('city_id').notNull(),
    proposalId: uuid('proposal_id').notNull(),
    eventId: bigint('event_id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    /** created, status, comment, file, edited */
    kind: text('kind').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    /** Shown to the proposer (true) or only to the table and the city (false). */
    public: boolean('public').notNull().default(true),
    text: text('text'),
  },
  (t) => [
    primaryKey({ columns: [t.cityId, t.proposalId, t.eventId] }),
    foreignKey({
      columns: [t.cityId, t.proposalId],
      foreignColumns: [proposals.cityId, proposals.proposalId],
    }).onDelete('cascade'),
  ],
);

/** An initiative: promoted by a hub or born from an accepted proposal. */
export const initiatives = pgTable(
  'initiatives',
  {
    cityId: integer('city_id').notNull(),
    initiativeId: uuid('initiative_id').notNull().defaultRandom(),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    neighbourhoodCode: text('neighbourhood_code').notNull(),
    communityPointId: uuid('community_point_id'),
    /** Partner organisations: `[{ name, organizationId? }]`. */
    partners: jsonb('partners').notNull().default([]),
    /** planned, running, completed, cancelled */
    status: text('status').notNull().default('planned'),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on'),
    /** The part of the programme it belongs to (e.g. community_points, families, youth, elderly). */
    programmePart: text('programme_part').notNull(),
    proposalId: uuid('proposal_id'),
    createdBy: uuid('created_by'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.cityId, t.initiativeId] }),
    uniqueIndex('initiatives_slug_idx').on(t.cityId, t.slug),
    foreignKey({
      columns: [t.cityId, t.communityPointId],
      foreignColumns: [communityPoints.cityId, communityPoints.communityPointId],
    }),
    foreignKey({
      columns: [t.cityId, t.proposalId],
      foreignColumns: [proposals.cityId, proposals.proposalId],
    }),
    index('initiatives_point_idx').on(t.cityId, t.communityPointId, t.startsOn),
    index('initiatives_neighbourhood_idx').on(t.cityId, t.neighbourhoodCode, t.startsOn),
  ],
);

/**
 * An event of an initiative: one occurrence (a recurring event is a series of rows sharing
 * `series_id`). With a capacity, people register; past it they wait in line.
 */
export const communityEvents = pgTable(
  'community_events',
  {
    cityId: integer('city_id').notNull(),
    eventId: uuid('event_id').notNull().defaultRandom(),
    initiativeId: uuid('initiative_id').notNull(),
    seriesId: uuid('series_id'),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    place: text('place').notNull(),
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    neighbourhoodCode: text('neighbourhood_code').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    /** Places; null = open to all, no registration. */
    capacity: integer('capacity'),
    /** Registrations taken (kept with the rows under the event's lock). */
    registeredCount: integer('registered_count').notNull().default(0),
    waitingCount: integer('waiting_count').notNull().default(0),
    /** scheduled, cancelled */
    status: text('status').notNull().default('scheduled'),
    /** The staff member or organiser who takes attendance. */
    organiserId: uuid('organiser_id'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.cityId, t.eventId] }),
    foreignKey({
      columns: [t.cityId, t.initiativeId],
      foreignColumns: [initiatives.cityId, initiatives.initiativeId],
    }).onDelete('cascade'),
    index('community_events_when_idx').on(t.cityId, t.startsAt),
    index('community_events_neighbourhood_idx').on(t.cityId, t.neighbourhoodCode, t.startsAt),
    index('community_events_initiative_idx').on(t.cityId, t.initiativeId, t.startsAt),
  ],
);

/**
 * A person's registration to an event: registered, waiting (in `position` order) or cancelled;
 * attendance taken by the organiser. One live registration per person per event.
 */
export const eventRegistrations = pgTable(
  'event_registrations',
  {
    cityId: integer('city_id').notNull(),
    eventId: uuid('event_id').notNull(),
    registrationId: uuid('registration_id').notNull().defaultRandom(),
    /** The signed-in person (or null: registered by the organiser for someone without an account). */
    userId: uuid('user_id'),
    name: text('name').notNull(),
    email: text('email'),
    phone: text('phone'),
    /** How many people (a parent with a child…); counts against the capacity. */
    seats: smallint('seats').notNull().default(1),
    /** registered, waiting, cancelled */
    status: text('status').notNull(),
    /** Order in the waiting line (a sequence: the first waiting gets a freed place). */
    position: bigint('position', { mode: 'number' }).generatedAlwaysAsIdentity(),
    attendedAt: timestamp('attended_at', { withTimezone: true }),
    attendanceBy: uuid('attendance_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.cityId, t.eventId, t.registrationId] }),
    foreignKey({
      columns: [t.cityId, t.eventId],
      foreignColumns: [communityEvents.cityId, communityEvents.eventId],
    }).onDelete('cascade'),
    uniqueIndex('event_registrations_person_idx')
      .on(t.cityId, t.eventId, t.userId)
      .where(sql`${t.userId} IS NOT NULL AND ${t.status} <> 'cancelled'`),
    index('event_registrations_line_idx').on(t.cityId, t.eventId, t.status, t.position),
    index('event_registrations_user_idx').on(t.cityId, t.userId).where(sql`${t.userId} IS NOT NULL`),
  ],
);

/**
 * The hubs' network: an announcement from the city to all hubs, or a conversation between hubs
 * (and the city). Participants are hubs (community_point_id) or the city (null).
 */
export const networkThreads = pgTable(
  'network_threads',
  {
    cityId: integer('city_id')
      .notNull()
      .references(() => cities.cityId, { onDelete: 'cascade' }),
    threadId: uuid('thread_id').notNull().defaultRandom(),
    /** announcement, conversation */
    kind: text('kind').notNull(),
    subject: text('subject').notNull(),
    createdBy: uuid('created_by').notNull(),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.cityId, t.threadId] }),
    index('network_threads_recent_idx').on(t.cityId, t.lastMessageAt),
  ],
);

/** The hubs taking part in a conversation (an announcement goes to every hub). */
export const networkParticipants = pgTable(
  'network_participants',
  {
    cityId: integer('city_id').notNull(),
    threadId: uuid('thread_id').notNull(),
    communityPointId: uuid('community_point_id').notNull(),
    /** When the hub last read the thread (for the unread count). */
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.cityId, t.threadId, t.communityPointId] }),
    foreignKey({
      columns: [t.cityId, t.threadId],
      foreignColumns: [networkThreads.cityId, networkThreads.threadId],
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.cityId, t.communityPointId],
      foreignColumns: [communityPoints.cityId, communityPoints.communityPointId],
    }),
    index('network_participants_point_idx').on(t.cityId, t.communityPointId),
  ],
);

/** A message in a thread. Append-only. */
export const networkMessages = pgTable(
  'network_messages',
  {
    cityId: integer('city_id').notNull(),
    threadId: uuid('thread_id').notNull(),
    messageId: bigint('message_id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    authorId: uuid('author_id').notNull(),
    authorName: text('author_name').notNull(),
    /** The hub the author wrote for (null: the city). */
    communityPointId: uuid('community_point_id'),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.cityId, t.threadId, t.messageId] }),
    foreignKey({
      columns: [t.cityId, t.threadId],
      foreignColumns: [networkThreads.cityId, networkThreads.threadId],
    }).onDelete('cascade'),
  ],
);
