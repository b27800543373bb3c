import type { Queryable } from '../../../kernel/audit/index.ts';
import type { Db } from '../../../kernel/db/index.ts';
import type { City } from '../../../kernel/tenancy/registry.ts';
import { locatePoint } from '../../territory/index.ts';

export const organizationKinds = [
  'public_office',
  'odv',
  'aps',
  'social_cooperative',
  'social_enterprise',
  'parish',
  'school',
  'pharmacy',
  'firm',
  'university',
  'other',
] as const;
export type OrganizationKind = (typeof organizationKinds)[number];

export interface OrganizationInput {
  name: string;
  alternateName?: string | null;
  description?: string;
  kind: OrganizationKind;
  email?: string | null;
  website?: string | null;
  phone?: string | null;
  taxId?: string | null;
  legalStatus?: string | null;
  isDemo?: boolean;
}

export interface LocationInput {
  name: string;
  description?: string;
  address1: string;
  postalCode?: string;
  locality: string;
  province?: string;
  latitude?: number | null;
  longitude?: number | null;
  transportation?: string;
  accessibility?: string;
  wheelchairAccessible?: boolean | null;
  phone?: string | null;
}

/** A weekly opening (weekday 1 = Monday … 7 = Sunday) or a dated closure. */
export interface ScheduleInput {
  weekday?: number | null;
  opensAt?: string | null;
  closesAt?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
  closed?: boolean;
  description?: string;
}

export interface ServiceInput {
  name: string;
  alternateName?: string | null;
  description?: string;
  url?: string | null;
  email?: string | null;
  phone?: string | null;
  status?: 'active' | 'inactive' | 'defunct';
  applicationProcess?: string;
  eligibilityDescription?: string;
  minimumAge?: number | null;
  maximumAge?: number | null;
  targetGroups?: string[];
  free?: boolean;
  feesDescription?: string;
  languages?: string[];
  categories: string[];
  isDemo?: boolean;
}

export async function insertOrganization(
  q: Queryable,
  cityId: number,
  o: OrganizationInput,
): Promise<string> {
  const { rows } = await q.query<{ organization_id: string }>(
    `INSERT INTO dir_organizations (city_id, name, alternate_name, description, kind, email, website, phone, tax_id,
                                   legal_status, is_demo)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING organization_id`,
    [
      cityId,
      o.name.trim(),
      o.alternateName ?? null,
      o.description ?? '',
      o.kind,
      o.email ?? null,
      o.website ?? null,
      o.phone ?? null,
      o.taxId ?? null,
      o.legalStatus ?? null,
      Boolean(o.isDemo),
    ],
  );
  return rows[0]!.organization_id;
}

/**
 * Adds a location of an organisation. With coordinates, its neighbourhood and zone are found from
 * the territory; a point outside the city keeps no neighbourhood (a service may be elsewhere).
 */
export async function insertLocation(
  q: Queryable,
  db: Db,
  city: City,
  organizationId: string,
  l: LocationInput,
): Promise<string> {
  let neighbourhood: string | null = null;
  let zone: string | null = null;
  if (l.latitude != null && l.longitude != null) {
    const found = await locatePoint(db, city, l.latitude, l.longitude);
    neighbourhood = found?.neighbourhood.code ?? null;
    zone = found?.zone.code ?? null;
  }
  const { rows } = await q.query<{ location_id: string }>(
    `INSERT INTO dir_locations (city_id, organization_id, name, description, address_1, postal_code, locality, province,
                               latitude, longitude, neighbourhood_code, zone_code, transportation, accessibility,
                               wheelchair_accessible, phone)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING location_id`,
    [
      city.id,
      organizationId,
      l.name.trim(),
      l.description ?? '',
      l.address1.trim(),
      l.postalCode ?? '',
      l.locality.trim(),
      l.province ?? '',
      l.latitude ?? null,
      l.longitude ?? null,
      neighbourhood,
      zone,
      l.transportation ?? '',
      l.accessibility ?? '',
      l.wheelchairAccessible ?? null,
      l.phone ?? null,
    ],
  );
  return rows[0]!.location_id;
}

export async function insertService(
  q: Queryable,
  cityId: number,
  organizationId: string,
  s: ServiceInput,
): Promise<string> {
  const { rows } = await q.query<{ service_id: string }>(
    `INSERT INTO dir_services (city_id, organization_id, name, alternate_name, description, url, email, phone, status,
                              application_process, eligibility_description, minimum_age, maximum_age, target_groups,
                              free, fees_description, languages, is_demo)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING service_id`,
    [
      cityId,
      organizationId,
      s.name.trim(),
      s.alternateName ?? null,
      s.description ?? '',
      s.url ?? null,
      s.email ?? null,
      s.phone ?? null,
      s.status ?? 'active',
      s.applicationProcess ?? '',
      s.eligibilityDescription ?? '',
      s.minimumAge ?? null,
      s.maximumAge ?? null,
      s.targetGroups ?? [],
      s.free ?? true,
      s.feesDescription ?? '',
      s.languages?.length ? s.languages : ['it'],
      Boolean(s.isDemo),
    ],
  );
  const id = rows[0]!.service_id;
  await setCategories(q, cityId, id, s.categories);
  return id;
}

