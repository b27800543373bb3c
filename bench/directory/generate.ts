import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { categories as knownCategories } from '../../src/modules/directory/categories.ts';
import * as words from './words.ts';

/**
 * A national-scale directory for one city, generated in PostgreSQL with set-based SQL
 * (INSERT … SELECT over generate_series, words picked from arrays by a hash of the row number:
 * deterministic, no round trips per row). Ids are deterministic too: organisations b0…, locations
 * b1…, services b2…, services at locations b3…, followed by the row number in hex, so the
 * generated rows are found (and removed) by range and never collide with the demo data.
 *
 * Each organisation has a location (3 in 10 have a second one); each service is given at one
 * location of its organisation. 5% of the locations are in the city's neighbourhoods (their
 * codes set), the others around Italy's big cities (tight in the city, wider in its province).
 */

/** Bumped whenever the generated data changes: a database holding another version is regenerated. */
export const generatorVersion = 'directory-bench-v2';

export interface GeneratedDirectory {
  organizations: number;
  locations: number;
  services: number;
  /** Seconds spent generating in this run (0 when the database already held the data). */
  seconds: number;
  /** Seconds the generation took when it ran (from the marker when cached). */
  generationSeconds: number;
  cached: boolean;
  steps: { step: string; seconds: number }[];
}

export function directoryCounts(scale: number): {
  organizations: number;
  locations: number;
  services: number;
} {
  const organizations = Math.max(20, Math.round(360_000 * scale));
  return {
    organizations,
    locations: Math.round(organizations * 1.3),
    services: Math.max(50, Math.round(1_000_000 * scale)),
  };
}

const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;
const textArray = (a: readonly string[]) => `ARRAY[${a.map(lit).join(',')}]::text[]`;
const numArray = (a: readonly (number | null | undefined)[], type: 'int' | 'float8') =>
  `ARRAY[${a.map((n) => (n == null ? 'NULL' : String(n))).join(',')}]::${type}[]`;

/** A non-negative 63-bit hash of a row number and a seed. */
const h = (expr: string, seed: number) =>
  `(hashint8extended((${expr})::bigint, ${seed}) & 9223372036854775807)`;
/** A uniform number in [0, 1). */
const unit = (expr: string, seed: number) =>
  `((hashint8extended((${expr})::bigint, ${seed}) & 2147483647)::float8 / 2147483648.0)`;
/** One element of an array column of `w`. */
const pick = (arr: string, expr: string, seed: number) =>
  `${arr}[1 + ${h(expr, seed)} % cardinality(${arr})]`;
/** Deterministic ids: the prefix says which table, the row number ends the uuid. */
const uuidOf = (prefix: 'b0' | 'b1' | 'b2' | 'b3', expr: string) =>
  `('${prefix}000000-0000-4000-8000-' || lpad(to_hex((${expr})::bigint), 12, '0'))::uuid`;
const uuidRange = (prefix: 'b0' | 'b1' | 'b2' | 'b3') =>
  [`${prefix}000000-0000-4000-8000-000000000000`, `${prefix}000000-0000-4000-8000-ffffffffffff`] as const;

