import { useMemo, useRef } from 'react';
import { type Loadable, useApi } from '../../../web/api.ts';
import type { Territory } from './types.ts';

/** Names of the city's zones and neighbourhoods by code (the code itself until they load). */
export function useTerritoryNames() {
  const territory = useApi<Territory>('/api/v1/territory');
  return useMemo(() => {
    const zones = territory.state === 'ready' ? territory.data.zones : [];
    const nb = new Map<string, string>();
    const zn = new Map<string, string>();
    for (const z of zones) {
      zn.set(z.code, z.name);
      for (const n of z.neighbourhoods) nb.set(n.code, n.name);
    }
    return {
      zones,
      neighbourhood: (code: string) => nb.get(code) ?? code,
      zone: (code: string) => zn.get(code) ?? code,
    };
  }, [territory]);
}

/**
 * Like useApi, but what was loaded stays shown while it loads again (after an action), so the
 * page does not blink and the focus stays where it is.
 */
export function useKeptApi<T>(path: string | null): Loadable<T> {
  const loaded = useApi<T>(path);
  const kept = useRef<{ path: string | null; data: T } | null>(null);
  if (loaded.state === 'ready') kept.current = { path, data: loaded.data };
  if (loaded.state === 'loading' && kept.current && kept.current.path === path)
    return { state: 'ready', data: kept.current.data, reload: loaded.reload };
  return loaded;
}
