import {
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
 * A Punto Comunità (community hub): a place in the neighbourhood, run with a host organisation,
 * where help requests are sorted. Its operators hold the `operator` role scoped to its slug.
 */
export const communityPoints = pgTable(
  'community_points',
  {
    cityId: integer('city_id')
      .notNull()
      .references(() => cities.cityId, { onDelete: 'cascade' }),
    communityPointId: uuid('community_point_id').notNull().defaultRandom(),
    /** Stable, readable key: the scope ref of its operators (`operator` of `community_point:<slug>`). */
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** Name of the organisation that hosts it (a parish, an association, the city). */
    hostName: text('host_name').notNull(),
    /** The host in the welfare directory, when it is there. */
    hostOrganizationId: uuid('host_organization_id'),
    address: text('address').notNull(),
    lat: doublePrecision('lat').notNull(),
    lon: doublePrecision('lon').notNull(),
    /** Where the hub stands (resolved when written). */
    neighbourhoodCode: text('neighbourhood_code').notNull(),
    zoneCode: text('zone_code').notNull(),
    phone: text('phone'),
    email: text('email'),
    /** Weekly hours: `[{ day: 1..7 (Monday=1), opens: 'HH:MM', closes: 'HH:MM' }]`. */
    hours: jsonb('hours').notNull().default([]),
    isDemo: boolean('is_demo').notNull().default(false),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.cityId, t.communityPointId] }),
    uniqueIndex('community_points_slug_idx').on(t.cityId, t.slug),
    index('community_points_zone_idx').on(t.cityId, t.zoneCode),
  ],
);

/** The neighbourhoods a hub serves (every neighbourhood of the city should be served by one). */
export const communityPointNeighbourhoods = pgTable(
  'community_point_neighbourhoods',
  {
    cityId: integer('city_id').notNull(),
    communityPointId: uuid('community_point_id').notNull(),
    neighbourhoodCode: text('neighbourhood_code').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.cityId, t.communityPointId, t.neighbourhoodCode] }),
    index('community_point_neighbourhoods_code_idx').on(t.cityId, t.neighbourhoodCode),
    foreignKey({
      columns: [t.cityId, t.communityPointId],
      foreignColumns: [communityPoints.cityId, communityPoints.communityPointId],
    }).onDelete('cascade'),
  ],
);
