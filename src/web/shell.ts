import { createContext, useContext } from 'react';

export interface Shell {
  city: { code: string; name: string; isDemo: boolean };
  languages: string[];
  modules: string[];
  nav: { path: string; labelKey: string; roles?: string[] }[];
  tileUrl: string;
}

export const ShellContext = createContext<Shell | null>(null);

/** The city, navigation and settings of the running platform (from GET /api/v1/shell). */
export function useShell(): Shell | null {
  return useContext(ShellContext);
}
