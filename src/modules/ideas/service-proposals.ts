import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type pg from 'pg';
import { audit, auditFromRequest, type Queryable } from '../../kernel/audit/index.ts';
import { withTransaction } from '../../kernel/db/transaction.ts';
import { AppError, type FieldError } from '../../kernel/errors.ts';
import { type Lang, t } from '../../kernel/i18n/index.ts';
import { queueMail } from '../../kernel/mail/index.ts';
import { createInitiative } from '../initiatives/index.ts';
import {
  decodeBase64,
  maxFileBytes,
  maxFiles,
  maxProposalBytes,
  sanitiseFileName,
  sniffType,
} from './files.ts';
import { type CallDocument, loadCall, type ProposerKind } from './service-calls.ts';

export const proposalStatuses = [
  'received',
  'under_review',
  'changes_requested',
  'accepted',
  'not_accepted',
  'withdrawn',
] as const;
export type ProposalStatus = (typeof proposalStatuses)[number];

/** The review transitions (table members and the city); the proposer withdraws and resubmits. */
export const reviewTransitions: Record<ProposalStatus, ProposalStatus[]> = {
  received: ['under_review'],
  under_review: ['changes_requested', 'accepted', 'not_accepted'],
  changes_requested: [],
  accepted: [],
  not_accepted: [],
  withdrawn: [],
};
const open: ProposalStatus[] = ['received', 'under_review', 'changes_requested'];
const needsReasons: ProposalStatus[] = ['changes_requested', 'accepted', 'not_accepted'];

export const criteria = ['relevance', 'feasibility', 'involvement', 'sustainability'] as const;

export interface FileInput {
  documentCode?: string | null;
  fileName: string;
  contentBase64: string;
}

export interface ProposalFields {
  kind: ProposerKind;
  proposerName?: string | null;
  organizationId?: string | null;
  title: string;
  what: string;
  whereText: string;
  neighbourhoodCode?: string | null;
  forWhom: string;
  partners: string;
  ask: string;
}

interface DecodedFile {
  documentCode: string | null;
  fileName: string;
  contentType: string;
  content: Buffer;
  sha256: string;
}

const mb = (n: number) => Math.round(n / 1024 / 1024);

/** Decodes and checks the files by content and size: 400 (type), 413 (size), nothing stored. */
export function checkFiles(files: FileInput[], documents: CallDocument[], lang: Lang): DecodedFile[] {
  if (files.length > maxFiles)
    throw new AppError(
      'payload_too_large',
      { max: maxFiles },
      { messageKey: 'problem.ideas.too_many_files.detail' },
    );
  const fields: FieldError[] = [];
  const out: DecodedFile[] = [];
  let total = 0;
  files.forEach((f, i) => {
    const content = decodeBase64(f.contentBase64);
    if (!content || content.length === 0) {
      fields.push({ field: `files.${i}`, message: t(lang, 'ideas.field.file_base64', { name: f.fileName }) });
      return;
    }
    if (content.length > maxFileBytes)
      throw new AppError(
        'payload_too_large',
        { name: f.fileName, max: mb(maxFileBytes) },
        { messageKey: 'problem.ideas.file_too_big.detail' },
      );
    total += content.length;
    const type = sniffType(content);
    if (!type) {
      fields.push({ field: `files.${i}`, message: t(lang, 'ideas.field.file_type', { name: f.fileName }) });
      return;
    }
    const code = f.documentCode ?? null;
    if (code !== null && !documents.some((d) => d.code === code)) {
      fields.push({
        field: `files.${i}.documentCode`,
        message: t(lang, 'ideas.field.document_unknown', { code }),
      });
      return;
    }
    out.push({
      documentCode: code,
      fileName: sanitiseFileName(f.fileName, type),
      contentType: type,
      content,
      sha256: createHash('sha256').update(content).digest('hex'),
    });
  });
  if (total > maxProposalBytes)
    throw new AppError(
      'payload_too_large',
      { max: mb(maxProposalBytes) },
      { messageKey: 'problem.ideas.proposal_too_big.detail' },
    );
  if (fields.length) throw new AppError('validation', {}, { fields });
  return out;
}

function requiredMissing(documents: CallDocument[], codes: Set<string>, lang: Lang): FieldError[] {
  return documents
    .filter((d) => d.required && !codes.has(d.code))
    .map((d) => ({
      field: `documents.${d.code}`,
      message: t(lang, 'ideas.field.document_missing', { label: d.label[lang] ?? d.label.it }),
    }));
}

