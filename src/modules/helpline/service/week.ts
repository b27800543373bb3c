/**
 * The helpline's week, as pure functions: times of day as minutes from midnight, weekdays 1 (Monday)
 * to 7 (Sunday), Europe/Rome time. A stretch is `[start, end)`; `end` may be 1440 (24:00).
 */

export const minutesPerDay = 1440;
export const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;

export interface Stretch {
  weekday: number;
  start: number;
  end: number;
}

const hhmm = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

/** `'09:30'` → 570; `'24:00'` → 1440; undefined when it is not a time of day. */
export function parseTime(value: string): number | undefined {
  const m = hhmm.exec(value);
  if (!m) return undefined;
  if (value === '24:00') return minutesPerDay;
  return Number(m[1]) * 60 + Number(m[2]);
}

/** 570 → `'09:30'`; 1440 → `'24:00'`. */
export function formatTime(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

const romeParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Rome',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const weekdayOf: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The weekday and minute of the day of an instant, in Europe/Rome (summer time included). */
export function romeMoment(at: Date): { weekday: number; minute: number } {
  const parts = Object.fromEntries(romeParts.formatToParts(at).map((p) => [p.type, p.value]));
  return {
    weekday: weekdayOf[parts.weekday ?? 'Mon'] ?? 1,
    minute: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** Whether a stretch holds a moment. */
export const holds = (s: Stretch, m: { weekday: number; minute: number }): boolean =>
  s.weekday === m.weekday && s.start <= m.minute && m.minute < s.end;

/** Whether two stretches share a minute (touching ends do not: 09:00–12:00 and 12:00–15:00 are fine). */
export const overlaps = (a: Stretch, b: Stretch): boolean =>
  a.weekday === b.weekday && a.start < b.end && b.start < a.end;

/** How many of `shifts` hold each minute of a weekday. */
function coverage(shifts: Stretch[], weekday: number): Int16Array {
  const diff = new Int16Array(minutesPerDay + 1);
  for (const s of shifts) {
    if (s.weekday !== weekday) continue;
    diff[s.start] = (diff[s.start] ?? 0) + 1;
    diff[s.end] = (diff[s.end] ?? 0) - 1;
  }
  const count = new Int16Array(minutesPerDay);
  let running = 0;
  for (let m = 0; m < minutesPerDay; m++) {
    running += diff[m] ?? 0;
    count[m] = running;
  }
  return count;
}

/**
 * Where the opening hours have fewer than `min` people on shift: runs of minutes with the same
 * count, in order of weekday and time. `count` 0 is a gap (nobody at all).
 */
export function thinStretches(
  opening: Stretch[],
  shifts: Stretch[],
  min: number,
): (Stretch & { count: number })[] {
  const out: (Stretch & { count: number })[] = [];
  for (const weekday of weekdays) {
    const open = new Uint8Array(minutesPerDay);
    for (const o of opening) if (o.weekday === weekday) open.fill(1, o.start, o.end);
    const count = coverage(shifts, weekday);
    let run: (Stretch & { count: number }) | undefined;
    for (let m = 0; m <= minutesPerDay; m++) {
      const c = m < minutesPerDay && open[m] && (count[m] ?? 0) < min ? (count[m] ?? 0) : -1;
      if (run && (c !== run.count || m === minutesPerDay)) {
        run.end = m;
        out.push(run);
        run = undefined;
      }
      if (c >= 0 && !run) run = { weekday, start: m, end: m, count: c };
    }
  }
  return out;
}

/** The opening hours nobody covers: opening minus the union of the shifts. */
export function gaps(opening: Stretch[], shifts: Stretch[]): Stretch[] {
  return thinStretches(opening, shifts, 1).map(({ weekday, start, end }) => ({ weekday, start, end }));
}

/** Covered by someone, but by fewer than `min` people. */
export function understaffed(
  opening: Stretch[],
  shifts: Stretch[],
  min: number,
): (Stretch & { count: number })[] {
  return thinStretches(opening, shifts, min).filter((s) => s.count > 0);
}
