import nodemailer, { type Transporter } from 'nodemailer';
import type pg from 'pg';
import type { Queryable } from '../audit/index.ts';

export interface OutgoingMail {
  cityId: number;
  to: string;
  subject: string;
  text: string;
}

/** Queues a mail in the caller's transaction: it is sent only if the transaction commits. */
export async function queueMail(q: Queryable, mail: OutgoingMail): Promise<void> {
  await q.query('INSERT INTO mail_outbox (city_id, "to", subject, text) VALUES ($1, $2, $3, $4)', [
    mail.cityId,
    mail.to,
    mail.subject,
    mail.text,
  ]);
}

interface DueMail {
  city_id: number;
  mail_id: number;
  to: string;
  subject: string;
  text: string;
  attempts: number;
}

/**
 * Sends queued mail over SMTP. Rows are claimed with FOR UPDATE SKIP LOCKED, so several servers
 * can run workers; a failure is retried with exponential back-off (30 s, 1 min, 2 min … 1 h).
 */
export class MailWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private readonly transport: Transporter | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly options: {
      smtpUrl: string;
      from: string;
      intervalMs?: number;
      log?: (m: string) => void;
    },
  ) {
    this.transport = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : undefined;
  }

  start(): void {
    if (!this.transport || this.timer) return;
    this.timer = setInterval(() => void this.flush(), this.options.intervalMs ?? 2000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
    this.transport?.close();
  }

  /** Sends what is due now; returns how many were sent. Safe to call concurrently. */
  flush(): Promise<number> {
    this.running ??= this.sendDue().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async sendDue(): Promise<number> {
    if (!this.transport) return 0;
    let sent = 0;
    for (;;) {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        const { rows } = await client.query<DueMail>(
          `SELECT city_id, mail_id, "to", subject, text, attempts FROM mail_outbox
            WHERE sent_at IS NULL AND next_attempt_at <= now()
            ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
        );
        const mail = rows[0];
        if (!mail) {
          await client.query('COMMIT');
          return sent;
        }
        try {
          await this.transport.sendMail({
            from: this.options.from,
            to: mail.to,
            subject: mail.subject,
            text: mail.text,
          });
          await client.query(
            'UPDATE mail_outbox SET sent_at = now(), attempts = attempts + 1 WHERE city_id = $1 AND mail_id = $2',
            [mail.city_id, mail.mail_id],
          );
          sent++;
        } catch (error) {
          const delay = Math.min(3600, 30 * 2 ** mail.attempts);
          await client.query(
            `UPDATE mail_outbox SET attempts = attempts + 1, last_error = $3,
                    next_attempt_at = now() + make_interval(secs => $4) WHERE city_id = $1 AND mail_id = $2`,
            [mail.city_id, mail.mail_id, String((error as Error).message).slice(0, 500), delay],
          );
          this.options.log?.(`mail ${mail.mail_id} not sent: ${(error as Error).message}`);
          await client.query('COMMIT');
          return sent;
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    }
  }
}
