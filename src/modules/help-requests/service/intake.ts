import { createHash, randomInt, randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Database } from '../../../kernel/db/index.ts';
import { AppError } from '../../../kernel/errors.ts';
import { type Lang, t } from '../../../kernel/i18n/index.ts';
import type { City } from '../../../kernel/tenancy/registry.ts';
import { locatePoint, neighbourhoodRef } from '../../territory/index.ts';
import { defaultRoutingRules, type Queue, type RoutingRules } from '../routing.ts';
import { slaDueAt } from '../sla.ts';
import {
  analyseText,
  type Circumstances,
  type HelpCategory,
  suggestCategories,
  suggestUrgency,
} from '../triage.ts';

export interface IntakeInput {
  category: HelpCategory;
  description: string;
  lat?: number;
  lon?: number;
  address?: string;
  neighbourhoodCode?: string;
  contact: { name: string; phone?: string; email?: string };
  consent: true;
  circumstances?: Circumstances;
  /** Set when staff enter the request for a person without digital means. */
  onBehalfOf?: { channel: 'phone' | 'desk' };
}

export interface IntakeActor {
  userId: string | null;
  label: string | null;
  /** Whether the caller may enter requests on someone's behalf (staff). */
  staff: boolean;
  /** A signed-in citizen: the request shows in their account. */
  citizen: boolean;
  requestId: string;
  ip: string;
  lang: Lang;
}

export interface IntakeResult {
  id: string;
  trackingCode: string;
  status: 'new';
  urgency: string;
  neighbourhood: { code: string; name: string };
  zone: { code: string; name: string };
  queue: Queue;
  communityPoint: { id: string; name: string; neighbourhoodCodes: string[] } | null;
}

const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A tracking code: 8 characters without look-alikes (0/O, 1/I), about 40 bits. */
export function newTrackingCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += alphabet[randomInt(alphabet.length)];
  return code;
}

/** `abcd-efgh`, `ABCDEFGH`, ` ABCD EFGH ` → `ABCDEFGH`; undefined when it cannot be a code. */
export function normaliseTrackingCode(raw: string): string | undefined {
  const code = raw.toUpperCase().replace(/[\s-]/g, '');
  return /^[A-HJ-NP-Z2-9]{8}$/.test(code) ? code : undefined;
}

export const formatTrackingCode = (code: string): string => `${code.slice(0, 4)}-${code.slice(4)}`;

const fold = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/**
 * Where the person is: the neighbourhood they chose, else the point's, else a neighbourhood
 * named in the address (no geocoder is needed to route "Via X, Mompiano"). A point outside the
 * city, or an address that names no neighbourhood, is a validation problem on that field.
 */
async function place(database: Database, city: City, input: IntakeInput, lang: Lang) {
  if (input.lat !== undefined && input.lon !== undefined) {
    const located = await locatePoint(database.db, city, input.lat, input.lon);
    if (!located)
      throw new AppError(
        'validation',
        {},
        { fields: [{ field: 'lat', message: t(lang, 'help.field.outside_city', { city: city.name }) }] },
      );
    if (!input.neighbourhoodCode) return located;
  }
  if (input.neighbourhoodCode) {
    try {
      return await neighbourhoodRef(database.db, city, input.neighbourhoodCode);
    } catch {
      throw new AppError(
        'validation',
        {},
        {
          fields: [{ field: 'neighbourhoodCode', message: t(lang, 'help.field.unknown_neighbourhood') }],
        },
      );
    }
  }
  const address = fold(input.address ?? '');
  const { rows } = await database.pool.query<{ code: string; name: string; also_called: string | null }>(
    'SELECT code, name, also_called FROM neighbourhoods WHERE city_id = $1',
    [city.id],
  );
  // Longest names first, so "San Polo Parco" wins over "San Polo".
  const names = rows
    .flatMap((r) =>
      [r.name, ...(r.also_called ? r.also_called.split(/[;,]/) : [])].map((n) => ({
        code: r.code,
        n: fold(n),
      })),
    )
    .filter((x) => x.n.length >= 4)
    .sort((a, b) => b.n.length - a.n.length);
  const hit = names.find((x) => ` ${address} `.includes(` ${x.n} `));
  if (!hit)
    throw new AppError(
      'validation',
      {},
      {
        fields: [{ field: 'neighbourhoodCode', message: t(lang, 'help.field.cannot_place') }],
      },
    );
  return neighbourhoodRef(database.db, city, hit.code);
}

