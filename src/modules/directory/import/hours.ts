import type { ScheduleInput } from '../service/write.ts';

/** Weekly openings parsed from a human text, or a note kept as it is (e.g. "su appuntamento"). */
export type HoursResult = { ok: true; schedules: ScheduleInput[]; note: string } | { ok: false };

const dayWords: Record<string, number> = {
  lunedi: 1,
  lun: 1,
  lu: 1,
  monday: 1,
  mon: 1,
  martedi: 2,
  mar: 2,
  ma: 2,
  tuesday: 2,
  tue: 2,
  tues: 2,
  mercoledi: 3,
  mer: 3,
  me: 3,
  wednesday: 3,
  wed: 3,
  giovedi: 4,
  gio: 4,
  gi: 4,
  thursday: 4,
  thu: 4,
  thur: 4,
  thurs: 4,
  venerdi: 5,
  ven: 5,
  ve: 5,
  friday: 5,
  fri: 5,
  sabato: 6,
  sab: 6,
  sa: 6,
  saturday: 6,
  sat: 6,
  domenica: 7,
  dom: 7,
  do: 7,
  sunday: 7,
  sun: 7,
};

/** Words naming several days, replaced by a marker before the days are read. */
const dayGroups: [RegExp, string, number[]][] = [
  [/\b(tutti i giorni|ogni giorno|tutti|daily|every ?day)\b/g, 'ALL', [1, 2, 3, 4, 5, 6, 7]],
  [/\b(giorni feriali|feriali)\b/g, 'FER', [1, 2, 3, 4, 5, 6]],
  [/\b(giorni lavorativi|lavorativi|weekdays)\b/g, 'LAV', [1, 2, 3, 4, 5]],
  [/\b(fine settimana|weekends?)\b/g, 'WKD', [6, 7]],
];
const groupDays = Object.fromEntries(dayGroups.map(([, marker, days]) => [marker, days]));

const rangeWords = new Set(['-', 'a', 'al', 'to', 'fino', 'through', 'thru']);
const listWords = new Set([',', 'e', 'ed', '/', '&', '+', 'and']);
const fillerWords = new Set([
  'dal',
  'dalle',
  'da',
  'il',
  'i',
  'la',
  'le',
  'di',
  'ogni',
  'from',
  'on',
  'solo',
  'only',
  'aperto',
  'open',
  'orario',
  'ore',
  'h',
]);

const appointmentOnly =
  /^(solo )?(su|per|previo) (appuntamento|prenotazione)$|^(solo )?(by|upon) (appointment|booking)$|^(su )?appuntamento$/;
const roundTheClock = /^(h ?24|24 ?h|24\/7|24 ore( su 24)?|sempre aperto|always open|open 24 hours)$/;
const closedWords = /\b(chiuso|chiusa|closed)\b/;

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

