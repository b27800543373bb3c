import { AppError } from '../errors.ts';
import type { Authorizer } from '../http/access.ts';
import type { PermissionRegistry } from './permissions.ts';
import { grantIsEmpty } from './types.ts';

/**
 * The one guard: `{ authenticated }` needs a signed-in user of the request's city;
 * `{ permission }` also needs a role that the permission grants, and leaves the grant on
 * `request.grant` for the service to scope its queries with.
 */
export function createAuthorizer(registry: PermissionRegistry): Authorizer {
  return async (request, access) => {
    if ('public' in access) return;
    const user = request.user;
    if (!user || user.cityId !== request.city.id) throw new AppError('unauthenticated');
    if ('authenticated' in access) return;
    const grant = registry.resolve(user, access.permission);
    if (grantIsEmpty(grant)) throw new AppError('forbidden');
    request.grant = grant;
  };
}
