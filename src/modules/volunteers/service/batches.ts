import type { FastifyRequest } from 'fastify';
import { audit, auditFromRequest, type Queryable } from '../../../kernel/audit/index.ts';
import type { Grant } from '../../../kernel/auth/types.ts';
import type { Database } from '../../../kernel/db/index.ts';
import { withTransaction } from '../../../kernel/db/transaction.ts';
import { AppError } from '../../../kernel/errors.ts';
import { type Lang, t } from '../../../kernel/i18n/index.ts';
import type { City } from '../../../kernel/tenancy/registry.ts';
import { formatTrackingCode, recordVolunteerStep } from '../../help-requests/index.ts';
import {
  type MatchRequest,
  type MatchVolunteer,
  matchingStrategies,
  type ProposalStats,
} from '../matching/index.ts';
import { type CandidateVolunteer, loadCandidates } from './candidates.ts';
import { needsOf, type RequestForMatching, requestSelect } from './requests.ts';
import { insertOffer, offerProblem } from './tasks.ts';

export interface BatchPair {
  requestId: string;
  volunteerId: string;
  distanceKm: number;
  requestSummary: string;
  volunteerName: string;
}

interface StoredProposal {
  pairs: BatchPair[];
  unmatched: { requestId: string; requestSummary: string }[];
  stats: ProposalStats & { matched: number; distanceKm: number };
  /** The hubs whose requests the batch took (an operator's), or null: the whole zone. */
  communityPoints: string[] | null;
  applied?: { created: { taskId: string; requestId: string; volunteerId: string }[]; skipped: Skipped[] };
}

interface Skipped {
  requestId: string;
  reason: 'request_taken' | 'volunteer_unavailable';
}

interface BatchRow {
  batch_id: string;
  zone_code: string;
  strategy: string;
  status: 'proposed' | 'applied' | 'discarded';
  proposal: StoredProposal;
  created_by: string;
  created_at: Date;
  decided_at: Date | null;
}

/** Who may run and see batches of a zone: city-wide staff, its social workers, operators of a hub in it. */
async function zoneReach(q: Queryable, city: City, grant: Grant, zoneCode: string) {
  const { rows: zone } = await q.query('SELECT 1 FROM zones WHERE city_id = $1 AND code = $2', [
    city.id,
    zoneCode,
  ]);
  if (!zone.length) return { known: false, hubs: null as string[] | null, allowed: false };
  if (grant.all || grant.zones.includes(zoneCode)) return { known: true, hubs: null, allowed: true };
  const { rows } = await q.query<{ slug: string }>(
    'SELECT slug FROM community_points WHERE city_id = $1 AND zone_code = $2 AND slug = ANY($3::text[])',
    [city.id, zoneCode, grant.communityPoints],
  );
  return { known: true, hubs: rows.map((r) => r.slug), allowed: rows.length > 0 };
}

const summary = (lang: Lang, r: RequestForMatching) =>
  `${t(lang, `help.category.${r.category}`)} · ${r.neighbourhood_name} · ${formatTrackingCode(r.tracking_code)}`;

/** The open requests of a zone that no volunteer holds or has been offered (the hub's only, for an operator). */
async function openRequests(q: Queryable, city: City, zoneCode: string, hubs: string[] | null) {
  const { rows } = await q.query<RequestForMatching>(
    `${requestSelect}
      WHERE h.city_id = $1 AND h.zone_code = $2 AND h.status IN ('new', 'triaged') AND h.queue <> 'helpline'
        AND ($3::text[] IS NULL OR cp.slug = ANY($3::text[]))
        AND NOT EXISTS (SELECT 1 FROM volunteer_tasks t WHERE t.city_id = h.city_id AND t.help_request_id = h.help_request_id
                          AND t.status IN ('offered', 'accepted', 'done'))
      ORDER BY h.help_request_id`,
    [city.id, zoneCode, hubs],
  );
  return rows;
}

