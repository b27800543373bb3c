import type pg from 'pg';
import { AppError } from '../../../kernel/errors.ts';
import type { Lang } from '../../../kernel/i18n/messages.ts';
import { openNowSql, type SearchHit } from './search.ts';

type Pool = Pick<pg.Pool, 'query'>;

export interface Ref {
  code: string;
  name: string;
}

export interface ScheduleView {
  weekday: number | null;
  opensAt: string | null;
  closesAt: string | null;
  validFrom: string | null;
  validTo: string | null;
  closed: boolean;
  description: string;
}

export interface LocationView {
  id: string;
  name: string;
  address: string;
  postalCode: string;
  locality: string;
  latitude: number | null;
  longitude: number | null;
  neighbourhood: Ref | null;
  zone: Ref | null;
  transportation: string;
  accessibility: string;
  wheelchairAccessible: boolean | null;
  phone: string | null;
}

const locationColumns = `l.location_id, l.name AS location_name, l.address_1, l.postal_code, l.locality, l.latitude,
  l.longitude, l.neighbourhood_code, n.name AS neighbourhood_name, l.zone_code, z.name AS zone_name, l.transportation,
  l.accessibility, l.wheelchair_accessible, l.phone AS location_phone`;
const locationJoins = `LEFT JOIN neighbourhoods n ON n.city_id = l.city_id AND n.code = l.neighbourhood_code
  LEFT JOIN zones z ON z.city_id = l.city_id AND z.code = l.zone_code`;

// biome-ignore lint/suspicious/noExplicitAny: rows from a join
function toLocation(r: any): LocationView {
  return {
    id: r.location_id,
    name: r.location_name,
    address: r.address_1,
    postalCode: r.postal_code,
    locality: r.locality,
    latitude: r.latitude,
    longitude: r.longitude,
    neighbourhood: r.neighbourhood_code ? { code: r.neighbourhood_code, name: r.neighbourhood_name } : null,
    zone: r.zone_code ? { code: r.zone_code, name: r.zone_name } : null,
    transportation: r.transportation,
    accessibility: r.accessibility,
    wheelchairAccessible: r.wheelchair_accessible,
    phone: r.location_phone,
  };
}

const nameCol = (lang: Lang) => (lang === 'en' ? 'name_en' : 'name_it');

async function categoriesOf(pool: Pool, cityId: number, serviceIds: string[], lang: Lang) {
  const { rows } = await pool.query<{ service_id: string; code: string; name: string }>(
    `SELECT sc.service_id, c.code, c.${nameCol(lang)} AS name FROM dir_service_categories sc
       JOIN dir_categories c ON c.code = sc.category_code
      WHERE sc.city_id = $1 AND sc.service_id = ANY($2::uuid[]) ORDER BY c.sort`,
    [cityId, serviceIds],
  );
  const by = new Map<string, Ref[]>();
  for (const r of rows)
    by.set(r.service_id, [...(by.get(r.service_id) ?? []), { code: r.code, name: r.name }]);
  return by;
}

export interface ServiceSummary {
  id: string;
  name: string;
  description: string;
  organization: { id: string; name: string };
  categories: Ref[];
  location: LocationView;
  distanceMeters: number | null;
  openNow: boolean;
  free: boolean;
  languages: string[];
  minimumAge: number | null;
  maximumAge: number | null;
  lastVerifiedAt: string | null;
}

