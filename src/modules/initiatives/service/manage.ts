import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { audit, auditFromRequest } from '../../../kernel/audit/index.ts';
import type { Grant } from '../../../kernel/auth/types.ts';
import type { Database } from '../../../kernel/db/index.ts';
import { withTransaction } from '../../../kernel/db/transaction.ts';
import { AppError } from '../../../kernel/errors.ts';
import { formatDateTime, t } from '../../../kernel/i18n/index.ts';
import { queueMail } from '../../../kernel/mail/index.ts';
import { locatePoint } from '../../territory/index.ts';
import { checkInitiativeRefs, createInitiative, type InitiativeStatus, type Partner } from './create.ts';
import { type EventRow, eventView, loadEvent, loadInitiative } from './read.ts';
import { promoteWaiting } from './registrations.ts';
import { reachesHub, scopeLabel } from './scope.ts';

export interface InitiativeInput {
  title: string;
  description: string;
  neighbourhoodCode: string;
  communityPointSlug?: string | null;
  partners: Partner[];
  status: InitiativeStatus;
  startsOn: string;
  endsOn?: string | null;
  programmePart: string;
}

/** The hub of an initiative being written: the one asked (in the caller's scope), or the operator's own. */
async function hubFor(
  db: Database,
  cityId: number,
  grant: Grant,
  slug: string | null | undefined,
): Promise<{ id: string | null; slug: string | null }> {
  let wanted = slug ?? null;
  if (wanted === null && !grant.all) {
    if (grant.communityPoints.length !== 1)
      throw new AppError(
        'validation',
        {},
        {
          fields: [{ field: 'communityPointSlug', message: 'choose the Punto Comunità of the initiative' }],
        },
      );
    wanted = grant.communityPoints[0]!;
  }
  if (wanted === null) return { id: null, slug: null };
  if (!reachesHub(grant, wanted)) throw new AppError('forbidden');
  const { rows } = await db.pool.query<{ community_point_id: string }>(
    'SELECT community_point_id FROM community_points WHERE city_id = $1 AND slug = $2',
    [cityId, wanted],
  );
  if (!rows[0])
    throw new AppError(
      'validation',
      {},
      {
        fields: [{ field: 'communityPointSlug', message: `unknown Punto Comunità: ${wanted}` }],
      },
    );
  return { id: rows[0].community_point_id, slug: wanted };
}

export async function createInitiativeFor(db: Database, request: FastifyRequest, input: InitiativeInput) {
  const cityId = request.city.id;
  const hub = await hubFor(db, cityId, request.grant, input.communityPointSlug);
  return withTransaction(db.pool, async (client) => {
    const created = await createInitiative(client, cityId, {
      title: input.title,
      description: input.description,
      neighbourhoodCode: input.neighbourhoodCode,
      communityPointId: hub.id,
      partners: input.partners,
      startsOn: input.startsOn,
      endsOn: input.endsOn ?? null,
      programmePart: input.programmePart,
      status: input.status,
      createdBy: request.user?.id ?? null,
    });
    await audit(
      client,
      auditFromRequest(request, {
        action: 'create',
        resource: 'initiative',
        resourceId: created.id,
        scope: scopeLabel(request.grant, hub.slug),
      }),
    );
    return loadInitiative(client, cityId, created.slug);
  });
}

export async function updateInitiative(
  db: Database,
  request: FastifyRequest,
  slug: string,
  input: InitiativeInput,
) {
  const cityId = request.city.id;
  return withTransaction(db.pool, async (client) => {
    const current = await loadInitiative(client, cityId, slug, true);
    if (!reachesHub(request.grant, current.hub_slug))
      throw new AppError('not_found', { resource: 'initiative', id: slug });
    const hub =
      input.communityPointSlug === undefined || input.communityPointSlug === current.hub_slug
        ? { id: current.community_point_id, slug: current.hub_slug }
        : await hubFor(db, cityId, request.grant, input.communityPointSlug);
    await checkInitiativeRefs(client, cityId, { ...input, communityPointId: hub.id });
    await client.query(
      `UPDATE initiatives SET title = $3, description = $4, neighbourhood_code = $5, community_point_id = $6,
              partners = $7::jsonb, status = $8, starts_on = $9::date, ends_on = $10::date, programme_part = $11,
              updated_at = now()
        WHERE city_id = $1 AND initiative_id = $2`,
      [
        cityId,
        current.initiative_id,
        input.title,
        input.description,
        input.neighbourhoodCode,
        hub.id,
        JSON.stringify(input.partners),
        input.status,
        input.startsOn,
        input.endsOn ?? null,
        input.programmePart,
      ],
    );
    await audit(
      client,
      auditFromRequest(request, {
        action: 'update',
        resource: 'initiative',
        resourceId: current.initiative_id,
        scope: scopeLabel(request.grant, current.hub_slug),
      }),
    );
    return loadInitiative(client, cityId, slug);
  });
}

