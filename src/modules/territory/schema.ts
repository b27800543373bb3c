import {
  boolean,
  doublePrecision,
  foreignKey,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { cities } from '../../kernel/tenancy/schema.ts';

export const zones = pgTable(
  'zones',
  {
    cityId: integer('city_id')
      .notNull()
      .references(() => cities.cityId, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    officeAddress: text('office_address'),
    officePhone: text('office_phone'),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.cityId, t.code] })],
);

export const neighbourhoods = pgTable(
  'neighbourhoods',
  {
    cityId: integer('city_id')
      .notNull()
      .references(() => cities.cityId, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    zoneCode: text('zone_code').notNull(),
    istatCode: text('istat_code'),
    alsoCalled: text('also_called'),
    pointLat: doublePrecision('point_lat').notNull(),
    pointLon: doublePrecision('point_lon').notNull(),
    pointSource: text('point_source').notNull(),
    /** GeoJSON Polygon or MultiPolygon (WGS84). */
    boundary: jsonb('boundary').notNull(),
    /** True while the boundary is derived (Voronoi cell of the point), not an official one. */
    boundaryApproximate: boolean('boundary_approximate').notNull().default(true),
    boundarySource: text('boundary_source').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.cityId, t.code] }),
    foreignKey({ columns: [t.cityId, t.zoneCode], foreignColumns: [zones.cityId, zones.code] }).onUpdate(
      'cascade',
    ),
  ],
);
