import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Access } from '../module.ts';

/** Decides whether a request may call a route; throws 401/403 problems. */
export type Authorizer = (request: FastifyRequest, access: Access) => Promise<void>;

/** Routes a plugin registers for itself (the OpenAPI UI) and that serve only public documents. */
const publicPrefixes = ['/api/docs'];

export interface RouteRecord {
  method: string;
  url: string;
  access: Access;
}

/**
 * One guard for every route: each route under /api must declare `config.access`, or the
 * server does not boot. The list of routes and their access feeds the generated access test.
 */
export function installAccessGuard(app: FastifyInstance, authorize: Authorizer): RouteRecord[] {
  const routes: RouteRecord[] = [];
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || publicPrefixes.some((p) => route.url.startsWith(p))) return;
    const access = (route.config as { access?: Access } | undefined)?.access;
    if (!access) throw new Error(`Route ${route.method} ${route.url} declares no access (config.access)`);
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routes.push({ method, url: route.url, access });
    }
  });
  // A callback hook: public routes pass without a promise.
  app.addHook('preValidation', (request, _reply, done) => {
    const access = request.routeOptions.config?.access;
    if (!access || 'public' in access) return done();
    authorize(request, access).then(() => done(), done);
  });
  return routes;
}