/** Checks who proposes (kind allowed by the call, name of the group, organisation of the org_admin) and where. */
async function checkFields(
  q: Queryable,
  request: FastifyRequest,
  eligible: ProposerKind[],
  input: ProposalFields,
): Promise<{ proposerName: string | null; organizationId: string | null }> {
  const lang = request.lang;
  const fields: FieldError[] = [];
  if (!eligible.includes(input.kind))
    fields.push({ field: 'kind', message: t(lang, 'ideas.field.kind_not_eligible') });
  let proposerName: string | null = null;
  let organizationId: string | null = null;
  if (input.kind !== 'citizen') {
    proposerName = input.proposerName?.trim() || null;
    if (!proposerName) fields.push({ field: 'proposerName', message: t(lang, 'ideas.field.proposer_name') });
  }
  if (input.kind === 'organisation') {
    const orgs = (request.user?.assignments ?? [])
      .filter((a) => a.role === 'org_admin' && a.scope.kind === 'organisation' && a.scope.ref)
      .map((a) => a.scope.ref as string);
    organizationId = input.organizationId ?? (orgs.length === 1 ? orgs[0]! : null);
    if (!organizationId || !orgs.includes(organizationId))
      fields.push({ field: 'organizationId', message: t(lang, 'ideas.field.organisation') });
  }
  if (input.neighbourhoodCode) {
    const { rowCount } = await q.query('SELECT 1 FROM neighbourhoods WHERE city_id = $1 AND code = $2', [
      request.city.id,
      input.neighbourhoodCode,
    ]);
    if (!rowCount) fields.push({ field: 'neighbourhoodCode', message: t(lang, 'ideas.field.neighbourhood') });
  }
  if (fields.length) throw new AppError('validation', {}, { fields });
  return { proposerName, organizationId };
}

async function insertFiles(
  q: Queryable,
  cityId: number,
  proposalId: string,
  userId: string,
  files: DecodedFile[],
) {
  for (const f of files)
    await q.query(
      `INSERT INTO proposal_files (city_id, proposal_id, document_code, file_name, content_type, bytes, sha256, content, uploaded_by)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
      [
        cityId,
        proposalId,
        f.documentCode,
        f.fileName,
        f.contentType,
        f.content.length,
        f.sha256,
        f.content,
        userId,
      ],
    );
}

async function addEvent(
  q: Queryable,
  cityId: number,
  proposalId: string,
  e: {
    actorId: string | null;
    kind: string;
    from?: string | null;
    to?: string | null;
    public: boolean;
    text?: string | null;
  },
) {
  await q.query(
    `INSERT INTO proposal_events (city_id, proposal_id, actor_id, kind, from_status, to_status, public, text)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
    [cityId, proposalId, e.actorId, e.kind, e.from ?? null, e.to ?? null, e.public, e.text ?? null],
  );
}

/** The e-mail to the proposer on a status change (in their language), queued in the transaction. */
async function mailProposer(
  q: Queryable,
  cityId: number,
  proposalId: string,
  publicUrl: string,
  kind: 'received' | 'status',
  extra: { status?: ProposalStatus; reasons?: string | null; callTitle?: string } = {},
) {
  const { rows } = await q.query<{ email: string; display_name: string; locale: string; title: string }>(
    `SELECT u.email, u.display_name, u.locale, p.title FROM proposals p
       JOIN users u ON u.city_id = p.city_id AND u.user_id = p.proposer_id
      WHERE p.city_id = $1 AND p.proposal_id = $2`,
    [cityId, proposalId],
  );
  const r = rows[0];
  if (!r) return;
  const lang: Lang = r.locale === 'en' ? 'en' : 'it';
  const params = {
    name: r.display_name,
    title: r.title,
    call: extra.callTitle ?? '',
    status: extra.status ? t(lang, `ideas.status.${extra.status}`) : '',
    reasons: extra.reasons ? t(lang, 'ideas.mail.reasons', { reasons: extra.reasons }) : '',
    link: `${publicUrl}/le-mie-proposte/${proposalId}`,
  };
  await queueMail(q, {
    cityId,
    to: r.email,
    subject: t(lang, `ideas.mail.${kind}.subject`, params),
    text: t(lang, `ideas.mail.${kind}.text`, params),
  });
}

/**
 * The e-mail to the members of the call's thematic table when a proposal arrives or comes back
 * with the changes asked (each in their language, queued in the transaction). It names the
 * proposal and the call, never the proposer: the details are behind the sign-in.
 */
async function mailTable(
  q: Queryable,
  cityId: number,
  proposalId: string,
  publicUrl: string,
  kind: 'arrived' | 'resubmitted',
) {
  const { rows } = await q.query<{
    email: string;
    display_name: string;
    locale: string;
    title: string;
    call: string;
  }>(
    `SELECT u.email, u.display_name, u.locale, p.title, c.title AS call
       FROM proposals p
       JOIN idea_calls c ON c.city_id = p.city_id AND c.call_id = p.call_id
       JOIN thematic_table_members m ON m.city_id = c.city_id AND m.table_id = c.table_id
       JOIN users u ON u.city_id = m.city_id AND u.user_id = m.user_id AND u.active
      WHERE p.city_id = $1 AND p.proposal_id = $2 AND u.user_id <> p.proposer_id
      ORDER BY u.email`,
    [cityId, proposalId],
  );
  for (const r of rows) {
    const lang: Lang = r.locale === 'en' ? 'en' : 'it';
    const params = {
      name: r.display_name,
      title: r.title,
      call: r.call,
      link: `${publicUrl}/tavoli/proposte/${proposalId}`,
    };
    await queueMail(q, {
      cityId,
      to: r.email,
      subject: t(lang, `ideas.mail.table.${kind}.subject`, params),
      text: t(lang, `ideas.mail.table.${kind}.text`, params),
    });
  }
}

