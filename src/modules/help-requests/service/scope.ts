import type { Grant } from '../../../kernel/auth/types.ts';

/**
 * Who may see a request's personal data, as one SQL condition on `h` (help_requests):
 * the hubs it is assigned to (operators), the zone's social workers once it is escalated or
 * routed to the zone office or the helpline, and the person who sent it (own).
 * `first` is the number of the first parameter it uses; it returns the condition and its params.
 */
export function visibleTo(
  grant: Grant,
  userId: string | null,
  first: number,
): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  /** Adds a parameter and returns its placeholder. */
  const param = (value: unknown) => {
    params.push(value);
    return `$${first + params.length - 1}`;
  };
  if (grant.communityPoints.length) {
    parts.push(`h.community_point_id IN (SELECT cp.community_point_id FROM community_points cp
                 WHERE cp.city_id = h.city_id AND cp.slug = ANY(${param(grant.communityPoints)}::text[]))`);
  }
  if (grant.zones.length) {
    parts.push(`(h.zone_code = ANY(${param(grant.zones)}::text[])
                 AND (h.escalated_at IS NOT NULL OR h.queue IN ('zone_office', 'helpline')))`);
  }
  if (grant.own && userId) {
    parts.push(`h.citizen_id = ${param(userId)}::uuid`);
  }
  return { sql: parts.length ? `(${parts.join(' OR ')})` : 'false', params };
}

/** The scope a grant reached a request through, for the audit log. */
export function scopeLabel(
  grant: Grant,
  row: { community_point_slug: string | null; zone_code: string; citizen_id: string | null },
  userId: string | null,
): string {
  if (row.community_point_slug && grant.communityPoints.includes(row.community_point_slug))
    return `community_point:${row.community_point_slug}`;
  if (grant.zones.includes(row.zone_code)) return `zone:${row.zone_code}`;
  if (userId && row.citizen_id === userId) return 'own';
  return 'none';
}

/** Whether the grant is staff's (hub or zone) rather than the person's own. */
export const isStaff = (grant: Grant): boolean => grant.communityPoints.length + grant.zones.length > 0;
