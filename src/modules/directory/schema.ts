import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  real,
  text,
  time,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { cities } from '../../kernel/tenancy/schema.ts';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * The programme's categories (early childhood, youth, work, poverty, elderly, disability…), the
 * same for every city: a shared vocabulary, exported as the HSDS taxonomy `cittadelnoi`.
 */
export const dirCategories = pgTable('dir_categories', {
  code: text('code').primaryKey(),
  parentCode: text('parent_code'),
  nameIt: text('name_it').notNull(),
  nameEn: text('name_en').notNull(),
  descriptionIt: text('description_it').notNull().default(''),
  descriptionEn: text('description_en').notNull().default(''),
  sort: integer('sort').notNull().default(0),
});

/** HSDS organization: a public office, an ODV, APS, social cooperative, parish, school, pharmacy… */
export const dirOrganizations = pgTable(
  'dir_organizations',
  {
    cityId: integer('city_id')
      .notNull()
      .references(() => cities.cityId, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id').notNull().defaultRandom(),
    name: text('name').notNull(),
    alternateName: text('alternate_name'),
    description: text('description').notNull().default(''),
    /** public_office, odv, aps, social_cooperative, social_enterprise, parish, school, pharmacy, firm, university, other */
    kind: text('kind').notNull(),
    email: text('email'),
    website: text('website'),
    phone: text('phone'),
    taxId: text('tax_id'),
    legalStatus: text('legal_status'),
    isDemo: boolean('is_demo').notNull().default(false),
    lastVerifiedAt: timestamp('last_verified_at', { withTimezone: true }),
    lastVerifiedBy: uuid('last_verified_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.cityId, t.organizationId] }),
    index('dir_organizations_name_idx').on(t.cityId, t.name),
    uniqueIndex('dir_organizations_tax_id_idx').on(t.cityId, t.taxId).where(sql`${t.taxId} IS NOT NULL`),
  ],
);

/** HSDS location with its (single, physical) address, tied to the neighbourhood and zone it lies in. */
export const dirLocations = pgTable(
  'dir_locations',
  {
    cityId: integer('city_id')
      .notNull()
      .references(() => cities.cityId, { onDelete: 'cascade' }),
    locationId: uuid('location_id').notNull().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    address1: text('address_1').notNull(),
    postalCode: text('postal_code').notNull().default(''),
    locality: text('locality').notNull(),
    province: text('province').notNull().default(''),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    neighbourhoodCode: text('neighbourhood_code'),
    zoneCode: text('zone_code'),
    transportation: text('transportation').notNull().default(''),
    /** Plain-language description of access (steps, lift, toilets). */
    accessibility: text('accessibility').notNull().default(''),
    wheelchairAccessible: boolean('wheelchair_accessible'),
    phone: text('phone'),
  },
  (t) => [
    primaryKey({ columns: [t.cityId, t.locationId] }),
    foreignKey({
      columns: [t.cityId, t.organizationId],
      foreignColumns: [dirOrganizations.cityId, dirOrganizations.organizationId],
    }).onDelete('cascade'),
    index('dir_locations_org_idx').on(t.cityId, t.organizationId),
  ],
);

/** HSDS service. Eligibility, costs and languages as the Carta dei servizi states them. */
export const dirServices = pgTable(
  'dir_services',
  {
    cityId: integer('city_id')
      .notNull()
      .references(() => cities.cityId, { onDelete: 'cascade' }),
    serviceId: uuid('service_id').notNull().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    name: text('name').notNull(),
    alternateName: text('alternate_name'),
    description: text('description').notNull().default(''),
    url: text('url'),
    email: text('email'),
    phone: text('phone'),
    /** active, inactive, defunct (HSDS) */
    status: text('status').notNull().default('active'),
    applicationProcess: text('application_process').notNull().default(''),
    eligibilityDescription: text('eligibility_description').notNull().default(''),
    minimumAge: integer('minimum_age'),
    maximumAge: integer('maximum_age'),
    /** e.g. families, elderly, disabled, migrants, young, women, unemployed */
    targetGroups: text('target_groups').array().notNull().default(sql`'{}'::text[]`),
    free: boolean('free').notNull().default(true),
    feesDescription: text('fees_description').notNull().default(''),
    /** ISO 639-1 codes of the languages spoken. */
    languages: text('languages').array().notNull().default(sql`'{it}'::text[]`),
    isDemo: boolean('is_demo').notNull().default(false),
    lastVerifiedAt: timestamp('last_verified_at', { withTimezone: true }),
    lastVerifiedBy: uuid('last_verified_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.cityId, t.serviceId] }),
    foreignKey({
      columns: [t.cityId, t.organizationId],
      foreignColumns: [dirOrganizations.cityId, dirOrganizations.organizationId],
    }).onDelete('cascade'),
    index('dir_services_org_idx').on(t.cityId, t.organizationId),
    index('dir_services_verified_idx').on(t.cityId, t.lastVerifiedAt),
  ],
);

export const dirServiceCategories = pgTable(
  'dir_service_categories',
  {
    cityId: integer('city_id').notNull(),
    serviceId: uuid('service_id').notNull(),
    categoryCode: text('category_code')
      .notNull()
      .references(() => dirCategories.code),
  },
  (t) => [
    primaryKey({ columns: [t.cityId, t.serviceId, t.categoryCode] }),
    foreignKey({
      columns: [t.cityId, t.serviceId],
      foreignColumns: [dirServices.cityId, dirServices.serviceId],
    }).onDelete('cascade'),
  ],
);

/** HSDS service_at_location: where a service is given. */
export const dirServiceAtLocation = pgTable(
  'dir_service_at_location',
  {
    cityId: integer('city_id').notNull(),
    serviceAtLocationId: uuid('service_at_location_id').notNull().defaultRandom(),
    serviceId: uuid('service_id').notNull(),
    locationId: uuid('location_id').notNull(),
    description: text('description').notNull().default(''),
  },
  (t) => [
    primaryKey({ columns: [t.cityId, t.serviceAtLocationId] }),
    uniqueIndex('dir_sal_service_location_idx').on(t.cityId, t.serviceId, t.locationId),
    index('dir_sal_location_idx').on(t.cityId, t.locationId),
    foreignKey({
      columns: [t.cityId, t.serviceId],
      foreignColumns: [dirServices.cityId, dirServices.serviceId],
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.cityId, t.locationId],
      foreignColumns: [dirLocations.cityId, dirLocations.locationId],
    }).onDelete('cascade'),
  ],
);

/**
 * HSDS schedule of a service at a location: weekly opening (`byday` + `opens_at`/`closes_at`),
 * valid between dates; `closed` rows are exceptions (holidays, closures) over their date range.
 */
export const dirSchedules = pgTable(
  'dir_schedules',
  {
    cityId: integer('city_id').notNull(),
    scheduleId: uuid('schedule_id').notNull().defaultRandom(),
    serviceAtLocationId: uuid('service_at_location_id').notNull(),
    /** ISO weekday 1 (Monday) … 7 (Sunday); null for a dated exception. */
    weekday: integer('weekday'),
    opensAt: time('opens_at'),
    closesAt: time('closes_at'),
    validFrom: date('valid_from'),
    validTo: date('valid_to'),
    closed: boolean('closed').notNull().default(false),
    description: text('description').notNull().default(''),
  },
  (t) => [
    primaryKey({ columns: [t.cityId, t.scheduleId] }),
    index('dir_schedules_sal_idx').on(t.cityId, t.serviceAtLocationId),
    foreignKey({
      columns: [t.cityId, t.serviceAtLocationId],
      foreignColumns: [dirServiceAtLocation.cityId, dirServiceAtLocation.serviceAtLocationId],
    }).onDelete('cascade'),
  ],
);

/**
 * One row per service at a location, with everything a search filters and sorts by: the search
 * document (Italian stemming, accents folded), categories, zone, neighbourhood, ages, languages and
 * the point. Kept in step by the directory service on every write (refreshSearch); never edited.
 */
export const dirSearch = pgTable(
  'dir_search',
  {
    cityId: integer('city_id').notNull(),
    serviceAtLocationId: uuid('service_at_location_id').notNull(),
    serviceId: uuid('service_id').notNull(),
    locationId: uuid('location_id').notNull(),
    organizationId: uuid('organization_id').notNull(),
    /** The service's name, for sorting without a join. */
    name: text('name').notNull().default(''),
    document: tsvector('document').notNull(),
    categories: text('categories').array().notNull(),
    zoneCode: text('zone_code'),
    neighbourhoodCode: text('neighbourhood_code'),
    minimumAge: integer('minimum_age'),
    maximumAge: integer('maximum_age'),
    languages: text('languages').array().notNull(),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    active: boolean('active').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.cityId, t.serviceAtLocationId] }),
    index('dir_search_service_idx').on(t.cityId, t.serviceId),
    foreignKey({
      columns: [t.cityId, t.serviceAtLocationId],
      foreignColumns: [dirServiceAtLocation.cityId, dirServiceAtLocation.serviceAtLocationId],
    }).onDelete('cascade'),
  ],
);

/**
 * The search document's words one by one, each with its weight in that place's document (the
 * `ts_rank` of the word alone), in order of weight: a search reads the best places for its rarest
 * word first and stops when it has enough (decision 0011), instead of collecting every place that
 * has a common word. Kept by triggers on `dir_search` (migration 0012); active places only.
 */
export const dirSearchPostings = pgTable(
  'dir_search_postings',
  {
    cityId: integer('city_id').notNull(),
    term: text('term').notNull(),
    impact: real('impact').notNull(),
    serviceAtLocationId: uuid('service_at_location_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.cityId, t.term, t.impact, t.serviceAtLocationId] })],
);

/**
 * How many active places of a city have each word (its postings): the search reads the rarest
 * word's postings. Kept by the same triggers as the postings.
 */
export const dirSearchTerms = pgTable(
  'dir_search_terms',
  {
    cityId: integer('city_id').notNull(),
    term: text('term').notNull(),
    documents: integer('documents').notNull(),
  },
  (t) => [primaryKey({ columns: [t.cityId, t.term] })],
);

/** Words of the directory's texts (accents folded), to correct typos in a query. Shared vocabulary. */
export const dirLexicon = pgTable('dir_lexicon', {
  word: text('word').primaryKey(),
});
