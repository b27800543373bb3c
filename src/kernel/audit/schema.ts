import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { cities } from '../tenancy/schema.ts';

/**
 * Append-only: who did what to which record, when, within which scope, for which request.
 * The app's database role cannot update or delete rows (trigger in the migrations).
 */
export const auditLog = pgTable(
  'audit_log',
  {
    cityId: integer('city_id')
      .notNull()
      .references(() => cities.cityId),
    auditId: bigint('audit_id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    actorLabel: text('actor_label'),
    action: text('action').notNull(),
    resource: text('resource').notNull(),
    resourceId: text('resource_id'),
    scope: text('scope'),
    requestId: text('request_id'),
    ip: text('ip'),
    sensitive: boolean('sensitive').notNull().default(false),
    /** Reason given to open a record outside one's scope ("break the glass"). */
    reason: text('reason'),
    outcome: text('outcome').notNull().default('ok'),
    detail: jsonb('detail').notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [
    primaryKey({ columns: [t.cityId, t.auditId] }),
    index('audit_log_actor_idx').on(t.cityId, t.actorId, t.at),
    index('audit_log_resource_idx').on(t.cityId, t.resource, t.resourceId, t.at),
    index('audit_log_at_idx').on(t.cityId, t.at),
  ],
);
