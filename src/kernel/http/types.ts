import type { Config } from '../config.ts';
import type { Database } from '../db/index.ts';
import type { Lang } from '../i18n/index.ts';
import type { Access } from '../module.ts';
import type { City, CityRegistry } from '../tenancy/registry.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Language of the answer, from Accept-Language (or the user's choice). */
    lang: Lang;
    /** The city (tenant) this request is for. Resolved before any handler runs. */
    city: City;
  }
  interface FastifyInstance {
    config: Config;
    database: Database;
    cities: CityRegistry;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}
