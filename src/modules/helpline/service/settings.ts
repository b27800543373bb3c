import { type Stretch, weekdays } from './week.ts';

/** What a city may set in `cities.settings.helpline`. */
export interface HelplineSettings {
  /** When the helpline answers (Europe/Rome). Default: every day 09:00–21:00. */
  openingHours: Stretch[];
  /** Fewer people than this on shift is flagged as understaffed. Default 2. */
  minPsychologists: number;
}

export const defaultHelplineSettings: HelplineSettings = {
  openingHours: weekdays.map((weekday) => ({ weekday, start: 9 * 60, end: 21 * 60 })),
  minPsychologists: 2,
};

/** The city's helpline settings, defaults filled in (a malformed value falls back to the default). */
export function helplineSettingsOf(settings: Record<string, unknown> | undefined): HelplineSettings {
  const raw = (settings?.helpline ?? {}) as Partial<HelplineSettings>;
  const hours = Array.isArray(raw.openingHours)
    ? raw.openingHours.filter(
        (s): s is Stretch =>
          typeof s === 'object' &&
          s !== null &&
          Number.isInteger(s.weekday) &&
          s.weekday >= 1 &&
          s.weekday <= 7 &&
          Number.isInteger(s.start) &&
          Number.isInteger(s.end) &&
          s.start >= 0 &&
          s.start < s.end &&
          s.end <= 1440,
      )
    : undefined;
  const min = raw.minPsychologists;
  return {
    openingHours: hours ?? defaultHelplineSettings.openingHours,
    minPsychologists:
      Number.isInteger(min) && (min as number) >= 1 && (min as number) <= 50
        ? (min as number)
        : defaultHelplineSettings.minPsychologists,
  };
}