/** Submits a proposal to an open call, with its documents: all of it or nothing. */
export async function submitProposal(
  pool: pg.Pool,
  request: FastifyRequest,
  input: ProposalFields & { callId: string; files: FileInput[] },
  publicUrl: string,
  idempotencyKey?: string,
): Promise<{ id: string }> {
  const cityId = request.city.id;
  const user = request.user!;
  const key = idempotencyKey ? `${user.id}:${idempotencyKey}` : undefined;
  const hash = key ? createHash('sha256').update(JSON.stringify(input)).digest('hex') : '';
  if (key) {
    const done = await replay(pool, cityId, key, hash);
    if (done) return done;
  }
  const call = await loadCall(pool, cityId, { id: input.callId });
  if (!call) throw new AppError('not_found', { resource: 'idea_call', id: input.callId });
  const files = checkFiles(input.files, call.documents, request.lang);
  const missing = requiredMissing(
    call.documents,
    new Set(files.flatMap((f) => (f.documentCode ? [f.documentCode] : []))),
    request.lang,
  );
  const who = await checkFields(pool, request, call.eligible, input);
  if (missing.length) throw new AppError('validation', {}, { fields: missing });
  return withTransaction(pool, async (client) => {
    if (key) {
      // Taken first: a concurrent retry with the same key waits here, then replays the answer.
      const { rowCount } = await client.query(
        `INSERT INTO idempotency_keys (city_id, scope, key, request_hash, status, response)
         VALUES ($1, 'proposal.create', $2, $3, 201, '{}'::jsonb) ON CONFLICT DO NOTHING`,
        [cityId, key, hash],
      );
      if (!rowCount) {
        const done = await replay(client, cityId, key, hash);
        if (done) return done;
      }
    }
    const { rows: c } = await client.query<{ status: string }>(
      'SELECT status FROM idea_calls WHERE city_id = $1 AND call_id = $2 FOR SHARE',
      [cityId, call.id],
    );
    if (c[0]?.status !== 'open')
      throw new AppError(
        'conflict',
        { title: call.title },
        { messageKey: 'problem.ideas.call_closed.detail' },
      );
    const { rows } = await client.query<{ proposal_id: string }>(
      `INSERT INTO proposals (city_id, call_id, proposer_id, proposer_kind, proposer_name, organization_id, title, what,
                              where_text, neighbourhood_code, for_whom, partners, ask)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13) RETURNING proposal_id`,
      [
        cityId,
        call.id,
        user.id,
        input.kind,
        who.proposerName,
        who.organizationId,
        input.title,
        input.what,
        input.whereText,
        input.neighbourhoodCode || null,
        input.forWhom,
        input.partners,
        input.ask,
      ],
    );
    const id = rows[0]!.proposal_id;
    await insertFiles(client, cityId, id, user.id, files);
    await addEvent(client, cityId, id, { actorId: user.id, kind: 'created', to: 'received', public: true });
    await mailProposer(client, cityId, id, publicUrl, 'received', { callTitle: call.title });
    await mailTable(client, cityId, id, publicUrl, 'arrived');
    await audit(
      client,
      auditFromRequest(request, { action: 'create', resource: 'proposal', resourceId: id, scope: 'own' }),
    );
    if (key)
      await client.query(
        `UPDATE idempotency_keys SET response = $3::jsonb WHERE city_id = $1 AND scope = 'proposal.create' AND key = $2`,
        [cityId, key, JSON.stringify({ id })],
      );
    return { id };
  });
}

/** The first answer to a submission with this key (another body with the same key: 409). */
async function replay(
  q: Queryable,
  cityId: number,
  key: string,
  hash: string,
): Promise<{ id: string } | undefined> {
  const { rows } = await q.query<{ request_hash: string; response: { id?: string } }>(
    `SELECT request_hash, response FROM idempotency_keys WHERE city_id = $1 AND scope = 'proposal.create' AND key = $2`,
    [cityId, key],
  );
  const row = rows[0];
  if (!row) return undefined;
  if (row.request_hash !== hash) throw new AppError('idempotency_conflict');
  return row.response.id ? { id: row.response.id } : undefined;
}

