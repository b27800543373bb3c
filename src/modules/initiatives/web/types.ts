/** Shapes of the initiatives API (src/modules/initiatives/routes*.ts). */

export interface Ref {
  code: string;
  name: string;
}

export const programmeParts = [
  'community_points',
  'families',
  'youth',
  'work',
  'poverty',
  'elderly_disability',
  'governance',
] as const;

export const initiativeStatuses = ['planned', 'running', 'completed', 'cancelled'] as const;

export interface InitiativeSummary {
  id: string;
  slug: string;
  title: string;
  description: string;
  neighbourhood: Ref;
  zone: Ref;
  communityPoint: { slug: string; name: string } | null;
  partners: { name: string }[];
  status: string;
  startsOn: string;
  endsOn: string | null;
  programmePart: string;
  proposalId: string | null;
  nextEvent: { id: string; startsAt: string } | null;
}

export interface InitiativeList {
  items: InitiativeSummary[];
  total: number;
}

export interface EventSummary {
  id: string;
  title: string;
  description?: string;
  initiative: { slug: string; title: string };
  place: string;
  lat: number | null;
  lon: number | null;
  neighbourhood: Ref;
  startsAt: string;
  endsAt: string;
  /** Null: open to all, no registration needed. */
  capacity: number | null;
  placesLeft: number | null;
  waiting: number;
  status: string;
}

export interface MyRegistrationRef {
  registrationId: string;
  status: 'registered' | 'waiting' | 'cancelled';
  position?: number | null;
  seats?: number;
}

export interface EventDetail extends EventSummary {
  description?: string;
  /** The signed-in person's registration, when the API tells it with the event. */
  myRegistration?: MyRegistrationRef | null;
}

export interface EventList {
  items: EventSummary[];
}

export interface InitiativeDetail extends InitiativeSummary {
  events?: EventSummary[];
}

export interface MyRegistration extends MyRegistrationRef {
  id?: string;
  event: EventSummary;
}

export interface MyRegistrations {
  items: MyRegistration[];
}

export interface Registrant {
  registrationId: string;
  id?: string;
  name: string;
  phone?: string | null;
  email?: string | null;
  seats?: number;
  status?: string;
  position?: number | null;
  present?: boolean | null;
  attendedAt?: string | null;
}

export interface EventRegistrations {
  registered: Registrant[];
  waiting: Registrant[];
  /** Attendance is taken from 1 hour before the start to 7 days after the end. */
  attendanceOpen?: boolean;
}

export interface RegisterResult {
  registrationId: string;
  status: 'registered' | 'waiting';
  position?: number | null;
}

/** GET /api/v1/initiatives/figures?year= (counts of people under `suppressedBelow` are null). */
export interface InitiativeFigures {
  year: number;
  from: string;
  to: string;
  initiatives: number;
  /** By hub slug ('' for initiatives without a hub). */
  initiativesByCommunityPoint: Record<string, number>;
  initiativesByProgrammePart: Record<string, number>;
  events: number;
  participants: { registrations: number | null; seats: number | null };
  /** By neighbourhood code. */
  participantsByNeighbourhood: Record<string, number | null>;
  suppressedBelow: number;
}

export interface InitiativeInput {
  title: string;
  description: string;
  neighbourhoodCode: string;
  communityPointSlug?: string;
  partners: { name: string }[];
  status: string;
  startsOn: string;
  endsOn?: string;
  programmePart: string;
}

export interface EventInput {
  title: string;
  description: string;
  place: string;
  lat?: number;
  lon?: number;
  neighbourhoodCode?: string;
  startsAt: string;
  endsAt: string;
  capacity?: number | null;
  repeat?: { weekly: number };
}
