import type pg from 'pg';
import type { Queryable } from '../../../kernel/audit/index.ts';
import { categories } from '../categories.ts';

export interface SearchFilters {
  q?: string;
  category?: string;
  zone?: string;
  neighbourhood?: string;
  lat?: number;
  lon?: number;
  age?: number;
  language?: string;
  openNow?: boolean;
  sort?: 'relevance' | 'distance' | 'name';
  page: number;
  pageSize: number;
  /** The moment "open now" refers to (default: now). */
  at?: Date;
  /** Candidates looked at (default `candidateCap`); tests make it small. */
  cap?: number;
}

export interface SearchHit {
  serviceId: string;
  serviceAtLocationId: string;
  locationId: string;
  rank: number;
  distanceMeters: number | null;
}

/** Folds a query to the lexicon's alphabet: lower case, no accents, words of letters and digits. */
export function queryWords(q: string | undefined): string[] {
  if (!q) return [];
  return q
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 2 && w.length <= 40)
    .slice(0, 8);
}

/**
 * Corrects typos word by word: a word the directory never uses is replaced by the most similar
 * word it does use (trigram similarity ≥ 0.3), when there is one. Short words are kept as typed.
 */
export async function correctWords(
  q: Queryable,
  words: string[],
): Promise<{ words: string[]; corrected: boolean; lastIsWord: boolean }> {
  if (!words.length) return { words, corrected: false, lastIsWord: false };
  const { rows } = await q.query<{ i: number; word: string; stop: boolean; known: boolean }>(
    `SELECT c.i, c.word, numnode(to_tsquery('italian', c.word)) = 0 AS stop,
            EXISTS (SELECT 1 FROM dir_lexicon WHERE word = c.word) AS known
       FROM (SELECT t.i, CASE WHEN length(t.w) < 4 OR EXISTS (SELECT 1 FROM dir_lexicon WHERE word = t.w) THEN t.w
                         ELSE coalesce((SELECT word FROM dir_lexicon WHERE word % t.w
                                         ORDER BY similarity(word, t.w) DESC, word LIMIT 1), t.w) END AS word
               FROM unnest($1::text[]) WITH ORDINALITY AS t(w, i)) c`,
    [words],
  );
  const sorted = rows.sort((a, b) => a.i - b.i);
  const corrected = sorted.some((r, i) => r.word !== words[i]);
  // Stop words ("di", "il", "per") match nothing by themselves: they are left out of the query.
  const kept = sorted.filter((r) => !r.stop);
  return { words: kept.map((r) => r.word), corrected, lastIsWord: kept.at(-1)?.known ?? false };
}

/**
 * `word & word & last:*` (or `|` for the fallback), from words of [a-z0-9] only. The last word is a
 * prefix (the person may still be typing it) unless it is already a whole word of the directory.
 */
export function tsqueryText(words: string[], join: '&' | '|' = '&', lastIsWord = false): string | null {
  if (!words.length) return null;
  const prefix = (w: string, i: number) => i === words.length - 1 && w.length >= 3 && !lastIsWord;
  return words.map((w, i) => (prefix(w, i) ? `${w}:*` : w)).join(` ${join} `);
}

/** A category and the categories under it. */
export function categoryAndChildren(code: string): string[] {
  return [code, ...categories.filter((c) => c.parent === code).map((c) => c.code)];
}

const distanceSql = (lat: string, lon: string) =>
  `2 * 6371000 * asin(sqrt(power(sin(radians(s.latitude - ${lat}) / 2), 2)
     + cos(radians(${lat})) * cos(radians(s.latitude)) * power(sin(radians(s.longitude - ${lon}) / 2), 2)))`;

/** Rome's wall clock at the moment in parameter `param` (now when null): "open now" for an Italian city. */
const localNow = (param: string) => `(coalesce(${param}::timestamptz, now()) AT TIME ZONE 'Europe/Rome')`;

