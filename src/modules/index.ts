import type { ModuleManifest } from '../kernel/module.ts';
import { communityPointsModule } from './community-points/module.ts';
import { directoryModule } from './directory/module.ts';
import { helpRequestsModule } from './help-requests/module.ts';
import { helplineModule } from './helpline/module.ts';
import { ideasModule } from './ideas/module.ts';
import { identityModule } from './identity/module.ts';
import { initiativesModule } from './initiatives/module.ts';
import { networkModule } from './network/module.ts';
import { territoryModule } from './territory/module.ts';
import { volunteersModule } from './volunteers/module.ts';

/** Every module of the platform, in dependency order. The server and the web shell are built from it. */
export const modules: ModuleManifest[] = [
  identityModule,
  territoryModule,
  directoryModule,
  communityPointsModule,
  helpRequestsModule,
  volunteersModule,
  helplineModule,
  initiativesModule,
  networkModule,
  ideasModule,
];
