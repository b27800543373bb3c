import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';

export type Catalog = { [key: string]: string | Catalog };

/** A module's part of the web app: its pages, its sections of the neighbourhood page, its texts. */
export interface WebModule {
  name: string;
  /** Children of the layout route. */
  routes: RouteObject[];
  /** Sections shown on each neighbourhood's page, in `order`. */
  neighbourhoodSections?: { id: string; order: number; Component: ComponentType<{ code: string }> }[];
  /** Sections at the top of the home page, in `order` (each renders nothing when it has nothing to say). */
  homeSections?: { id: string; order: number; Component: ComponentType }[];
  /** i18next catalogs, namespaced by the module's name. */
  messages: { it: Catalog; en: Catalog };
}
