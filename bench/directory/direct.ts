import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import {
  buildSearchQuery,
  correctWords,
  queryWords,
  type SearchFilters,
  searchServices,
  tsqueryText,
} from '../../src/modules/directory/service/search.ts';
import { type Figures, figures } from '../lib.ts';
import type { SearchRequest } from './mix.ts';

/** The route's default page size. */
export const pageSize = 20;

type Filters = SearchFilters & { point: { lat: number; lon: number } | null };

/** The filters the route hands to searchServices for a request (zod defaults applied). */
export function filtersOf(r: SearchRequest, at: Date): Filters {
  return {
    q: r.q,
    category: r.category,
    neighbourhood: r.neighbourhood,
    age: r.age,
    sort: r.sort ?? 'relevance',
    page: r.page,
    pageSize,
    openNow: false,
    at,
    point: r.lat !== undefined && r.lon !== undefined ? { lat: r.lat, lon: r.lon } : null,
  };
}

export interface SearchRow {
  service_id: string;
  service_at_location_id: string;
  location_id: string;
  rank: number;
  distance: number | null;
  total: number;
}

/**
 * The statements searchServices sends, built by the search module's own exports: the typo
 * correction, the query of buildSearchQuery, and the any-word fallback when nothing matches.
 */
export async function searchStatements(
  pool: Pick<pg.Pool, 'query'>,
  cityId: number,
  f: Filters,
): Promise<{ rows: SearchRow[]; last: { text: string; values: unknown[] } }> {
  const { words, lastIsWord } = await correctWords(pool, queryWords(f.q));
  let last = buildSearchQuery(cityId, {
    ...f,
    tsquery: tsqueryText(words, '&', lastIsWord),
  });
  let rows = (await pool.query<SearchRow>(last.text, last.values)).rows;
  if (!rows.length && words.length > 1 && f.page === 1) {
    last = buildSearchQuery(cityId, {
      ...f,
      tsquery: tsqueryText(words, '|', lastIsWord),
    });
    rows = (await pool.query<SearchRow>(last.text, last.values)).rows;
  }
  return { rows, last };
}

/** True when searchStatements finds what searchServices finds (the copy of its steps has not drifted). */
export async function sameAsSearchServices(
  pool: Pick<pg.Pool, 'query'>,
  cityId: number,
  r: SearchRequest,
): Promise<boolean> {
  const at = new Date();
  const f = filtersOf(r, at);
  const [mine, theirs] = await Promise.all([
    searchStatements(pool, cityId, f),
    searchServices(pool, cityId, { ...f }),
  ]);
  return (
    JSON.stringify(mine.rows.map((x) => x.service_at_location_id)) ===
      JSON.stringify(theirs.hits.map((x) => x.serviceAtLocationId)) &&
    (mine.rows[0]?.total ?? 0) === theirs.total
  );
}

/**
 * `connections` workers, each going through `requests` in order from the first (as autocannon's
 * clients do), for `seconds`; one latency per request.
 */
export async function hammer(
  label: string,
  opts: { connections: number; seconds: number; requests: SearchRequest[] },
  run: (r: SearchRequest) => Promise<unknown>,
): Promise<Figures> {
  const latencies: number[] = [];
  const t0 = performance.now();
  const end = t0 + opts.seconds * 1000;
  await Promise.all(
    Array.from({ length: opts.connections }, async () => {
      for (let i = 0; performance.now() < end; i++) {
        const r = opts.requests[i % opts.requests.length]!;
        const s = performance.now();
        await run(r);
        latencies.push(performance.now() - s);
      }
    }),
  );
  return figures(label, latencies, (performance.now() - t0) / 1000);
}
