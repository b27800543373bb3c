import type { WebModule } from '../../../web/module-types.ts';
import { AdminCallsPage } from './AdminPage.tsx';
import en from './i18n/en.json';
import it from './i18n/it.json';
import { MyProposalPage, MyProposalsPage } from './MyPages.tsx';
import { CallPage, IdeasPage } from './PublicPages.tsx';
import { ReviewPage, TablesPage } from './TablePages.tsx';
import './ideas.css';

/** Calls for ideas: the public calls and the proposal form, "Le mie proposte", the tables' review, the city's admin. */
export const ideasWeb: WebModule = {
  name: 'ideas',
  routes: [
    { path: 'proposte', element: <IdeasPage /> },
    { path: 'proposte/bandi/:slug', element: <CallPage /> },
    { path: 'le-mie-proposte', element: <MyProposalsPage /> },
    { path: 'le-mie-proposte/:id', element: <MyProposalPage /> },
    { path: 'tavoli', element: <TablesPage /> },
    { path: 'tavoli/proposte/:id', element: <ReviewPage /> },
    { path: 'admin/bandi', element: <AdminCallsPage /> },
  ],
  messages: { it, en },
};
