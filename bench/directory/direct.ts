import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import {
  type SearchFilters,
  type SearchHit,
  searchServices,
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

/**
 * The statements searchServices sends (typo correction, the search of its kind, a fallback when
 * needed), straight on PostgreSQL through `pool`: searchServices itself, whose only work besides
 * the SQL is to build the statements' text. `last` is the last statement sent (for EXPLAIN).
 */
export async function searchStatements(
  pool: Pick<pg.Pool, 'query'>,
  cityId: number,
  f: Filters,
): Promise<{ hits: SearchHit[]; last: { text: string; values: unknown[] } }> {
  let last: { text: string; values: unknown[] } = { text: '', values: [] };
  const { hits } = await searchServices(pool, cityId, f, (s) => {
    last = s;
  });
  return { hits, last };
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
