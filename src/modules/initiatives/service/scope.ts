import type { Grant } from '../../../kernel/auth/types.ts';

/** Whether a grant reaches an initiative of this hub (an initiative without a hub: the city's only). */
export function reachesHub(grant: Grant, hubSlug: string | null): boolean {
  return grant.all || (hubSlug !== null && grant.communityPoints.includes(hubSlug));
}

/** The scope a grant reached a hub's record through, for the audit log. */
export function scopeLabel(grant: Grant, hubSlug: string | null): string {
  if (hubSlug && grant.communityPoints.includes(hubSlug)) return `community_point:${hubSlug}`;
  return grant.all ? 'city' : 'none';
}
