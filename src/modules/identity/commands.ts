import { parseArgs } from 'node:util';
import type { CommandDecl } from '../../kernel/module.ts';
import { roles } from '../../kernel/module.ts';
import { Assignment } from './schemas.ts';
import { createUser } from './service/accounts.ts';

export const userCreate: CommandDecl = {
  summary: 'Create an account (password from NOI_PASSWORD, or none: then use "forgot password")',
  usage:
    'user create --email <e-mail> --name "<name>" --role <role> [--scope city|zone:<code>|community_point:<id>|organisation:<id>|own] [--city <code>]',
  async run(ctx, args) {
    const { values } = parseArgs({
      args,
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string', multiple: true },
        scope: { type: 'string', multiple: true },
        city: { type: 'string' },
      },
    });
    if (!values.email || !values.role?.length) throw new Error(`usage: ${this.usage}`);
    const assignments = values.role.map((role, i) => {
      const [kind, ref] = (values.scope?.[i] ?? (role === 'citizen' ? 'own' : 'city')).split(':');
      const parsed = Assignment.safeParse({ role, scope: { kind, ref: ref ?? null } });
      if (!parsed.success)
        throw new Error(
          `Invalid role or scope "${role}" "${values.scope?.[i] ?? ''}" (roles: ${roles.join(', ')})`,
        );
      return parsed.data;
    });
    const password = process.env.NOI_PASSWORD;
    if (password !== undefined && password.length < 10)
      throw new Error('NOI_PASSWORD must have at least 10 characters');
    const city = await ctx.city(values.city);
    const user = await createUser(ctx.database.pool, city.id, {
      email: values.email,
      displayName: values.name ?? values.email,
      password,
      assignments,
      verified: true,
    });
    ctx.out(`Created ${user.email} (${user.roles.join(', ')}) in ${city.name}: ${user.id}`);
  },
};
