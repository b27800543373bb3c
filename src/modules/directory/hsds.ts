import { createHash } from 'node:crypto';
import type pg from 'pg';
import { categories } from './categories.ts';

/**
 * Open Referral HSDS 3.0 views of the directory. Rows that HSDS keeps in tables of their own
 * (addresses, phones, languages, accessibility, taxonomy terms, attributes) get stable UUIDs
 * derived from what they describe, so that exports are reproducible and ids never collide.
 */
type Pool = Pick<pg.Pool, 'query'>;

/** Drops null and undefined members (HSDS types them as plain strings and numbers), recursively. */
export function compact<T>(value: T): T {
  if (Array.isArray(value)) return value.map(compact) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== null && v !== undefined)
        .map(([k, v]) => [k, compact(v)]),
    ) as T;
  }
  return value;
}

/** A UUID (version 5 layout) from a name: the same name gives the same id. */
export function stableUuid(name: string): string {
  const h = createHash('sha1').update(`cittadelnoi:${name}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

export const taxonomyId = stableUuid('taxonomy');
export const termId = (code: string) => stableUuid(`category:${code}`);

export const taxonomy = {
  id: taxonomyId,
  name: 'Città del Noi',
  description:
    'Categorie dei servizi del welfare di comunità (Città del Noi) / Community-welfare service categories',
  version: '1',
};

export function taxonomyTerms() {
  return categories.map((c) => ({
    id: termId(c.code),
    code: c.code,
    name: c.it,
    description: c.descriptionIt,
    parent_id: c.parent ? termId(c.parent) : null,
    taxonomy: 'cittadelnoi',
    language: 'it',
    taxonomy_id: taxonomyId,
  }));
}

const languageNames: Record<string, string> = {
  it: 'Italiano',
  en: 'English',
  fr: 'Français',
  ar: 'العربية',
  es: 'Español',
  ro: 'Română',
  uk: 'Українська',
  zh: '中文',
  ur: 'اردو',
  sq: 'Shqip',
};

const weekdays = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

const orgColumns = `o.organization_id, o.name, o.alternate_name, o.description, o.email, o.website, o.phone, o.tax_id,
  o.legal_status, o.kind`;

// biome-ignore lint/suspicious/noExplicitAny: database rows
type Row = any;

export function hsdsOrganization(o: Row) {
  return {
    id: o.organization_id,
    name: o.name,
    alternate_name: o.alternate_name ?? null,
    description: o.description || o.name,
    email: o.email ?? null,
    website: o.website ?? null,
    tax_id: o.tax_id ?? null,
    legal_status: o.legal_status ?? o.kind,
    phones: o.phone
      ? [
          {
            id: stableUuid(`phone:organization:${o.organization_id}`),
            organization_id: o.organization_id,
            number: o.phone,
            type: 'voice',
            languages: [],
          },
        ]
      : [],
  };
}

function hsdsLocation(l: Row) {
  return {
    id: l.location_id,
    location_type: 'physical',
    organization_id: l.organization_id,
    name: l.name,
    description: l.description || null,
    transportation: l.transportation || null,
    latitude: l.latitude,
    longitude: l.longitude,
    external_identifier: l.neighbourhood_code,
    external_identifier_type: l.neighbourhood_code ? 'cittadelnoi:neighbourhood' : null,
    addresses: [
      {
        id: stableUuid(`address:${l.location_id}`),
        location_id: l.location_id,
        address_1: l.address_1,
        city: l.locality,
        region: l.zone_code,
        state_province: l.province || 'BS',
        postal_code: l.postal_code || '',
        country: 'IT',
        address_type: 'physical',
      },
    ],
    accessibility: l.accessibility
      ? [
          {
            id: stableUuid(`accessibility:${l.location_id}`),
            location_id: l.location_id,
            description: l.accessibility,
            details:
              l.wheelchair_accessible === true
                ? 'wheelchair accessible'
                : l.wheelchair_accessible === false
                  ? 'not wheelchair accessible'
                  : null,
          },
        ]
      : [],
    phones: l.phone
      ? [
          {
            id: stableUuid(`phone:location:${l.location_id}`),
            location_id: l.location_id,
            number: l.phone,
            languages: [],
          },
        ]
      : [],
  };
}

function hsdsSchedule(s: Row) {
  return {
    id: s.schedule_id,
    service_at_location_id: s.service_at_location_id,
    valid_from: s.valid_from,
    valid_to: s.valid_to,
    freq: s.weekday ? 'WEEKLY' : null,
    byday: s.weekday ? weekdays[s.weekday - 1] : null,
    opens_at: s.opens_at,
    closes_at: s.closes_at,
    description: s.closed ? s.description || 'Chiuso' : s.description || null,
    attending_type: 'in person',
    notes: s.closed ? 'closed' : null,
  };
}

/** Full HSDS services (with organization, service_at_locations → location, schedules, taxonomy attributes). */
export async function hsdsServices(pool: Pool, cityId: number, serviceIds: string[]) {
  if (!serviceIds.length) return [];
  const { rows: services } = await pool.query(
    `SELECT s.*, row_to_json(o.*) AS org FROM dir_services s
       JOIN dir_organizations o ON o.city_id = s.city_id AND o.organization_id = s.organization_id
      WHERE s.city_id = $1 AND s.service_id = ANY($2::uuid[])`,
    [cityId, serviceIds],
  );
  const { rows: sals } = await pool.query(
    `SELECT sal.service_at_location_id, sal.service_id, sal.description AS sal_description, l.*
       FROM dir_service_at_location sal JOIN dir_locations l ON l.city_id = sal.city_id AND l.location_id = sal.location_id
      WHERE sal.city_id = $1 AND sal.service_id = ANY($2::uuid[]) ORDER BY l.name`,
    [cityId, serviceIds],
  );
  const { rows: schedules } = await pool.query(
    `SELECT sc.schedule_id, sc.service_at_location_id, sc.weekday, to_char(sc.opens_at, 'HH24:MI') AS opens_at,
            to_char(sc.closes_at, 'HH24:MI') AS closes_at, to_char(sc.valid_from, 'YYYY-MM-DD') AS valid_from,
            to_char(sc.valid_to, 'YYYY-MM-DD') AS valid_to, sc.closed, sc.description
       FROM dir_schedules sc JOIN dir_service_at_location sal
         ON sal.city_id = sc.city_id AND sal.service_at_location_id = sc.service_at_location_id
      WHERE sc.city_id = $1 AND sal.service_id = ANY($2::uuid[]) ORDER BY sc.weekday, sc.opens_at`,
    [cityId, serviceIds],
  );
  const { rows: cats } = await pool.query<{ service_id: string; category_code: string }>(
    'SELECT service_id, category_code FROM dir_service_categories WHERE city_id = $1 AND service_id = ANY($2::uuid[])',
    [cityId, serviceIds],
  );
  const terms = new Map(taxonomyTerms().map((t) => [t.code, t]));
  const byId = new Map(services.map((s: Row) => [s.service_id, s]));
  return serviceIds.flatMap((id) => {
    const s = byId.get(id);
    if (!s) return [];
    return [
      {
        id: s.service_id,
        organization_id: s.organization_id,
        name: s.name,
        alternate_name: s.alternate_name,
        description: s.description || null,
        url: s.url,
        email: s.email,
        status: s.status,
        application_process: s.application_process || null,
        fees_description: s.free ? s.fees_description || 'Gratuito' : s.fees_description || null,
        eligibility_description:
          [s.eligibility_description, s.target_groups.join(', ')].filter(Boolean).join(' — ') || null,
        minimum_age: s.minimum_age,
        maximum_age: s.maximum_age,
        assured_date: s.last_verified_at ? s.last_verified_at.toISOString().slice(0, 10) : null,
        last_modified: s.updated_at.toISOString(),
        phones: s.phone
          ? [
              {
                id: stableUuid(`phone:service:${s.service_id}`),
                service_id: s.service_id,
                number: s.phone,
                languages: [],
              },
            ]
          : [],
        languages: (s.languages as string[]).map((code) => ({
          id: stableUuid(`language:${s.service_id}:${code}`),
          service_id: s.service_id,
          name: languageNames[code] ?? code,
          code,
        })),
        organization: hsdsOrganization(s.org),
        service_at_locations: sals
          .filter((l: Row) => l.service_id === s.service_id)
          .map((l: Row) => ({
            id: l.service_at_location_id,
            service_id: s.service_id,
            location_id: l.location_id,
            description: l.sal_description || null,
            schedules: schedules
              .filter((sc: Row) => sc.service_at_location_id === l.service_at_location_id)
              .map(hsdsSchedule),
            location: hsdsLocation(l),
          })),
        attributes: cats
          .filter((c) => c.service_id === s.service_id)
          .map((c) => ({
            id: stableUuid(`attribute:${s.service_id}:${c.category_code}`),
            link_id: s.service_id,
            link_type: 'service',
            link_entity: 'service',
            taxonomy_term_id: termId(c.category_code),
            value: c.category_code,
            taxonomy_term: terms.get(c.category_code),
          })),
      },
    ];
  });
}

/** A page of HSDS organizations, with their locations' ids and services' ids. */
export async function hsdsOrganizations(pool: Pool, cityId: number, page: number, perPage: number) {
  const { rows } = await pool.query(
    `SELECT ${orgColumns}, count(*) OVER () AS total FROM dir_organizations o WHERE o.city_id = $1
      ORDER BY o.name COLLATE "it-IT-x-icu", o.organization_id LIMIT $2 OFFSET $3`,
    [cityId, perPage, (page - 1) * perPage],
  );
  return {
    items: rows.map(hsdsOrganization),
    total: rows[0]?.total ?? (await countOf(pool, 'dir_organizations', cityId)),
  };
}

async function countOf(
  pool: Pool,
  table: 'dir_organizations' | 'dir_services',
  cityId: number,
): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${table} WHERE city_id = $1`,
    [cityId],
  );
  return rows[0]?.n ?? 0;
}

/** HSDS Page object around `contents`. */
export function hsdsPage<T>(contents: T[], total: number, page: number, perPage: number) {
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: page,
    size: contents.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

export async function hsdsServicePage(pool: Pool, cityId: number, page: number, perPage: number) {
  const { rows } = await pool.query<{ service_id: string; total: number }>(
    `SELECT service_id, count(*) OVER () AS total FROM dir_services WHERE city_id = $1
      ORDER BY name COLLATE "it-IT-x-icu", service_id LIMIT $2 OFFSET $3`,
    [cityId, perPage, (page - 1) * perPage],
  );
  const total = rows[0]?.total ?? (await countOf(pool, 'dir_services', cityId));
  return hsdsPage(
    await hsdsServices(
      pool,
      cityId,
      rows.map((r) => r.service_id),
    ),
    total,
    page,
    perPage,
  );
}
