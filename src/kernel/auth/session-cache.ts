import pg from 'pg';
import type { AuthUser } from './types.ts';

export interface CachedSession {
  user: AuthUser;
  csrfToken: string;
  /** Absolute expiry (ms since epoch). */
  expiresAt: number;
  /** Last activity known to the database (ms); refreshed there at most once a minute. */
  lastSeenAt: number;
  /** When this entry was read from the database (ms). */
  loadedAt: number;
}

/**
 * Sessions already checked against PostgreSQL, kept in memory so that a signed-in request costs no
 * extra query. Correctness does not rest on the time-to-live: every change that can end a session or
 * change its user (sign-out, deactivation, roles, name, password, expiry) fires a trigger that
 * NOTIFYs `noi_sessions` with '<city_id>:<user_id>' (migration 0004), and every server LISTENs and
 * drops that user's entries; the server that made the change drops them at once, before answering.
 * While the LISTEN connection is down, nothing is served from the cache.
 * See docs/decisions/0006-session-cache.md.
 */
export class SessionCache {
  private readonly entries = new Map<string, CachedSession>();
  /** '<city_id>:<user_id>' → keys of that user's cached sessions. */
  private readonly byUser = new Map<string, Set<string>>();
  private listener: pg.Client | undefined;
  private listening = false;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly options: {
      /** How long an entry may be used without news from the database; 0 turns the cache off. */
      ttlMs: number;
      maxEntries?: number;
      log?: (message: string) => void;
    },
  ) {}

  get enabled(): boolean {
    return this.options.ttlMs > 0 && this.listening;
  }

  /** Starts listening for changes on a connection of its own (not one of the pool's). */
  async listen(connection: pg.ClientConfig): Promise<void> {
    if (this.options.ttlMs <= 0 || this.closed) return;
    const client = new pg.Client({ ...connection, application_name: 'cittadelnoi-sessions' });
    const lost = () => {
      if (this.listener !== client) return;
      this.listening = false;
      this.listener = undefined;
      this.clear();
      client.end().catch(() => {});
      if (!this.closed) {
        this.options.log?.(
          'session cache: lost the LISTEN connection, retrying in 1 s (cache off meanwhile)',
        );
        this.retry = setTimeout(() => void this.listen(connection).catch(() => lost()), 1000);
        this.retry.unref();
      }
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (msg) => {
      if (msg.channel === 'noi_sessions' && msg.payload) this.evictKey(msg.payload);
    });
    this.listener = client;
    try {
      await client.connect();
      await client.query('LISTEN noi_sessions');
      this.listening = true;
    } catch (error) {
      lost();
      throw error;
    }
  }

  get(key: string, now = Date.now()): CachedSession | undefined {
    if (!this.enabled) return undefined;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (now - entry.loadedAt > this.options.ttlMs || now >= entry.expiresAt) {
      this.delete(key);
      return undefined;
    }
    return entry;
  }

  set(key: string, entry: CachedSession): void {
    if (!this.enabled) return;
    const max = this.options.maxEntries ?? 50_000;
    if (this.entries.size >= max) {
      // Oldest first: Map keeps insertion order.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.delete(oldest);
    }
    this.delete(key);
    this.entries.set(key, entry);
    const userKey = `${entry.user.cityId}:${entry.user.id}`;
    const keys = this.byUser.get(userKey) ?? new Set<string>();
    keys.add(key);
    this.byUser.set(userKey, keys);
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    const userKey = `${entry.user.cityId}:${entry.user.id}`;
    const keys = this.byUser.get(userKey);
    keys?.delete(key);
    if (keys?.size === 0) this.byUser.delete(userKey);
  }

  /** Drops every cached session of a user (of one city). */
  evictUser(cityId: number, userId: string): void {
    this.evictKey(`${cityId}:${userId}`);
  }

  private evictKey(userKey: string): void {
    for (const key of [...(this.byUser.get(userKey) ?? [])]) this.delete(key);
  }

  private clear(): void {
    this.entries.clear();
    this.byUser.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    this.listening = false;
    this.clear();
    const client = this.listener;
    this.listener = undefined;
    await client?.end().catch(() => {});
  }
}
