import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audit, auditFromRequest } from '../../../kernel/audit/index.ts';
import { hashPassword, verifyPassword } from '../../../kernel/auth/crypto.ts';
import { closeSession, openSession } from '../../../kernel/auth/session.ts';
import { loadUser } from '../../../kernel/auth/users.ts';
import { withTransaction } from '../../../kernel/db/transaction.ts';
import { AppError } from '../../../kernel/errors.ts';
import { t } from '../../../kernel/i18n/index.ts';
import { queueMail } from '../../../kernel/mail/index.ts';
import type { ModuleContext } from '../../../kernel/module.ts';
import { loginRateLimit, publicFormRateLimit } from '../../../kernel/security/index.ts';
import { displayName, email, Me, password } from '../schemas.ts';
import { passwordLogin } from '../service/login.ts';
import { consumeToken, issueToken } from '../service/tokens.ts';
import { toMe } from './me.ts';

const tags = ['identity'];
const pub = { access: { public: true } } as const;
const signedIn = { access: { authenticated: true } } as const;
const noContent = { 204: z.null() };
const tokenBody = z.string().min(20).max(100);

export const authRoutes: FastifyPluginAsyncZod<ModuleContext> = async (app) => {
  const pool = app.database.pool;
  const config = app.config;

  /** A refused token (unknown, expired, used) is recorded outside the rolled-back transaction. */
  async function auditTokenFailure(
    request: FastifyRequest,
    purpose: 'reset' | 'verify',
    run: () => Promise<void>,
  ): Promise<void> {
    try {
      await run();
    } catch (error) {
      if (error instanceof AppError && error.code === 'gone') {
        await audit(
          pool,
          auditFromRequest(request, {
            action: purpose === 'reset' ? 'password_reset_refused' : 'email_verify_refused',
            resource: 'auth_token',
            outcome: 'denied',
          }),
        );
      }
      throw error;
    }
  }

  app.get(
    '/auth/providers',
    {
      config: pub,
      schema: {
        tags,
        summary: 'How people can sign in here',
        response: {
          200: z.object({ password: z.literal(true), oidc: z.object({ label: z.string() }).nullable() }),
        },
      },
    },
    async () => ({ password: true as const, oidc: config.oidc ? { label: config.oidc.label } : null }),
  );

  app.post(
    '/auth/login',
    {
      config: { ...pub, rateLimit: loginRateLimit(config) },
      schema: {
        tags,
        summary: 'Sign in with e-mail and password',
        description:
          'Sets the session cookie (httpOnly) and the CSRF cookie `noi_csrf`; send its value as `x-csrf-token` on writes.',
        body: z.object({ email: z.string().max(254), password: z.string().max(200) }),
        response: { 200: z.object({ user: Me }) },
      },
    },
    async (request, reply) => {
      const userId = await passwordLogin(pool, config, {
        cityId: request.city.id,
        email: request.body.email,
        password: request.body.password,
        ip: request.ip,
        requestId: String(request.id),
      });
      await openSession(pool, config, request, reply, userId, 'password');
      const user = (await loadUser(pool, request.city.id, userId))!;
      return { user: await toMe(pool, request.city, user) };
    },
  );

  app.post(
    '/auth/logout',
    { config: signedIn, schema: { tags, summary: 'Sign out of this session', response: noContent } },
    async (request, reply) => {
      await audit(pool, auditFromRequest(request, { action: 'logout', resource: 'session' }));
      await closeSession(pool, request, reply);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/logout-everywhere',
    { config: signedIn, schema: { tags, summary: 'Sign out of every session', response: noContent } },
    async (request, reply) => {
      await pool.query('DELETE FROM sessions WHERE city_id = $1 AND user_id = $2', [
        request.city.id,
        request.user!.id,
      ]);
      await audit(pool, auditFromRequest(request, { action: 'logout_everywhere', resource: 'session' }));
      app.sessions.evictUser(request.city.id, request.user!.id);
      await closeSession(pool, request, reply);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/password/forgot',
    {
      config: { ...pub, rateLimit: publicFormRateLimit(config) },
      schema: {
        tags,
        summary: 'Mail a link to choose a new password',
        description: 'Answers 202 whether or not the address has an account (no enumeration).',
        body: z.object({ email }),
        response: { 202: z.object({ accepted: z.literal(true) }) },
      },
    },
    async (request, reply) => {
      await withTransaction(pool, async (client) => {
        const { rows } = await client.query<{ user_id: string; email: string }>(
          'SELECT user_id, email FROM users WHERE city_id = $1 AND lower(email) = lower($2) AND active',
          [request.city.id, request.body.email],
        );
        const user = rows[0];
        if (!user) return;
        const token = await issueToken(client, request.city.id, user.user_id, 'reset');
        await queueMail(client, {
          cityId: request.city.id,
          to: user.email,
          subject: t(request.lang, 'identity.mail.reset.subject'),
          text: t(request.lang, 'identity.mail.reset.text', {
            link: `${config.publicUrl}/reimposta-password?token=${token}`,
          }),
        });
        await audit(client, {
          ...auditFromRequest(request, { action: 'password_reset_requested', resource: 'user' }),
          actorId: user.user_id,
          resourceId: user.user_id,
        });
      });
      return reply.status(202).send({ accepted: true as const });
    },
  );

  app.post(
    '/auth/password/reset',
    {
      config: { ...pub, rateLimit: publicFormRateLimit(config) },
      schema: {
        tags,
        summary: 'Choose a new password with a mailed token (single use, 1 hour)',
        body: z.object({ token: tokenBody, password }),
        response: noContent,
      },
    },
    async (request, reply) => {
      const hash = await hashPassword(request.body.password);
      let userId = '';
      await auditTokenFailure(request, 'reset', () =>
        withTransaction(pool, async (client) => {
          userId = await consumeToken(client, request.city.id, request.body.token, 'reset');
          await client.query(
            `UPDATE users SET password_hash = $3, email_verified_at = coalesce(email_verified_at, now())
            WHERE city_id = $1 AND user_id = $2`,
            [request.city.id, userId, hash],
          );
          await client.query('DELETE FROM sessions WHERE city_id = $1 AND user_id = $2', [
            request.city.id,
            userId,
          ]);
          await audit(client, {
            ...auditFromRequest(request, { action: 'password_reset', resource: 'user' }),
            actorId: userId,
            resourceId: userId,
          });
        }),
      );
      // Its sessions were deleted above; drop them from this server's cache too.
      app.sessions.evictUser(request.city.id, userId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/email/verify',
    {
      config: pub,
      schema: {
        tags,
        summary: 'Confirm an e-mail address with a mailed token',
        body: z.object({ token: tokenBody }),
        response: noContent,
      },
    },
    async (request, reply) => {
      await auditTokenFailure(request, 'verify', () =>
        withTransaction(pool, async (client) => {
          const userId = await consumeToken(client, request.city.id, request.body.token, 'verify');
          await client.query(
            'UPDATE users SET email_verified_at = now() WHERE city_id = $1 AND user_id = $2',
            [request.city.id, userId],
          );
          await audit(client, {
            ...auditFromRequest(request, { action: 'email_verified', resource: 'user' }),
            actorId: userId,
            resourceId: userId,
          });
        }),
      );
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/email/send-verification',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Mail me a link to confirm my e-mail address',
        response: { 202: z.object({ accepted: z.literal(true) }) },
      },
    },
    async (request, reply) => {
      const user = request.user!;
      await withTransaction(pool, async (client) => {
        const token = await issueToken(client, request.city.id, user.id, 'verify');
        await queueMail(client, {
          cityId: request.city.id,
          to: user.email,
          subject: t(request.lang, 'identity.mail.verify.subject'),
          text: t(request.lang, 'identity.mail.verify.text', {
            link: `${config.publicUrl}/verifica-email?token=${token}`,
          }),
        });
      });
      return reply.status(202).send({ accepted: true as const });
    },
  );

  app.post(
    '/me/password',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Change my password (ends my other sessions)',
        body: z.object({ current: z.string().max(200), password }),
        response: noContent,
      },
    },
    async (request, reply) => {
      const user = request.user!;
      const { rows } = await pool.query<{ password_hash: string | null }>(
        'SELECT password_hash FROM users WHERE city_id = $1 AND user_id = $2',
        [request.city.id, user.id],
      );
      if (!(await verifyPassword(rows[0]?.password_hash, request.body.current))) {
        throw new AppError(
          'validation',
          {},
          { fields: [{ field: 'current', message: t(request.lang, 'identity.wrong_password') }] },
        );
      }
      const hash = await hashPassword(request.body.password);
      await withTransaction(pool, async (client) => {
        await client.query('UPDATE users SET password_hash = $3 WHERE city_id = $1 AND user_id = $2', [
          request.city.id,
          user.id,
          hash,
        ]);
        await client.query('DELETE FROM sessions WHERE city_id = $1 AND user_id = $2 AND session_id <> $3', [
          request.city.id,
          user.id,
          request.session!.id,
        ]);
        await audit(
          client,
          auditFromRequest(request, { action: 'password_changed', resource: 'user', resourceId: user.id }),
        );
      });
      app.sessions.evictUser(request.city.id, user.id);
      return reply.status(204).send(null);
    },
  );

  app.patch(
    '/me',
    {
      config: signedIn,
      schema: { tags, summary: 'Change my name', body: z.object({ displayName }), response: { 200: Me } },
    },
    async (request) => {
      const user = request.user!;
      await pool.query('UPDATE users SET display_name = $3 WHERE city_id = $1 AND user_id = $2', [
        request.city.id,
        user.id,
        request.body.displayName,
      ]);
      await audit(
        pool,
        auditFromRequest(request, { action: 'update', resource: 'user', resourceId: user.id }),
      );
      app.sessions.evictUser(request.city.id, user.id);
      return toMe(pool, request.city, (await loadUser(pool, request.city.id, user.id))!);
    },
  );
};
