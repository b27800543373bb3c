/**
 * Secure defaults in production, and "break the glass" through a real route: a social worker may
 * open a sensitive record outside their zone only with a reason, which the city admin then sees.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { audit, auditFromRequest } from '../src/kernel/audit/index.ts';
import { breakGlass } from '../src/kernel/auth/break-glass.ts';
import { ConfigError, loadConfig } from '../src/kernel/config.ts';
import { AppError } from '../src/kernel/errors.ts';
import { defineModule, type ModuleContext } from '../src/kernel/module.ts';
import { modules } from '../src/modules/index.ts';
import { buildServer } from '../src/server.ts';
import { buildTestApp, type TestApp } from './app.ts';
import { demo, signIn } from './auth.ts';
import { createTestDatabase } from './db.ts';

describe('production refuses unsafe settings', () => {
  const prod = { NODE_ENV: 'production', SMTP_URL: 'smtp://mail.example.it', SESSION_SECRET: 'x'.repeat(40) };

  it('needs a session secret of its own and a mail server', () => {
    expect(() => loadConfig({ ...prod, SESSION_SECRET: undefined })).toThrow(/SESSION_SECRET/);
    expect(() => loadConfig({ ...prod, SMTP_URL: undefined })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ ...prod, SESSION_SECRET: 'short' })).toThrow(ConfigError);
    expect(loadConfig(prod).env).toBe('production');
  });

  it('does not start while demo accounts are active, and refuses the demo password at sign-in', async () => {
    const database = await createTestDatabase(2);
    try {
      const config = loadConfig({ ...prod, LOG_LEVEL: 'silent' });
      await expect(buildServer({ config, database, logger: false })).rejects.toThrow(
        /demo accounts are active/,
      );
      await database.pool.query("UPDATE users SET is_demo = false WHERE email = 'admin@demo.cittadelnoi.it'");
      await database.pool.query('UPDATE users SET active = false WHERE is_demo');
      const { app } = await buildServer({ config, database, logger: false });
      try {
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: demo.admin, password: 'cittadelnoi' },
        });
        expect(res.statusCode).toBe(401);
        const set = String(res.headers['set-cookie'] ?? '');
        expect(set).not.toContain('noi_sid=');
      } finally {
        await app.close();
      }
    } finally {
      await database.drop();
    }
  });

  it('sets Secure cookies and HSTS in production', async () => {
    const database = await createTestDatabase(2);
    try {
      await database.pool.query('UPDATE users SET active = false WHERE is_demo');
      await database.pool.query(
        "UPDATE users SET active = true, is_demo = false WHERE email = 'ricercatore@demo.cittadelnoi.it'",
      );
      const { hashPassword } = await import('../src/kernel/auth/crypto.ts');
      await database.pool.query(
        "UPDATE users SET password_hash = $1 WHERE email = 'ricercatore@demo.cittadelnoi.it'",
        [await hashPassword('una-password-vera-1')],
      );
      const { app } = await buildServer({
        config: loadConfig({ ...prod, LOG_LEVEL: 'silent' }),
        database,
        logger: false,
      });
      try {
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          headers: { host: 'localhost' },
          payload: { email: demo.researcher, password: 'una-password-vera-1' },
        });
        expect(res.statusCode).toBe(200);
        expect(res.cookies.find((c) => c.name === 'noi_sid')?.secure).toBe(true);
        expect(res.headers['strict-transport-security']).toContain('max-age=');
      } finally {
        await app.close();
      }
    } finally {
      await database.drop();
    }
  });
});

/** A module of the test only: a sensitive record per zone, read through the break-the-glass rule. */
const caseRoutes: FastifyPluginAsyncZod<ModuleContext> = async (app) => {
  app.get(
    '/test-cases/:zone',
    {
      config: { access: { permission: 'testcases.read' } },
      schema: {
        params: z.object({ zone: z.string() }),
        querystring: z.object({ reason: z.string().max(500).optional() }),
        response: { 200: z.object({ zone: z.string(), note: z.string() }) },
      },
    },
    async (request) => {
      const { zone } = request.params;
      if (!request.grant.all && !request.grant.zones.includes(zone)) {
        await breakGlass(request, app.database.pool, {
          resource: 'case',
          resourceId: zone,
          reason: request.query.reason,
        });
      } else {
        await audit(
          app.database.pool,
          auditFromRequest(request, {
            action: 'read',
            resource: 'case',
            resourceId: zone,
            sensitive: true,
            scope: `zone:${zone}`,
          }),
        );
      }
      if (!['nord', 'sud'].includes(zone)) throw new AppError('not_found', { resource: 'case', id: zone });
      return { zone, note: 'riservato' };
    },
  );
};
const testCases = defineModule({
  name: 'testcases',
  routes: caseRoutes,
  permissions: {
    'testcases.read': { description: 'test', grants: { social_worker: 'zone', city_admin: 'city' } },
  },
});

describe('break the glass', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({
      modules: [...modules, testCases],
      env: { RATE_LIMIT_LOGIN_PER_MINUTE: '1000' },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('lets a social worker read their zone (audited as a sensitive read), and another only with a reason', async () => {
    const nord = await signIn(t.app, demo.nord);
    expect((await nord.inject({ method: 'GET', url: '/api/v1/test-cases/nord' })).statusCode).toBe(200);
    const refused = await nord.inject({ method: 'GET', url: '/api/v1/test-cases/sud' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toContain('devi indicare il motivo');
    expect(
      (await nord.inject({ method: 'GET', url: '/api/v1/test-cases/sud?reason=corto' })).statusCode,
    ).toBe(403);
    const reason = 'Utente trasferito in urgenza dalla Zona Sud';
    const opened = await nord.inject({
      method: 'GET',
      url: `/api/v1/test-cases/sud?reason=${encodeURIComponent(reason)}`,
    });
    expect(opened.statusCode).toBe(200);
    const admin = await signIn(t.app, demo.admin);
    const log = (await admin.inject({ method: 'GET', url: '/api/v1/admin/audit?breakGlass=true' })).json();
    expect(log.items).toHaveLength(1);
    expect(log.items[0]).toMatchObject({
      actorLabel: demo.nord,
      resourceId: 'sud',
      reason,
      sensitive: true,
      scope: 'outside',
    });
    const reads = (
      await admin.inject({ method: 'GET', url: '/api/v1/admin/audit?resource=case&action=read' })
    ).json();
    expect(reads.items[0]).toMatchObject({ sensitive: true, scope: 'zone:nord' });
  });

  it('is not for other roles, whatever the reason', async () => {
    const citizen = await signIn(t.app, demo.citizen);
    expect(
      (
        await citizen.inject({
          method: 'GET',
          url: '/api/v1/test-cases/sud?reason=una%20ragione%20lunga%20abbastanza',
        })
      ).statusCode,
    ).toBe(403);
  });
});