export async function setCategories(
  q: Queryable,
  cityId: number,
  serviceId: string,
  codes: string[],
): Promise<void> {
  await q.query('DELETE FROM dir_service_categories WHERE city_id = $1 AND service_id = $2', [
    cityId,
    serviceId,
  ]);
  if (codes.length) {
    await q.query(
      `INSERT INTO dir_service_categories (city_id, service_id, category_code)
       SELECT $1, $2, unnest($3::text[]) ON CONFLICT DO NOTHING`,
      [cityId, serviceId, [...new Set(codes)]],
    );
  }
}

/** Says where a service is given, with its opening hours there. Returns the service_at_location id. */
export async function addServiceAtLocation(
  q: Queryable,
  cityId: number,
  serviceId: string,
  locationId: string,
  schedules: ScheduleInput[] = [],
  description = '',
): Promise<string> {
  const { rows } = await q.query<{ service_at_location_id: string }>(
    `INSERT INTO dir_service_at_location (city_id, service_id, location_id, description) VALUES ($1, $2, $3, $4)
     ON CONFLICT (city_id, service_id, location_id) DO UPDATE SET description = EXCLUDED.description
     RETURNING service_at_location_id`,
    [cityId, serviceId, locationId, description],
  );
  const salId = rows[0]!.service_at_location_id;
  await setSchedules(q, cityId, salId, schedules);
  return salId;
}

export async function setSchedules(
  q: Queryable,
  cityId: number,
  serviceAtLocationId: string,
  schedules: ScheduleInput[],
): Promise<void> {
  await q.query('DELETE FROM dir_schedules WHERE city_id = $1 AND service_at_location_id = $2', [
    cityId,
    serviceAtLocationId,
  ]);
  for (const s of schedules) {
    await q.query(
      `INSERT INTO dir_schedules (city_id, service_at_location_id, weekday, opens_at, closes_at, valid_from, valid_to,
                                 closed, description)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        cityId,
        serviceAtLocationId,
        s.weekday ?? null,
        s.opensAt ?? null,
        s.closesAt ?? null,
        s.validFrom ?? null,
        s.validTo ?? null,
        Boolean(s.closed),
        s.description ?? '',
      ],
    );
  }
}

/**
 * Rebuilds the search rows of some services (all of the city when `serviceIds` is undefined):
 * one row per service at a location, its document weighted name (A), description, organisation
 * and categories (B), eligibility and target groups (C). Also feeds the typo lexicon.
 * Call it in the transaction that changed the services.
 */
export async function refreshSearch(q: Queryable, cityId: number, serviceIds?: string[]): Promise<void> {
  const only = serviceIds ? 'AND s.service_id = ANY($2::uuid[])' : '';
  const params: unknown[] = serviceIds ? [cityId, serviceIds] : [cityId];
  // One refresh at a time per city: the triggers on dir_search count words in dir_search_terms, and
  // two refreshes locking the same words' rows in turn could deadlock.
  await q.query("SELECT pg_advisory_xact_lock(hashtext('dir_search'), $1)", [cityId]);
  await q.query(`DELETE FROM dir_search s WHERE s.city_id = $1 ${only}`, params);
  await q.query(
    `INSERT INTO dir_search (city_id, service_at_location_id, service_id, location_id, organization_id, name, document,
                             categories, zone_code, neighbourhood_code, minimum_age, maximum_age, languages,
                             latitude, longitude, active)
     SELECT s.city_id, sal.service_at_location_id, s.service_id, l.location_id, s.organization_id, s.name,
            noi_search_document(
              s.name || ' ' || coalesce(s.alternate_name, ''),
              s.description || ' ' || o.name || ' ' || coalesce(o.alternate_name, '') || ' ' || coalesce(cat.names, ''),
              s.eligibility_description || ' ' || array_to_string(s.target_groups, ' ') || ' ' || l.locality),
            coalesce(cat.codes, '{}'), l.zone_code, l.neighbourhood_code, s.minimum_age, s.maximum_age, s.languages,
            l.latitude, l.longitude, s.status = 'active'
       FROM dir_services s
       JOIN dir_organizations o ON o.city_id = s.city_id AND o.organization_id = s.organization_id
       JOIN dir_service_at_location sal ON sal.city_id = s.city_id AND sal.service_id = s.service_id
       JOIN dir_locations l ON l.city_id = sal.city_id AND l.location_id = sal.location_id
       LEFT JOIN LATERAL (
         SELECT array_agg(c.code ORDER BY c.code) AS codes,
                string_agg(c.name_it || ' ' || c.name_en, ' ') AS names
           FROM dir_service_categories sc JOIN dir_categories c ON c.code = sc.category_code
          WHERE sc.city_id = s.city_id AND sc.service_id = s.service_id
       ) cat ON true
      WHERE s.city_id = $1 ${only}`,
    params,
  );
  await q.query(
    `INSERT INTO dir_lexicon (word)
     SELECT DISTINCT w FROM dir_services s
       JOIN dir_organizations o ON o.city_id = s.city_id AND o.organization_id = s.organization_id,
       regexp_split_to_table(lower(noi_unaccent(s.name || ' ' || s.description || ' ' || o.name)), '[^a-z0-9]+') AS w
      WHERE s.city_id = $1 ${only} AND length(w) BETWEEN 3 AND 40
     ON CONFLICT DO NOTHING`,
    params,
  );
}
