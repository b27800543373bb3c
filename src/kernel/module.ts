import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type pg from 'pg';
import type { Config } from './config.ts';
import type { Database } from './db/index.ts';
import type { Catalog, Lang } from './i18n/messages.ts';
import type { City } from './tenancy/registry.ts';

/**
 * What a route needs to be called. Every route under /api declares one in `config.access`;
 * the server refuses to boot when a route does not (see src/kernel/http/access.ts).
 */
export type Access =
  | { public: true }
  /** A signed-in user of the request's city; the service scopes what they see. */
  | { authenticated: true }
  /** A permission declared in some module's manifest, e.g. `territory.import`. */
  | { permission: string };

/** Roles of the platform (see docs/roles.md). */
export const roles = [
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
export type Role = (typeof roles)[number];

/** The kinds of scope a role can be given within: a permission says which one applies. */
export type ScopeKind = 'own' | 'community_point' | 'organisation' | 'zone' | 'city' | 'platform';

export interface PermissionDecl {
  /** Plain-language description (English, for the docs and the admin pages). */
  description: string;
  /** Which roles hold it, and within which scope. */
  grants: Partial<Record<Role, ScopeKind>>;
}

export interface NavEntry {
  /** Path of the page in the web app. */
  path: string;
  /** Key in the web catalogs (`nav.<key>`). */
  labelKey: string;
  /** Shown to everyone when absent; otherwise to signed-in users with one of these roles. */
  roles?: Role[];
  order: number;
}

export interface IndicatorValue {
  value: number;
  byZone?: Record<string, number>;
  byNeighbourhood?: Record<string, number>;
}

export interface IndicatorDecl {
  code: string;
  /** Key in the server catalogs for its name. */
  labelKey: string;
  unit: 'count' | 'percent' | 'hours' | 'euro';
  /** Public figures suppress counts under 5 unless the indicator counts no people. */
  countsPeople: boolean;
  compute(ctx: ModuleContext, city: City): Promise<IndicatorValue>;
}

export interface ModuleContext {
  config: Config;
  database: Database;
}

export interface SeedContext extends ModuleContext {
  city: City;
  /** Folder of the city's data files, e.g. data/cities/brescia. */
  cityDir: string;
  /** Load demo data too (never in production unless asked). */
  demo: boolean;
  log(message: string): void;
}

export interface CommandContext extends ModuleContext {
  /** Resolves a city by code (the default city when undefined); exits with a message when unknown. */
  city(code?: string): Promise<City>;
  out(message: string): void;
}

export interface CommandDecl {
  /** One line for `npm run noi -- help`. */
  summary: string;
  usage: string;
  run(ctx: CommandContext, args: string[]): Promise<void>;
}

/**
 * A real record a route can be called on, for the generated access test (test/access.test.ts):
 * the route's params (and query) that name it, and where it belongs, so the test knows who may
 * reach it and who must not.
 */
export interface AccessSample {
  params?: Record<string, string>;
  query?: Record<string, string>;
  belongsTo?: { zone?: string; communityPoint?: string; organisation?: string; userId?: string };
}

export interface ModuleManifest {
  name: string;
  /** Modules whose exported services this one calls (boot fails when one is missing). */
  dependsOn?: string[];
  /** Routes, registered under /api/v1 with the module's context. */
  routes?: FastifyPluginAsync<ModuleContext>;
  /** Routes outside /api/v1 (e.g. standards endpoints like /api/hsds). */
  rootRoutes?: FastifyPluginAsync<ModuleContext>;
  permissions?: Record<string, PermissionDecl>;
  nav?: NavEntry[];
  indicators?: IndicatorDecl[];
  /** Server-side messages (problem details, e-mails). */
  messages?: Partial<Record<Lang, Catalog>>;
  /** Loads the module's reference and demo data for a city; must be idempotent. */
  seed?(ctx: SeedContext): Promise<void>;
  /** CLI commands (`npm run noi -- <name> …`), e.g. `territory import`. */
  commands?: Record<string, CommandDecl>;
  /**
   * Real records of a city for the routes that take ids, keyed by route URL as registered
   * (e.g. `/api/v1/admin/users/:id`). The access test calls each with records of the caller's city
   * (reads), of another zone and of another city (every method: never reachable).
   */
  accessSamples?(q: Pick<pg.Pool, 'query'>, cityId: number): Promise<Record<string, AccessSample>>;
  /** Called once the app is built (e.g. to register jobs). */
  onReady?(app: FastifyInstance, ctx: ModuleContext): Promise<void>;
}

export function defineModule(manifest: ModuleManifest): ModuleManifest {
  return manifest;
}
