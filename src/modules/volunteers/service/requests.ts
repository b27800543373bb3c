import type { Queryable } from '../../../kernel/audit/index.ts';
import type { Grant } from '../../../kernel/auth/types.ts';
import { AppError } from '../../../kernel/errors.ts';
import type { City } from '../../../kernel/tenancy/registry.ts';
import { visibleTo } from '../../help-requests/index.ts';
import { type Circumstances, categorySkills, needsClearance } from './rules.ts';

/** What matching needs of a help request: never the description or the person's full record. */
export interface RequestForMatching {
  help_request_id: string;
  tracking_code: string;
  category: string;
  status: string;
  queue: string;
  circumstances: Circumstances;
  /** The request's point, or its neighbourhood's representative point. */
  lat: number;
  lon: number;
  has_point: boolean;
  neighbourhood_code: string;
  neighbourhood_name: string;
  zone_code: string;
  contact_name: string;
  contact_phone: string | null;
  contact_email: string | null;
  community_point_id: string | null;
  hub_slug: string | null;
  hub_email: string | null;
}

export const requestSelect = `
  SELECT h.help_request_id, h.tracking_code, h.category, h.status, h.queue, h.circumstances,
         coalesce(h.lat, n.point_lat) AS lat, coalesce(h.lon, n.point_lon) AS lon, h.lat IS NOT NULL AS has_point,
         h.neighbourhood_code, n.name AS neighbourhood_name, h.zone_code, h.contact_name, h.contact_phone,
         h.contact_email, h.community_point_id, cp.slug AS hub_slug, cp.email AS hub_email
    FROM help_requests h
    JOIN neighbourhoods n ON n.city_id = h.city_id AND n.code = h.neighbourhood_code
    LEFT JOIN community_points cp ON cp.city_id = h.city_id AND cp.community_point_id = h.community_point_id`;

export const openStatuses = ['new', 'triaged', 'assigned', 'in_progress'];

/** The request's SQL visibility for a `volunteers.match` grant: the city for city-wide staff, else as help-requests decides. */
export function requestsVisibleTo(grant: Grant, first: number): { sql: string; params: unknown[] } {
  if (grant.all) return { sql: 'true', params: [] };
  return visibleTo({ ...grant, own: false }, null, first);
}

/**
 * One request staff may work on (the hub's operators, the zone's social workers once it reached
 * them, city-wide staff), locked when `forUpdate`; else a 404 problem (its existence is not revealed).
 */
export async function loadRequestForStaff(
  q: Queryable,
  city: City,
  grant: Grant,
  id: string,
  forUpdate = false,
): Promise<RequestForMatching> {
  const scope = requestsVisibleTo(grant, 3);
  const { rows } = await q.query<RequestForMatching>(
    `${requestSelect} WHERE h.city_id = $1 AND h.help_request_id = $2 AND ${scope.sql}${forUpdate ? ' FOR UPDATE OF h' : ''}`,
    [city.id, id, ...scope.params],
  );
  if (!rows[0]) throw new AppError('not_found', { resource: 'help_request', id });
  return rows[0];
}

/** The request's needs: skills (all of them) and whether it needs a cleared volunteer. */
export function needsOf(r: Pick<RequestForMatching, 'category' | 'circumstances'>) {
  return {
    skills: categorySkills[r.category] ?? [],
    needsClearance: needsClearance(r.category, r.circumstances ?? {}),
  };
}

/** The scope a grant reached a request through, for the audit log. */
export function requestScopeLabel(grant: Grant, r: { hub_slug: string | null; zone_code: string }): string {
  if (r.hub_slug && grant.communityPoints.includes(r.hub_slug)) return `community_point:${r.hub_slug}`;
  if (grant.zones.includes(r.zone_code)) return `zone:${r.zone_code}`;
  return 'city';
}