/** The list items of a page of search hits, in the hits' order. */
export async function summaries(
  pool: Pool,
  cityId: number,
  hits: SearchHit[],
  lang: Lang,
  at?: Date,
): Promise<ServiceSummary[]> {
  if (!hits.length) return [];
  // One prepared statement per language (categories as JSON): one round trip, no planning per page.
  const { rows } = await pool.query({
    name: `dir.summaries.${lang}`,
    text: `SELECT sal.service_at_location_id, sal.city_id, s.service_id, s.name, s.description, s.free, s.languages,
            s.minimum_age, s.maximum_age, s.last_verified_at, o.organization_id, o.name AS organization_name,
            ${locationColumns}, ${openNowSql('sal', '$3')} AS open_now,
            coalesce((SELECT json_agg(json_build_object('code', c.code, 'name', c.${nameCol(lang)}) ORDER BY c.sort)
                        FROM dir_service_categories sc JOIN dir_categories c ON c.code = sc.category_code
                       WHERE sc.city_id = s.city_id AND sc.service_id = s.service_id), '[]') AS categories
       FROM dir_service_at_location sal
       JOIN dir_services s ON s.city_id = sal.city_id AND s.service_id = sal.service_id
       JOIN dir_organizations o ON o.city_id = s.city_id AND o.organization_id = s.organization_id
       JOIN dir_locations l ON l.city_id = sal.city_id AND l.location_id = sal.location_id
       ${locationJoins}
      WHERE sal.city_id = $1 AND sal.service_at_location_id = ANY($2::uuid[])`,
    values: [cityId, hits.map((h) => h.serviceAtLocationId), at ?? null],
  });
  const bySal = new Map(rows.map((r) => [r.service_at_location_id as string, r]));
  return hits.flatMap((h) => {
    const r = bySal.get(h.serviceAtLocationId);
    if (!r) return [];
    return [
      {
        id: r.service_id,
        name: r.name,
        description: r.description,
        organization: { id: r.organization_id, name: r.organization_name },
        categories: r.categories as Ref[],
        location: toLocation(r),
        distanceMeters: h.distanceMeters,
        openNow: r.open_now,
        free: r.free,
        languages: r.languages,
        minimumAge: r.minimum_age,
        maximumAge: r.maximum_age,
        lastVerifiedAt: r.last_verified_at?.toISOString() ?? null,
      },
    ];
  });
}

export interface ServiceView {
  id: string;
  name: string;
  alternateName: string | null;
  description: string;
  status: string;
  url: string | null;
  email: string | null;
  phone: string | null;
  applicationProcess: string;
  eligibilityDescription: string;
  minimumAge: number | null;
  maximumAge: number | null;
  targetGroups: string[];
  free: boolean;
  feesDescription: string;
  languages: string[];
  categories: Ref[];
  organization: { id: string; name: string; kind: string; website: string | null; phone: string | null };
  locations: (LocationView & { serviceAtLocationId: string; openNow: boolean; schedules: ScheduleView[] })[];
  lastVerifiedAt: string | null;
  updatedAt: string;
  isDemo: boolean;
}

async function schedulesOf(pool: Pool, cityId: number, salIds: string[]) {
  const { rows } = await pool.query(
    `SELECT service_at_location_id, weekday, to_char(opens_at, 'HH24:MI') AS opens_at, to_char(closes_at, 'HH24:MI') AS closes_at,
            to_char(valid_from, 'YYYY-MM-DD') AS valid_from, to_char(valid_to, 'YYYY-MM-DD') AS valid_to, closed, description
       FROM dir_schedules WHERE city_id = $1 AND service_at_location_id = ANY($2::uuid[])
      ORDER BY closed, weekday NULLS LAST, opens_at, valid_from`,
    [cityId, salIds],
  );
  const by = new Map<string, ScheduleView[]>();
  for (const r of rows) {
    by.set(r.service_at_location_id, [
      ...(by.get(r.service_at_location_id) ?? []),
      {
        weekday: r.weekday,
        opensAt: r.opens_at,
        closesAt: r.closes_at,
        validFrom: r.valid_from,
        validTo: r.valid_to,
        closed: r.closed,
        description: r.description,
      },
    ]);
  }
  return by;
}