interface ProposalRow {
  proposal_id: string;
  call_id: string;
  call_slug: string;
  call_title: string;
  call_documents: CallDocument[];
  table_id: string;
  table_name: string;
  proposer_id: string;
  proposer_display_name: string;
  proposer_email: string;
  proposer_kind: ProposerKind;
  proposer_name: string | null;
  organization_id: string | null;
  title: string;
  what: string;
  where_text: string;
  neighbourhood_code: string | null;
  neighbourhood_name: string | null;
  for_whom: string;
  partners: string;
  ask: string;
  status: ProposalStatus;
  reasons: string | null;
  decided_at: Date | null;
  initiative_id: string | null;
  initiative_slug: string | null;
  created_at: Date;
  updated_at: Date;
  is_member: boolean;
}

const proposalSelect = (
  lock: boolean,
) => `SELECT p.proposal_id, p.call_id, c.slug AS call_slug, c.title AS call_title,
         c.documents AS call_documents, c.table_id, tt.name AS table_name, p.proposer_id,
         u.display_name AS proposer_display_name, u.email AS proposer_email, p.proposer_kind, p.proposer_name,
         p.organization_id, p.title, p.what, p.where_text, p.neighbourhood_code, n.name AS neighbourhood_name,
         p.for_whom, p.partners, p.ask, p.status, p.reasons, p.decided_at, p.initiative_id,
         ${lock ? 'NULL' : 'i.slug'} AS initiative_slug, p.created_at, p.updated_at,
         EXISTS (SELECT 1 FROM thematic_table_members m WHERE m.city_id = p.city_id AND m.table_id = c.table_id
                  AND m.user_id = $3::uuid) AS is_member
    FROM proposals p
    JOIN idea_calls c ON c.city_id = p.city_id AND c.call_id = p.call_id
    JOIN thematic_tables tt ON tt.city_id = c.city_id AND tt.table_id = c.table_id
    JOIN users u ON u.city_id = p.city_id AND u.user_id = p.proposer_id
    LEFT JOIN neighbourhoods n ON n.city_id = p.city_id AND n.code = p.neighbourhood_code
    ${lock ? '' : 'LEFT JOIN initiatives i ON i.city_id = p.city_id AND i.initiative_id = p.initiative_id'}
   WHERE p.city_id = $1 AND p.proposal_id = $2::uuid${lock ? ' FOR UPDATE OF p' : ''}`;

interface Viewer {
  proposer: boolean;
  reviewer: boolean;
}

/** The proposal if the caller may see it (proposer, table member, the city), with their standing; else 404. */
async function loadVisible(q: Queryable, request: FastifyRequest, id: string, lock = false) {
  const user = request.user!;
  const { rows } = await q.query<ProposalRow>(proposalSelect(lock), [request.city.id, id, user.id]);
  const row = rows[0];
  const viewer: Viewer = {
    proposer: row?.proposer_id === user.id,
    reviewer: Boolean(row && (row.is_member || request.grant.all)),
  };
  if (!row || !(viewer.proposer || viewer.reviewer))
    throw new AppError('not_found', { resource: 'proposal', id });
  return { row, viewer };
}

const scopeLabel = (v: Viewer, grantAll: boolean) =>
  v.proposer ? 'own' : grantAll ? 'city' : 'thematic_table';

