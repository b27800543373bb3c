import type { RoleAssignment } from '../../../web/current-user.tsx';

export type { CurrentUser as Me, RoleAssignment } from '../../../web/current-user.tsx';

/** The roles of the platform, in the order the admin pages offer them (as in src/kernel/module.ts). */
export const roleCodes = [
  'citizen',
  'volunteer',
  'operator',
  'social_worker',
  'org_admin',
  'educator',
  'tutor',
  'merchant',
  'council_member',
  'researcher',
  'city_admin',
  'platform_admin',
] as const;

/** The kinds of scope a role can be given within (as in src/modules/identity/schemas.ts). */
export const scopeKinds = ['own', 'community_point', 'organisation', 'zone', 'city', 'platform'] as const;

/** Scopes that name one place or body: they need a reference (a code). */
export const scopesWithRef = new Set(['zone', 'community_point', 'organisation']);

/** The usual scope of each role: what the admin form proposes when a role is picked. */
export const defaultScope: Record<string, string> = {
  citizen: 'own',
  volunteer: 'own',
  operator: 'community_point',
  social_worker: 'zone',
  org_admin: 'organisation',
  educator: 'organisation',
  tutor: 'organisation',
  merchant: 'organisation',
  council_member: 'city',
  researcher: 'city',
  city_admin: 'city',
  platform_admin: 'platform',
};

export interface AdminUser {
  id: string;
  email: string;
  displayName: string;
  fiscalCode: string | null;
  active: boolean;
  emailVerified: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  roles: string[];
  assignments: RoleAssignment[];
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  resource: string;
  resourceId: string | null;
  scope: string | null;
  requestId: string | null;
  sensitive: boolean;
  reason: string | null;
  outcome: string;
}

export interface Providers {
  password: true;
  oidc: { label: string } | null;
}

/** Page size of the admin lists (fixed by the API). */
export const pageSize = 50;

export const isAdmin = (roles: string[]) => roles.includes('city_admin') || roles.includes('platform_admin');
