import { createHash } from 'node:crypto';
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
  /** Postings of the lead word read at most (default `walkLimit`); tests make it small. */
  walk?: number;
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

/** A word of the query after correction: its stem and how many active places of the city have it. */
export interface QueryWord {
  word: string;
  /** The stem, as the search documents hold it (null when the word makes several). */
  lexeme: string | null;
  /** Active places of the city with that stem (`dir_search_terms`). */
  documents: number;
}

/**
 * Corrects typos word by word: a word the directory never uses is replaced by the most similar
 * word it does use (trigram similarity ≥ 0.3), when there is one. Short words are kept as typed.
 * Also gives each kept word's stem and, for `cityId`, how many places have it.
 */
export async function correctWords(
  q: Queryable,
  words: string[],
  cityId = 0,
): Promise<{ words: string[]; corrected: boolean; lastIsWord: boolean; kept: QueryWord[] }> {
  if (!words.length) return { words, corrected: false, lastIsWord: false, kept: [] };
  const { rows } = await q.query<{
    i: number;
    word: string;
    stop: boolean;
    known: boolean;
    lexemes: string[];
    documents: number | null;
  }>({
    name: 'dir.correct-words',
    text: `SELECT k.*, (SELECT d.documents FROM dir_search_terms d WHERE d.city_id = $2 AND d.term = k.lexemes[1]) AS documents
       FROM (SELECT c.i, c.word, numnode(to_tsquery('italian', c.word)) = 0 AS stop,
                    EXISTS (SELECT 1 FROM dir_lexicon WHERE word = c.word) AS known,
                    tsvector_to_array(to_tsvector('italian', c.word)) AS lexemes
               FROM (SELECT t.i, CASE WHEN length(t.w) < 4 OR EXISTS (SELECT 1 FROM dir_lexicon WHERE word = t.w) THEN t.w
                                 ELSE coalesce((SELECT word FROM dir_lexicon WHERE word % t.w
                                                 ORDER BY similarity(word, t.w) DESC, word LIMIT 1), t.w) END AS word
                       FROM unnest($1::text[]) WITH ORDINALITY AS t(w, i)) c) k`,
    values: [words, cityId],
  });
  const sorted = rows.sort((a, b) => a.i - b.i);
  const corrected = sorted.some((r, i) => r.word !== words[i]);
  // Stop words ("di", "il", "per") match nothing by themselves: they are left out of the query.
  const kept = sorted.filter((r) => !r.stop);
  return {
    words: kept.map((r) => r.word),
    corrected,
    lastIsWord: kept.at(-1)?.known ?? false,
    kept: kept.map((r) => ({
      word: r.word,
      lexeme: r.lexemes.length === 1 ? r.lexemes[0]! : null,
      documents: r.documents ?? 0,
    })),
  };
}

