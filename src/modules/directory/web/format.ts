import { i18n } from '../../../web/i18n/index.ts';

/** The locale for Intl: Italian or British English. */
export function locale(): string {
  return i18n.language === 'en' ? 'en-GB' : 'it-IT';
}

/** "350 m", "1,2 km": rounded so it does not pretend to be precise. */
export function formatDistance(meters: number): string {
  if (meters < 1000) {
    return new Intl.NumberFormat(locale(), { style: 'unit', unit: 'meter', maximumFractionDigits: 0 }).format(
      Math.max(10, Math.round(meters / 10) * 10),
    );
  }
  return new Intl.NumberFormat(locale(), {
    style: 'unit',
    unit: 'kilometer',
    maximumFractionDigits: meters < 10_000 ? 1 : 0,
  }).format(meters / 1000);
}

const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase(locale()) + s.slice(1);

/** A language's name in the reader's language, from its ISO 639-1 code ("ar" → "Arabo"). */
export function languageName(code: string): string {
  try {
    const name = new Intl.DisplayNames([locale()], { type: 'language', fallback: 'code' }).of(code);
    return name ? capitalise(name) : code;
  } catch {
    return code;
  }
}

/** The name of an ISO weekday (1 = Monday … 7 = Sunday), capitalised. */
export function weekdayName(weekday: number): string {
  // 1 January 2024 was a Monday.
  const day = new Date(Date.UTC(2024, 0, weekday));
  return capitalise(new Intl.DateTimeFormat(locale(), { weekday: 'long', timeZone: 'UTC' }).format(day));
}

/** A calendar date ("2025-12-24") in words, without moving it across time zones. */
export function formatDay(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  if (!y || !m || !d) return isoDate;
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/** Digits and a leading + only, for tel: links. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

/** A website as a link target: adds https:// when the address has no scheme. */
export function webHref(url: string): string {
  return /^https?:\/\//i.test(url) ? url : `https://${url}`;
}

/** Languages the search can filter on: those most spoken in Italy's cities (ISO 639-1). */
export const filterLanguages = [
  'it',
  'en',
  'fr',
  'es',
  'de',
  'pt',
  'ar',
  'ro',
  'sq',
  'uk',
  'ru',
  'zh',
  'hi',
  'ur',
  'pa',
  'bn',
  'tl',
  'wo',
] as const;
