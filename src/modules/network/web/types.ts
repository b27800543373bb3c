/** Shapes of the network API (src/modules/network/schemas.ts). */

export interface HubRef {
  slug: string;
  name: string;
}

export interface NetworkMessage {
  id: number;
  authorName: string;
  /** The hub the author wrote for; null: the city. */
  hub: HubRef | null;
  body: string;
  createdAt: string;
  mine: boolean;
}

export interface ThreadSummary {
  id: string;
  kind: 'announcement' | 'conversation';
  subject: string;
  createdAt: string;
  lastMessageAt: string;
  messageCount: number;
  hubCount: number;
  hubs: HubRef[];
  byCity: boolean;
  /** Null for the city (it keeps no read mark). */
  unread: number | null;
  last: { authorName: string; hubName: string | null } | null;
}

export interface ThreadList {
  items: ThreadSummary[];
  total: number;
  unreadTotal: number;
  page: number;
  pageSize: number;
}

export interface ThreadDetail extends ThreadSummary {
  participants: (HubRef & { zone: { code: string; name: string } })[];
  messages: NetworkMessage[];
  writeAs: { slug: string | null; name: string }[];
}

/** The hubs' list (GET /api/v1/community-points), as much of it as the picker needs. */
export interface HubList {
  items: { slug: string; name: string; zone: { code: string; name: string }; active: boolean }[];
}

export const maxMessageLength = 4000;
export const maxSubjectLength = 150;