const requestHash = (input: IntakeInput): string =>
  createHash('sha256').update(JSON.stringify(input)).digest('hex');

interface Mail {
  to: string;
  subject: string;
  text: string;
}

/**
 * The intake in one statement (see `createHelpRequest`). Its text never changes, so that it can be
 * sent as a named (prepared) statement.
 */
const intakeStatement = `
  WITH ik AS (
    INSERT INTO idempotency_keys (city_id, scope, key, request_hash, status, response)
    SELECT $1, 'help_request.create', $26, $27, 201, $28::jsonb WHERE $26::text IS NOT NULL
    ON CONFLICT DO NOTHING RETURNING 1
  ), go AS (
    SELECT 1 WHERE $26::text IS NULL OR EXISTS (SELECT 1 FROM ik)
  ), hr AS (
    INSERT INTO help_requests (city_id, help_request_id, tracking_code, category, suggested_category, description,
      circumstances, urgency, urgency_reasons, status, address, lat, lon, neighbourhood_code, zone_code, queue,
      community_point_id, contact_name, contact_phone, contact_email, lang, consent_at, channel, taken_by,
      citizen_id, sla_due_at, created_at, updated_at)
    SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, 'new', $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
           $21, $22, $23, $24, $25, $21, $21
      FROM go
    RETURNING help_request_id
  ), ev AS (
    INSERT INTO help_request_events (city_id, help_request_id, at, actor_id, kind, to_status, reason, data)
    SELECT $1, help_request_id, $21, $23, 'created', 'new', $29, $30::jsonb FROM hr
  ), au AS (
    INSERT INTO audit_log (city_id, actor_id, actor_label, action, resource, resource_id, scope, request_id, ip,
                           sensitive, detail)
    SELECT $1, $23, $31, 'create', 'help_request', help_request_id::text, $32, $33, $34, true, $30::jsonb FROM hr
  ), ml AS (
    INSERT INTO mail_outbox (city_id, "to", subject, text)
    SELECT $1, m.to, m.subject, m.text FROM hr, jsonb_to_recordset($35::jsonb) AS m("to" text, subject text, text text)
  )
  SELECT EXISTS (SELECT 1 FROM hr) AS created`;

/**
 * Takes a request for help: places it, suggests category and urgency, routes it, and writes it
 * with its first history event, its audit row, its mails and (when a key is given) its
 * idempotency record in ONE statement: it commits whole or not at all, and a retry with the same
 * `Idempotency-Key` returns the first answer and creates nothing.
 */
