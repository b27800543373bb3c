import { useCallback, useEffect, useState } from 'react';
import { i18n } from './i18n/index.ts';

/** An RFC 9457 problem, as every API error is. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code?: string;
  requestId?: string;
  errors?: { field: string; message: string }[];
}

export class ApiError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }
  get status(): number {
    return this.problem.status;
  }
}

function csrfToken(): string | undefined {
  return document.cookie
    .split('; ')
    .find((c) => c.startsWith('noi_csrf='))
    ?.slice('noi_csrf='.length);
}

async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const h: Record<string, string> = {
    accept: 'application/json',
    'accept-language': i18n.language,
    ...headers,
  };
  const raw = body instanceof Blob;
  if (body !== undefined && !raw) h['content-type'] = 'application/json';
  if (method !== 'GET') {
    const token = csrfToken();
    if (token) h['x-csrf-token'] = decodeURIComponent(token);
  }
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: h,
      credentials: 'same-origin',
      body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError({
      type: 'network',
      title: i18n.t('error.network.title'),
      status: 0,
      detail: i18n.t('error.network.detail'),
    });
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const data = text ? JSON.parse(text) : undefined;
  if (!res.ok) {
    throw new ApiError(
      data?.type
        ? (data as Problem)
        : { type: 'unknown', title: res.statusText, status: res.status, detail: res.statusText },
    );
  }
  return data as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
    request<T>('POST', path, body, headers),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** Sends a file as the raw body (its type in `content-type`), e.g. an import. */
  upload: <T>(path: string, file: Blob, contentType: string, headers: Record<string, string> = {}) =>
    request<T>('POST', path, file, { 'content-type': contentType, ...headers }),
};

export type Loadable<T> =
  | { state: 'loading'; reload: () => void }
  | { state: 'error'; error: ApiError; reload: () => void }
  | { state: 'ready'; data: T; reload: () => void };

/** Loads `path` (again when it or the language changes). */
export function useApi<T>(path: string | null): Loadable<T> {
  const [result, setResult] = useState<
    { state: 'loading' } | { state: 'error'; error: ApiError } | { state: 'ready'; data: T }
  >({
    state: 'loading',
  });
  const [attempt, setAttempt] = useState(0);
  const [lang, setLang] = useState(i18n.language);
  useEffect(() => {
    const onChange = (l: string) => setLang(l);
    i18n.on('languageChanged', onChange);
    return () => i18n.off('languageChanged', onChange);
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt and lang trigger a reload on purpose
  useEffect(() => {
    if (path === null) return;
    let live = true;
    setResult({ state: 'loading' });
    api.get<T>(path).then(
      (data) => live && setResult({ state: 'ready', data }),
      (error: unknown) =>
        live &&
        setResult({
          state: 'error',
          error:
            error instanceof ApiError
              ? error
              : new ApiError({ type: 'unknown', title: 'Error', status: 500, detail: String(error) }),
        }),
    );
    return () => {
      live = false;
    };
  }, [path, attempt, lang]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...result, reload } as Loadable<T>;
}
