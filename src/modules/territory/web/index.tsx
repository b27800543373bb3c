import type { WebModule } from '../../../web/module-types.ts';
import { HomePage } from './HomePage.tsx';
import en from './i18n/en.json';
import it from './i18n/it.json';
import { NeighbourhoodPage } from './NeighbourhoodPage.tsx';
import { NeighbourhoodsPage } from './NeighbourhoodsPage.tsx';

export const territoryWeb: WebModule = {
  name: 'territory',
  routes: [
    { index: true, element: <HomePage /> },
    { path: 'quartieri', element: <NeighbourhoodsPage /> },
    { path: 'quartieri/:code', element: <NeighbourhoodPage /> },
  ],
  messages: { it, en },
};
