import type { Queryable } from '../../../kernel/audit/index.ts';
import { distanceKm } from '../matching/index.ts';
import { availableAt, type MinuteSlot } from './rules.ts';

/** A volunteer as matching sees them (loaded for one request, or for a zone's batch). */
export interface CandidateVolunteer {
  user_id: string;
  display_name: string;
  email: string;
  locale: string;
  status: string;
  skills: string[];
  /** Their own point, or the representative point of their first neighbourhood. */
  lat: number | null;
  lon: number | null;
  max_distance_km: number;
  max_tasks: number;
  cleared: boolean;
  neighbourhood_codes: string[];
  availability: MinuteSlot[];
  /** Tasks accepted and not yet done. */
  load: number;
  /** Offers waiting for their answer. */
  pending: number;
  /** Done tasks for the same person (same contact phone or e-mail) on an earlier request. */
  helped_before: number;
  /** They already have an offer, an accepted task or a declined one for this request. */
  already: boolean;
}

/**
 * The city's volunteers for a request (or none: `request` null), optionally only `ids` and
 * only active ones; locked (the volunteer rows) when `forUpdate`.
 */
export async function loadCandidates(
  q: Queryable,
  cityId: number,
  request: { id: string; phone: string | null; email: string | null } | null,
  options: { ids?: string[]; activeOnly?: boolean; zoneCode?: string; forUpdate?: boolean } = {},
): Promise<CandidateVolunteer[]> {
  const { rows } = await q.query<CandidateVolunteer>(
    `SELECT v.user_id, u.display_name, u.email, u.locale, v.status, v.skills, v.max_distance_km::float AS max_distance_km,
            v.max_tasks, v.cleared_at IS NOT NULL AS cleared,
            coalesce(v.lat, home.point_lat) AS lat, coalesce(v.lon, home.point_lon) AS lon,
            coalesce((SELECT array_agg(vn.neighbourhood_code ORDER BY vn.neighbourhood_code) FROM volunteer_neighbourhoods vn
                       WHERE vn.city_id = v.city_id AND vn.user_id = v.user_id), '{}') AS neighbourhood_codes,
            coalesce((SELECT json_agg(json_build_object('weekday', a.weekday, 'startMinute', a.start_minute,
                                                        'endMinute', a.end_minute))
                        FROM volunteer_availability a WHERE a.city_id = v.city_id AND a.user_id = v.user_id), '[]') AS availability,
            (SELECT count(*)::int FROM volunteer_tasks t
              WHERE t.city_id = v.city_id AND t.user_id = v.user_id AND t.status = 'accepted') AS load,
            (SELECT count(*)::int FROM volunteer_tasks t
              WHERE t.city_id = v.city_id AND t.user_id = v.user_id AND t.status = 'offered') AS pending,
            CASE WHEN $2::uuid IS NULL THEN 0 ELSE
              (SELECT count(*)::int FROM volunteer_tasks t
                 JOIN help_requests h ON h.city_id = t.city_id AND h.help_request_id = t.help_request_id
                WHERE t.city_id = v.city_id AND t.user_id = v.user_id AND t.status = 'done' AND h.help_request_id <> $2
                  AND ((nullif(regexp_replace(h.contact_phone, '\\D', '', 'g'), '') = nullif(regexp_replace($3::text, '\\D', '', 'g'), ''))
                    OR lower(h.contact_email) = lower($4::text))) END AS helped_before,
            CASE WHEN $2::uuid IS NULL THEN false ELSE
              EXISTS (SELECT 1 FROM volunteer_tasks t WHERE t.city_id = v.city_id AND t.user_id = v.user_id
                         AND t.help_request_id = $2 AND t.status IN ('offered', 'accepted', 'declined')) END AS already
       FROM volunteers v
       JOIN users u ON u.city_id = v.city_id AND u.user_id = v.user_id AND u.active
       LEFT JOIN LATERAL (SELECT n.point_lat, n.point_lon FROM volunteer_neighbourhoods vn
                            JOIN neighbourhoods n ON n.city_id = vn.city_id AND n.code = vn.neighbourhood_code
                           WHERE vn.city_id = v.city_id AND vn.user_id = v.user_id
                           ORDER BY vn.neighbourhood_code LIMIT 1) home ON true
      WHERE v.city_id = $1
        AND ($5::uuid[] IS NULL OR v.user_id = ANY($5::uuid[]))
        AND (NOT $6 OR v.status = 'active')
      ORDER BY v.user_id${options.forUpdate ? ' FOR UPDATE OF v' : ''}`,
    [
      cityId,
      request?.id ?? null,
      request?.phone ?? null,
      request?.email ?? null,
      options.ids ?? null,
      options.activeOnly ?? false,
    ],
  );
  return rows;
}

