import { MailWorker } from '../../kernel/mail/index.ts';
import { type AccessSample, defineModule } from '../../kernel/module.ts';
import { userCreate } from './commands.ts';
import { messages } from './messages.ts';
import { adminRoutes } from './routes/admin.ts';
import { authRoutes } from './routes/auth.ts';
import { meRoutes } from './routes/me.ts';
import { oidcRoutes } from './routes/oidc.ts';
import { seedIdentity } from './seed.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Sends the mail outbox (started when SMTP_URL is set). */
    mail: MailWorker;
  }
}

export const identityModule = defineModule({
  name: 'identity',
  routes: async (app, ctx) => {
    await app.register(authRoutes, ctx);
    await app.register(oidcRoutes, ctx);
    await app.register(meRoutes, ctx);
    await app.register(adminRoutes, ctx);
  },
  permissions: {
    'identity.users.manage': {
      description: 'List, create, deactivate users and give them roles and scopes',
      grants: { city_admin: 'city', platform_admin: 'platform' },
    },
    'identity.audit.read': {
      description: 'Search the audit log, including break-the-glass reasons',
      grants: { city_admin: 'city', platform_admin: 'platform' },
    },
  },
  nav: [
    { path: '/admin/utenti', labelKey: 'adminUsers', roles: ['city_admin', 'platform_admin'], order: 90 },
    { path: '/admin/registro', labelKey: 'adminAudit', roles: ['city_admin', 'platform_admin'], order: 91 },
  ],
  messages,
  commands: { 'user create': userCreate },
  seed: seedIdentity,
  async accessSamples(q, cityId): Promise<Record<string, AccessSample>> {
    const { rows } = await q.query<{ user_id: string }>(
      "SELECT user_id FROM users WHERE city_id = $1 AND email = 'cittadino@demo.cittadelnoi.it'",
      [cityId],
    );
    const id = rows[0]?.user_id;
    if (!id) return {};
    const user = { params: { id }, belongsTo: { userId: id } };
    return {
      '/api/v1/admin/users/:id': user,
      '/api/v1/admin/users/:id/assignments': user,
      '/api/v1/admin/users/:id/activate': user,
      '/api/v1/admin/users/:id/deactivate': user,
    };
  },
  async onReady(app, ctx) {
    const worker = new MailWorker(ctx.database.pool, {
      smtpUrl: ctx.config.mail.smtpUrl,
      from: ctx.config.mail.from,
      log: (m) => app.log.warn(m),
    });
    app.decorate('mail', worker);
    app.addHook('onClose', () => worker.stop());
    if (ctx.config.env === 'production') {
      const { rowCount } = await ctx.database.pool.query(
        'SELECT 1 FROM users WHERE is_demo AND active LIMIT 1',
      );
      if (rowCount)
        throw new Error('Refusing to start in production: demo accounts are active (deactivate them first)');
    }
    if (ctx.config.env !== 'test') worker.start();
  },
});