const toMatchRequest = (r: RequestForMatching): MatchRequest => {
  const needs = needsOf(r);
  return {
    id: r.help_request_id,
    lat: r.lat,
    lon: r.lon,
    skills: needs.skills,
    needsClearance: needs.needsClearance,
    neighbourhoodCode: r.neighbourhood_code,
  };
};

const toMatchVolunteer = (v: CandidateVolunteer): MatchVolunteer => ({
  id: v.user_id,
  lat: v.lat ?? Number.NaN,
  lon: v.lon ?? Number.NaN,
  skills: v.skills,
  capacity: v.status === 'active' ? v.max_tasks - v.load - v.pending : 0,
  currentLoad: v.load + v.pending,
  cleared: v.cleared,
  neighbourhoodCodes: v.neighbourhood_codes,
  maxDistanceKm: v.max_distance_km,
});

/** Volunteers serve only the neighbourhoods they chose, within their own range. */
const options = { neighbourhoods: 'restrict' as const };

function toView(b: BatchRow) {
  return {
    batchId: b.batch_id,
    status: b.status,
    zoneCode: b.zone_code,
    strategy: b.strategy,
    pairs: b.proposal.pairs,
    unmatched: b.proposal.unmatched,
    stats: b.proposal.stats as unknown as Record<string, unknown>,
    applied: b.proposal.applied ?? null,
    createdAt: b.created_at.toISOString(),
    decidedAt: b.decided_at?.toISOString() ?? null,
  };
}

/**
 * The proposal of a strategy for the open requests of a zone (of some hubs only, when given) and the
 * active volunteers with room for more, as stored in a batch. Nothing is written.
 */
export async function computeProposal(
  q: Queryable,
  city: City,
  zoneCode: string,
  hubs: string[] | null,
  strategyName: 'optimal' | 'greedy',
  lang: Lang,
) {
  const requests = await openRequests(q, city, zoneCode, hubs);
  const volunteers = (await loadCandidates(q, city.id, null, { activeOnly: true })).filter(
    (v) => v.max_tasks - v.load - v.pending > 0 && v.lat !== null,
  );
  const strategy = matchingStrategies[strategyName]!;
  const proposal = strategy.propose(requests.map(toMatchRequest), volunteers.map(toMatchVolunteer), options);
  const byRequest = new Map(requests.map((r) => [r.help_request_id, r]));
  const byVolunteer = new Map(volunteers.map((v) => [v.user_id, v]));
  const stored: StoredProposal = {
    pairs: proposal.pairs.map((p) => ({
      ...p,
      requestSummary: summary(lang, byRequest.get(p.requestId)!),
      volunteerName: byVolunteer.get(p.volunteerId)!.display_name,
    })),
    unmatched: proposal.unmatched.map((id) => ({
      requestId: id,
      requestSummary: summary(lang, byRequest.get(id)!),
    })),
    stats: { ...proposal.stats, matched: proposal.matched, distanceKm: proposal.distanceKm },
    communityPoints: hubs,
  };
  return { stored, strategy: strategy.name, requests: requests.length };
}

/**
 * "Assign all": the open, unassigned requests of a zone (an operator's hubs only) matched to the
 * active volunteers with room for more, by a strategy (optimal min-cost flow by default, or greedy).
 * Nothing is offered yet: the proposal is stored for the operator to review, apply or discard.
 */