/** True when the service at location `alias` is open at the moment in parameter `param`. */
export const openNowSql = (alias: string, param: string) => {
  const localNowSql = localNow(param);
  return `(EXISTS (
    SELECT 1 FROM dir_schedules sc
     WHERE sc.city_id = ${alias}.city_id AND sc.service_at_location_id = ${alias}.service_at_location_id
       AND NOT sc.closed AND sc.weekday = extract(isodow FROM ${localNowSql})::int
       AND sc.opens_at <= ${localNowSql}::time AND sc.closes_at > ${localNowSql}::time
       AND (sc.valid_from IS NULL OR sc.valid_from <= ${localNowSql}::date)
       AND (sc.valid_to IS NULL OR sc.valid_to >= ${localNowSql}::date))
  AND NOT EXISTS (
    SELECT 1 FROM dir_schedules sc
     WHERE sc.city_id = ${alias}.city_id AND sc.service_at_location_id = ${alias}.service_at_location_id
       AND sc.closed AND sc.valid_from <= ${localNowSql}::date
       AND (sc.valid_to IS NULL OR sc.valid_to >= ${localNowSql}::date)))`;
};

/** At most this many places are looked at per search (more matches: the total says "at least"). */
export const candidateCap = 1000;

/**
 * The search as one SQL statement (exported so the benchmark runs the very same SQL on PostgreSQL).
 *
 * It scales by looking at a bounded set of candidate places (`candidateCap`, or the page's end if
 * further): with words, the matches of the GIN index (stopping at the cap); sorted by distance without words, the nearest by the GiST index (KNN); otherwise the
 * filters' matches. Only the candidates are ranked, measured, reduced to one row per service (its
 * nearest or best place) and sorted; `total` counts them, and `capped` says there were more.
 * Parameters: $1 city, $2 tsquery, $3 categories, $4 zone, $5 neighbourhood, $6 age, $7 language,
 * $8/$9 point, $10 moment, $11 open now, $12 limit, $13 offset, $14 cap.
 */