/** One proposal as the caller may see it: the proposer its public history; the table all of it. Audited. */
export async function getProposal(pool: pg.Pool, request: FastifyRequest, id: string) {
  const { row, viewer } = await loadVisible(pool, request, id);
  const cityId = request.city.id;
  const { rows: files } = await pool.query<{
    file_id: string;
    document_code: string | null;
    file_name: string;
    content_type: string;
    bytes: number;
    created_at: Date;
  }>(
    `SELECT file_id, document_code, file_name, content_type, bytes, created_at FROM proposal_files
      WHERE city_id = $1 AND proposal_id = $2 ORDER BY created_at, file_name`,
    [cityId, id],
  );
  const { rows: events } = await pool.query<{
    event_id: number;
    at: Date;
    kind: string;
    from_status: string | null;
    to_status: string | null;
    public: boolean;
    text: string | null;
    actor_name: string | null;
    actor_id: string | null;
  }>(
    `SELECT e.event_id, e.at, e.kind, e.from_status, e.to_status, e.public, e.text, e.actor_id, u.display_name AS actor_name
       FROM proposal_events e LEFT JOIN users u ON u.city_id = e.city_id AND u.user_id = e.actor_id
      WHERE e.city_id = $1 AND e.proposal_id = $2 ${viewer.reviewer ? '' : 'AND e.public'}
      ORDER BY e.at, e.event_id`,
    [cityId, id],
  );
  let reviews: {
    reviewerId: string;
    reviewerName: string;
    scores: Record<string, number>;
    comment: string;
    updatedAt: string;
  }[] = [];
  if (viewer.reviewer) {
    const { rows } = await pool.query<{
      reviewer_id: string;
      display_name: string;
      scores: Record<string, number>;
      comment: string;
      updated_at: Date;
    }>(
      `SELECT r.reviewer_id, u.display_name, r.scores, r.comment, r.updated_at FROM proposal_reviews r
         JOIN users u ON u.city_id = r.city_id AND u.user_id = r.reviewer_id
        WHERE r.city_id = $1 AND r.proposal_id = $2 ORDER BY r.created_at`,
      [cityId, id],
    );
    reviews = rows.map((r) => ({
      reviewerId: r.reviewer_id,
      reviewerName: r.display_name,
      scores: r.scores,
      comment: r.comment,
      updatedAt: r.updated_at.toISOString(),
    }));
  }
  await audit(
    pool,
    auditFromRequest(request, {
      action: 'read',
      resource: 'proposal',
      resourceId: id,
      scope: scopeLabel(viewer, request.grant.all),
    }),
  );
  const status = row.status;
  const me = request.user!.id;
  return {
    id: row.proposal_id,
    call: { id: row.call_id, slug: row.call_slug, title: row.call_title, documents: row.call_documents },
    table: { id: row.table_id, name: row.table_name },
    kind: row.proposer_kind,
    proposerName: row.proposer_name,
    organizationId: row.organization_id,
    proposer: {
      displayName: row.proposer_display_name,
      email: viewer.reviewer || viewer.proposer ? row.proposer_email : null,
    },
    title: row.title,
    what: row.what,
    whereText: row.where_text,
    neighbourhoodCode: row.neighbourhood_code,
    neighbourhoodName: row.neighbourhood_name,
    forWhom: row.for_whom,
    partners: row.partners,
    ask: row.ask,
    status,
    reasons: row.reasons,
    decidedAt: row.decided_at?.toISOString() ?? null,
    initiative: row.initiative_id ? { id: row.initiative_id, slug: row.initiative_slug } : null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    files: files.map((f) => ({
      id: f.file_id,
      documentCode: f.document_code,
      fileName: f.file_name,
      contentType: f.content_type,
      bytes: f.bytes,
      createdAt: f.created_at.toISOString(),
    })),
    events: events.map((e) => ({
      id: e.event_id,
      at: e.at.toISOString(),
      kind: e.kind,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      public: e.public,
      text: e.text,
      actorName: viewer.reviewer || e.actor_id === me ? e.actor_name : null,
    })),
    reviews,
    average: average(reviews.map((r) => r.scores)),
    myReview: reviews.find((r) => r.reviewerId === me) ?? null,
    viewer: {
      ...viewer,
      canEdit: viewer.proposer && (status === 'received' || status === 'changes_requested'),
      canWithdraw: viewer.proposer && open.includes(status),
      canReview: viewer.reviewer && open.includes(status),
      transitions: viewer.reviewer ? reviewTransitions[status] : [],
    },
  };
}
export type ProposalDetail = Awaited<ReturnType<typeof getProposal>>;

/** The mean of every score of every review, to one decimal (null with no review). */
export function average(grids: Record<string, number>[]): number | null {
  const all = grids.flatMap((g) => Object.values(g).filter((v) => typeof v === 'number'));
  if (!all.length) return null;
  return Math.round((all.reduce((s, v) => s + v, 0) / all.length) * 10) / 10;
}

interface ListRow {
  proposal_id: string;
  title: string;
  call_title: string;
  call_slug: string;
  status: ProposalStatus;
  proposer_kind: string;
  proposer_label: string;
  neighbourhood_name: string | null;
  created_at: Date;
  updated_at: Date;
  avg: number | null;
  reviews: number;
  mine: boolean;
}

const listSelect = `SELECT p.proposal_id, p.title, c.title AS call_title, c.slug AS call_slug, p.status, p.proposer_kind,
       coalesce(p.proposer_name, u.display_name) AS proposer_label, n.name AS neighbourhood_name, p.created_at, p.updated_at,
       (SELECT round(avg(v::numeric), 1)::float FROM proposal_reviews r, jsonb_each_text(r.scores) s(k, v)
         WHERE r.city_id = p.city_id AND r.proposal_id = p.proposal_id) AS avg,
       (SELECT count(*)::int FROM proposal_reviews r WHERE r.city_id = p.city_id AND r.proposal_id = p.proposal_id) AS reviews,
       EXISTS (SELECT 1 FROM proposal_reviews r WHERE r.city_id = p.city_id AND r.proposal_id = p.proposal_id AND r.reviewer_id = $2) AS mine
  FROM proposals p
  JOIN idea_calls c ON c.city_id = p.city_id AND c.call_id = p.call_id
  JOIN users u ON u.city_id = p.city_id AND u.user_id = p.proposer_id
  LEFT JOIN neighbourhoods n ON n.city_id = p.city_id AND n.code = p.neighbourhood_code`;

