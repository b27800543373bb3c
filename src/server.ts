import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { createAuthorizer } from './kernel/auth/guard.ts';
import { PermissionRegistry } from './kernel/auth/permissions.ts';
import { sessionPlugin } from './kernel/auth/session.ts';
import type { Config } from './kernel/config.ts';
import type { Database } from './kernel/db/index.ts';
import { type Authorizer, installAccessGuard, type RouteRecord } from './kernel/http/access.ts';
import { createHttpApp } from './kernel/http/app.ts';
import { kernelRoutes } from './kernel/http/health.ts';
import { registerMessages } from './kernel/i18n/index.ts';
import type { ModuleContext, ModuleManifest } from './kernel/module.ts';
import { securityPlugin } from './kernel/security/index.ts';
import { CityRegistry } from './kernel/tenancy/registry.ts';
import { modules as allModules } from './modules/index.ts';
import { shellRoutes } from './shell-routes.ts';

/** The built web app: dist/web, or NOI_WEB_DIR (e.g. a build of one's own while another is being made). */
export const webDir = process.env.NOI_WEB_DIR
  ? path.resolve(process.env.NOI_WEB_DIR)
  : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/web');

export interface BuildOptions {
  config: Config;
  database: Database;
  modules?: ModuleManifest[];
  logger?: FastifyServerOptions['logger'];
  loggerInstance?: FastifyServerOptions['loggerInstance'];
  authorize?: Authorizer;
  /** Serve the built web app from this folder (default dist/web when present). */
  webDir?: string;
}

export interface App {
  app: FastifyInstance;
  routes: RouteRecord[];
  modules: ModuleManifest[];
  permissions: PermissionRegistry;
}

function checkDependencies(modules: ModuleManifest[]): void {
  const seen = new Set<string>();
  for (const m of modules) {
    for (const dep of m.dependsOn ?? []) {
      if (!seen.has(dep))
        throw new Error(`Module ${m.name} depends on ${dep}, which is not registered before it`);
    }
    if (seen.has(m.name)) throw new Error(`Module ${m.name} is registered twice`);
    seen.add(m.name);
  }
}

/** Builds the whole platform from the list of module manifests. */
export async function buildServer(options: BuildOptions): Promise<App> {
  const modules = options.modules ?? allModules;
  checkDependencies(modules);
  const cities = new CityRegistry(options.database.pool, options.config.defaultCity);
  const app = await createHttpApp({
    config: options.config,
    database: options.database,
    cities,
    logger: options.logger,
    loggerInstance: options.loggerInstance,
    webDir: options.webDir ?? webDir,
  });
  const permissions = new PermissionRegistry(modules);
  await securityPlugin(app, options.config);
  await sessionPlugin(app, options.config);
  const routes = installAccessGuard(app, options.authorize ?? createAuthorizer(permissions));
  await app.register(kernelRoutes);
  const ctx: ModuleContext = { config: options.config, database: options.database };
  for (const m of modules) {
    if (m.messages) registerMessages(m.messages);
    // The module's plugins get the context alone (not Fastify's register options, whose `prefix`
    // would be applied again by any plugin the module registers with them).
    const { routes, rootRoutes } = m;
    if (routes) await app.register(async (scope) => routes(scope, ctx), { prefix: '/api/v1' });
    if (rootRoutes) await app.register(async (scope) => rootRoutes(scope, ctx));
  }
  await app.register(shellRoutes(modules));
  for (const m of modules) await m.onReady?.(app, ctx);
  await app.ready();
  return { app, routes, modules, permissions };
}
