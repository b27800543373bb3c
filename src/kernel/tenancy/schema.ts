import { sql } from 'drizzle-orm';
import { boolean, doublePrecision, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The tenants. `city_id` is the key every other table leads with (see docs/decisions/0002).
 */
export const cities = pgTable('cities', {
  cityId: integer('city_id').primaryKey().generatedAlwaysAsIdentity(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  istatCode: text('istat_code').notNull(),
  province: text('province'),
  region: text('region'),
  timezone: text('timezone').notNull().default('Europe/Rome'),
  centerLat: doublePrecision('center_lat').notNull(),
  centerLon: doublePrecision('center_lon').notNull(),
  /** GeoJSON Polygon or MultiPolygon of the municipal boundary (WGS84). */
  boundary: jsonb('boundary').notNull(),
  boundarySource: text('boundary_source'),
  /** Host names that serve this city (e.g. `brescia.cittadelnoi.it`). */
  hosts: text('hosts').array().notNull().default(sql`'{}'::text[]`),
  isDemo: boolean('is_demo').notNull().default(false),
  settings: jsonb('settings').notNull().default({}),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
