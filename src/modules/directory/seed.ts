import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { withTransaction } from '../../kernel/db/transaction.ts';
import type { SeedContext } from '../../kernel/module.ts';
import { categories } from './categories.ts';
import {
  addServiceAtLocation,
  insertLocation,
  insertOrganization,
  insertService,
  type LocationInput,
  type OrganizationInput,
  refreshSearch,
  type ScheduleInput,
  type ServiceInput,
} from './service/write.ts';

interface DemoFile {
  organizations: (OrganizationInput & {
    locations: LocationInput[];
    services: (ServiceInput & { schedules?: ScheduleInput[] })[];
  })[];
}

/** The categories (every city), and the city's demo directory when asked (once). */
export async function seedDirectory(ctx: SeedContext): Promise<void> {
  const pool = ctx.database.pool;
  for (const [i, c] of categories.entries()) {
    await pool.query(
      `INSERT INTO dir_categories (code, parent_code, name_it, name_en, description_it, description_en, sort)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (code) DO UPDATE SET parent_code = EXCLUDED.parent_code, name_it = EXCLUDED.name_it,
         name_en = EXCLUDED.name_en, description_it = EXCLUDED.description_it,
         description_en = EXCLUDED.description_en, sort = EXCLUDED.sort`,
      [c.code, c.parent ?? null, c.it, c.en, c.descriptionIt, c.descriptionEn, i],
    );
  }
  const file = path.join(ctx.cityDir, 'directory-demo.json');
  if (!ctx.demo || !existsSync(file)) return;
  const { rowCount } = await pool.query(
    'SELECT 1 FROM dir_organizations WHERE city_id = $1 AND is_demo LIMIT 1',
    [ctx.city.id],
  );
  if (rowCount) return;
  const demo = JSON.parse(await readFile(file, 'utf8')) as DemoFile;
  // Verification dates spread over the last 14 months (fixed per name), so some are overdue.
  await withTransaction(pool, async (client) => {
    for (const o of demo.organizations) {
      const orgId = await insertOrganization(client, ctx.city.id, { ...o, isDemo: true });
      const locationIds: string[] = [];
      for (const l of o.locations)
        locationIds.push(await insertLocation(client, ctx.database.db, ctx.city, orgId, l));
      for (const s of o.services) {
        const serviceId = await insertService(client, ctx.city.id, orgId, { ...s, isDemo: true });
        for (const locationId of locationIds) {
          await addServiceAtLocation(client, ctx.city.id, serviceId, locationId, s.schedules ?? []);
        }
      }
    }
    await client.query(
      `UPDATE dir_services SET last_verified_at = now() - make_interval(days => abs(hashtext(name)) % 420) WHERE city_id = $1`,
      [ctx.city.id],
    );
    await client.query(
      `UPDATE dir_organizations SET last_verified_at = now() - make_interval(days => abs(hashtext(name)) % 300) WHERE city_id = $1`,
      [ctx.city.id],
    );
    await refreshSearch(client, ctx.city.id);
  });
  ctx.log(`directory: ${demo.organizations.length} demo organisations loaded`);
}