function parseDays(part: string): number[] | null {
  let text = ` ${part} `;
  for (const [pattern, marker] of dayGroups) text = text.replace(pattern, ` ${marker} `);
  const tokenPattern = /[a-zA-Z]+|[-,/&+]/g;
  if (text.replace(tokenPattern, '').replace(/[\s.:']/g, '') !== '') return null;
  const tokens = text.match(tokenPattern) ?? [];
  const days: number[] = [];
  let rangeFrom: number | null = null;
  let expectEnd = false;
  for (const token of tokens) {
    const group = groupDays[token];
    const day = dayWords[token];
    if (group) {
      if (expectEnd) return null;
      days.push(...group);
    } else if (day !== undefined) {
      if (expectEnd && rangeFrom !== null) {
        for (let d = rangeFrom; d !== day; d = (d % 7) + 1) days.push(d);
        days.push(day);
        expectEnd = false;
        rangeFrom = null;
      } else days.push(day);
    } else if (rangeWords.has(token)) {
      // "dal lunedì al venerdì", "lun-ven": a range from the last day read.
      if (expectEnd) continue;
      const last = days.at(-1);
      if (last === undefined) {
        if (token === 'a' || token === 'al') continue;
        return null;
      }
      days.pop();
      rangeFrom = last;
      expectEnd = true;
    } else if (listWords.has(token) || fillerWords.has(token)) {
    } else return null;
  }
  if (expectEnd) return null;
  return [...new Set(days)];
}

interface Range {
  opens: string;
  closes: string;
}

function timeOf(token: string): { h: number; m: number } | null {
  const m = /^(\d{1,2})(?:[:.,](\d{2}))?$/.exec(token);
  if (!m) return null;
  const h = Number(m[1]);
  const min = m[2] === undefined ? 0 : Number(m[2]);
  if (h > 24 || min > 59 || (h === 24 && min !== 0)) return null;
  return { h, m: min };
}

const hhmm = (t: { h: number; m: number }) =>
  `${String(t.h).padStart(2, '0')}:${String(t.m).padStart(2, '0')}`;

function parseTimes(part: string): Range[] | null {
  // Minutes after a comma only as 9,30 (quarters): "9-12,14-18" is two ranges.
  const tokenPattern = /\d{1,2}(?:[:.]\d{2}|,(?:00|15|30|45)(?!\d))?|[a-z]+|[-,/&+]/g;
  if (part.replace(tokenPattern, '').replace(/[\s'’]/g, '') !== '') return null;
  const tokens = part.match(tokenPattern) ?? [];
  const ranges: Range[] = [];
  let open: { h: number; m: number } | null = null;
  let sawSeparator = false;
  for (const token of tokens) {
    if (/^\d/.test(token)) {
      const time = timeOf(token);
      if (!time) return null;
      if (!open) {
        open = time;
        sawSeparator = false;
      } else {
        if (!sawSeparator) return null;
        const from = open.h * 60 + open.m;
        const to = time.h * 60 + time.m;
        if (to <= from) return null;
        ranges.push({ opens: hhmm(open), closes: hhmm(time) });
        open = null;
      }
    } else if (['-', 'alle', 'a', 'to', 'until', 'till'].includes(token)) {
      if (!open) return null;
      sawSeparator = true;
    } else if (['dalle', 'ore', 'h', 'from', 'dal'].includes(token)) {
      if (open) return null;
    } else if (listWords.has(token)) {
      if (open) return null;
    } else return null;
  }
  if (open || ranges.length === 0) return null;
  return ranges;
}

/**
 * Reads opening hours written for people: `lun-ven 9:00-12:30; mar 14:00-17:00`,
 * `dal lunedì al venerdì dalle 9 alle 12 e dalle 14 alle 18`, `sab 9-12 | dom chiuso`,
 * `tutti i giorni 8-20`, `h24`, `su appuntamento` (kept as a note, no weekly hours).
 * Segments are separated by `;`, `|` or new lines; a segment without days keeps the days of
 * the one before (`lun-ven 9-12; 14-18`).
 */
export function parseHours(text: string): HoursResult {
  const all = fold(text).replace(/\.$/, '');
  if (all === '') return { ok: true, schedules: [], note: '' };
  if (appointmentOnly.test(all)) return { ok: true, schedules: [], note: text.trim() };
  if (roundTheClock.test(all)) {
    return {
      ok: true,
      note: '',
      schedules: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opensAt: '00:00', closesAt: '24:00' })),
    };
  }
  const schedules: ScheduleInput[] = [];
  const seen = new Set<string>();
  let previousDays: number[] | null = null;
  let onlyClosed = true;
  for (const raw of all.split(/[;|\n]+/)) {
    const segment = raw.trim().replace(/\.$/, '');
    if (!segment) continue;
    if (closedWords.test(segment)) {
      const days = parseDays(segment.replace(closedWords, ' '));
      if (!days?.length) return { ok: false };
      previousDays = null;
      continue;
    }
    onlyClosed = false;
    const firstDigit = segment.search(/\d/);
    if (firstDigit < 0) return { ok: false };
    const dayPart = segment.slice(0, firstDigit);
    const timePart = segment.slice(firstDigit);
    let days = parseDays(dayPart);
    if (days === null) return { ok: false };
    if (days.length === 0) {
      if (!previousDays) return { ok: false };
      days = previousDays;
    }
    const ranges = parseTimes(timePart);
    if (!ranges) return { ok: false };
    previousDays = days;
    for (const weekday of days) {
      for (const r of ranges) {
        const key = `${weekday} ${r.opens} ${r.closes}`;
        if (seen.has(key)) continue;
        seen.add(key);
        schedules.push({ weekday, opensAt: r.opens, closesAt: r.closes });
      }
    }
  }
  if (onlyClosed) return { ok: true, schedules: [], note: text.trim() };
  if (schedules.length === 0 || schedules.length > 70) return { ok: false };
  schedules.sort(
    (a, b) => (a.weekday ?? 0) - (b.weekday ?? 0) || String(a.opensAt).localeCompare(String(b.opensAt)),
  );
  return { ok: true, schedules, note: '' };
}