export async function proposeBatch(
  database: Database,
  request: FastifyRequest,
  input: { zoneCode: string; strategy: 'optimal' | 'greedy' },
) {
  const city = request.city;
  const pool = database.pool;
  const reach = await zoneReach(pool, city, request.grant, input.zoneCode);
  if (!reach.known)
    throw new AppError(
      'validation',
      {},
      { fields: [{ field: 'zoneCode', message: t(request.lang, 'volunteers.field.zone') }] },
    );
  if (!reach.allowed) throw new AppError('forbidden');
  const { stored, strategy, requests } = await computeProposal(
    pool,
    city,
    input.zoneCode,
    reach.hubs,
    input.strategy,
    request.lang,
  );
  const { rows } = await pool.query<BatchRow>(
    `INSERT INTO matching_batches (city_id, zone_code, strategy, status, proposal, created_by)
     VALUES ($1, $2, $3, 'proposed', $4, $5) RETURNING *`,
    [city.id, input.zoneCode, strategy, JSON.stringify(stored), request.user!.id],
  );
  await audit(
    pool,
    auditFromRequest(request, {
      action: 'propose',
      resource: 'matching_batch',
      resourceId: rows[0]!.batch_id,
      scope: `zone:${input.zoneCode}`,
      detail: { strategy, requests, matched: stored.pairs.length },
    }),
  );
  return toView(rows[0]!);
}

/** A batch the caller may see (its zone in their reach), locked when `forUpdate`; else a 404 problem. */
async function loadBatch(
  q: Queryable,
  city: City,
  grant: Grant,
  userId: string,
  id: string,
  forUpdate = false,
) {
  const { rows } = await q.query<BatchRow>(
    `SELECT * FROM matching_batches WHERE city_id = $1 AND batch_id = $2${forUpdate ? ' FOR UPDATE' : ''}`,
    [city.id, id],
  );
  const b = rows[0];
  if (!b) throw new AppError('not_found', { resource: 'matching_batch', id });
  let reach = grant.all || grant.zones.includes(b.zone_code) || b.created_by === userId;
  if (!reach && grant.communityPoints.length) {
    const { rowCount } = await q.query(
      'SELECT 1 FROM community_points WHERE city_id = $1 AND zone_code = $2 AND slug = ANY($3::text[])',
      [city.id, b.zone_code, grant.communityPoints],
    );
    reach = (rowCount ?? 0) > 0;
  }
  if (!reach) throw new AppError('not_found', { resource: 'matching_batch', id });
  return b;
}

export async function getBatch(database: Database, request: FastifyRequest, id: string) {
  return toView(await loadBatch(database.pool, request.city, request.grant, request.user!.id, id));
}

/**
 * Applies a proposal (all of it, or the requests chosen) in one transaction: an offered task per
 * pair, with the batch's id, and an e-mail to each volunteer. A request taken meanwhile (closed,
 * offered or accepted elsewhere), or a volunteer no longer able to take it, is skipped and reported.
 */
