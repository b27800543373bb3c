import { integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { cities } from '../tenancy/schema.ts';

/**
 * The first answer to a submission sent with an `Idempotency-Key` header, kept so that a retry
 * gets the same answer and creates nothing. Written in the same statement as the submission.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    cityId: integer('city_id')
      .notNull()
      .references(() => cities.cityId, { onDelete: 'cascade' }),
    /** The operation, e.g. `help_request.create`. */
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    /** sha256 of the request body: the same key with another body is refused. */
    requestHash: text('request_hash').notNull(),
    status: integer('status').notNull(),
    response: jsonb('response').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cityId, t.scope, t.key] })],
);
