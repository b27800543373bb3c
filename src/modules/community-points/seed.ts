import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { demoPassword } from '../../kernel/auth/crypto.ts';
import { withTransaction } from '../../kernel/db/transaction.ts';
import type { SeedContext } from '../../kernel/module.ts';
import { createUser } from '../identity/service/accounts.ts';
import { type OpeningHours, upsertCommunityPoint } from './service.ts';

interface DemoFile {
  communityPoints: {
    slug: string;
    name: string;
    host: string;
    address: string;
    lat: number;
    lon: number;
    neighbourhoods: string[];
    phone: string;
    email: string;
    hours: OpeningHours[];
    description: string;
  }[];
}

/** The demo operator of a hub: `operatore.<slug>@demo.cittadelnoi.it`. */
export const demoOperatorEmail = (slug: string): string => `operatore.${slug}@demo.cittadelnoi.it`;

/** Brescia's 19 demo Punti Comunità (covering the 33 neighbourhoods) and one demo operator each. */
export async function seedCommunityPoints(ctx: SeedContext): Promise<void> {
  if (!ctx.demo) return;
  const file = path.join(ctx.cityDir, 'community-points-demo.json');
  const demo = JSON.parse(await readFile(file, 'utf8').catch(() => '{"communityPoints":[]}')) as DemoFile;
  const pool = ctx.database.pool;
  for (const p of demo.communityPoints) {
    const { rowCount } = await pool.query('SELECT 1 FROM community_points WHERE city_id = $1 AND slug = $2', [
      ctx.city.id,
      p.slug,
    ]);
    if (!rowCount) {
      const { rows: host } = await pool.query<{ organization_id: string }>(
        'SELECT organization_id FROM dir_organizations WHERE city_id = $1 AND name = $2 LIMIT 1',
        [ctx.city.id, p.host],
      );
      await withTransaction(pool, (client) =>
        upsertCommunityPoint(client, ctx.database, ctx.city, {
          slug: p.slug,
          name: p.name,
          description: p.description,
          hostName: p.host,
          hostOrganizationId: host[0]?.organization_id ?? null,
          address: p.address,
          lat: p.lat,
          lon: p.lon,
          phone: p.phone,
          email: p.email,
          hours: p.hours,
          neighbourhoodCodes: p.neighbourhoods,
          isDemo: true,
        }),
      );
    }
    const email = demoOperatorEmail(p.slug);
    const { rowCount: hasUser } = await pool.query(
      'SELECT 1 FROM users WHERE city_id = $1 AND lower(email) = $2',
      [ctx.city.id, email],
    );
    if (!hasUser) {
      await createUser(pool, ctx.city.id, {
        email,
        displayName: `Operatore ${p.name} (demo)`,
        assignments: [{ role: 'operator', scope: { kind: 'community_point', ref: p.slug } }],
        password: demoPassword,
        verified: true,
        isDemo: true,
      });
    }
  }
  if (demo.communityPoints.length) ctx.log(`community points: ${demo.communityPoints.length} demo hubs`);
}
