import type { Catalog, WebModule } from '../../../web/module-types.ts';
import { consoleMessages, consoleRoutes } from './console/index.tsx';
import en from './i18n/en.json';
import it from './i18n/it.json';
import './public/help.css';
import { EmergencyBanner } from './public/EmergencyBanner.tsx';
import { HelpFormPage } from './public/HelpFormPage.tsx';
import { MyRequestsPage } from './public/MyRequestsPage.tsx';
import { TrackPage } from './public/TrackPage.tsx';
import { TrackStatusPage } from './public/TrackStatusPage.tsx';

/** Both catalogs in one, nested keys merged (the console's texts beside the public pages'). */
function merge(a: Catalog, b: Catalog): Catalog {
  const out: Catalog = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const here = out[k];
    out[k] = typeof v === 'object' && typeof here === 'object' ? merge(here, v) : v;
  }
  return out;
}

/**
 * Help requests: ask for help, follow a request by its code, a citizen's own requests, the
 * emergency banner of the home page; and the operators' console (./console).
 */
export const helpRequestsWeb: WebModule = {
  name: 'help-requests',
  routes: [
    { path: 'chiedi-aiuto', element: <HelpFormPage /> },
    { path: 'segui', element: <TrackPage /> },
    { path: 'segui/:code', element: <TrackStatusPage /> },
    { path: 'le-mie-richieste', element: <MyRequestsPage /> },
    ...consoleRoutes,
  ],
  homeSections: [{ id: 'emergency', order: 0, Component: EmergencyBanner }],
  messages: { it: merge(it, consoleMessages.it), en: merge(en, consoleMessages.en) },
};
