import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { signIn } from '../../../test/auth.ts';
import { startSmtp } from '../../../test/smtp.ts';

/** A port nobody listens on (yet): the mail server is "down". */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let t: TestApp;
let port: number;
beforeAll(async () => {
  port = await freePort();
  t = await buildTestApp({
    env: { SMTP_URL: `smtp://127.0.0.1:${port}?ignoreTLS=true`, RATE_LIMIT_LOGIN_PER_MINUTE: '1000' },
  });
});
afterAll(async () => {
  await t?.close();
});

describe('notifications of help requests', () => {
  it('loses nothing while the mail server is down, and delivers person’s and hub’s mails when it is back', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/help-requests',
      headers: { host: 'localhost', 'accept-language': 'en' },
      payload: {
        category: 'medicines',
        description: 'I need someone to collect my medicines at the pharmacy.',
        neighbourhoodCode: 'sanpolino',
        contact: { name: 'Test person', email: 'person@example.org' },
        consent: true,
      },
    });
    expect(res.statusCode).toBe(201);
    const { trackingCode, id } = res.json() as { trackingCode: string; id: string };
    const mailer = (t.app as unknown as { mail: { flush(): Promise<number> } }).mail;
    expect(await mailer.flush()).toBe(0);
    const pending = await t.database.pool.query<{
      attempts: number;
      sent_at: Date | null;
      last_error: string;
    }>(
      `SELECT attempts, sent_at, last_error FROM mail_outbox WHERE "to" IN ('person@example.org', 'pc.sanpolino@demo.cittadelnoi.it')`,
    );
    expect(pending.rows.length).toBe(2);
    expect(pending.rows.every((r) => r.sent_at === null)).toBe(true);
    expect(pending.rows.some((r) => r.attempts === 1 && r.last_error.length > 0)).toBe(true);

    const smtp = await startSmtp(port);
    try {
      await t.database.pool.query('UPDATE mail_outbox SET next_attempt_at = now() WHERE sent_at IS NULL');
      await mailer.flush();
      const person = smtp.to('person@example.org');
      expect(person.length).toBe(1);
      expect(person[0]!.subject).toContain(trackingCode);
      expect(person[0]!.text).toContain(`/segui/${trackingCode}`);
      expect(person[0]!.text).toContain('Punto Comunità Sanpolino');
      const hub = smtp.to('pc.sanpolino@demo.cittadelnoi.it');
      expect(hub.length).toBe(1);
      expect(hub[0]!.text).toContain(`/sportello/richieste/${id}`);
      // No personal data of the person in the hub's mail.
      expect(hub[0]!.text).not.toContain('Test person');
      expect(hub[0]!.text).not.toContain('person@example.org');

      const operator = await signIn(t.app, 'operatore.sanpolino@demo.cittadelnoi.it');
      await operator.inject({ method: 'POST', url: `/api/v1/help-requests/${id}/assign`, payload: {} });
      await operator.inject({
        method: 'POST',
        url: `/api/v1/help-requests/${id}/transitions`,
        payload: { to: 'in_progress' },
      });
      await operator.inject({
        method: 'POST',
        url: `/api/v1/help-requests/${id}/transitions`,
        payload: { to: 'resolved' },
      });
      await mailer.flush();
      const subjects = smtp.to('person@example.org').map((m) => m.subject);
      expect(subjects).toEqual([
        expect.stringContaining('We received'),
        expect.stringContaining('taken on'),
        expect.stringContaining('resolved'),
      ]);
    } finally {
      await smtp.close();
    }
  });
});
