import type { PermissionDecl, Role, ScopeKind } from '../../kernel/module.ts';

/** Every signed-in role reaches its own records; the city reaches all. */
const everyoneOwn: Partial<Record<Role, ScopeKind>> = {
  citizen: 'own',
  volunteer: 'own',
  operator: 'own',
  social_worker: 'own',
  org_admin: 'own',
  educator: 'own',
  tutor: 'own',
  merchant: 'own',
  council_member: 'own',
  researcher: 'own',
  city_admin: 'city',
  platform_admin: 'platform',
};

/** The ideas module's permissions (the manifest declares them; routes name them). */
export const ideaPermissions: Record<string, PermissionDecl> = {
  'ideas.participate': {
    description:
      'Submit proposals to open calls and follow one’s own; review the proposals of the thematic tables one sits at (the city: all)',
    grants: everyoneOwn,
  },
  'ideas.manage': {
    description: 'Create, edit and close calls for ideas; create thematic tables and set their members',
    grants: { city_admin: 'city', platform_admin: 'platform' },
  },
};
