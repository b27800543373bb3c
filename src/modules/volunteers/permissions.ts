import type { PermissionDecl } from '../../kernel/module.ts';

/** The volunteers module's permissions (the manifest declares them; routes resolve them by name). */
export const volunteerPermissions: Record<string, PermissionDecl> = {
  'volunteers.self': {
    description: 'Apply as a volunteer, keep one’s profile, see and answer one’s own tasks',
    grants: { citizen: 'own', volunteer: 'own' },
  },
  'volunteers.manage': {
    description:
      'See the volunteers of a hub (or who serve its neighbourhoods) and the city’s, accept, pause or end them, record their clearance',
    grants: { operator: 'community_point', city_admin: 'city', platform_admin: 'platform' },
  },
  'volunteers.match': {
    description:
      'Find volunteers for a help request, offer it to them, and run "assign all" for a zone’s open requests',
    grants: {
      operator: 'community_point',
      social_worker: 'zone',
      city_admin: 'city',
      platform_admin: 'platform',
    },
  },
};
