import type { Grant } from '../../../kernel/auth/types.ts';

/**
 * Which volunteers staff may see, as one SQL condition on `v` (volunteers): the whole city for a
 * city-wide grant; for a hub's operators, the volunteers that hub accepted (or who chose it) and
 * those who serve one of the neighbourhoods the hub serves. `first` is the number of the first
 * parameter it uses.
 */
export function volunteersVisibleTo(grant: Grant, first: number): { sql: string; params: unknown[] } {
  if (grant.all) return { sql: 'true', params: [] };
  if (!grant.communityPoints.length) return { sql: 'false', params: [] };
  const p = `$${first}`;
  return {
    sql: `(v.community_point_id IN (SELECT cp.community_point_id FROM community_points cp
                                   WHERE cp.city_id = v.city_id AND cp.slug = ANY(${p}::text[]))
           OR EXISTS (SELECT 1 FROM volunteer_neighbourhoods vn
                        JOIN community_point_neighbourhoods cpn
                          ON cpn.city_id = vn.city_id AND cpn.neighbourhood_code = vn.neighbourhood_code
                        JOIN community_points cp
                          ON cp.city_id = cpn.city_id AND cp.community_point_id = cpn.community_point_id
                       WHERE vn.city_id = v.city_id AND vn.user_id = v.user_id AND cp.slug = ANY(${p}::text[])))`,
    params: [grant.communityPoints],
  };
}

/** The scope a grant reached a volunteer through, for the audit log. */
export function volunteerScopeLabel(grant: Grant, hubSlug: string | null): string {
  if (grant.all) return 'city';
  if (hubSlug && grant.communityPoints.includes(hubSlug)) return `community_point:${hubSlug}`;
  return `community_point:${grant.communityPoints.join(',')}`;
}