/** The id of generated service at location number `n` (as uuidOf('b3', n) makes it in SQL). */
const salOf = (n: number) => `b3000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** Expands weights into a list of slots (indexes from 1) so that a hash picks by weight. */
function slots(weights: number[], size = 1000): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const out: number[] = [];
  weights.forEach((w, i) => {
    const n = Math.max(1, Math.round((w / total) * size));
    for (let k = 0; k < n; k++) out.push(i + 1);
  });
  return out;
}

interface Neighbourhood {
  code: string;
  zone_code: string;
  point_lat: number;
  point_lon: number;
}

const qualifiers = ['del quartiere', 'del sabato', 'in rete', 'per famiglie', 'di comunità', 'estate'];

/** The word lists as one row of arrays (a CTE `w` every statement joins). */
function wordsCte(nbs: Neighbourhood[], categoryCodes: string[]): string {
  const kinds = words.organizationKinds;
  const patterns = kinds.flatMap((k) => k.patterns);
  const patternStart: number[] = [];
  let at = 1;
  for (const k of kinds) {
    patternStart.push(at);
    at += k.patterns.length;
  }
  const known = new Set(categoryCodes);
  // Each kind of service keeps the categories the database knows; one it would lose entirely gets one by hash.
  const serviceCats = words.serviceKinds.map((s, i) => {
    const kept = s.categories.filter((c) => known.has(c));
    return kept.length ? kept : [categoryCodes[i % categoryCodes.length]!];
  });
  const cities = words.cities.map((c) => ({ ...c, weight: c.weight }));
  return `w AS MATERIALIZED (SELECT
      ${textArray(words.nicknames)} AS nicks,
      ${textArray(words.saints)} AS saints,
      ${textArray(words.surnames)} AS surnames,
      ${textArray(words.towns.map((t) => t.name))} AS town_name,
      ${numArray(
        words.towns.map((t) => t.lat),
        'float8',
      )} AS town_lat,
      ${numArray(
        words.towns.map((t) => t.lon),
        'float8',
      )} AS town_lon,
      ${textArray(words.towns.map((t) => t.province))} AS town_prov,
      ${textArray(words.towns.map((t) => t.cap))} AS town_cap,
      ${textArray(words.streets)} AS streets,
      ${textArray(words.organizationDescriptions)} AS org_descriptions,
      ${textArray(kinds.map((k) => k.kind))} AS kinds,
      ${textArray(kinds.map((k) => k.legal))} AS legals,
      ${numArray(slots(kinds.map((k) => k.weight)), 'int')} AS kind_slots,
      ${textArray(patterns)} AS patterns,
      ${numArray(patternStart, 'int')} AS pattern_start,
      ${numArray(
        kinds.map((k) => k.patterns.length),
        'int',
      )} AS pattern_count,
      ${textArray(cities.map((c) => c.name))} AS city_name,
      ${numArray(
        cities.map((c) => c.lat),
        'float8',
      )} AS city_lat,
      ${numArray(
        cities.map((c) => c.lon),
        'float8',
      )} AS city_lon,
      ${textArray(cities.map((c) => c.province))} AS city_prov,
      ${textArray(cities.map((c) => c.cap))} AS city_cap,
      ${numArray(slots(cities.map((c) => c.weight)), 'int')} AS city_slots,
      ${textArray(nbs.map((n) => n.code))} AS nb_code,
      ${textArray(nbs.map((n) => n.zone_code))} AS nb_zone,
      ${numArray(
        nbs.map((n) => n.point_lat),
        'float8',
      )} AS nb_lat,
      ${numArray(
        nbs.map((n) => n.point_lon),
        'float8',
      )} AS nb_lon,
      ${textArray(words.serviceKinds.map((s) => s.name))} AS sk_name,
      ${textArray(words.serviceKinds.map((s) => s.what))} AS sk_what,
      ${textArray(serviceCats.map((c) => c[0]!))} AS sk_cat1,
      ARRAY[${serviceCats.map((c) => (c[1] ? lit(c[1]) : 'NULL')).join(',')}]::text[] AS sk_cat2,
      ${numArray(
        words.serviceKinds.map((s) => s.min),
        'int',
      )} AS sk_min,
      ${numArray(
        words.serviceKinds.map((s) => s.max),
        'int',
      )} AS sk_max,
      ${textArray(words.serviceKinds.map((s) => s.targets.join('|')))} AS sk_targets,
      ${numArray(slots(words.serviceKinds.map((s) => s.weight)), 'int')} AS sk_slots,
      ${textArray(qualifiers)} AS qualifiers,
      ${textArray(words.methods)} AS methods,
      ${textArray(words.accessModes)} AS access,
      ${textArray(words.extras)} AS extras,
      ${textArray(words.eligibility)} AS eligibility,
      ${textArray(words.locationNames)} AS location_names,
      ${textArray(words.transportation)} AS transportation,
      ${textArray(words.languageSets)} AS languages,
      ${textArray(categoryCodes)} AS all_cats)`;
}

/**
 * Where location number `j` is: `p` (random draws) and `place` (lat, lon, locality, province,
 * postal_code, nb_code, zone_code). 5% in a neighbourhood of the city, near its point; of the
 * rest, 55% in a big city picked by population (σ ≈ 4 km), 15% in its metropolitan area
 * (σ ≈ 13 km), 30% in one of a hundred smaller towns (σ ≈ 3 km). Clamped to Italy's box
 * (lat 36.6–47.1, lon 6.6–18.5).
 */
function placeSql(j: string, cityShare = 0.05): string {
  return `CROSS JOIN LATERAL (SELECT
        ${unit(j, 10)} < ${cityShare} AS in_city,
        1 + ${h(j, 11)} % cardinality(w.nb_code) AS nb,
        ${pick('w.city_slots', j, 14)} AS c,
        1 + ${h(j, 18)} % cardinality(w.town_name) AS t,
        ${unit(j, 15)} AS r,
        sqrt(-2 * ln(((${h(j, 16)} & 2147483647) + 1) / 2147483649.0)) AS rad,
        2 * pi() * ${unit(j, 17)} AS ang) p0
      CROSS JOIN LATERAL (SELECT p0.*, p0.r >= 0.7 AS in_town,
        CASE WHEN p0.r < 0.55 THEN 0.036 WHEN p0.r < 0.7 THEN 0.12 ELSE 0.027 END AS sigma) p
      CROSS JOIN LATERAL (SELECT
        CASE WHEN p.in_city THEN w.nb_lat[p.nb] + (${unit(j, 12)} - 0.5) * 0.006
             ELSE least(47.1, greatest(36.6, CASE WHEN p.in_town THEN w.town_lat[p.t] ELSE w.city_lat[p.c] END
                                               + p.sigma * p.rad * cos(p.ang))) END AS lat,
        CASE WHEN p.in_city THEN w.nb_lon[p.nb] + (${unit(j, 13)} - 0.5) * 0.008
             ELSE least(18.5, greatest(6.6, CASE WHEN p.in_town THEN w.town_lon[p.t] ELSE w.city_lon[p.c] END
                                              + 1.35 * p.sigma * p.rad * sin(p.ang))) END AS lon,
        CASE WHEN p.in_city THEN 'Brescia' WHEN p.in_town THEN w.town_name[p.t] ELSE w.city_name[p.c] END AS locality,
        CASE WHEN p.in_city THEN 'BS' WHEN p.in_town THEN w.town_prov[p.t] ELSE w.city_prov[p.c] END AS province,
        CASE WHEN p.in_city THEN '251' || lpad((21 + ${h(j, 19)} % 16)::text, 2, '0')
             ELSE CASE WHEN p.in_town THEN w.town_cap[p.t] ELSE w.city_cap[p.c] END
                  || lpad((${h(j, 19)} % 100)::text, 2, '0') END AS postal_code,
        CASE WHEN p.in_city THEN w.nb_code[p.nb] END AS nb_code,
        CASE WHEN p.in_city THEN w.nb_zone[p.nb] END AS zone_code) place`;
}

function organizationsSql(cte: string): string {
  const name = `regexp_replace(replace(replace(replace(
      w.patterns[w.pattern_start[k.k] + ${h('g', 21)} % w.pattern_count[k.k]],
      '{nick}', ${pick('w.nicks', 'g', 22)}), '{town}', place.locality), '{saint}', ${pick('w.saints', 'g', 23)}),
      '\\{surname\\}', ${pick('w.surnames', 'g', 24)})`;
  return `WITH ${cte}
    INSERT INTO dir_organizations (city_id, organization_id, name, description, kind, email, website, phone, tax_id,
                                   legal_status, is_demo, last_verified_at)
    SELECT $1, ${uuidOf('b0', 'g')}, n.name, ${pick('w.org_descriptions', 'g', 25)}, w.kinds[k.k],
           CASE WHEN ${unit('g', 26)} < 0.6 THEN 'info@' || n.slug || '.it' END,
           CASE WHEN ${unit('g', 27)} < 0.4 THEN 'https://www.' || n.slug || '.it' END,
           CASE WHEN ${unit('g', 28)} < 0.8 THEN '0' || (10 + ${h('g', 29)} % 90) || ' ' || (100000 + ${h('g', 30)} % 900000) END,
           (90000000000 + g)::text, w.legals[k.k], false,
           now() - make_interval(days => (${h('g', 31)} % 420)::int)
      FROM generate_series($2::bigint, $3::bigint) g CROSS JOIN w
      ${placeSql('g')}
      CROSS JOIN LATERAL (SELECT ${pick('w.kind_slots', 'g', 20)} AS k) k
      CROSS JOIN LATERAL (SELECT replace(${name}, '{surname}', ${pick('w.surnames', 'g', 32)}) AS name) n0
      CROSS JOIN LATERAL (SELECT n0.name,
                                 left(regexp_replace(lower(noi_unaccent(n0.name)), '[^a-z0-9]+', '', 'g'), 30) || g AS slug) n`;
}

function locationsSql(cte: string, organizations: number): string {
  return `WITH ${cte}
    INSERT INTO dir_locations (city_id, location_id, organization_id, name, description, address_1, postal_code,
                               locality, province, latitude, longitude, neighbourhood_code, zone_code, transportation,
                               accessibility, wheelchair_accessible, phone)
    SELECT $1, ${uuidOf('b1', 'g')}, ${uuidOf('b0', `(g - 1) % ${organizations} + 1`)},
           ${pick('w.location_names', 'g', 40)} || ' – ' || place.locality, '',
           ${pick('w.streets', 'g', 41)} || ', ' || (1 + ${h('g', 42)} % 180), place.postal_code, place.locality,
           place.province, place.lat, place.lon, place.nb_code, place.zone_code, ${pick('w.transportation', 'g', 43)},
           CASE WHEN ${unit('g', 44)} < 0.5 THEN 'Ingresso al piano terra' ELSE '' END,
           CASE ${h('g', 45)} % 3 WHEN 0 THEN true WHEN 1 THEN false END,
           CASE WHEN ${unit('g', 46)} < 0.5 THEN '0' || (10 + ${h('g', 47)} % 90) || ' ' || (100000 + ${h('g', 48)} % 900000) END
      FROM generate_series($2::bigint, $3::bigint) g CROSS JOIN w
      ${placeSql('g')}`;
}

/** The kind of service number `g` (index in the serviceKinds arrays). */
const serviceKind = pick('w.sk_slots', 'g', 50);

function servicesSql(cte: string, organizations: number, locations: number): string {
  return `WITH ${cte}
    INSERT INTO dir_services (city_id, service_id, organization_id, name, description, email, phone, status,
                              application_process, eligibility_description, minimum_age, maximum_age, target_groups,
                              free, fees_description, languages, is_demo, last_verified_at)
    SELECT $1, ${uuidOf('b2', 'g')}, ${uuidOf('b0', `((g - 1) % ${locations}) % ${organizations} + 1`)},
           w.sk_name[t.t] || CASE WHEN t.u < 0.35 THEN ' «' || ${pick('w.nicks', 'g', 52)} || '»'
                                  WHEN t.u < 0.55 THEN ' ' || ${pick('w.qualifiers', 'g', 53)} ELSE '' END,
           rtrim(w.sk_what[t.t] || '. ' || ${pick('w.methods', 'g', 54)} || ' ' || ${pick('w.access', 'g', 55)}
                 || ' ' || ${pick('w.extras', 'g', 56)}),
           CASE WHEN ${unit('g', 57)} < 0.3 THEN 'servizio' || g || '@example.it' END,
           CASE WHEN ${unit('g', 58)} < 0.5 THEN '0' || (10 + ${h('g', 59)} % 90) || ' ' || (100000 + ${h('g', 60)} % 900000) END,
           CASE WHEN ${unit('g', 61)} < 0.03 THEN 'inactive' ELSE 'active' END,
           ${pick('w.access', 'g', 62)}, ${pick('w.eligibility', 'g', 63)}, w.sk_min[t.t], w.sk_max[t.t],
           string_to_array(w.sk_targets[t.t], '|'), t.free,
           CASE WHEN t.free THEN '' ELSE 'Contributo di ' || (5 + ${h('g', 64)} % 46) || ' euro al mese.' END,
           string_to_array(${pick('w.languages', 'g', 65)}, ','), false,
           now() - make_interval(days => (${h('g', 66)} % 500)::int)
      FROM generate_series($2::bigint, $3::bigint) g CROSS JOIN w
      CROSS JOIN LATERAL (SELECT ${serviceKind} AS t, ${unit('g', 51)} AS u, ${unit('g', 67)} < 0.85 AS free) t`;
}

function serviceCategoriesSql(cte: string): string {
  return `WITH ${cte}
    INSERT INTO dir_service_categories (city_id, service_id, category_code)
    SELECT $1, ${uuidOf('b2', 'g')}, c
      FROM generate_series($2::bigint, $3::bigint) g CROSS JOIN w
      CROSS JOIN LATERAL (SELECT ${serviceKind} AS t) t
      CROSS JOIN LATERAL unnest(ARRAY[
        w.sk_cat1[t.t],
        CASE WHEN ${unit('g', 70)} < 0.7 THEN w.sk_cat2[t.t] END,
        CASE WHEN ${unit('g', 71)} < 0.1 THEN ${pick('w.all_cats', 'g', 72)} END]) c
     WHERE c IS NOT NULL
    ON CONFLICT DO NOTHING`;
}

function servicesAtLocationSql(locations: number): string {
  return `INSERT INTO dir_service_at_location (city_id, service_at_location_id, service_id, location_id, description)
    SELECT $1, ${uuidOf('b3', 'g')}, ${uuidOf('b2', 'g')}, ${uuidOf('b1', `(g - 1) % ${locations} + 1`)}, ''
      FROM generate_series($2::bigint, $3::bigint) g`;
}

/**
 * dir_search rows of the generated services: the very INSERT … SELECT of refreshSearch
 * (src/modules/directory/service/write.ts), limited to a range of service ids so that two
 * connections can build halves at once. `checkAgainstRefreshSearch` proves they still agree.
 */
const searchSql = `INSERT INTO dir_search (city_id, service_at_location_id, service_id, location_id, organization_id, name, document,
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
      WHERE s.city_id = $1 AND s.service_id BETWEEN ${uuidOf('b2', '$2')} AND ${uuidOf('b2', '$3')}`;

/** The typo lexicon from the word lists: the words refreshSearch would take from names and descriptions. */
function lexiconTexts(): string[] {
  const strip = (s: string) => s.replace(/\{[a-z]+\}/g, ' ');
  return [
    ...words.serviceKinds.flatMap((s) => [s.name, s.what]),
    ...words.methods,
    ...words.accessModes,
    ...words.extras,
    ...words.nicknames,
    ...words.saints,
    ...words.surnames,
    ...words.towns.map((t) => t.name),
    ...words.cities.map((c) => c.name),
    ...words.organizationDescriptions,
    ...words.organizationKinds.flatMap((k) => k.patterns.map(strip)),
    ...qualifiers,
    'Brescia',
  ];
}

/** Splits [1, n] into `parts` ranges and runs `fn` on each with its own connection. */
async function inParallel(
  clients: pg.PoolClient[],
  n: number,
  fn: (client: pg.PoolClient, lo: number, hi: number) => Promise<unknown>,
): Promise<void> {
  const size = Math.ceil(n / clients.length);
  await Promise.all(
    clients.map((client, i) => {
      const lo = i * size + 1;
      const hi = Math.min(n, (i + 1) * size);
      return lo <= hi ? fn(client, lo, hi) : Promise.resolve();
    }),
  );
}

const markerTable = `CREATE TABLE IF NOT EXISTS bench_directory_marker (
    city_id integer PRIMARY KEY, version text NOT NULL, organizations integer NOT NULL, locations integer NOT NULL,
    services integer NOT NULL, generation_seconds double precision NOT NULL, generated_at timestamptz NOT NULL)`;

/**
 * Generates the directory unless the database already holds it (same version, same counts:
 * a marker row written last). Progress goes to `log`.
 */
export async function generateDirectory(
  pool: pg.Pool,
  cityId: number,
  scale: number,
  log: (m: string) => void = () => {},
  options: { workers?: number; force?: boolean } = {},
): Promise<GeneratedDirectory> {
  const counts = directoryCounts(scale);
  await pool.query(markerTable);
  const marker = await pool.query<{
    version: string;
    organizations: number;
    services: number;
    generation_seconds: number;
  }>(
    'SELECT version, organizations, services, generation_seconds FROM bench_directory_marker WHERE city_id = $1',
    [cityId],
  );
  const m = marker.rows[0];
  if (
    !options.force &&
    m &&
    m.version === generatorVersion &&
    m.organizations === counts.organizations &&
    m.services === counts.services
  ) {
    log(`directory already generated (${counts.services} services): skipping generation`);
    return { ...counts, seconds: 0, generationSeconds: m.generation_seconds, cached: true, steps: [] };
  }

  const started = performance.now();
  const steps: { step: string; seconds: number }[] = [];
  const step = async (name: string, fn: () => Promise<unknown>) => {
    const t = performance.now();
    await fn();
    const seconds = (performance.now() - t) / 1000;
    steps.push({ step: name, seconds });
    log(`  ${name}: ${seconds.toFixed(1)} s`);
  };

  const workers = Math.max(1, options.workers ?? Number(process.env.BENCH_GEN_WORKERS ?? 2));
  const clients = await Promise.all(Array.from({ length: workers }, () => pool.connect()));
  try {
    // Generated rows are consistent by construction: skip the foreign-key triggers where allowed
    // (superuser); elsewhere they simply run.
    let triggersOff = true;
    for (const c of clients) {
      await c.query(
        "SET synchronous_commit = off; SET work_mem = '64MB'; SET maintenance_work_mem = '512MB'",
      );
      try {
        await c.query('SET session_replication_role = replica');
      } catch {
        triggersOff = false;
      }
    }
    const main = clients[0]!;
    log(
      `generating the directory: ${counts.organizations} organisations, ${counts.locations} locations, ` +
        `${counts.services} services (${workers} connections${triggersOff ? ', foreign-key triggers off' : ''})`,
    );

    await step('remove an earlier generated directory', async () => {
      await main.query('DELETE FROM bench_directory_marker WHERE city_id = $1', [cityId]);
      const [sal0, sal1] = uuidRange('b3');
      const [s0, s1] = uuidRange('b2');
      const [l0, l1] = uuidRange('b1');
      const [o0, o1] = uuidRange('b0');
      const found = await main.query(
        'SELECT 1 FROM dir_organizations WHERE city_id = $1 AND organization_id BETWEEN $2 AND $3 LIMIT 1',
        [cityId, o0, o1],
      );
      if (!found.rowCount) return;
      // With triggers on, deleting the search rows deletes their postings; with them off, this does.
      if (triggersOff)
        await main.query(
          'DELETE FROM dir_search_postings WHERE city_id = $1 AND service_at_location_id BETWEEN $2 AND $3',
          [cityId, sal0, sal1],
        );
      for (const [sql, lo, hi] of [
        [
          'DELETE FROM dir_search WHERE city_id = $1 AND service_at_location_id BETWEEN $2 AND $3',
          sal0,
          sal1,
        ],
        [
          'DELETE FROM dir_schedules WHERE city_id = $1 AND service_at_location_id BETWEEN $2 AND $3',
          sal0,
          sal1,
        ],
        [
          'DELETE FROM dir_service_at_location WHERE city_id = $1 AND service_at_location_id BETWEEN $2 AND $3',
          sal0,
          sal1,
        ],
        ['DELETE FROM dir_service_categories WHERE city_id = $1 AND service_id BETWEEN $2 AND $3', s0, s1],
        ['DELETE FROM dir_services WHERE city_id = $1 AND service_id BETWEEN $2 AND $3', s0, s1],
        ['DELETE FROM dir_locations WHERE city_id = $1 AND location_id BETWEEN $2 AND $3', l0, l1],
        ['DELETE FROM dir_organizations WHERE city_id = $1 AND organization_id BETWEEN $2 AND $3', o0, o1],
      ] as const) {
        await main.query(sql, [cityId, lo, hi]);
      }
      // Give the space back (only the demo rows remain), so that the sizes printed are the new data's.
      await main.query(
        'VACUUM FULL dir_search, dir_search_postings, dir_schedules, dir_service_at_location, dir_service_categories, dir_services, dir_locations, dir_organizations',
      );
    });

    // The categories are the module's shared vocabulary; a bench database seeded before the module
    // existed lacks them: add them as the module's seed does.
    const { rows: cats } = await main.query<{ code: string }>(
      'SELECT code FROM dir_categories ORDER BY sort, code',
    );
    if (!cats.length) {
      for (const [i, c] of knownCategories.entries()) {
        await main.query(
          `INSERT INTO dir_categories (code, parent_code, name_it, name_en, description_it, description_en, sort)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (code) DO NOTHING`,
          [c.code, c.parent ?? null, c.it, c.en, c.descriptionIt, c.descriptionEn, i],
        );
        cats.push({ code: c.code });
      }
    }
    const { rows: nbs } = await main.query<Neighbourhood>(
      'SELECT code, zone_code, point_lat, point_lon FROM neighbourhoods WHERE city_id = $1 ORDER BY code',
      [cityId],
    );
    if (!nbs.length) throw new Error('the city has no neighbourhoods: load its territory first');
    const cte = wordsCte(
      nbs,
      cats.map((c) => c.code),
    );

    await step('organisations', () =>
      inParallel(clients, counts.organizations, (c, lo, hi) =>
        c.query(organizationsSql(cte), [cityId, lo, hi]),
      ),
    );
    await step('locations', () =>
      inParallel(clients, counts.locations, (c, lo, hi) =>
        c.query(locationsSql(cte, counts.organizations), [cityId, lo, hi]),
      ),
    );
    await step('services', () =>
      inParallel(clients, counts.services, (c, lo, hi) =>
        c.query(servicesSql(cte, counts.organizations, counts.locations), [cityId, lo, hi]),
      ),
    );
    await step('service categories', () =>
      inParallel(clients, counts.services, (c, lo, hi) =>
        c.query(serviceCategoriesSql(cte), [cityId, lo, hi]),
      ),
    );
    await step('services at locations', () =>
      inParallel(clients, counts.services, (c, lo, hi) =>
        c.query(servicesAtLocationSql(counts.locations), [cityId, lo, hi]),
      ),
    );
    await step('analyze base tables', () =>
      main.query(
        'ANALYZE dir_organizations, dir_locations, dir_services, dir_service_categories, dir_service_at_location',
      ),
    );
    await step('dir_search (refreshSearch SQL)', () =>
      inParallel(clients, counts.services, (c, lo, hi) => c.query(searchSql, [cityId, lo, hi])),
    );
    // The postings (one row per word of each search document) are written by triggers on dir_search;
    // with triggers off, here in bulk by the same function, the primary key built once afterwards.
    if (triggersOff)
      await step('dir_search_postings', async () => {
        const pk = 'dir_search_postings_city_id_term_impact_service_at_location_id_pk';
        await main.query(`ALTER TABLE dir_search_postings DROP CONSTRAINT ${pk}`);
        await inParallel(clients, counts.services, (c, lo, hi) =>
          c.query(
            `INSERT INTO dir_search_postings (city_id, term, impact, service_at_location_id)
             SELECT s.city_id, p.term, p.impact, s.service_at_location_id
               FROM dir_search s CROSS JOIN LATERAL noi_search_postings(s.document) p
              WHERE s.city_id = $1 AND s.active AND s.service_at_location_id BETWEEN $2 AND $3`,
            [cityId, salOf(lo), salOf(hi)],
          ),
        );
        await main.query(
          `ALTER TABLE dir_search_postings ADD CONSTRAINT ${pk} PRIMARY KEY (city_id, term, impact, service_at_location_id)`,
        );
        await main.query('DELETE FROM dir_search_terms WHERE city_id = $1', [cityId]);
        await main.query(
          `INSERT INTO dir_search_terms (city_id, term, documents)
           SELECT city_id, term, count(*) FROM dir_search_postings WHERE city_id = $1 GROUP BY 1, 2`,
          [cityId],
        );
      });
    await step('dir_lexicon', () =>
      main.query(
        `INSERT INTO dir_lexicon (word)
         SELECT DISTINCT w FROM unnest($1::text[]) t, regexp_split_to_table(lower(noi_unaccent(t)), '[^a-z0-9]+') AS w
          WHERE length(w) BETWEEN 3 AND 40
         ON CONFLICT DO NOTHING`,
        [lexiconTexts()],
      ),
    );
    await step('vacuum analyze dir_search', () =>
      main.query('VACUUM ANALYZE dir_search, dir_search_postings, dir_search_terms, dir_lexicon'),
    );

    const seconds = (performance.now() - started) / 1000;
    await main.query(
      `INSERT INTO bench_directory_marker (city_id, version, organizations, locations, services, generation_seconds,
                                          generated_at)
       VALUES ($1, $2, $3, $4, $5, $6, now())
       ON CONFLICT (city_id) DO UPDATE SET version = EXCLUDED.version, organizations = EXCLUDED.organizations,
         locations = EXCLUDED.locations, services = EXCLUDED.services,
         generation_seconds = EXCLUDED.generation_seconds, generated_at = EXCLUDED.generated_at`,
      [cityId, generatorVersion, counts.organizations, counts.locations, counts.services, seconds],
    );
    log(`directory generated in ${seconds.toFixed(1)} s`);
    return { ...counts, seconds, generationSeconds: seconds, cached: false, steps };
  } finally {
    for (const c of clients) {
      await c.query('RESET ALL').catch(() => {});
      c.release();
    }
  }
}

/**
 * Rebuilds a few generated services' search rows with refreshSearch itself (in a transaction
 * rolled back) and compares them with the generated ones: the copy of its SQL must not drift.
 */
export async function checkAgainstRefreshSearch(
  pool: pg.Pool,
  cityId: number,
  refreshSearch: (q: pg.PoolClient, cityId: number, serviceIds?: string[]) => Promise<void>,
  sample = 25,
): Promise<{ checked: number; different: number }> {
  const [s0, s1] = uuidRange('b2');
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows: ids } = await client.query<{ service_id: string }>(
      `SELECT service_id FROM dir_search WHERE city_id = $1 AND service_id BETWEEN $2 AND $3
        ORDER BY service_id LIMIT $4`,
      [cityId, s0, s1, sample],
    );
    const serviceIds = ids.map((r) => r.service_id);
    const snapshot = `SELECT service_at_location_id, document::text, categories, zone_code, neighbourhood_code, minimum_age,
                             maximum_age, languages, latitude, longitude, active,
                             (SELECT count(*) FROM noi_search_postings(document) x
                               WHERE EXISTS (SELECT 1 FROM dir_search_postings p
                                              WHERE p.city_id = dir_search.city_id AND p.term = x.term AND p.impact = x.impact
                                                AND p.service_at_location_id = dir_search.service_at_location_id)) AS postings
                        FROM dir_search WHERE city_id = $1 AND service_id = ANY($2::uuid[])
                       ORDER BY service_at_location_id`;
    const before = (await client.query(snapshot, [cityId, serviceIds])).rows;
    await refreshSearch(client, cityId, serviceIds);
    const after = (await client.query(snapshot, [cityId, serviceIds])).rows;
    let different = Math.abs(before.length - after.length);
    for (let i = 0; i < Math.min(before.length, after.length); i++) {
      if (JSON.stringify(before[i]) !== JSON.stringify(after[i])) different++;
    }
    return { checked: before.length, different };
  } finally {
    await client.query('ROLLBACK').catch(() => {});
    client.release();
  }
}

/** Rows and on-disk size (table, indexes) of the directory's tables. */
export async function tableSizes(
  pool: pg.Pool,
): Promise<{ table: string; rows: number; tableMb: number; indexesMb: number; totalMb: number }[]> {
  const tables = [
    'dir_organizations',
    'dir_locations',
    'dir_services',
    'dir_service_categories',
    'dir_service_at_location',
    'dir_search',
    'dir_search_postings',
    'dir_search_terms',
    'dir_lexicon',
  ];
  const out = [];
  for (const t of tables) {
    const { rows } = await pool.query<{ rows: number; table_b: number; index_b: number; total_b: number }>(
      `SELECT (SELECT count(*) FROM ${t}) AS rows, pg_table_size('${t}') AS table_b, pg_indexes_size('${t}') AS index_b,
              pg_total_relation_size('${t}') AS total_b`,
    );
    const r = rows[0]!;
    const mb = (b: number) => Number((b / 1048576).toFixed(1));
    out.push({
      table: t,
      rows: r.rows,
      tableMb: mb(r.table_b),
      indexesMb: mb(r.index_b),
      totalMb: mb(r.total_b),
    });
  }
  return out;
}
