import type { Role, ScopeKind } from '../module.ts';

/**
 * One role held within one scope: `operator` of community point `12`, `social_worker` of zone
 * `nord`, `city_admin` of the city (ref null), `org_admin` of organisation `7`.
 */
export interface RoleAssignment {
  role: Role;
  scope: { kind: ScopeKind; ref: string | null };
}

/** The signed-in person, as every service sees them. Always of the request's city. */
export interface AuthUser {
  id: string;
  cityId: number;
  email: string;
  displayName: string;
  fiscalCode: string | null;
  assignments: RoleAssignment[];
  roles: Role[];
}

/**
 * What a permission lets this user reach: `all` within the city (or every city for the
 * platform admin), or the listed zones / community points / organisations, or their own records.
 * Services build their filters from it (scope lives in the service, not the handler).
 */
export interface Grant {
  all: boolean;
  allCities: boolean;
  zones: string[];
  communityPoints: string[];
  organisations: string[];
  own: boolean;
}

export const emptyGrant = (): Grant => ({
  all: false,
  allCities: false,
  zones: [],
  communityPoints: [],
  organisations: [],
  own: false,
});

export const grantIsEmpty = (g: Grant): boolean =>
  !g.all &&
  !g.allCities &&
  !g.own &&
  g.zones.length + g.communityPoints.length + g.organisations.length === 0;

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user, or null. Set by the session plugin before the access guard runs. */
    user: AuthUser | null;
    /** The grant of the route's permission for this user (set by the guard on `{ permission }` routes). */
    grant: Grant;
  }
}
