import { demoPassword } from '../../kernel/auth/crypto.ts';
import type { SeedContext } from '../../kernel/module.ts';
import type { AssignmentInput } from './service/accounts.ts';
import { createUser } from './service/accounts.ts';

/** The demo accounts of the README (password `cittadelnoi`, refused in production). */
export const demoAccounts: { email: string; displayName: string; assignments: AssignmentInput[] }[] = [
  {
    email: 'admin@demo.cittadelnoi.it',
    displayName: 'Amministrazione (demo)',
    assignments: [{ role: 'city_admin', scope: { kind: 'city', ref: null } }],
  },
  {
    email: 'assistente.nord@demo.cittadelnoi.it',
    displayName: 'Assistente sociale Zona Nord (demo)',
    assignments: [{ role: 'social_worker', scope: { kind: 'zone', ref: 'nord' } }],
  },
  {
    email: 'assistente.sud@demo.cittadelnoi.it',
    displayName: 'Assistente sociale Zona Sud (demo)',
    assignments: [{ role: 'social_worker', scope: { kind: 'zone', ref: 'sud' } }],
  },
  {
    email: 'cittadino@demo.cittadelnoi.it',
    displayName: 'Cittadino (demo)',
    assignments: [{ role: 'citizen', scope: { kind: 'own', ref: null } }],
  },
  {
    email: 'ricercatore@demo.cittadelnoi.it',
    displayName: 'Ricercatrice (demo)',
    assignments: [{ role: 'researcher', scope: { kind: 'city', ref: null } }],
  },
];

export async function seedIdentity(ctx: SeedContext): Promise<void> {
  if (!ctx.demo) return;
  for (const account of demoAccounts) {
    const { rowCount } = await ctx.database.pool.query(
      'SELECT 1 FROM users WHERE city_id = $1 AND lower(email) = $2',
      [ctx.city.id, account.email],
    );
    if (rowCount) continue;
    await createUser(ctx.database.pool, ctx.city.id, {
      ...account,
      password: demoPassword,
      verified: true,
      isDemo: true,
    });
  }
}
