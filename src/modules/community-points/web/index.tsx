import type { WebModule } from '../../../web/module-types.ts';
import './community-points.css';
import { CommunityPointPage } from './CommunityPointPage.tsx';
import { CommunityPointsPage } from './CommunityPointsPage.tsx';
import en from './i18n/en.json';
import it from './i18n/it.json';
import { NeighbourhoodCommunityPoint } from './NeighbourhoodCommunityPoint.tsx';

/** The Punti Comunità: the list on a map, each hub's page, and each neighbourhood's hub. */
export const communityPointsWeb: WebModule = {
  name: 'community-points',
  routes: [
    { path: 'punti-comunita', element: <CommunityPointsPage /> },
    { path: 'punti-comunita/:slug', element: <CommunityPointPage /> },
  ],
  neighbourhoodSections: [{ id: 'community-points', order: 10, Component: NeighbourhoodCommunityPoint }],
  messages: { it, en },
};