export interface EventInput {
  title: string;
  description: string;
  place: string;
  lat?: number;
  lon?: number;
  neighbourhoodCode?: string;
  startsAt: string;
  endsAt: string;
  capacity?: number | null;
  repeat?: { weekly: number };
}

/** The neighbourhood of an event: given, or where its point falls, or the initiative's. */
async function eventNeighbourhood(
  db: Database,
  request: FastifyRequest,
  input: Pick<EventInput, 'lat' | 'lon' | 'neighbourhoodCode'>,
  fallback: string,
): Promise<string> {
  if (input.neighbourhoodCode) {
    const { rowCount } = await db.pool.query(
      'SELECT 1 FROM neighbourhoods WHERE city_id = $1 AND code = $2',
      [request.city.id, input.neighbourhoodCode],
    );
    if (!rowCount)
      throw new AppError(
        'validation',
        {},
        {
          fields: [
            { field: 'neighbourhoodCode', message: `unknown neighbourhood: ${input.neighbourhoodCode}` },
          ],
        },
      );
    return input.neighbourhoodCode;
  }
  if (input.lat !== undefined && input.lon !== undefined) {
    const located = await locatePoint(db.db, request.city, input.lat, input.lon);
    if (!located)
      throw new AppError(
        'validation',
        {},
        {
          fields: [{ field: 'lat', message: t(request.lang, 'initiatives.field.outside_city') }],
        },
      );
    return located.neighbourhood.code;
  }
  return fallback;
}

/** Creates an event, or a weekly series (same local time each week, Europe/Rome) sharing a series id. */
export async function createEvents(db: Database, request: FastifyRequest, slug: string, input: EventInput) {
  const cityId = request.city.id;
  const initiative = await loadInitiative(db.pool, cityId, slug);
  if (!reachesHub(request.grant, initiative.hub_slug))
    throw new AppError('not_found', { resource: 'initiative', id: slug });
  const hood = await eventNeighbourhood(db, request, input, initiative.neighbourhood_code);
  const occurrences = input.repeat?.weekly ?? 1;
  const seriesId = occurrences > 1 ? randomUUID() : null;
  return withTransaction(db.pool, async (client) => {
    const { rows } = await client.query<{ event_id: string }>(
      `INSERT INTO community_events (city_id, initiative_id, series_id, title, description, place, lat, lon,
                                     neighbourhood_code, starts_at, ends_at, capacity, organiser_id)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9,
              (($10::timestamptz AT TIME ZONE 'Europe/Rome') + k * interval '7 days') AT TIME ZONE 'Europe/Rome',
              (($11::timestamptz AT TIME ZONE 'Europe/Rome') + k * interval '7 days') AT TIME ZONE 'Europe/Rome',
              $12, $13
         FROM generate_series(0, $14::int - 1) AS k
       RETURNING event_id`,
      [
        cityId,
        initiative.initiative_id,
        seriesId,
        input.title,
        input.description,
        input.place,
        input.lat ?? null,
        input.lon ?? null,
        hood,
        input.startsAt,
        input.endsAt,
        input.capacity ?? null,
        request.user?.id ?? null,
        occurrences,
      ],
    );
    await audit(
      client,
      auditFromRequest(request, {
        action: 'create',
        resource: 'community_event',
        resourceId: rows[0]?.event_id ?? null,
        scope: scopeLabel(request.grant, initiative.hub_slug),
        detail: { initiative: slug, occurrences, seriesId },
      }),
    );
    const { rows: events } = await client.query<{ event_id: string }>(
      'SELECT event_id FROM community_events WHERE city_id = $1 AND event_id = ANY($2::uuid[]) ORDER BY starts_at',
      [cityId, rows.map((r) => r.event_id)],
    );
    const out = [];
    for (const e of events) out.push(eventView(await loadEvent(client, cityId, e.event_id)));
    return out;
  });
}