const toListItem = (r: ListRow) => ({
  id: r.proposal_id,
  title: r.title,
  call: { title: r.call_title, slug: r.call_slug },
  status: r.status,
  kind: r.proposer_kind,
  proposerLabel: r.proposer_label,
  neighbourhoodName: r.neighbourhood_name,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  average: r.avg,
  reviews: r.reviews,
  reviewedByMe: r.mine,
});

/** "Le mie proposte": the caller's own proposals, newest first. */
export async function listMine(q: Queryable, request: FastifyRequest) {
  const { rows } = await q.query<ListRow>(
    `${listSelect} WHERE p.city_id = $1 AND p.proposer_id = $2 ORDER BY p.created_at DESC`,
    [request.city.id, request.user!.id],
  );
  return rows.map(toListItem);
}

/** The proposals to review: of the calls of the caller's tables (the city: all). Audited as a list. */
export async function listToReview(
  pool: pg.Pool,
  request: FastifyRequest,
  f: { status?: ProposalStatus; callId?: string },
) {
  const params: unknown[] = [request.city.id, request.user!.id];
  const where = ['p.city_id = $1'];
  if (!request.grant.all)
    where.push(
      'EXISTS (SELECT 1 FROM thematic_table_members m WHERE m.city_id = c.city_id AND m.table_id = c.table_id AND m.user_id = $2)',
    );
  if (f.status) {
    params.push(f.status);
    where.push(`p.status = $${params.length}`);
  }
  if (f.callId) {
    params.push(f.callId);
    where.push(`p.call_id = $${params.length}::uuid`);
  }
  const { rows } = await pool.query<ListRow>(
    `${listSelect} WHERE ${where.join(' AND ')}
      ORDER BY array_position(ARRAY['received','under_review','changes_requested','accepted','not_accepted','withdrawn'], p.status), p.created_at`,
    params,
  );
  await audit(
    pool,
    auditFromRequest(request, {
      action: 'list',
      resource: 'proposal',
      scope: request.grant.all ? 'city' : 'thematic_table',
      detail: { ids: rows.map((r) => r.proposal_id) },
    }),
  );
  return rows.map(toListItem);
}

function transitionConflict(lang: Lang, from: string, to: string) {
  return new AppError(
    'conflict',
    { from: t(lang, `ideas.status.${from}`), to: t(lang, `ideas.status.${to}`) },
    { messageKey: 'problem.ideas.transition.detail' },
  );
}

/**
 * A review step by a table member or the city: start the review, ask for changes, accept, not
 * accept (reasons published to the proposer). Accepting creates the initiative in the same
 * transaction. A step the workflow does not allow is a 409, nothing changed.
 */
export async function changeStatus(
  pool: pg.Pool,
  request: FastifyRequest,
  id: string,
  input: {
    to: ProposalStatus;
    reasons?: string;
    initiative?: { neighbourhoodCode?: string; startsOn?: string; programmePart?: string };
  },
  publicUrl: string,
) {
  const cityId = request.city.id;
  const lang = request.lang;
  const user = request.user!;
  await withTransaction(pool, async (client) => {
    const { row, viewer } = await loadVisible(client, request, id, true);
    if (!viewer.reviewer)
      throw new AppError('forbidden', {}, { messageKey: 'problem.ideas.not_reviewer.detail' });
    if (!reviewTransitions[row.status].includes(input.to))
      throw transitionConflict(lang, row.status, input.to);
    const reasons = input.reasons?.trim() || null;
    if (needsReasons.includes(input.to) && (!reasons || reasons.length < 10))
      throw new AppError(
        'validation',
        {},
        { fields: [{ field: 'reasons', message: t(lang, 'ideas.field.reasons') }] },
      );
    let initiativeId: string | null = null;
    if (input.to === 'accepted') {
      const neighbourhoodCode = input.initiative?.neighbourhoodCode || row.neighbourhood_code;
      if (!neighbourhoodCode)
        throw new AppError(
          'validation',
          {},
          {
            fields: [
              {
                field: 'initiative.neighbourhoodCode',
                message: t(lang, 'ideas.field.initiative_neighbourhood'),
              },
            ],
          },
        );
      const created = await createInitiative(client, cityId, {
        title: row.title,
        description: `${row.what}\n\n${row.for_whom}`.trim(),
        neighbourhoodCode,
        partners: row.partners
          .split(/[\n,;]+/)
          .map((s) => s.trim())
          .filter(Boolean)
          .slice(0, 20)
          .map((name) => ({ name })),
        startsOn: input.initiative?.startsOn ?? romeToday(),
        programmePart: input.initiative?.programmePart ?? 'community_points',
        proposalId: id,
        createdBy: user.id,
      });
      initiativeId = created.id;
    }
    const decided = input.to === 'accepted' || input.to === 'not_accepted';
    await client.query(
      `UPDATE proposals SET status = $3, reasons = CASE WHEN $4::text IS NULL THEN reasons ELSE $4 END,
              decided_by = CASE WHEN $5 THEN $6::uuid ELSE decided_by END,
              decided_at = CASE WHEN $5 THEN now() ELSE decided_at END,
              initiative_id = coalesce($7::uuid, initiative_id), updated_at = now()
        WHERE city_id = $1 AND proposal_id = $2`,
      [cityId, id, input.to, reasons, decided, user.id, initiativeId],
    );
    await addEvent(client, cityId, id, {
      actorId: user.id,
      kind: 'status',
      from: row.status,
      to: input.to,
      public: true,
      text: reasons,
    });
    await mailProposer(client, cityId, id, publicUrl, 'status', { status: input.to, reasons });
    await audit(
      client,
      auditFromRequest(request, {
        action: 'status',
        resource: 'proposal',
        resourceId: id,
        scope: scopeLabel(viewer, request.grant.all),
        detail: { from: row.status, to: input.to, initiativeId },
      }),
    );
  });
  return getProposal(pool, request, id);
}

