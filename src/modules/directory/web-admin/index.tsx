import type { WebModule } from '../../../web/module-types.ts';
import { DirectoryAdminPage } from './DirectoryAdminPage.tsx';
import en from './i18n/en.json';
import it from './i18n/it.json';

/** The city's pages on the directory: entries to check again, imports. */
export const directoryAdminWeb: WebModule = {
  name: 'directoryAdmin',
  routes: [{ path: 'admin/servizi', element: <DirectoryAdminPage /> }],
  messages: { it, en },
};
