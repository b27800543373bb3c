import type { WebModule } from '../../../web/module-types.ts';
import { DirectoryAdminPage } from './DirectoryAdminPage.tsx';
import './directory-edit.css';
import en from './i18n/en.json';
import it from './i18n/it.json';
import { MyEntriesPage } from './MyEntriesPage.tsx';
import { OrganizationEditPage } from './OrganizationEditPage.tsx';
import { ServiceEditPage } from './ServiceEditPage.tsx';

/**
 * The city's pages on the directory (entries to check again, imports), and the edit pages of
 * services and organisations, for their organisations' admins and the city.
 */
export const directoryAdminWeb: WebModule = {
  name: 'directoryAdmin',
  routes: [
    { path: 'admin/servizi', element: <DirectoryAdminPage /> },
    { path: 'le-mie-schede', element: <MyEntriesPage /> },
    { path: 'servizi/:id/modifica', element: <ServiceEditPage /> },
    { path: 'organizzazioni/:id/modifica', element: <OrganizationEditPage /> },
  ],
  messages: { it, en },
};
