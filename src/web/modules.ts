import { communityPointsWeb } from '../modules/community-points/web/index.tsx';
import { directoryWeb } from '../modules/directory/web/index.tsx';
import { directoryAdminWeb } from '../modules/directory/web-admin/index.tsx';
import { helpRequestsWeb } from '../modules/help-requests/web/index.tsx';
import { helplineWeb } from '../modules/helpline/web/index.tsx';
import { ideasWeb } from '../modules/ideas/web/index.tsx';
import { identityWeb } from '../modules/identity/web/index.tsx';
import { initiativesWeb } from '../modules/initiatives/web/index.tsx';
import { networkWeb } from '../modules/network/web/index.tsx';
import { territoryWeb } from '../modules/territory/web/index.tsx';
import { volunteersWeb } from '../modules/volunteers/web/index.tsx';
import type { WebModule } from './module-types.ts';

/** The web side of every module (the server side is listed in src/modules/index.ts). */
export const webModules: WebModule[] = [
  territoryWeb,
  identityWeb,
  directoryWeb,
  directoryAdminWeb,
  communityPointsWeb,
  helpRequestsWeb,
  volunteersWeb,
  helplineWeb,
  initiativesWeb,
  networkWeb,
  ideasWeb,
];

export const neighbourhoodSections = webModules
  .flatMap((m) => m.neighbourhoodSections ?? [])
  .sort((a, b) => a.order - b.order);

export const homeSections = webModules.flatMap((m) => m.homeSections ?? []).sort((a, b) => a.order - b.order);