export function romeToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());
}

/** The proposer withdraws their proposal before a decision. */
export async function withdraw(
  pool: pg.Pool,
  request: FastifyRequest,
  id: string,
  reason: string | undefined,
  publicUrl: string,
) {
  const cityId = request.city.id;
  await withTransaction(pool, async (client) => {
    const { row, viewer } = await loadVisible(client, request, id, true);
    if (!viewer.proposer)
      throw new AppError('forbidden', {}, { messageKey: 'problem.ideas.not_proposer.detail' });
    if (!open.includes(row.status)) throw transitionConflict(request.lang, row.status, 'withdrawn');
    await client.query(
      "UPDATE proposals SET status = 'withdrawn', updated_at = now() WHERE city_id = $1 AND proposal_id = $2",
      [cityId, id],
    );
    await addEvent(client, cityId, id, {
      actorId: request.user!.id,
      kind: 'status',
      from: row.status,
      to: 'withdrawn',
      public: true,
      text: reason?.trim() || null,
    });
    await mailProposer(client, cityId, id, publicUrl, 'status', { status: 'withdrawn' });
    await audit(
      client,
      auditFromRequest(request, { action: 'withdraw', resource: 'proposal', resourceId: id, scope: 'own' }),
    );
  });
  return getProposal(pool, request, id);
}

/**
 * The proposer changes their proposal (just sent, or when changes are asked): the fields, new
 * documents (replacing those of the same code) and documents removed. After a request for changes
 * this resubmits it: back under review.
 */
export async function editProposal(
  pool: pg.Pool,
  request: FastifyRequest,
  id: string,
  input: ProposalFields & { files: FileInput[]; removeFileIds: string[] },
  publicUrl: string,
) {
  const cityId = request.city.id;
  const user = request.user!;
  await withTransaction(pool, async (client) => {
    const { row, viewer } = await loadVisible(client, request, id, true);
    if (!viewer.proposer)
      throw new AppError('forbidden', {}, { messageKey: 'problem.ideas.not_proposer.detail' });
    if (row.status !== 'received' && row.status !== 'changes_requested')
      throw new AppError(
        'conflict',
        { status: t(request.lang, `ideas.status.${row.status}`) },
        { messageKey: 'problem.ideas.not_editable.detail' },
      );
    const { rows: c } = await client.query<{ eligible: ProposerKind[] }>(
      'SELECT eligible FROM idea_calls WHERE city_id = $1 AND call_id = $2',
      [cityId, row.call_id],
    );
    const files = checkFiles(input.files, row.call_documents, request.lang);
    const who = await checkFields(client, request, c[0]!.eligible, input);
    const replaced = new Set(files.flatMap((f) => (f.documentCode ? [f.documentCode] : [])));
    const { rows: kept } = await client.query<{
      file_id: string;
      document_code: string | null;
      bytes: number;
    }>('SELECT file_id, document_code, bytes FROM proposal_files WHERE city_id = $1 AND proposal_id = $2', [
      cityId,
      id,
    ]);
    const remaining = kept.filter(
      (k) => !input.removeFileIds.includes(k.file_id) && !(k.document_code && replaced.has(k.document_code)),
    );
    const total =
      remaining.reduce((s, k) => s + k.bytes, 0) + files.reduce((s, f) => s + f.content.length, 0);
    if (total > maxProposalBytes)
      throw new AppError(
        'payload_too_large',
        { max: mb(maxProposalBytes) },
        { messageKey: 'problem.ideas.proposal_too_big.detail' },
      );
    const codes = new Set([
      ...replaced,
      ...remaining.flatMap((k) => (k.document_code ? [k.document_code] : [])),
    ]);
    const missing = requiredMissing(row.call_documents, codes, request.lang);
    if (missing.length) throw new AppError('validation', {}, { fields: missing });
    const removeIds = kept.filter((k) => !remaining.includes(k)).map((k) => k.file_id);
    if (removeIds.length)
      await client.query(
        'DELETE FROM proposal_files WHERE city_id = $1 AND proposal_id = $2 AND file_id = ANY($3::uuid[])',
        [cityId, id, removeIds],
      );
    await insertFiles(client, cityId, id, user.id, files);
    const resubmit = row.status === 'changes_requested';
    await client.query(
      `UPDATE proposals SET proposer_kind = $3, proposer_name = $4, organization_id = $5, title = $6, what = $7,
              where_text = $8, neighbourhood_code = $9, for_whom = $10, partners = $11, ask = $12,
              status = CASE WHEN $13 THEN 'under_review' ELSE status END, updated_at = now()
        WHERE city_id = $1 AND proposal_id = $2`,
      [
        cityId,
        id,
        input.kind,
        who.proposerName,
        who.organizationId,
        input.title,
        input.what,
        input.whereText,
        input.neighbourhoodCode || null,
        input.forWhom,
        input.partners,
        input.ask,
        resubmit,
      ],
    );
    await addEvent(client, cityId, id, { actorId: user.id, kind: 'edited', public: true });
    if (resubmit) {
      await addEvent(client, cityId, id, {
        actorId: user.id,
        kind: 'status',
        from: 'changes_requested',
        to: 'under_review',
        public: true,
        text: t(request.lang, 'ideas.event.resubmitted'),
      });
      await mailProposer(client, cityId, id, publicUrl, 'status', { status: 'under_review' });
      await mailTable(client, cityId, id, publicUrl, 'resubmitted');
    }
    await audit(
      client,
      auditFromRequest(request, {
        action: 'update',
        resource: 'proposal',
        resourceId: id,
        scope: 'own',
        detail: { resubmit },
      }),
    );
  });
  return getProposal(pool, request, id);
}

