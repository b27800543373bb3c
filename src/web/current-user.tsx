import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError, api } from './api.ts';

/** A role given within a scope (the same shape as the API's RoleAssignment). */
export interface RoleAssignment {
  role: string;
  scope: { kind: string; ref: string | null };
}

/** The signed-in person, as GET /api/v1/me answers. */
export interface CurrentUser {
  id: string;
  email: string;
  displayName: string;
  fiscalCode: string | null;
  emailVerified: boolean;
  city: string;
  roles: string[];
  assignments: RoleAssignment[];
}

export interface CurrentUserState {
  /** `loading` until GET /api/v1/me has answered once. */
  status: 'loading' | 'ready';
  /** Null when signed out. */
  user: CurrentUser | null;
  /** After signing in, changing the name, or when the API says the session is gone (null). */
  setUser(user: CurrentUser | null): void;
  /** Asks GET /api/v1/me again. */
  refresh(): Promise<void>;
  /** Ends this session, or every session of the person; the user is null afterwards. */
  signOut(everywhere?: boolean): Promise<void>;
  /** How the person last signed out in this tab, until someone signs in again. */
  signedOut: 'here' | 'everywhere' | null;
}

const CurrentUserContext = createContext<CurrentUserState>({
  status: 'loading',
  user: null,
  setUser: () => {},
  refresh: async () => {},
  signOut: async () => {},
  signedOut: null,
});

async function fetchMe(): Promise<CurrentUser | null> {
  try {
    return await api.get<CurrentUser>('/api/v1/me');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/** Loads the signed-in person once (a 401 means signed out) and shares it with every page. */
export function CurrentUserProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<'loading' | 'ready'>('loading');
  const [user, setUserState] = useState<CurrentUser | null>(null);
  const [signedOut, setSignedOut] = useState<'here' | 'everywhere' | null>(null);
  const refresh = useCallback(async () => {
    try {
      setUserState(await fetchMe());
    } catch {
      // The service cannot be reached: keep what we knew; pages show their own errors.
    } finally {
      setStatus('ready');
    }
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const setUser = useCallback((next: CurrentUser | null) => {
    setUserState(next);
    if (next) setSignedOut(null);
    setStatus('ready');
  }, []);
  const signOut = useCallback(async (everywhere = false) => {
    try {
      await api.post(everywhere ? '/api/v1/auth/logout-everywhere' : '/api/v1/auth/logout');
    } catch (error) {
      // A session that had already ended is as good as signed out.
      if (!(error instanceof ApiError && error.status === 401)) throw error;
    }
    setUserState(null);
    setSignedOut(everywhere ? 'everywhere' : 'here');
    setStatus('ready');
  }, []);
  const value = useMemo(
    () => ({ status, user, setUser, refresh, signOut, signedOut }),
    [status, user, setUser, refresh, signOut, signedOut],
  );
  return <CurrentUserContext.Provider value={value}>{children}</CurrentUserContext.Provider>;
}

/** The signed-in person (or null), and the ways to change that. */
export function useCurrentUser(): CurrentUserState {
  return useContext(CurrentUserContext);
}

/** Only same-site paths ("/something", never "//host" or "/\host") are followed after signing in. */
export function safeNextPath(next: string | null | undefined, fallback = '/profilo'): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  if (
    next.length > 500 ||
    [...next].some((c) => c === '\\' || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)
  )
    return fallback;
  return next;
}

/** The sign-in page, asked to come back to `path` afterwards. */
export function signInPath(path: string): string {
  return `/accedi?next=${encodeURIComponent(path)}`;
}
