/** Shapes of the help-requests API (src/modules/help-requests/routes.ts) that the public pages use. */

export const helpCategories = [
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
export type HelpCategory = (typeof helpCategories)[number];

export type Queue = 'community_point' | 'zone_office' | 'helpline';

export interface Reason {
  code: string;
  params?: Record<string, string | number>;
}

export interface Suggestion {
  categories: { category: HelpCategory; score: number; reasons: Reason[] }[];
  urgency: { urgency: string; reasons: Reason[] };
}

export interface HelpRequestBody {
  category: HelpCategory;
  description: string;
  lat?: number;
  lon?: number;
  address?: string;
  neighbourhoodCode?: string;
  contact: { name: string; phone?: string; email?: string };
  consent: true;
  circumstances?: {
    livesAlone?: boolean;
    age?: number;
    healthIssue?: boolean;
    noFood?: boolean;
    minorsInvolved?: boolean;
  };
  onBehalfOf?: { channel: 'phone' | 'desk' };
}

export interface Created {
  id: string;
  trackingCode: string;
  status: string;
  urgency: string;
  neighbourhood: { code: string; name: string };
  zone: { code: string; name: string };
  queue: Queue;
  communityPoint: { id: string; name: string; neighbourhoodCodes: string[] } | null;
}

export interface Tracking {
  trackingCode: string;
  category: string;
  status: string;
  queue: string;
  communityPoint: { name: string; phone: string | null } | null;
  createdAt: string;
  updatedAt: string;
  firstContactAt: string | null;
  closedAt: string | null;
  steps: { status: string; at: string }[];
}

export interface MyRequests {
  items: {
    id: string;
    trackingCode: string;
    category: string;
    status: string;
    communityPoint: { id: string; slug: string; name: string } | null;
    queue: string;
    createdAt: string;
  }[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Emergency {
  active: boolean;
  phone: string | null;
  message: string | null;
  categories: HelpCategory[];
}

/** `abcd efgh`, `ABCD-EFGH` → `ABCD-EFGH`; null when it cannot be a tracking code. */
export function normaliseCode(raw: string): string | null {
  const code = raw.toUpperCase().replace(/[\s-]/g, '');
  return /^[A-HJ-NP-Z2-9]{8}$/.test(code) ? `${code.slice(0, 4)}-${code.slice(4)}` : null;
}