export async function applyBatch(
  database: Database,
  request: FastifyRequest,
  id: string,
  input: { requestIds?: string[]; brief?: string },
  publicUrl: string,
) {
  const city = request.city;
  const user = request.user!;
  return withTransaction(database.pool, async (client) => {
    const b = await loadBatch(client, city, request.grant, user.id, id, true);
    if (b.status !== 'proposed')
      throw new AppError(
        'conflict',
        { status: t(request.lang, `volunteers.batch_status.${b.status}`) },
        { messageKey: 'problem.volunteers.batch_state.detail' },
      );
    const chosen = input.requestIds ? new Set(input.requestIds) : null;
    if (chosen) {
      const unknown = [...chosen].filter((rid) => !b.proposal.pairs.some((p) => p.requestId === rid));
      if (unknown.length)
        throw new AppError(
          'validation',
          {},
          {
            fields: unknown.map((rid) => ({
              field: `requestIds.${input.requestIds!.indexOf(rid)}`,
              message: t(request.lang, 'volunteers.field.not_in_batch'),
            })),
          },
        );
    }
    const pairs = b.proposal.pairs.filter((p) => !chosen || chosen.has(p.requestId));
    // Lock the requests (in id order), then the volunteers (in id order): the same order as an accept.
    const open = await client.query<RequestForMatching>(
      `${requestSelect} WHERE h.city_id = $1 AND h.help_request_id = ANY($2::uuid[])
        ORDER BY h.help_request_id FOR UPDATE OF h`,
      [city.id, pairs.map((p) => p.requestId)],
    );
    const { rows: busyRows } = await client.query<{ help_request_id: string }>(
      `SELECT DISTINCT help_request_id FROM volunteer_tasks
        WHERE city_id = $1 AND help_request_id = ANY($2::uuid[]) AND status IN ('offered', 'accepted', 'done')`,
      [city.id, pairs.map((p) => p.requestId)],
    );
    const busy = new Set(busyRows.map((r) => r.help_request_id));
    const reqById = new Map(open.rows.map((r) => [r.help_request_id, r]));
    const volunteers = await loadCandidates(client, city.id, null, {
      ids: [...new Set(pairs.map((p) => p.volunteerId))],
      forUpdate: true,
    });
    const volById = new Map(volunteers.map((v) => [v.user_id, v]));
    const created: { taskId: string; requestId: string; volunteerId: string }[] = [];
    const skipped: Skipped[] = [];
    const now = new Date();
    for (const p of pairs) {
      const r = reqById.get(p.requestId);
      const v = volById.get(p.volunteerId);
      if (!r || !['new', 'triaged'].includes(r.status) || busy.has(r.help_request_id)) {
        skipped.push({ requestId: p.requestId, reason: 'request_taken' });
        continue;
      }
      const problem = v ? offerProblem(v, needsOf(r).needsClearance) : { messageKey: 'gone' };
      if (!v || problem || v.load + v.pending >= v.max_tasks) {
        skipped.push({ requestId: p.requestId, reason: 'volunteer_unavailable' });
        continue;
      }
      const brief =
        input.brief ??
        t(langOf(v.locale), 'volunteers.batch.brief', {
          category: t(langOf(v.locale), `help.category.${r.category}`),
          neighbourhood: r.neighbourhood_name,
        });
      const taskId = await insertOffer(
        client,
        city.id,
        r,
        v,
        { brief, offeredBy: user.id, batchId: b.batch_id, now },
        publicUrl,
      );
      v.pending++;
      await recordVolunteerStep(client, city.id, r.help_request_id, {
        actorId: user.id,
        kind: 'volunteer_offer',
        data: { volunteers: [v.display_name], batch: b.batch_id },
      });
      created.push({ taskId, requestId: p.requestId, volunteerId: p.volunteerId });
    }
    const proposal: StoredProposal = { ...b.proposal, applied: { created, skipped } };
    await client.query(
      `UPDATE matching_batches SET status = 'applied', proposal = $3, decided_by = $4, decided_at = now()
        WHERE city_id = $1 AND batch_id = $2`,
      [city.id, b.batch_id, JSON.stringify(proposal), user.id],
    );
    await audit(
      client,
      auditFromRequest(request, {
        action: 'apply',
        resource: 'matching_batch',
        resourceId: b.batch_id,
        scope: `zone:${b.zone_code}`,
        sensitive: true,
        detail: { created: created.length, skipped },
      }),
    );
    return { batchId: b.batch_id, status: 'applied' as const, created, skipped };
  });
}

const langOf = (locale: string): Lang => (locale === 'en' ? 'en' : 'it');

/** Discards a proposal (nothing was offered). */
export async function discardBatch(database: Database, request: FastifyRequest, id: string) {
  const city = request.city;
  return withTransaction(database.pool, async (client) => {
    const b = await loadBatch(client, city, request.grant, request.user!.id, id, true);
    if (b.status !== 'proposed')
      throw new AppError(
        'conflict',
        { status: t(request.lang, `volunteers.batch_status.${b.status}`) },
        { messageKey: 'problem.volunteers.batch_state.detail' },
      );
    const { rows } = await client.query<BatchRow>(
      `UPDATE matching_batches SET status = 'discarded', decided_by = $3, decided_at = now()
        WHERE city_id = $1 AND batch_id = $2 RETURNING *`,
      [city.id, id, request.user!.id],
    );
    await audit(
      client,
      auditFromRequest(request, {
        action: 'discard',
        resource: 'matching_batch',
        resourceId: id,
        scope: `zone:${b.zone_code}`,
      }),
    );
    return toView(rows[0]!);
  });
}
