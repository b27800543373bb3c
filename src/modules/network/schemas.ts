import { z } from 'zod';

/** Longest message, in characters (about two pages of text). */
export const maxMessageLength = 4000;
export const maxSubjectLength = 150;

/**
 * Plain text people type: line ends made `\n`, control characters (all but tab and new line) and
 * bidirectional overrides removed, trimmed. Messages are rendered as text, never as HTML.
 */
export function cleanText(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    .replace(/[^\P{Cc}\t\n]/gu, '')
    .replace(/[\u202A-\u202E\u2066-\u2069\u200E\u200F]/g, '')
    .trim();
}

const plain = (max: number) =>
  z
    .string()
    .max(max * 2)
    .transform(cleanText)
    .pipe(z.string().min(1).max(max));

const slug = z
  .string()
  .trim()
  .regex(/^[a-z0-9-]{1,80}$/, 'the slug of a Punto Comunità');

export const ThreadInput = z
  .object({
    kind: z.enum(['announcement', 'conversation']),
    subject: plain(maxSubjectLength).pipe(z.string().regex(/^[^\n]*$/, 'one line')),
    body: plain(maxMessageLength),
    /** The other hubs of a conversation (an announcement goes to every active hub). */
    hubs: z.array(slug).max(100).optional(),
    /** The hub the operator writes for (needed only when they work for more than one). */
    from: slug.optional(),
  })
  .strict();
export type ThreadInput = z.infer<typeof ThreadInput>;

export const MessageInput = z.object({ body: plain(maxMessageLength), from: slug.optional() }).strict();
export type MessageInput = z.infer<typeof MessageInput>;

export const ReadInput = z.object({ from: slug.optional() }).strict();

const Hub = z.object({
  slug: z.string(),
  name: z.string(),
  zone: z.object({ code: z.string(), name: z.string() }),
});

export const Message = z.object({
  id: z.number(),
  authorName: z.string(),
  /** The hub the author wrote for; null: the city. */
  hub: z.object({ slug: z.string(), name: z.string() }).nullable(),
  body: z.string(),
  createdAt: z.string(),
  /** Written by the caller's side (their hub, or the city). */
  mine: z.boolean(),
});

export const ThreadSummary = z.object({
  id: z.uuid(),
  kind: z.enum(['announcement', 'conversation']),
  subject: z.string(),
  createdAt: z.string(),
  lastMessageAt: z.string(),
  messageCount: z.number(),
  hubCount: z.number(),
  /** Hubs taking part (for an announcement: every hub it went to). */
  hubs: z.array(z.object({ slug: z.string(), name: z.string() })),
  /** Started by the city (an announcement, or a conversation the city opened). */
  byCity: z.boolean(),
  /** Messages of others the caller's hub has not read; null for the city (it keeps no read mark). */
  unread: z.number().nullable(),
  last: z.object({ authorName: z.string(), hubName: z.string().nullable() }).nullable(),
});

export const ThreadList = z.object({
  items: z.array(ThreadSummary),
  total: z.number(),
  unreadTotal: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

export const ThreadDetail = ThreadSummary.extend({
  participants: z.array(Hub),
  messages: z.array(Message),
  /** Whom the caller may write as in this thread: their hubs taking part, and/or the city. */
  writeAs: z.array(z.object({ slug: z.string().nullable(), name: z.string() })),
});
