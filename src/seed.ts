import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './kernel/config.ts';
import type { Database } from './kernel/db/index.ts';
import type { ModuleManifest } from './kernel/module.ts';
import { CityRegistry } from './kernel/tenancy/registry.ts';
import { readCityFolder, upsertCityTerritory } from './modules/territory/index.ts';

export const citiesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../data/cities');

/**
 * Loads a city from its folder (territory first), then each module's reference and demo data.
 * Every step is idempotent: running it twice changes nothing the second time.
 */
export async function seedCity(
  options: { config: Config; database: Database; modules: ModuleManifest[]; log: (m: string) => void },
  cityCode: string,
  demo: boolean,
  cityDir = path.join(citiesDir, cityCode),
): Promise<void> {
  const files = await readCityFolder(cityDir);
  await upsertCityTerritory(options.database.pool, files, demo);
  const registry = new CityRegistry(options.database.pool, cityCode, 0);
  const city = await registry.byCityCode(files.city.code);
  if (!city) throw new Error(`City ${files.city.code} was not created`);
  for (const module of options.modules) {
    if (!module.seed) continue;
    options.log(`Seeding ${module.name} for ${city.name}`);
    await module.seed({
      config: options.config,
      database: options.database,
      city,
      cityDir,
      demo,
      log: options.log,
    });
  }
  // Statistics now, not at autovacuum's first pass: without them the planner picks poor plans for
  // the foreign-key checks of a table it believes empty (measured on the help-request intake).
  await options.database.pool.query('ANALYZE');
}

/** True when the city has never been loaded in this database. */
export async function cityMissing(database: Database, cityCode: string): Promise<boolean> {
  const { rowCount } = await database.pool.query('SELECT 1 FROM cities WHERE code = $1', [cityCode]);
  return rowCount === 0;
}
