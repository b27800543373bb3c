/** Shapes of the help-requests API the console reads (src/modules/help-requests/routes.ts). */

export const categories = [
  'shopping',
  'medicines',
  'company',
  'escort',
  'paperwork',
  'psychological_support',
  'housing',
  'work',
  'food',
  'other',
] as const;
export type Category = (typeof categories)[number];

export const urgencies = ['critical', 'high', 'normal', 'low'] as const;
export type Urgency = (typeof urgencies)[number];

export const statuses = [
  'new',
  'triaged',
  'assigned',
  'in_progress',
  'resolved',
  'closed',
  'withdrawn',
] as const;
export const openStatuses = ['new', 'triaged', 'assigned', 'in_progress'] as const;
export const terminalStatuses = ['resolved', 'closed', 'withdrawn'];

export interface Ref {
  code: string;
  name: string;
}

export interface HubRef {
  id: string;
  slug: string;
  name: string;
}

export interface HelpRequestSummary {
  id: string;
  trackingCode: string;
  category: string;
  urgency: string;
  urgencyConfirmed: boolean;
  status: string;
  neighbourhood: Ref;
  zone: Ref;
  queue: string;
  communityPoint: HubRef | null;
  assignee: { id: string; name: string } | null;
  contactName: string;
  summary: string;
  escalated: boolean;
  slaDueAt: string;
  slaBreached: boolean;
  firstContactAt: string | null;
  createdAt: string;
}

export interface HelpRequestPage {
  items: HelpRequestSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Reason {
  code: string;
  params?: Record<string, string | number>;
}

export interface HistoryEvent {
  at: string;
  kind: string;
  fromStatus: string | null;
  toStatus: string | null;
  reason: string | null;
  actorName: string | null;
  data: Record<string, unknown>;
}

export interface HelpRequestDetail {
  id: string;
  trackingCode: string;
  category: string;
  suggestedCategory: string | null;
  description: string;
  circumstances: Record<string, unknown>;
  urgency: string;
  urgencyConfirmed: boolean;
  urgencyReasons: Reason[];
  status: string;
  outcome: string | null;
  address: string | null;
  lat: number | null;
  lon: number | null;
  neighbourhood: Ref;
  zone: Ref;
  queue: string;
  communityPoint: HubRef | null;
  assignee: { id: string; name: string } | null;
  escalatedAt: string | null;
  contact: { name: string; phone: string | null; email: string | null };
  channel: string;
  firstContactAt: string | null;
  slaDueAt: string;
  slaBreachedAt: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  history: HistoryEvent[];
  notes: { id: string; authorName: string; text: string; createdAt: string }[];
  nextStatuses: string[];
  canManage: boolean;
}

export interface CommunityPoint {
  id: string;
  slug: string;
  name: string;
  active: boolean;
  zone: Ref;
  neighbourhood: Ref;
}

export interface EmergencyMode {
  active: boolean;
  phone: string | null;
  message: string | null;
  categories: string[];
}

export interface Figures {
  from: string;
  to: string;
  total: number | null;
  byNeighbourhood: Record<string, number | null>;
  byZone: Record<string, number | null>;
  byCategory: Record<string, number | null>;
  byStatus: Record<string, number | null>;
  suppressedBelow: number;
}

export interface Territory {
  zones: { code: string; name: string; neighbourhoods: { code: string; name: string }[] }[];
}
