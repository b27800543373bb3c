import { i18n } from '../../../web/i18n/index.ts';

/** The locale for Intl: Italian or British English. */
export function locale(): string {
  return i18n.language === 'en' ? 'en-GB' : 'it-IT';
}

const zone = 'Europe/Rome';

/** "sabato 14 marzo 2026" (Europe/Rome). */
export function formatDay(value: string | Date): string {
  const s = new Intl.DateTimeFormat(locale(), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: zone,
  }).format(typeof value === 'string' ? new Date(value) : value);
  return s.charAt(0).toLocaleUpperCase(locale()) + s.slice(1);
}

/** "17:30" (Europe/Rome). */
export function formatTime(value: string): string {
  return new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit', timeZone: zone }).format(
    new Date(value),
  );
}

/** "14 mar 2026, 17:30" (Europe/Rome). */
export function formatWhen(value: string): string {
  return new Intl.DateTimeFormat(locale(), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: zone,
  }).format(new Date(value));
}

/** "sabato 14 marzo 2026, 17:30–19:00". */
export function formatSpan(startsAt: string, endsAt: string): string {
  const sameDay = dayKey(startsAt) === dayKey(endsAt);
  if (sameDay) return `${formatDay(startsAt)}, ${formatTime(startsAt)}–${formatTime(endsAt)}`;
  return `${formatWhen(startsAt)} – ${formatWhen(endsAt)}`;
}

/** A calendar date "2026-03-14" (no time) as "14 marzo 2026". */
export function formatDate(date: string): string {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return date;
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d, 12)),
  );
}

/** The day in Europe/Rome, "YYYY-MM-DD". */
export function dayKey(value: string | Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone: zone,
  }).format(typeof value === 'string' ? new Date(value) : value);
}

/** The current month in Europe/Rome, "YYYY-MM", moved by `shift` months. */
export function romeMonth(shift = 0, from = new Date()): string {
  const [y, m] = dayKey(from).split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + shift;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

/** "YYYY-MM" moved by `shift` months. */
export function addMonths(month: string, shift: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + shift;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

/** "marzo 2026". */
export function formatMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  if (!y || !m) return month;
  return new Intl.DateTimeFormat(locale(), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, 15)),
  );
}

/** The instant midnight of `date` ("YYYY-MM-DD") in Europe/Rome, as ISO. */
export function romeMidnight(date: string): string {
  return romeInstant(date, '00:00');
}

function romeOffsetMinutes(at: Date): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hour12: false,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'));
  return Math.round((asUtc - at.getTime()) / 60_000);
}

/** A local date and time typed in a form ("2026-03-14", "17:30") as an ISO instant, Rome time. */
export function romeInstant(date: string, time: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const naive = Date.UTC(y, m - 1, d, hh, mm);
  const offset = romeOffsetMinutes(new Date(naive));
  return new Date(naive - offset * 60_000).toISOString();
}

/** An instant as the form's date and time in Rome. */
export function romeParts(value: string): { date: string; time: string } {
  const date = dayKey(value);
  const time = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone: zone,
  }).format(new Date(value));
  return { date, time: time.replace(/^24/, '00') };
}

/** The programme year (from September) of today: 2025 for 2025/26. */
export function programmeYear(now = new Date()): number {
  const [y, m] = dayKey(now).split('-').map(Number) as [number, number];
  return m >= 9 ? y : y - 1;
}

/** "2018/19". */
export function yearLabel(year: number): string {
  return `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
}

/** Names in the reader's alphabetical order ("Sant'Eufemia" after "San Polo"). */
export function byName<T>(items: T[], name: (item: T) => string): T[] {
  const collator = new Intl.Collator(locale(), { sensitivity: 'base' });
  return [...items].sort((a, b) => collator.compare(name(a), name(b)));
}

/** A whole number in the reader's way ("1.234"). */
export function formatNumber(n: number): string {
  return new Intl.NumberFormat(locale()).format(n);
}
