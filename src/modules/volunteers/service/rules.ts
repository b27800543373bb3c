/**
 * The rules of the volunteers module that are plain data: skills, which skills a help category
 * needs, when a request needs a cleared volunteer, availability slots, the status machine.
 * Pure functions (no database), tested on their own.
 */

export const skills = [
  'shopping',
  'medicines',
  'escort',
  'company',
  'paperwork',
  'digital',
  'driving',
  'languages',
  'psychologist',
] as const;
export type Skill = (typeof skills)[number];

export const volunteerStatuses = ['applied', 'active', 'paused', 'left'] as const;
export type VolunteerStatus = (typeof volunteerStatuses)[number];

/** Where a volunteer may go from each status (staff decide; `applied` is only where one starts). */
export const nextVolunteerStatuses: Record<VolunteerStatus, VolunteerStatus[]> = {
  applied: ['active', 'left'],
  active: ['paused', 'left'],
  paused: ['active', 'left'],
  left: ['active'],
};

/** The skills a request of a help category needs (all of them); none: anyone can help. */
export const categorySkills: Record<string, Skill[]> = {
  shopping: ['shopping'],
  food: ['shopping'],
  medicines: ['medicines'],
  company: ['company'],
  escort: ['escort'],
  paperwork: ['paperwork'],
  housing: ['paperwork'],
  work: ['digital'],
  psychological_support: ['psychologist'],
  other: [],
};

/** Categories where the volunteer spends time alone with the person (not a doorstep delivery). */
export const closeContactCategories = ['company', 'escort', 'psychological_support'];

export interface Circumstances {
  livesAlone?: boolean;
  age?: number;
  healthIssue?: boolean;
  noFood?: boolean;
  minorsInvolved?: boolean;
}

/**
 * Whether a request needs a volunteer cleared to work with minors or vulnerable adults:
 * - always when minors are involved;
 * - for a vulnerable adult (aged 75 or more, with a health issue, or living alone) when the task
 *   means time alone with them: company, escort, psychological support.
 * Doorstep tasks for adults (shopping, medicines, paperwork…) need no clearance.
 */
export function needsClearance(category: string, c: Circumstances = {}): boolean {
  if (c.minorsInvolved) return true;
  const vulnerable = (c.age ?? 0) >= 75 || c.healthIssue === true || c.livesAlone === true;
  return vulnerable && closeContactCategories.includes(category);
}

export interface Slot {
  weekday: number;
  start: string;
  end: string;
}

export interface MinuteSlot {
  weekday: number;
  startMinute: number;
  endMinute: number;
}

/** `HH:MM` → minutes from midnight (`24:00` is 1440). */
export function toMinute(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

export const toHhmm = (minute: number): string =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/**
 * The slots as minutes, or the index of each slot that overlaps another of the same day (or ends
 * before it starts). Touching slots (9–12 and 12–15) do not overlap.
 */
export function checkSlots(slots: readonly Slot[]): { slots: MinuteSlot[]; bad: number[] } {
  const out = slots.map((s) => ({
    weekday: s.weekday,
    startMinute: toMinute(s.start),
    endMinute: toMinute(s.end),
  }));
  const bad = new Set<number>();
  out.forEach((a, i) => {
    if (a.startMinute >= a.endMinute) bad.add(i);
    out.forEach((b, j) => {
      if (j > i && a.weekday === b.weekday && a.startMinute < b.endMinute && b.startMinute < a.endMinute) {
        bad.add(i);
        bad.add(j);
      }
    });
  });
  return { slots: out, bad: [...bad].sort((x, y) => x - y) };
}

/** Weekday (1 = Monday … 7 = Sunday) and minute of the day of a moment, in a time zone. */
export function localWeekMinute(at: Date, timeZone = 'Europe/Rome'): { weekday: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday')) + 1;
  return { weekday, minute: Number(get('hour')) * 60 + Number(get('minute')) };
}

/** Whether one of the slots covers the moment (Europe/Rome time). */
export function availableAt(slots: readonly MinuteSlot[], at: Date, timeZone = 'Europe/Rome'): boolean {
  const { weekday, minute } = localWeekMinute(at, timeZone);
  return slots.some((s) => s.weekday === weekday && s.startMinute <= minute && minute < s.endMinute);
}
