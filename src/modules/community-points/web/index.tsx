import type { WebModule } from '../../../web/module-types.ts';
import { CommunityPointEditPage } from './admin/CommunityPointEditPage.tsx';
import { CommunityPointsAdminPage } from './admin/CommunityPointsAdminPage.tsx';
import './community-points.css';
import { CommunityPointPage } from './CommunityPointPage.tsx';
import { CommunityPointsPage } from './CommunityPointsPage.tsx';
import en from './i18n/en.json';
import it from './i18n/it.json';
import { NeighbourhoodCommunityPoint } from './NeighbourhoodCommunityPoint.tsx';

/** The Punti Comunità: the list on a map, each hub's page, each neighbourhood's hub, and the city's register. */
export const communityPointsWeb: WebModule = {
  name: 'community-points',
  routes: [
    { path: 'punti-comunita', element: <CommunityPointsPage /> },
    { path: 'punti-comunita/:slug', element: <CommunityPointPage /> },
    { path: 'admin/punti-comunita', element: <CommunityPointsAdminPage /> },
    { path: 'admin/punti-comunita/nuovo', element: <CommunityPointEditPage mode="new" /> },
    { path: 'admin/punti-comunita/:slug/modifica', element: <CommunityPointEditPage mode="edit" /> },
  ],
  neighbourhoodSections: [{ id: 'community-points', order: 10, Component: NeighbourhoodCommunityPoint }],
  messages: { it, en },
};