/** A table member's score grid and comment (one per member, editable until the decision). */
export async function saveReview(
  pool: pg.Pool,
  request: FastifyRequest,
  id: string,
  input: { scores: Record<(typeof criteria)[number], number>; comment: string },
) {
  const cityId = request.city.id;
  await withTransaction(pool, async (client) => {
    const { row, viewer } = await loadVisible(client, request, id, true);
    if (!viewer.reviewer)
      throw new AppError('forbidden', {}, { messageKey: 'problem.ideas.not_reviewer.detail' });
    if (!open.includes(row.status))
      throw new AppError(
        'conflict',
        { status: t(request.lang, `ideas.status.${row.status}`) },
        { messageKey: 'problem.ideas.decided.detail' },
      );
    await client.query(
      `INSERT INTO proposal_reviews (city_id, proposal_id, reviewer_id, scores, comment) VALUES ($1,$2,$3,$4::jsonb,$5)
       ON CONFLICT (city_id, proposal_id, reviewer_id) DO UPDATE SET scores = EXCLUDED.scores, comment = EXCLUDED.comment, updated_at = now()`,
      [cityId, id, request.user!.id, JSON.stringify(input.scores), input.comment],
    );
    await audit(
      client,
      auditFromRequest(request, {
        action: 'review',
        resource: 'proposal',
        resourceId: id,
        scope: scopeLabel(viewer, request.grant.all),
      }),
    );
  });
  return getProposal(pool, request, id);
}

/** An internal comment of the table (never shown to the proposer). */
export async function addComment(pool: pg.Pool, request: FastifyRequest, id: string, text: string) {
  const cityId = request.city.id;
  await withTransaction(pool, async (client) => {
    const { viewer } = await loadVisible(client, request, id, true);
    if (!viewer.reviewer)
      throw new AppError('forbidden', {}, { messageKey: 'problem.ideas.not_reviewer.detail' });
    await addEvent(client, cityId, id, { actorId: request.user!.id, kind: 'comment', public: false, text });
  });
  return getProposal(pool, request, id);
}

/** A document of a proposal, for whoever may see the proposal; the read is audited. */
export async function readFile(pool: pg.Pool, request: FastifyRequest, id: string, fileId: string) {
  const { viewer } = await loadVisible(pool, request, id);
  const { rows } = await pool.query<{ file_name: string; content_type: string; content: Buffer }>(
    'SELECT file_name, content_type, content FROM proposal_files WHERE city_id = $1 AND proposal_id = $2 AND file_id = $3',
    [request.city.id, id, fileId],
  );
  const f = rows[0];
  if (!f) throw new AppError('not_found', { resource: 'proposal_file', id: fileId });
  await audit(
    pool,
    auditFromRequest(request, {
      action: 'read',
      resource: 'proposal_file',
      resourceId: fileId,
      scope: scopeLabel(viewer, request.grant.all),
      detail: { proposalId: id },
    }),
  );
  return f;
}
