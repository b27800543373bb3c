/** What the helpline's API answers (see src/modules/helpline/routes.ts). */
export interface Person {
  id: string;
  name: string;
}

export interface Stretch {
  weekday: number;
  start: string;
  end: string;
}

export interface Shift extends Stretch {
  id: string;
  psychologist: Person;
}

export interface Rota {
  days: { weekday: number; shifts: Shift[] }[];
  openingHours: Stretch[];
  minPsychologists: number;
  psychologists: Person[];
}

export interface Coverage {
  at: string;
  weekday: number;
  time: string;
  open: boolean;
  onNow: { psychologist: Person; until: string }[];
  minPsychologists: number;
  openingHours: Stretch[];
  gaps: Stretch[];
  understaffed: (Stretch & { count: number })[];
}

export interface Call {
  id: string;
  trackingCode: string;
  firstName: string;
  phone: string | null;
  lang: string;
  urgency: string;
  description: string;
  waitingSince: string;
  waitingMinutes: number;
  status: 'waiting' | 'assigned' | 'called' | 'closed';
  psychologist: Person | null;
  assignedAt: string | null;
  attempts: number;
  lastAttemptAt: string | null;
  closedAt: string | null;
}

export interface Queue {
  role: 'psychologist' | 'supervisor';
  onShift: boolean | null;
  waiting: Call[];
  active: Call[];
}

export interface Note {
  id: string;
  author: Person;
  text: string;
  createdAt: string;
}

export const outcomes = ['talked', 'referred', 'emergency', 'unreachable', 'declined'] as const;
export const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;