export interface Reason {
  code: string;
  params?: Record<string, string | number>;
}

export interface Candidate {
  volunteerId: string;
  displayName: string;
  distanceKm: number | null;
  score: number;
  load: number;
  maxTasks: number;
  cleared: boolean;
  availableNow: boolean;
  reasons: Reason[];
}

export interface RequestNeeds {
  lat: number;
  lon: number;
  neighbourhoodCode: string;
  neighbourhoodName: string;
  skills: string[];
  needsClearance: boolean;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * How well a volunteer fits a request, out of about 100, with the reasons:
 * the skills the request needs (35), serving its neighbourhood (25) and nearness within their range
 * (15), available now in their weekly slots (10), having helped this person before (15), minus up
 * to 10 for the tasks they already hold. Pure: the same inputs give the same answer.
 */
export function scoreVolunteer(r: RequestNeeds, v: CandidateVolunteer, now: Date): Candidate {
  const reasons: Reason[] = [];
  let score = 0;
  if (r.skills.length === 0) {
    score += 20;
    reasons.push({ code: 'no_skill_needed' });
  } else {
    const have = r.skills.filter((s) => v.skills.includes(s));
    score += (35 * have.length) / r.skills.length;
    for (const s of have) reasons.push({ code: 'skill', params: { skill: s } });
    for (const s of r.skills.filter((x) => !have.includes(x)))
      reasons.push({ code: 'skill_missing', params: { skill: s } });
  }
  if (v.neighbourhood_codes.includes(r.neighbourhoodCode)) {
    score += 25;
    reasons.push({ code: 'same_neighbourhood', params: { neighbourhood: r.neighbourhoodName } });
  }
  let distance: number | null = null;
  if (v.lat !== null && v.lon !== null) {
    distance = distanceKm(r.lat, r.lon, v.lat, v.lon);
    const range = Math.max(v.max_distance_km, 0.1);
    score += 15 * Math.max(0, 1 - distance / range);
    reasons.push({
      code: 'distance',
      params: { distanceKm: round1(distance), maxDistanceKm: v.max_distance_km },
    });
  }
  const availableNow = availableAt(v.availability, now);
  if (availableNow) {
    score += 10;
    reasons.push({ code: 'available_now' });
  } else reasons.push({ code: 'not_available_now' });
  if (v.helped_before > 0) {
    score += 15;
    reasons.push({ code: 'helped_before', params: { times: v.helped_before } });
  }
  score -= (10 * v.load) / Math.max(1, v.max_tasks);
  reasons.push({ code: 'load', params: { load: v.load, maxTasks: v.max_tasks } });
  if (r.needsClearance && v.cleared) reasons.push({ code: 'cleared' });
  return {
    volunteerId: v.user_id,
    displayName: v.display_name,
    distanceKm: distance === null ? null : Math.round(distance * 1000) / 1000,
    score: Math.round(score),
    load: v.load,
    maxTasks: v.max_tasks,
    cleared: v.cleared,
    availableNow,
    reasons,
  };
}

/**
 * Ranked candidates for a request: active volunteers with room for another task who serve its
 * neighbourhood or are within their own range of it; without the clearance the request needs, or
 * already asked about it, they are left out (the count of those without clearance is returned).
 */
export function rankCandidates(
  r: RequestNeeds,
  volunteers: readonly CandidateVolunteer[],
  now: Date,
  limit = 20,
) {
  let withoutClearance = 0;
  const ranked: Candidate[] = [];
  for (const v of volunteers) {
    if (v.status !== 'active' || v.already || v.load >= v.max_tasks) continue;
    const serves = v.neighbourhood_codes.includes(r.neighbourhoodCode);
    const near =
      v.lat !== null && v.lon !== null && distanceKm(r.lat, r.lon, v.lat, v.lon) <= v.max_distance_km;
    if (!serves && !near) continue;
    if (r.needsClearance && !v.cleared) {
      withoutClearance++;
      continue;
    }
    ranked.push(scoreVolunteer(r, v, now));
  }
  ranked.sort(
    (a, b) =>
      b.score - a.score ||
      (a.distanceKm ?? Number.POSITIVE_INFINITY) - (b.distanceKm ?? Number.POSITIVE_INFINITY) ||
      a.displayName.localeCompare(b.displayName, 'it'),
  );
  return { candidates: ranked.slice(0, limit), withoutClearance };
}
