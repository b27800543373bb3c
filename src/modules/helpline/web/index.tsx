import type { WebModule } from '../../../web/module-types.ts';
import './helpline.css';
import { HelplinePage } from './HelplinePage.tsx';
import en from './i18n/en.json';
import it from './i18n/it.json';
import { RotaPage } from './RotaPage.tsx';

/** The helpline: the psychologists' desk (on now, my calls, the queue, notes) and the supervisor's rota. */
export const helplineWeb: WebModule = {
  name: 'helpline',
  routes: [
    { path: 'helpline', element: <HelplinePage /> },
    { path: 'helpline/turni', element: <RotaPage /> },
  ],
  messages: { it, en },
};
