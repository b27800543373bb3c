import type { WebModule } from '../../../web/module-types.ts';
import './directory.css';
import en from './i18n/en.json';
import it from './i18n/it.json';
import { NeighbourhoodServices } from './NeighbourhoodServices.tsx';
import { OrganizationPage } from './OrganizationPage.tsx';
import { SearchPage } from './SearchPage.tsx';
import { ServicePage } from './ServicePage.tsx';

/** The welfare directory: search the services, a service, an organisation, and each neighbourhood's. */
export const directoryWeb: WebModule = {
  name: 'directory',
  routes: [
    { path: 'servizi', element: <SearchPage /> },
    { path: 'servizi/:id', element: <ServicePage /> },
    { path: 'organizzazioni/:id', element: <OrganizationPage /> },
  ],
  neighbourhoodSections: [{ id: 'directory', order: 20, Component: NeighbourhoodServices }],
  messages: { it, en },
};