/** How many active places the city has, counted up to `limit` (an index-only count: cheap). */
async function placesUpTo(q: Pick<pg.Pool, 'query'>, cityId: number, limit: number): Promise<number> {
  const { rows } = await q.query<{ n: number }>({
    name: 'dir.places-up-to',
    text: 'SELECT count(*)::int AS n FROM (SELECT 1 FROM dir_search WHERE city_id = $1 AND active LIMIT $2) x',
    values: [cityId, limit],
  });
  return rows[0]!.n;
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

/**
 * Candidates a search reads at most. When the city has no more places than this (for a search
 * with words: no more places with its rarest word), every candidate is read and `total` is exact.
 */
export const candidateCap = 1000;
/** Past `candidateCap`, a search with words ranks the first this many places of its lead word. */
export const searchWindow = 100;
/** Postings of the lead word read at most, per search, before falling back to every match. */
export const walkLimit = 2000;

/**
 * How a search picks its candidate places (decision 0011):
 * - `postings`: with words, the places of its rarest word in order of that word's weight
 *   (`dir_search_postings`), each checked against all the words and filters, until the window is
 *   full or `walkLimit` postings are read. For one word the order is the order of relevance.
 * - `nearest`: without words, sorted by distance: the nearest places first (KNN on a GiST index).
 * - `name`: without words, in order of name (B-tree indexes by neighbourhood, zone or city).
 * - `matches`: anything else (words sorted by distance, any-word fallback, or when the postings'
 *   walk ended before the window was full): every match through the GIN index, up to `candidateCap`.
 * The first three stop as soon as the window is full, so their cost does not grow with the
 * directory; `matches` may read every posting of a common word. The window (see searchServices)
 * is every candidate up to `candidateCap`; past it, `searchWindow` places for `postings`, and the
 * page and the next one for `nearest` and `name` (read in the order of the results).
 */
export type SearchKind = 'postings' | 'nearest' | 'name' | 'matches';

/**
 * The search as one SQL statement (exported so the benchmark runs the very same SQL on PostgreSQL).
 * Candidates (see SearchKind) are ranked (`ts_rank`, name weighed most), measured (haversine),
 * reduced to one row per service (its nearest or best place) and sorted. Every answer has one row at
 * least: `found` (candidates read) comes with the page's rows, whose `total` counts the services
 * among the candidates. Only the filters given are written out.
 * Parameters: $1 city, $2 tsquery, $3 categories, $4 zone, $5 neighbourhood, $6 age, $7 language,
 * $8/$9 point, $10 moment, $11 open now, $12 limit, $13 offset, $14 window, $15 lead stem,
 * $16 walk limit.
 */
export function buildSearchQuery(
  cityId: number,
  f: SearchFilters & {
    tsquery: string | null;
    point: { lat: number; lon: number } | null;
    kind: SearchKind;
    /** `postings`: the stem whose postings are read (the query's rarest whole word). */
    lead?: string;
    /** Candidates read at most (the window). */
    window: number;
    /** `postings`: postings read at most. */
    walk?: number;
  },
): { text: string; values: unknown[] } {
  const hasPoint = f.point !== null;
  const distance = hasPoint ? distanceSql('$8::float8', '$9::float8') : 'NULL::float8';
  // Only the filters given are written out: each combination is its own prepared statement, whose
  // plan can use the index of that filter (a generic plan of "$5 IS NULL OR …" could not).
  const filters = [
    's.city_id = $1 AND s.active',
    f.category ? 's.categories && $3::text[]' : null,
    f.zone ? 's.zone_code = $4' : null,
    f.neighbourhood ? 's.neighbourhood_code = $5' : null,
    f.age !== undefined
      ? '(s.minimum_age IS NULL OR s.minimum_age <= $6) AND (s.maximum_age IS NULL OR s.maximum_age >= $6)'
      : null,
    f.language ? 's.languages @> ARRAY[$7::text]' : null,
    f.openNow ? openNowSql('s', '$10') : null,
  ]
    .filter(Boolean)
    .join('\n         AND ');
  const columns =
    's.service_id, s.service_at_location_id, s.location_id, s.name, s.document, s.latitude, s.longitude';
  let ctes: string;
  switch (f.kind) {
    case 'postings':
      // The lead stem ($15, the query's rarest: searchServices chose it) is read in order of weight;
      // each place is looked up by its key (LATERAL … LIMIT 1 keeps the planner from turning the
      // walk into a join over every match).
      ctes = `
    lead AS (
      SELECT p.service_at_location_id, p.impact FROM dir_search_postings p
       WHERE p.city_id = $1 AND p.term = $15
       ORDER BY p.impact DESC, p.service_at_location_id DESC LIMIT $16),
    cand AS MATERIALIZED (
      SELECT ${columns} FROM lead CROSS JOIN LATERAL (
               SELECT * FROM dir_search d
                WHERE d.city_id = $1 AND d.service_at_location_id = lead.service_at_location_id LIMIT 1) s, q
       WHERE ${filters} AND s.document @@ q.query
       ORDER BY lead.impact DESC, lead.service_at_location_id DESC LIMIT $14)`;
      break;
    case 'nearest':
      ctes = `
    cand AS MATERIALIZED (
      SELECT ${columns} FROM dir_search s
       WHERE ${filters} AND s.latitude IS NOT NULL AND s.longitude IS NOT NULL
       ORDER BY point(s.longitude, s.latitude) <-> point($9::float8, $8::float8) LIMIT $14)`;
      break;
    case 'name':
      ctes = `
    cand AS MATERIALIZED (
      SELECT ${columns} FROM dir_search s WHERE ${filters}
       ORDER BY s.name COLLATE "it-IT-x-icu", s.service_id LIMIT $14)`;
      break;
    default:
      ctes = `
    cand AS MATERIALIZED (
      SELECT ${columns} FROM dir_search s, q WHERE ${filters} AND (q.query IS NULL OR s.document @@ q.query) LIMIT $14)`;
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
                      $3::text[] AS categories, $4::text AS zone, $5::text AS neighbourhood, $6::int AS age,
                      $7::text AS language, $8::float8 AS lat, $9::float8 AS lon, $10::timestamptz AS at,
                      $11::boolean AS open_now, $15::text AS lead, $16::int AS walk),${ctes},
    scored AS (
      SELECT DISTINCT ON (s.service_at_location_id) s.service_id, s.service_at_location_id, s.location_id, s.name,
             CASE WHEN q.query IS NULL THEN 0 ELSE ts_rank(s.document, q.query) END AS rank,
             ${distance} AS distance
        FROM cand s, q
    ),
    best AS (
      SELECT DISTINCT ON (service_id) * FROM scored ORDER BY service_id, distance ASC NULLS LAST, rank DESC
    ),
    meta AS (SELECT (SELECT count(*) FROM cand)::int AS found)
    SELECT m.found, r.*
      FROM meta m LEFT JOIN LATERAL (
        SELECT service_id, service_at_location_id, location_id, rank, distance, count(*) OVER ()::int AS total
          FROM best ORDER BY ${sort} LIMIT $12 OFFSET $13) r ON true`;
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
    Math.max(f.window, offset + f.pageSize),
    f.lead ?? null,
    f.walk ?? walkLimit,
  ];
  return { text, values };
}

/**
 * A name for a statement's text: pg prepares a named statement once per connection and then only
 * binds and executes it (no parsing and planning per search).
 */
export function statementName(prefix: string, text: string): string {
  return `${prefix}.${createHash('sha1').update(text).digest('base64url').slice(0, 16)}`;
}

interface SearchRow {
  found: number;
  service_id: string | null;
  service_at_location_id: string;
  location_id: string;
  rank: number;
  distance: number | null;
  total: number;
}

/**
 * Searches a city's directory. Words are matched with Italian stemming, accents ignored, the last
 * one as a prefix; unknown words are corrected from the directory's own words; when every word
 * must match and nothing does, any word may. `trace` sees each statement sent (the benchmark
 * explains the last one).
 */
export async function searchServices(
  pool: Pick<pg.Pool, 'query'>,
  cityId: number,
  f: SearchFilters & { point?: { lat: number; lon: number } | null },
  trace?: (statement: { text: string; values: unknown[] }) => void,
): Promise<{ hits: SearchHit[]; total: number; totalCapped: boolean; correctedQuery: string | null }> {
  const typed = queryWords(f.q);
  const { words, corrected, lastIsWord, kept } = await correctWords(pool, typed, cityId);
  const point = f.point ?? (f.lat !== undefined && f.lon !== undefined ? { lat: f.lat, lon: f.lon } : null);
  const cap = f.cap ?? candidateCap;
  const pageEnd = f.page * f.pageSize;
  // The rarest whole word (not the last one while it is still a prefix) leads a postings walk.
  const isPrefix = (i: number) => i === words.length - 1 && words[i]!.length >= 3 && !lastIsWord;
  const lead = kept
    .filter((w, i) => w.lexeme !== null && !isPrefix(i))
    .sort((a, b) => a.documents - b.documents || (a.lexeme! < b.lexeme! ? -1 : 1))[0];
  const byDistance = f.sort === 'distance' && point !== null;
  const kind: SearchKind = !words.length
    ? point && f.sort !== 'name'
      ? 'nearest'
      : 'name'
    : lead && !byDistance
      ? 'postings'
      : 'matches';
  // The window: every candidate when there are at most `cap` (a city: exact totals); otherwise the
  // places of the first pages (`searchWindow`, re-ranked by all the words), or — read in the very
  // order of the results — the page and the next one.
  let window = Math.max(cap, pageEnd);
  let complete = true;
  if (kind === 'postings' && lead!.documents > cap) window = Math.max(Math.min(searchWindow, cap), pageEnd);
  if ((kind === 'nearest' || kind === 'name') && (await placesUpTo(pool, cityId, cap + 1)) > cap)
    window = Math.max(Math.min(pageEnd + f.pageSize, cap), pageEnd);
  const walk = f.walk ?? Math.max(walkLimit, window * 20);
  if (kind === 'postings') complete = lead!.documents <= walk;
  const run = async (join: '&' | '|', k: SearchKind, size: number, whole: boolean) => {
    const tsquery = tsqueryText(words, join, lastIsWord);
    const statement = buildSearchQuery(cityId, {
      ...f,
      tsquery,
      point,
      kind: k,
      lead: lead?.lexeme ?? undefined,
      window: size,
      walk,
    });
    trace?.(statement);
    const { rows } = await pool.query<SearchRow>({
      name: statementName('dir.search', statement.text),
      ...statement,
    });
    const found = rows[0]!.found;
    return { found, rows: rows.filter((r) => r.service_id !== null), capped: !whole || found >= size };
  };
  let result = await run('&', kind, window, complete);
  // The walk of the lead word's postings stopped at its limit before the window was full: every match.
  if (!complete && result.found < window) result = await run('&', 'matches', Math.max(cap, pageEnd), true);
  // Nothing has every word: any word will do (on every page, so paging stays consistent).
  if (!result.found && words.length > 1) result = await run('|', 'matches', Math.max(cap, pageEnd), true);
  return {
    hits: result.rows.map((r) => ({
      serviceId: r.service_id!,
      serviceAtLocationId: r.service_at_location_id,
      locationId: r.location_id,
      rank: r.rank,
      distanceMeters: r.distance === null ? null : Math.round(r.distance),
    })),
    total: result.rows[0]?.total ?? (result.found ? result.found : 0),
    totalCapped: result.capped,
    correctedQuery: corrected ? words.join(' ') : null,
  };
}
