/** Shapes of the volunteers API the pages read (src/modules/volunteers/routes.ts). */

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

/** Languages offered as ticks (ISO 639-1); their names come from Intl.DisplayNames. */
export const languageChoices = [
  'it',
  'en',
  'fr',
  'es',
  'de',
  'ar',
  'ro',
  'uk',
  'ru',
  'sq',
  'zh',
  'pa',
  'ur',
  'hi',
  'bn',
  'wo',
  'pt',
] as const;

export const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;

export interface Ref {
  code: string;
  name: string;
}

export interface HubRef {
  id?: string;
  slug: string;
  name: string;
}

export interface AvailabilitySlot {
  weekday: number;
  start: string;
  end: string;
}

export interface Clearance {
  at: string;
  byName?: string | null;
  note?: string | null;
}

/** A volunteer's profile, as GET /api/v1/volunteers/me and /api/v1/volunteers/{userId} answer. */
export interface VolunteerProfile {
  userId: string;
  displayName?: string;
  email?: string | null;
  status: VolunteerStatus | string;
  statusReason?: string | null;
  phone?: string | null;
  skills: string[];
  languages: string[];
  psychologistRegistration?: string | null;
  neighbourhoodCodes?: string[];
  neighbourhoods?: (Ref & { zone?: Ref })[];
  lat?: number | null;
  lon?: number | null;
  maxDistanceKm?: number | string | null;
  maxTasks: number;
  availability: AvailabilitySlot[];
  communityPoint?: HubRef | null;
  clearance?: Clearance | null;
  clearedAt?: string | null;
  clearanceNote?: string | null;
  clearedByName?: string | null;
  load?: number;
  hoursTotal?: number;
  createdAt?: string;
  decidedAt?: string | null;
}

export interface VolunteerList {
  items: VolunteerProfile[];
  total: number;
}

/** What the sign-up and edit forms send. */
export interface VolunteerBody {
  phone?: string;
  skills: string[];
  languages: string[];
  psychologistRegistration?: string;
  neighbourhoodCodes: string[];
  maxDistanceKm?: number;
  maxTasks: number;
  availability: AvailabilitySlot[];
  communityPointSlug?: string;
}

export interface Reason {
  code: string;
  params?: Record<string, string | number | boolean | null>;
}

export interface Candidate {
  volunteerId: string;
  displayName: string;
  distanceKm: number | null;
  score: number;
  load: number;
  maxTasks: number;
  reasons: Reason[];
}

export interface Matches {
  requestId?: string;
  skills?: string[];
  needsClearance?: boolean;
  withoutClearance?: number;
  candidates: Candidate[];
}

/** A task as its volunteer sees it: only what the task needs. */
export interface VolunteerTask {
  id: string;
  status: 'offered' | 'accepted' | 'declined' | 'done' | 'cancelled' | string;
  brief: string;
  category?: string | null;
  neighbourhood?: Ref | null;
  communityPoint?: HubRef | null;
  trackingCode?: string | null;
  contact?: { name?: string | null; phone?: string | null } | null;
  address?: string | null;
  offeredAt: string;
  respondedAt?: string | null;
  doneAt?: string | null;
  doneNote?: string | null;
  declineReason?: string | null;
  hours?: number | string | null;
}

export interface MyTasks {
  items: VolunteerTask[];
  hoursTotal?: number;
}

export interface BatchPair {
  requestId: string;
  volunteerId: string;
  distanceKm: number;
  requestSummary: string;
  volunteerName: string;
}

export interface Batch {
  batchId: string;
  status?: string;
  zoneCode?: string;
  strategy?: string;
  pairs: BatchPair[];
  unmatched: (string | { requestId: string; requestSummary?: string })[];
  stats: Record<string, unknown>;
  applied?: BatchApplied | null;
}

export interface BatchApplied {
  created: { taskId: string; requestId: string; volunteerId: string }[];
  skipped: { requestId: string; reason: string }[];
}

export interface Territory {
  zones: { code: string; name: string; neighbourhoods: { code: string; name: string }[] }[];
}

export interface CommunityPoint {
  id: string;
  slug: string;
  name: string;
  active: boolean;
  zone: Ref;
  neighbourhood: Ref;
}