export async function createHelpRequest(
  database: Database,
  city: City,
  input: IntakeInput,
  actor: IntakeActor,
  options: { idempotencyKey?: string; rules?: RoutingRules; publicUrl?: string; notify?: boolean } = {},
): Promise<{ result: IntakeResult; replayed: boolean }> {
  const lang = actor.lang;
  if (input.onBehalfOf && !actor.staff)
    throw new AppError('forbidden', {}, { messageKey: 'problem.help.on_behalf.detail' });
  const key = options.idempotencyKey;
  const hash = key ? requestHash(input) : '';
  // No look-up first: a key already used makes the insert below a no-op, and then we replay.

  const located = await place(database, city, input, lang);
  const point =
    input.lat !== undefined && input.lon !== undefined ? { lat: input.lat, lon: input.lon } : undefined;
  const decision = await (options.rules ?? defaultRoutingRules).route(database.pool, city, {
    category: input.category,
    neighbourhoodCode: located.neighbourhood.code,
    zoneCode: located.zone.code,
    point,
  });
  // The description is cut into words and stemmed once, for both suggestions.
  const analysed = analyseText(input.description);
  const suggested = suggestCategories(analysed)[0];
  const urgency = suggestUrgency(
    { category: input.category, description: input.description, circumstances: input.circumstances },
    analysed,
  );
  const now = new Date();
  const due = slaDueAt(urgency.urgency, now, city.settings as never);
  const id = randomUUID();
  const hub = decision.communityPoint;
  const channel = input.onBehalfOf?.channel ?? 'web';

  for (let attempt = 0; ; attempt++) {
    const trackingCode = newTrackingCode();
    const result: IntakeResult = {
      id,
      trackingCode: formatTrackingCode(trackingCode),
      status: 'new',
      urgency: urgency.urgency,
      neighbourhood: located.neighbourhood,
      zone: located.zone,
      queue: decision.queue,
      communityPoint: hub ? { id: hub.id, name: hub.name, neighbourhoodCodes: hub.neighbourhoodCodes } : null,
    };
    const mails: Mail[] = [];
    const category = t(lang, `help.category.${input.category}`);
    const base = options.publicUrl ?? '';
    const notify = options.notify ?? true;
    if (notify && input.contact.email)
      mails.push({
        to: input.contact.email,
        subject: t(lang, 'help.mail.received.subject', { code: result.trackingCode }),
        text: t(lang, 'help.mail.received.text', {
          name: input.contact.name,
          category,
          code: result.trackingCode,
          where: hub?.name ?? t(lang, `help.queue.${decision.queue}`),
          link: `${base}/segui/${result.trackingCode}`,
        }),
      });
    if (notify && hub?.email)
      mails.push({
        to: hub.email,
        subject: t('it', 'help.mail.hub_new.subject', {
          category: t('it', `help.category.${input.category}`),
        }),
        text: t('it', 'help.mail.hub_new.text', {
          code: result.trackingCode,
          urgency: t('it', `help.urgency.${urgency.urgency}`),
          link: `${base}/sportello/richieste/${id}`,
        }),
      });
    try {
      const { rows } = await database.pool.query<{ created: boolean }>({
        // Named: each pooled connection parses, rewrites and plans it once, not on every submission.
        name: 'help_request.create',
        text: intakeStatement,
        values: [
          city.id, // 1
          id,
          trackingCode,
          input.category,
          suggested?.category ?? null, // 5
          input.description,
          JSON.stringify(input.circumstances ?? {}),
          urgency.urgency,
          JSON.stringify(urgency.reasons),
          input.address ?? null, // 10
          point?.lat ?? null,
          point?.lon ?? null,
          located.neighbourhood.code,
          located.zone.code,
          decision.queue, // 15
          hub?.id ?? null,
          input.contact.name,
          input.contact.phone ?? null,
          input.contact.email ?? null,
          lang, // 20
          now,
          channel,
          actor.userId,
          actor.citizen && !input.onBehalfOf ? actor.userId : null,
          due, // 25
          key ?? null,
          hash,
          JSON.stringify(result),
          decision.rule,
          JSON.stringify({ channel, queue: decision.queue, communityPoint: hub?.slug ?? null }), // 30
          actor.label,
          hub ? `community_point:${hub.slug}` : `zone:${located.zone.code}`,
          actor.requestId,
          actor.ip,
          JSON.stringify(mails), // 35
        ],
      });
      if (rows[0]?.created) return { result, replayed: false };
      // Another submission with this key committed first: its answer is the answer.
      const earlier = key ? await replay(database.pool, city, key, hash) : undefined;
      if (earlier) return earlier;
      throw new Error('help request neither created nor replayed');
    } catch (error) {
      const pgError = error as { code?: string; constraint?: string };
      if (pgError.code === '23505' && pgError.constraint === 'help_requests_tracking_idx' && attempt < 5)
        continue;
      throw error;
    }
  }
}

async function replay(
  pool: pg.Pool,
  city: City,
  key: string,
  hash: string,
): Promise<{ result: IntakeResult; replayed: true } | undefined> {
  const { rows } = await pool.query<{ request_hash: string; response: IntakeResult }>(
    `SELECT request_hash, response FROM idempotency_keys WHERE city_id = $1 AND scope = 'help_request.create' AND key = $2`,
    [city.id, key],
  );
  const row = rows[0];
  if (!row) return undefined;
  if (row.request_hash !== hash) throw new AppError('idempotency_conflict');
  return { result: row.response, replayed: true };
}
