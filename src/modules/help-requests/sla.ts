import type pg from 'pg';
import { audit } from '../../kernel/audit/index.ts';
import { withTransaction } from '../../kernel/db/transaction.ts';
import { defaultLang, formatDateTime, hasMessage, type Lang, languages, t } from '../../kernel/i18n/index.ts';
import type { Jobs, JobsLogger } from '../../kernel/jobs/index.ts';
import { queueMail } from '../../kernel/mail/index.ts';
import type { Urgency } from './triage.ts';

/** Hours from intake to the first contact, by urgency (a city may override them). */
export const slaHours: Record<Urgency, number> = { critical: 4, high: 24, normal: 72, low: 168 };

/** What a city may set in `cities.settings.sla`: hours per urgency, e.g. `{ "critical": 2 }`. */
export interface SlaSettings {
  sla?: Partial<Record<Urgency, number>>;
}

/** Statuses in which a request waits for nobody: the SLA check leaves them alone. */
export const terminalStatuses = ['resolved', 'closed', 'withdrawn'] as const;

/** The name of the recurring job (a pg-boss queue). */
export const slaJobName = 'help-requests-sla';

/** When the first contact is due: `from` plus the city's hours for the urgency (elapsed time, DST-proof). */
export function slaDueAt(urgency: Urgency, from: Date, citySettings?: SlaSettings): Date {
  const override = citySettings?.sla?.[urgency];
  const hours =
    typeof override === 'number' && Number.isFinite(override) && override > 0 ? override : slaHours[urgency];
  return new Date(from.getTime() + hours * 3_600_000);
}

/** Requests flagged per transaction: a backlog is worked through in short transactions. */
const batchSize = 200;

interface FlaggedRow {
  help_request_id: string;
  tracking_code: string;
  category: string;
  urgency: Urgency;
  sla_due_at: Date;
  lang: string;
  zone_code: string;
  hub_email: string | null;
}

const flagDue = `
  WITH due AS (
    SELECT help_request_id FROM help_requests
     WHERE city_id = $1 AND first_contact_at IS NULL AND sla_breached_at IS NULL
       AND sla_due_at < $2 AND status <> ALL($3::text[])
     ORDER BY sla_due_at
     LIMIT $4
       FOR UPDATE SKIP LOCKED
  ), flagged AS (
    UPDATE help_requests h
       SET sla_breached_at = $2, escalated_at = coalesce(h.escalated_at, $2), updated_at = now()
      FROM due
     WHERE h.city_id = $1 AND h.help_request_id = due.help_request_id AND h.sla_breached_at IS NULL
    RETURNING h.help_request_id, h.tracking_code, h.category, h.urgency, h.sla_due_at, h.lang, h.zone_code,
              h.community_point_id
  ), events AS (
    INSERT INTO help_request_events (city_id, help_request_id, at, kind, data)
    SELECT $1, f.help_request_id, $2, 'sla_breach',
           jsonb_build_object('urgency', f.urgency,
                              'dueAt', to_char(f.sla_due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
      FROM flagged f
  )
  SELECT f.help_request_id, f.tracking_code, f.category, f.urgency, f.sla_due_at, f.lang, f.zone_code,
         cp.email AS hub_email
    FROM flagged f
    LEFT JOIN community_points cp ON cp.city_id = $1 AND cp.community_point_id = f.community_point_id`;

const asLang = (lang: string): Lang => languages.find((l) => l === lang) ?? defaultLang;

/** A label from the module's catalog when it has one (`help.category.food`), else the code itself. */
const label = (lang: Lang, key: string, code: string): string => (hasMessage(key) ? t(lang, key) : code);

async function flagCity(
  client: pg.PoolClient,
  city: { city_id: number; timezone: string },
  now: Date,
  publicUrl: string,
): Promise<number> {
  const { rows } = await client.query<FlaggedRow>(flagDue, [
    city.city_id,
    now,
    [...terminalStatuses],
    batchSize,
  ]);
  for (const row of rows) {
    const dueAt = row.sla_due_at.toISOString();
    await audit(client, {
      cityId: city.city_id,
      actorId: null,
      actorLabel: 'system',
      action: 'sla_breach',
      resource: 'help_request',
      resourceId: row.help_request_id,
      detail: { urgency: row.urgency, dueAt, zone: row.zone_code },
    });
    if (!row.hub_email) continue;
    const lang = asLang(row.lang);
    const code = `${row.tracking_code.slice(0, 4)}-${row.tracking_code.slice(4)}`;
    await queueMail(client, {
      cityId: city.city_id,
      to: row.hub_email,
      subject: t(lang, 'help.sla.mail.subject', { code }),
      text: t(lang, 'help.sla.mail.text', {
        code,
        category: label(lang, `help.category.${row.category}`, row.category),
        urgency: label(lang, `help.urgency.${row.urgency}`, row.urgency),
        due: formatDateTime(row.sla_due_at, lang, city.timezone),
        link: `${publicUrl}/sportello/richieste/${row.help_request_id}`,
      }),
    });
  }
  return rows.length;
}

/**
 * Flags the open requests whose first contact is overdue: sets `sla_breached_at`, escalates them
 * to the zone's social workers (`escalated_at`, kept when already set), and writes for each a
 * history event, an audit row and (when the request has a hub with an e-mail) a mail to the hub,
 * all in one transaction per city. Rows are claimed with FOR UPDATE SKIP LOCKED, so runs on
 * several servers, or overlapping runs, never flag a request twice; running it again flags nothing
 * new. A city that fails does not stop the others; the failures are thrown together at the end.
 */
export async function checkSla(
  pool: pg.Pool,
  now = new Date(),
  options: { publicUrl?: string } = {},
): Promise<{ breached: number }> {
  // One probe of the partial index (city_id, sla_due_at) per city: only cities with work get a transaction.
  const { rows: cities } = await pool.query<{ city_id: number; timezone: string }>(
    `SELECT c.city_id, c.timezone FROM cities c
      WHERE EXISTS (SELECT 1 FROM help_requests h
                     WHERE h.city_id = c.city_id AND h.first_contact_at IS NULL AND h.sla_breached_at IS NULL
                       AND h.sla_due_at < $1 AND h.status <> ALL($2::text[]))
      ORDER BY c.city_id`,
    [now, [...terminalStatuses]],
  );
  const publicUrl = options.publicUrl ?? '';
  let breached = 0;
  const failures: unknown[] = [];
  for (const city of cities) {
    try {
      for (;;) {
        const flagged = await withTransaction(pool, (client) => flagCity(client, city, now, publicUrl));
        breached += flagged;
        if (flagged < batchSize) break;
      }
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0)
    throw new AggregateError(failures, `SLA check failed for ${failures.length} cities`);
  return { breached };
}

/** Schedules checkSla every minute (one run at a time across all servers). */
export function registerSlaJob(
  jobs: Jobs,
  pool: pg.Pool,
  log: JobsLogger,
  options: { publicUrl?: string } = {},
): Promise<void> {
  return jobs.every(slaJobName, '* * * * *', async () => {
    const { breached } = await checkSla(pool, new Date(), options);
    if (breached > 0) log.info(`sla: ${breached} help requests overdue for first contact, escalated`);
  });
}