export function buildSearchQuery(
  cityId: number,
  f: SearchFilters & {
    tsquery: string | null;
    point: { lat: number; lon: number } | null;
  },
): { text: string; values: unknown[] } {
  const hasPoint = f.point !== null;
  const hasText = f.tsquery !== null;
  const distance = hasPoint ? distanceSql('$8::float8', '$9::float8') : 'NULL::float8';
  const filters = `s.city_id = $1 AND s.active
         AND ($3::text[] IS NULL OR s.categories && $3::text[])
         AND ($4::text IS NULL OR s.zone_code = $4)
         AND ($5::text IS NULL OR s.neighbourhood_code = $5)
         AND ($6::int IS NULL OR ((s.minimum_age IS NULL OR s.minimum_age <= $6) AND (s.maximum_age IS NULL OR s.maximum_age >= $6)))
         AND ($7::text IS NULL OR s.languages @> ARRAY[$7::text])
         AND (NOT $11::boolean OR ${openNowSql('s', '$10')})`;
  const columns =
    's.service_id, s.service_at_location_id, s.location_id, s.name, s.document, s.latitude, s.longitude';
  let candidates: string;
  if (hasText) {
    candidates = `
      SELECT ${columns} FROM dir_search s, q WHERE ${filters} AND s.document @@ q.query LIMIT $14`;
  } else if (hasPoint && f.sort === 'distance') {
    candidates = `
      SELECT ${columns} FROM dir_search s
       WHERE ${filters} AND s.latitude IS NOT NULL AND s.longitude IS NOT NULL
       ORDER BY point(s.longitude, s.latitude) <-> point($9::float8, $8::float8) LIMIT $14`;
  } else {
    candidates = `SELECT ${columns} FROM dir_search s WHERE ${filters} LIMIT $14`;
  }
  const sort =
    f.sort === 'distance' && hasPoint
      ? 'distance ASC NULLS LAST, rank DESC, service_id'
      : f.sort === 'name'
        ? 'name COLLATE "it-IT-x-icu", service_id'
        : hasPoint
          ? 'rank DESC, distance ASC NULLS LAST, service_id'
          : 'rank DESC, name COLLATE "it-IT-x-icu", service_id';
  const text = `
    WITH q AS (SELECT CASE WHEN $2::text IS NULL THEN NULL ELSE to_tsquery('italian', $2::text) END AS query,
                      $8::float8 AS lat, $9::float8 AS lon),
    cand AS MATERIALIZED (${candidates}),
    scored AS (
      SELECT DISTINCT ON (s.service_at_location_id) s.service_id, s.service_at_location_id, s.location_id, s.name,
             CASE WHEN q.query IS NULL THEN 0 ELSE ts_rank(s.document, q.query) END AS rank,
             ${distance} AS distance
        FROM cand s, q
    ),
    best AS (
      SELECT DISTINCT ON (service_id) * FROM scored ORDER BY service_id, distance ASC NULLS LAST, rank DESC
    )
    SELECT service_id, service_at_location_id, location_id, rank, distance, count(*) OVER () AS total,
           (SELECT count(*) FROM cand) >= $14 AS capped
      FROM best ORDER BY ${sort} LIMIT $12 OFFSET $13`;
  const offset = (f.page - 1) * f.pageSize;
  const values = [
    cityId,
    f.tsquery,
    f.category ? categoryAndChildren(f.category) : null,
    f.zone ?? null,
    f.neighbourhood ?? null,
    f.age ?? null,
    f.language ?? null,
    f.point?.lat ?? null,
    f.point?.lon ?? null,
    f.at ?? null,
    Boolean(f.openNow),
    f.pageSize,
    offset,
    Math.max(f.cap ?? candidateCap, offset + f.pageSize),
  ];
  return { text, values };
}

/**
 * Searches a city's directory. Words are matched with Italian stemming, accents ignored, the last
 * one as a prefix; unknown words are corrected from the directory's own words; when every word
 * must match and nothing does, any word may.
 */
export async function searchServices(
  pool: Pick<pg.Pool, 'query'>,
  cityId: number,
  f: SearchFilters & { point?: { lat: number; lon: number } | null },
): Promise<{ hits: SearchHit[]; total: number; totalCapped: boolean; correctedQuery: string | null }> {
  const typed = queryWords(f.q);
  const { words, corrected, lastIsWord } = await correctWords(pool, typed);
  const point = f.point ?? (f.lat !== undefined && f.lon !== undefined ? { lat: f.lat, lon: f.lon } : null);
  const run = async (join: '&' | '|', paging: { page: number; pageSize: number } = f) => {
    const tsquery = tsqueryText(words, join, lastIsWord);
    const { text, values } = buildSearchQuery(cityId, { ...f, ...paging, tsquery, point });
    const { rows } = await pool.query<{
      service_id: string;
      service_at_location_id: string;
      location_id: string;
      rank: number;
      distance: number | null;
      total: number;
      capped: boolean;
    }>(text, values);
    return rows;
  };
  let rows = await run('&');
  // Nothing has every word: any word will do (on every page, so paging stays consistent).
  const noneHasAll = !rows.length && (f.page === 1 || !(await run('&', { page: 1, pageSize: 1 })).length);
  if (noneHasAll && words.length > 1) rows = await run('|');
  return {
    hits: rows.map((r) => ({
      serviceId: r.service_id,
      serviceAtLocationId: r.service_at_location_id,
      locationId: r.location_id,
      rank: r.rank,
      distanceMeters: r.distance === null ? null : Math.round(r.distance),
    })),
    total: rows[0]?.total ?? 0,
    totalCapped: rows[0]?.capped ?? false,
    correctedQuery: corrected ? words.join(' ') : null,
  };
}
