import type { Queryable } from '../../../kernel/audit/index.ts';
import type { Grant } from '../../../kernel/auth/types.ts';
import type { City } from '../../../kernel/tenancy/registry.ts';

export const suppressedBelow = 5;

interface Row {
  month: string;
  slug: string | null;
  name: string | null;
  user_id: string;
  display_name: string;
  tasks: number;
  hours: number;
}

interface Cell {
  tasks: number | null;
  hours: number | null;
}

/** `YYYY-MM` of now in Europe/Rome, and `n` months before a `YYYY-MM`. */
export function currentMonth(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit' })
    .format(now)
    .slice(0, 7);
}
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y!, m! - 1 + n, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/**
 * Tasks done and hours given, by month (Europe/Rome), by hub (the volunteer's), by hub and month,
 * and by volunteer. City-wide staff see every figure; a hub's operators see their hubs' figures
 * whole and their own volunteers one by one; everyone else sees counts under 5 suppressed (null)
 * and no volunteer by name.
 */
export async function volunteerFigures(
  q: Queryable,
  city: City,
  grant: Grant | null,
  from: string,
  to: string,
) {
  const { rows } = await q.query<Row>(
    `SELECT to_char(t.done_at AT TIME ZONE 'Europe/Rome', 'YYYY-MM') AS month, cp.slug, cp.name, t.user_id,
            u.display_name, count(*)::int AS tasks, coalesce(sum(t.hours), 0)::float AS hours
       FROM volunteer_tasks t
       JOIN volunteers v ON v.city_id = t.city_id AND v.user_id = t.user_id
       JOIN users u ON u.city_id = v.city_id AND u.user_id = v.user_id
       LEFT JOIN community_points cp ON cp.city_id = v.city_id AND cp.community_point_id = v.community_point_id
      WHERE t.city_id = $1 AND t.status = 'done'
        AND t.done_at >= ($2 || '-01')::timestamp AT TIME ZONE 'Europe/Rome'
        AND t.done_at < (($3 || '-01')::date + interval '1 month')::timestamp AT TIME ZONE 'Europe/Rome'
      GROUP BY 1, 2, 3, 4, 5`,
    [city.id, from, to],
  );
  const all = grant?.all === true;
  const hubs = new Set(grant?.communityPoints ?? []);
  const whole = (slug: string | null) => all || (slug !== null && hubs.has(slug));
  const cell = (tasks: number, hours: number, show: boolean): Cell =>
    show || tasks >= suppressedBelow
      ? { tasks, hours: Math.round(hours * 100) / 100 }
      : { tasks: null, hours: null };
  const sum = (list: Row[]) => ({
    tasks: list.reduce((s, r) => s + r.tasks, 0),
    hours: list.reduce((s, r) => s + r.hours, 0),
  });
  const group = <K extends string>(key: (r: Row) => K) => {
    const m = new Map<K, Row[]>();
    for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
    return m;
  };
  const months = [...group((r) => r.month).entries()].sort(([a], [b]) => a.localeCompare(b));
  const total = sum(rows);
  return {
    from,
    to,
    totals: {
      ...cell(total.tasks, total.hours, all),
      volunteers: (() => {
        const n = new Set(rows.map((r) => r.user_id)).size;
        return all || n >= suppressedBelow ? n : null;
      })(),
    },
    byMonth: months.map(([month, list]) => {
      const s = sum(list);
      return { month, ...cell(s.tasks, s.hours, all) };
    }),
    byHub: [...group((r) => r.slug ?? '').entries()].map(([slug, list]) => {
      const s = sum(list);
      return {
        communityPoint: slug ? { slug, name: list[0]!.name ?? '' } : null,
        ...cell(s.tasks, s.hours, whole(slug || null)),
      };
    }),
    byHubMonth: [...group((r) => `${r.slug ?? ''}|${r.month}`).entries()].map(([key, list]) => {
      const [slug, month] = key.split('|');
      const s = sum(list);
      return { communityPoint: slug || null, month: month!, ...cell(s.tasks, s.hours, whole(slug || null)) };
    }),
    byVolunteer: [...group((r) => r.user_id).entries()]
      .filter(([, list]) => whole(list[0]!.slug))
      .map(([userId, list]) => {
        const s = sum(list);
        return {
          volunteerId: userId,
          displayName: list[0]!.display_name,
          communityPoint: list[0]!.slug,
          tasks: s.tasks,
          hours: Math.round(s.hours * 100) / 100,
          byMonth: list
            .map((r) => ({ month: r.month, tasks: r.tasks, hours: Math.round(r.hours * 100) / 100 }))
            .sort((a, b) => a.month.localeCompare(b.month)),
        };
      })
      .sort((a, b) => b.hours - a.hours || a.displayName.localeCompare(b.displayName, 'it')),
    suppressedBelow,
  };
}
