import { locale } from '../../directory/web/format.ts';
import type { OpeningHours } from './types.ts';

/** "09:00" → "9:00": times as people write them. */
export function shortTime(time: string): string {
  return time.replace(/^0(\d)/, '$1');
}

/** The ISO weekday (1 = Monday … 7 = Sunday) as people say it: "lunedì", "Monday". */
export function dayName(day: number): string {
  // 1 January 2024 was a Monday.
  return new Intl.DateTimeFormat(locale(), { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, day)),
  );
}

/** Opening hours in words, one line per day, in week order: "lunedì 9:00–12:00, 15:00–18:00". */
export function hoursInWords(hours: OpeningHours[]): string[] {
  const days = [...new Set(hours.map((h) => h.day))].sort((a, b) => a - b);
  return days.map((day) => {
    const slots = hours
      .filter((h) => h.day === day)
      .sort((a, b) => a.opens.localeCompare(b.opens))
      .map((h) => `${shortTime(h.opens)}–${shortTime(h.closes)}`);
    return `${dayName(day)} ${slots.join(', ')}`;
  });
}

/** Names in the reader's alphabetical order ("Sant'Eufemia" after "San Polo"). */
export function byName<T>(items: T[], name: (item: T) => string): T[] {
  const collator = new Intl.Collator(locale(), { sensitivity: 'base' });
  return [...items].sort((a, b) => collator.compare(name(a), name(b)));
}
