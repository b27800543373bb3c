import type { RouteObject } from 'react-router';
import type { Catalog } from '../../../../web/module-types.ts';
import './console.css';
import { EmergencyPage } from './EmergencyPage.tsx';
import { InboxPage } from './InboxPage.tsx';
import en from './i18n/en.json';
import it from './i18n/it.json';
import { RequestPage } from './RequestPage.tsx';

/**
 * The desk of the Punti Comunità and of the social workers (inbox and request page), and the
 * city's page on emergency mode and the figures. Children of the layout route.
 */
export const consoleRoutes: RouteObject[] = [
  { path: 'sportello', element: <InboxPage /> },
  { path: 'sportello/richieste/:id', element: <RequestPage /> },
  { path: 'admin/emergenza', element: <EmergencyPage /> },
];

/** Texts under `helpConsole` (and `nav.emergency`), Italian and English. */
export const consoleMessages: { it: Catalog; en: Catalog } = { it, en };