export async function getService(
  pool: Pool,
  cityId: number,
  id: string,
  lang: Lang,
  at?: Date,
): Promise<ServiceView> {
  const { rows } = await pool.query(
    `SELECT s.*, o.name AS organization_name, o.kind, o.website, o.phone AS organization_phone
       FROM dir_services s JOIN dir_organizations o ON o.city_id = s.city_id AND o.organization_id = s.organization_id
      WHERE s.city_id = $1 AND s.service_id = $2`,
    [cityId, id],
  );
  const s = rows[0];
  if (!s) throw new AppError('not_found', { resource: 'service', id });
  const { rows: locs } = await pool.query(
    `SELECT sal.service_at_location_id, sal.city_id, ${locationColumns}, ${openNowSql('sal', '$3')} AS open_now
       FROM dir_service_at_location sal
       JOIN dir_locations l ON l.city_id = sal.city_id AND l.location_id = sal.location_id
       ${locationJoins}
      WHERE sal.city_id = $1 AND sal.service_id = $2
      ORDER BY l.name COLLATE "it-IT-x-icu"`,
    [cityId, id, at ?? null],
  );
  const schedules = await schedulesOf(
    pool,
    cityId,
    locs.map((l) => l.service_at_location_id),
  );
  const cats = await categoriesOf(pool, cityId, [id], lang);
  return {
    id: s.service_id,
    name: s.name,
    alternateName: s.alternate_name,
    description: s.description,
    status: s.status,
    url: s.url,
    email: s.email,
    phone: s.phone,
    applicationProcess: s.application_process,
    eligibilityDescription: s.eligibility_description,
    minimumAge: s.minimum_age,
    maximumAge: s.maximum_age,
    targetGroups: s.target_groups,
    free: s.free,
    feesDescription: s.fees_description,
    languages: s.languages,
    categories: cats.get(id) ?? [],
    organization: {
      id: s.organization_id,
      name: s.organization_name,
      kind: s.kind,
      website: s.website,
      phone: s.organization_phone,
    },
    locations: locs.map((l) => ({
      ...toLocation(l),
      serviceAtLocationId: l.service_at_location_id,
      openNow: l.open_now,
      schedules: schedules.get(l.service_at_location_id) ?? [],
    })),
    lastVerifiedAt: s.last_verified_at?.toISOString() ?? null,
    updatedAt: s.updated_at.toISOString(),
    isDemo: s.is_demo,
  };
}

export interface OrganizationView {
  id: string;
  name: string;
  alternateName: string | null;
  description: string;
  kind: string;
  email: string | null;
  website: string | null;
  phone: string | null;
  taxId: string | null;
  locations: LocationView[];
  services: { id: string; name: string; categories: Ref[] }[];
  lastVerifiedAt: string | null;
  isDemo: boolean;
}

export async function getOrganization(
  pool: Pool,
  cityId: number,
  id: string,
  lang: Lang,
): Promise<OrganizationView> {
  const { rows } = await pool.query(
    'SELECT * FROM dir_organizations WHERE city_id = $1 AND organization_id = $2',
    [cityId, id],
  );
  const o = rows[0];
  if (!o) throw new AppError('not_found', { resource: 'organization', id });
  const { rows: locs } = await pool.query(
    `SELECT ${locationColumns} FROM dir_locations l ${locationJoins}
      WHERE l.city_id = $1 AND l.organization_id = $2 ORDER BY l.name COLLATE "it-IT-x-icu"`,
    [cityId, id],
  );
  const { rows: services } = await pool.query<{ service_id: string; name: string }>(
    `SELECT service_id, name FROM dir_services WHERE city_id = $1 AND organization_id = $2 AND status = 'active'
      ORDER BY name COLLATE "it-IT-x-icu"`,
    [cityId, id],
  );
  const cats = await categoriesOf(
    pool,
    cityId,
    services.map((s) => s.service_id),
    lang,
  );
  return {
    id: o.organization_id,
    name: o.name,
    alternateName: o.alternate_name,
    description: o.description,
    kind: o.kind,
    email: o.email,
    website: o.website,
    phone: o.phone,
    taxId: o.tax_id,
    locations: locs.map(toLocation),
    services: services.map((s) => ({
      id: s.service_id,
      name: s.name,
      categories: cats.get(s.service_id) ?? [],
    })),
    lastVerifiedAt: o.last_verified_at?.toISOString() ?? null,
    isDemo: o.is_demo,
  };
}

export async function listCategories(pool: Pool, lang: Lang) {
  const { rows } = await pool.query<{
    code: string;
    parent_code: string | null;
    name: string;
    description: string;
  }>(
    `SELECT code, parent_code, ${nameCol(lang)} AS name, ${lang === 'en' ? 'description_en' : 'description_it'} AS description
       FROM dir_categories ORDER BY sort`,
  );
  return rows.map((r) => ({
    code: r.code,
    parentCode: r.parent_code,
    name: r.name,
    description: r.description,
  }));
}
