import type { Queryable } from '../../../kernel/audit/index.ts';
import { type MinuteSlot, toHhmm, type VolunteerStatus } from './rules.ts';

export interface ProfileRow {
  user_id: string;
  display_name: string;
  email: string;
  locale: string;
  status: string;
  status_reason: string | null;
  phone: string | null;
  skills: string[];
  languages: string[];
  psychologist_registration: string | null;
  lat: number | null;
  lon: number | null;
  max_distance_km: string;
  max_tasks: number;
  cleared_at: Date | null;
  cleared_by_name: string | null;
  clearance_note: string | null;
  community_point_id: string | null;
  hub_slug: string | null;
  hub_name: string | null;
  hub_email: string | null;
  decided_at: Date | null;
  created_at: Date;
  neighbourhoods: { code: string; name: string }[];
  availability: MinuteSlot[];
  load: number;
  hours_total: number;
}

/** Every column a profile shows, for `FROM volunteers v` (joined with its account, hub and clearer). */
export const profileSelect = `
  SELECT v.user_id, u.display_name, u.email, u.locale, v.status, v.status_reason, v.phone, v.skills, v.languages,
         v.psychologist_registration, v.lat, v.lon, v.max_distance_km, v.max_tasks, v.cleared_at,
         cb.display_name AS cleared_by_name, v.clearance_note, v.community_point_id,
         cp.slug AS hub_slug, cp.name AS hub_name, cp.email AS hub_email, v.decided_at, v.created_at,
         coalesce((SELECT json_agg(json_build_object('code', n.code, 'name', n.name) ORDER BY n.code)
                     FROM volunteer_neighbourhoods vn
                     JOIN neighbourhoods n ON n.city_id = vn.city_id AND n.code = vn.neighbourhood_code
                    WHERE vn.city_id = v.city_id AND vn.user_id = v.user_id), '[]') AS neighbourhoods,
         coalesce((SELECT json_agg(json_build_object('weekday', a.weekday, 'startMinute', a.start_minute,
                                                     'endMinute', a.end_minute) ORDER BY a.weekday, a.start_minute)
                     FROM volunteer_availability a
                    WHERE a.city_id = v.city_id AND a.user_id = v.user_id), '[]') AS availability,
         (SELECT count(*)::int FROM volunteer_tasks t
           WHERE t.city_id = v.city_id AND t.user_id = v.user_id AND t.status = 'accepted') AS load,
         (SELECT coalesce(sum(t.hours), 0)::float FROM volunteer_tasks t
           WHERE t.city_id = v.city_id AND t.user_id = v.user_id AND t.status = 'done') AS hours_total
    FROM volunteers v
    JOIN users u ON u.city_id = v.city_id AND u.user_id = v.user_id
    LEFT JOIN users cb ON cb.city_id = v.city_id AND cb.user_id = v.cleared_by
    LEFT JOIN community_points cp ON cp.city_id = v.city_id AND cp.community_point_id = v.community_point_id`;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A profile as the API shows it. */
export function toProfile(r: ProfileRow) {
  return {
    userId: r.user_id,
    displayName: r.display_name,
    email: r.email,
    status: r.status as VolunteerStatus,
    statusReason: r.status_reason,
    phone: r.phone,
    skills: r.skills,
    languages: r.languages,
    psychologistRegistration: r.psychologist_registration,
    neighbourhoodCodes: r.neighbourhoods.map((n) => n.code),
    neighbourhoods: r.neighbourhoods,
    lat: r.lat,
    lon: r.lon,
    maxDistanceKm: Number(r.max_distance_km),
    maxTasks: r.max_tasks,
    availability: r.availability.map((a) => ({
      weekday: a.weekday,
      start: toHhmm(a.startMinute),
      end: toHhmm(a.endMinute),
    })),
    clearedAt: iso(r.cleared_at),
    clearedByName: r.cleared_by_name,
    clearanceNote: r.clearance_note,
    communityPoint: r.hub_slug ? { slug: r.hub_slug, name: r.hub_name ?? '' } : null,
    load: r.load,
    hoursTotal: Number(r.hours_total),
    decidedAt: iso(r.decided_at),
    createdAt: r.created_at.toISOString(),
  };
}

export type Profile = ReturnType<typeof toProfile>;

/** What staff see in the list: the profile without where the volunteer starts from. */
export function toListItem(r: ProfileRow) {
  const { lat: _lat, lon: _lon, ...rest } = toProfile(r);
  return rest;
}

/** One volunteer's profile row (optionally locked), or undefined. */
export async function loadProfile(
  q: Queryable,
  cityId: number,
  userId: string,
  extra: { sql: string; params: unknown[] } = { sql: 'true', params: [] },
  forUpdate = false,
): Promise<ProfileRow | undefined> {
  const { rows } = await q.query<ProfileRow>(
    `${profileSelect} WHERE v.city_id = $1 AND v.user_id = $2 AND ${extra.sql}${forUpdate ? ' FOR UPDATE OF v' : ''}`,
    [cityId, userId, ...extra.params],
  );
  return rows[0];
}
