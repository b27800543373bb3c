import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type pg from 'pg';
import type { AuthUser } from '../../../kernel/auth/types.ts';
import type { ModuleContext } from '../../../kernel/module.ts';
import type { City } from '../../../kernel/tenancy/registry.ts';
import { Me } from '../schemas.ts';

export async function toMe(pool: pg.Pool, city: City, user: AuthUser) {
  const { rows } = await pool.query<{ verified: boolean }>(
    'SELECT email_verified_at IS NOT NULL AS verified FROM users WHERE city_id = $1 AND user_id = $2',
    [city.id, user.id],
  );
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    fiscalCode: user.fiscalCode,
    emailVerified: rows[0]?.verified ?? false,
    city: city.code,
    roles: user.roles,
    assignments: user.assignments,
  };
}

export const meRoutes: FastifyPluginAsyncZod<ModuleContext> = async (app) => {
  app.get(
    '/me',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags: ['identity'],
        summary: 'Who I am: my account, roles and scopes',
        response: { 200: Me },
      },
    },
    async (request) => toMe(app.database.pool, request.city, request.user!),
  );
};
