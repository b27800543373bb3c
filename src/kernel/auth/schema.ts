import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { cities } from '../tenancy/schema.ts';

/** People who sign in. An account belongs to one city; the e-mail is unique within it. */
export const users = pgTable(
  'users',
  {
    cityId: integer('city_id')
      .notNull()
      .references(() => cities.cityId),
    userId: uuid('user_id').notNull().defaultRandom(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    fiscalCode: text('fiscal_code'),
    passwordHash: text('password_hash'),
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    active: boolean('active').notNull().default(true),
    locale: text('locale').notNull().default('it'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.cityId, t.userId] }),
    uniqueIndex('users_email_idx').on(t.cityId, sql`lower(${t.email})`),
    uniqueIndex('users_fiscal_code_idx').on(t.cityId, t.fiscalCode).where(sql`${t.fiscalCode} IS NOT NULL`),
  ],
);

/** One role held within one scope (city, zone, community point, organisation, own). */
export const roleAssignments = pgTable(
  'role_assignments',
  {
    cityId: integer('city_id').notNull(),
    assignmentId: bigint('assignment_id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    userId: uuid('user_id').notNull(),
    role: text('role').notNull(),
    scopeKind: text('scope_kind').notNull(),
    scopeRef: text('scope_ref'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.cityId, t.assignmentId] }),
    foreignKey({ columns: [t.cityId, t.userId], foreignColumns: [users.cityId, users.userId] }).onDelete(
      'cascade',
    ),
    uniqueIndex('role_assignments_unique_idx').on(
      t.cityId,
      t.userId,
      t.role,
      t.scopeKind,
      sql`coalesce(${t.scopeRef}, '')`,
    ),
  ],
);

/** Server-side sessions. The id is the SHA-256 of the token in the cookie, never the token. */
export const sessions = pgTable(
  'sessions',
  {
    cityId: integer('city_id').notNull(),
    sessionId: text('session_id').notNull(),
    userId: uuid('user_id').notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    method: text('method').notNull().default('password'),
  },
  (t) => [
    primaryKey({ columns: [t.cityId, t.sessionId] }),
    foreignKey({ columns: [t.cityId, t.userId], foreignColumns: [users.cityId, users.userId] }).onDelete(
      'cascade',
    ),
    index('sessions_user_idx').on(t.cityId, t.userId),
  ],
);

/** Single-use, expiring tokens mailed to people (password reset, e-mail verification). Hashed. */
export const authTokens = pgTable(
  'auth_tokens',
  {
    cityId: integer('city_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id').notNull(),
    purpose: text('purpose').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.cityId, t.tokenHash] }),
    foreignKey({ columns: [t.cityId, t.userId], foreignColumns: [users.cityId, users.userId] }).onDelete(
      'cascade',
    ),
  ],
);

/** Failed sign-ins, per account and per address, for throttling. */
export const loginFailures = pgTable(
  'login_failures',
  {
    cityId: integer('city_id')
      .notNull()
      .references(() => cities.cityId),
    failureId: bigint('failure_id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    key: text('key').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.cityId, t.failureId] }),
    index('login_failures_key_idx').on(t.cityId, t.key, t.at),
  ],
);
