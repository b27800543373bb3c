import type { WebModule } from '../../../web/module-types.ts';
import en from './i18n/en.json';
import it from './i18n/it.json';
import { NewThreadPage } from './NewThreadPage.tsx';
import { ThreadPage } from './ThreadPage.tsx';
import { ThreadsPage } from './ThreadsPage.tsx';
import './network.css';

/** The hubs' network: threads between the Punti Comunità and with the city. */
export const networkWeb: WebModule = {
  name: 'network',
  routes: [
    { path: 'rete', element: <ThreadsPage /> },
    { path: 'rete/nuova', element: <NewThreadPage /> },
    { path: 'rete/:id', element: <ThreadPage /> },
  ],
  messages: { it, en },
};
