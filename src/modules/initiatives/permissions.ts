import type { PermissionDecl } from '../../kernel/module.ts';

/** The initiatives module's permissions (the manifest declares them; routes resolve them by name). */
export const initiativePermissions: Record<string, PermissionDecl> = {
  'initiatives.manage': {
    description:
      'Create and edit the initiatives of a hub (the city: every initiative), their events (one-off or weekly), and cancel events',
    grants: { operator: 'community_point', city_admin: 'city', platform_admin: 'platform' },
  },
  'events.attendance': {
    description:
      'See who registered for the events of a hub’s initiatives (personal data, audited), register people without an account, take attendance',
    grants: { operator: 'community_point', city_admin: 'city', platform_admin: 'platform' },
  },
};
