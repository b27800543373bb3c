import { bigint, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { cities } from '../tenancy/schema.ts';

/**
 * Outgoing mail, written in the same transaction as the change it tells about and sent by a
 * worker with retries: a mail-server outage delays mail, never loses it.
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    cityId: integer('city_id')
      .notNull()
      .references(() => cities.cityId),
    mailId: bigint('mail_id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    lastError: text('last_error'),
  },
  (t) => [
    primaryKey({ columns: [t.cityId, t.mailId] }),
    index('mail_outbox_due_idx').on(t.nextAttemptAt).where(sql`sent_at IS NULL`),
  ],
);

import { sql } from 'drizzle-orm';