/** The event, locked, if the caller organises it (else 404). */
async function lockOwnEvent(
  q: Parameters<typeof loadEvent>[0],
  request: FastifyRequest,
  id: string,
): Promise<EventRow> {
  const event = await loadEvent(q, request.city.id, id, true);
  if (!reachesHub(request.grant, event.hub_slug)) throw new AppError('not_found', { resource: 'event', id });
  return event;
}

export async function updateEvent(
  db: Database,
  request: FastifyRequest,
  id: string,
  input: Omit<EventInput, 'repeat'>,
  publicUrl: string,
) {
  const cityId = request.city.id;
  const before = await loadEvent(db.pool, cityId, id);
  if (!reachesHub(request.grant, before.hub_slug)) throw new AppError('not_found', { resource: 'event', id });
  const hood = await eventNeighbourhood(db, request, input, before.neighbourhood_code);
  return withTransaction(db.pool, async (client) => {
    const event = await lockOwnEvent(client, request, id);
    if (event.status === 'cancelled')
      throw new AppError('conflict', {}, { messageKey: 'problem.initiatives.event_cancelled.detail' });
    const capacity = input.capacity === undefined ? event.capacity : input.capacity;
    if (capacity === null && event.registered_count + event.waiting_count > 0)
      throw new AppError('conflict', {}, { messageKey: 'problem.initiatives.capacity_needed.detail' });
    if (capacity !== null && capacity < event.registered_count)
      throw new AppError(
        'conflict',
        { registered: event.registered_count },
        { messageKey: 'problem.initiatives.capacity_below.detail' },
      );
    await client.query(
      `UPDATE community_events SET title = $3, description = $4, place = $5, lat = $6, lon = $7,
              neighbourhood_code = $8, starts_at = $9, ends_at = $10, capacity = $11, updated_at = now()
        WHERE city_id = $1 AND event_id = $2`,
      [
        cityId,
        id,
        input.title,
        input.description,
        input.place,
        input.lat ?? null,
        input.lon ?? null,
        hood,
        input.startsAt,
        input.endsAt,
        capacity,
      ],
    );
    // More places: the first waiting get them.
    if (capacity !== null && (event.capacity === null || capacity > event.capacity))
      await promoteWaiting(client, request, await loadEvent(client, cityId, id, true), publicUrl);
    await audit(
      client,
      auditFromRequest(request, {
        action: 'update',
        resource: 'community_event',
        resourceId: id,
        scope: scopeLabel(request.grant, event.hub_slug),
      }),
    );
    return eventView(await loadEvent(client, cityId, id));
  });
}

/** Cancels an event: everyone registered or waiting is e-mailed (through the outbox, same transaction). */
export async function cancelEvent(db: Database, request: FastifyRequest, id: string, publicUrl: string) {
  const cityId = request.city.id;
  return withTransaction(db.pool, async (client) => {
    const event = await lockOwnEvent(client, request, id);
    if (event.status === 'cancelled')
      throw new AppError('conflict', {}, { messageKey: 'problem.initiatives.event_cancelled.detail' });
    await client.query(
      `UPDATE community_events SET status = 'cancelled', updated_at = now() WHERE city_id = $1 AND event_id = $2`,
      [cityId, id],
    );
    const { rows } = await client.query<{ name: string; email: string | null }>(
      `SELECT r.name, coalesce(r.email, u.email) AS email FROM event_registrations r
         LEFT JOIN users u ON u.city_id = r.city_id AND u.user_id = r.user_id
        WHERE r.city_id = $1 AND r.event_id = $2 AND r.status IN ('registered', 'waiting')`,
      [cityId, id],
    );
    const lang = 'it';
    for (const r of rows) {
      if (!r.email) continue;
      await queueMail(client, {
        cityId,
        to: r.email,
        subject: t(lang, 'initiatives.mail.cancelled.subject', { title: event.title }),
        text: t(lang, 'initiatives.mail.cancelled.text', {
          name: r.name,
          title: event.title,
          when: formatDateTime(event.starts_at, lang),
          link: `${publicUrl}/eventi/${id}`,
        }),
      });
    }
    await audit(
      client,
      auditFromRequest(request, {
        action: 'cancel',
        resource: 'community_event',
        resourceId: id,
        scope: scopeLabel(request.grant, event.hub_slug),
        detail: { notified: rows.filter((r) => r.email).length },
      }),
    );
    return {
      ...eventView(await loadEvent(client, cityId, id)),
      notified: rows.filter((r) => r.email).length,
    };
  });
}
