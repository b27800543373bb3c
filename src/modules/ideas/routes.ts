import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleContext } from '../../kernel/module.ts';
import { maxProposalBytes } from './files.ts';
import {
  Call,
  CallAdmin,
  CallInput,
  CallPublic,
  Person,
  Proposal,
  ProposalEdit,
  ProposalInput,
  ProposalListItem,
  ReviewInput,
  StatusInput,
  Table,
  TableInput,
  text,
} from './schemas.ts';
import {
  createCall,
  createTable,
  listAllCalls,
  listOpenCalls,
  listTables,
  publicCall,
  searchPeople,
  setCallStatus,
  setTableMembers,
  updateCall,
  updateTable,
} from './service-calls.ts';
import {
  addComment,
  changeStatus,
  editProposal,
  getProposal,
  listMine,
  listToReview,
  proposalStatuses,
  readFile,
  saveReview,
  submitProposal,
  withdraw,
} from './service-proposals.ts';

const participate = { access: { permission: 'ideas.participate' } } as const;
const manage = { access: { permission: 'ideas.manage' } } as const;
const idParam = z.object({ id: z.uuid() });
/** Base64 makes files a third larger; room for the other fields. */
const uploadBodyLimit = Math.ceil((maxProposalBytes * 4) / 3) + 1024 * 1024;

/** Calls for ideas, thematic tables, proposals and their review. */
export const ideaRoutes: FastifyPluginAsyncZod<ModuleContext> = async (app, ctx) => {
  const pool = ctx.database.pool;
  const publicUrl = ctx.config.publicUrl;
  const tags = ['ideas'];

  // ---- calls ----
  app.get(
    '/idea-calls',
    {
      config: { access: { public: true } },
      schema: { tags, summary: 'The open calls for ideas of the city', response: { 200: z.array(Call) } },
    },
    async (request) => listOpenCalls(pool, request.city.id),
  );
  app.get(
    '/idea-calls/manage',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Every call (open and closed) with its proposals counted by status',
        response: { 200: z.array(CallAdmin) },
      },
    },
    async (request) => listAllCalls(pool, request.city.id),
  );
  app.get(
    '/idea-calls/:slug',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary:
          'A call’s public page, with the titles of its accepted proposals (nothing else of proposals is public)',
        params: z.object({ slug: z.string().max(100) }),
        response: { 200: CallPublic },
      },
    },
    async (request) => publicCall(pool, request.city.id, request.params.slug),
  );
  app.post(
    '/idea-calls',
    {
      config: manage,
      schema: { tags, summary: 'Open a call for ideas', body: CallInput, response: { 201: Call } },
    },
    async (request, reply) => reply.status(201).send(await createCall(pool, request, request.body)),
  );
  app.put(
    '/idea-calls/:id',
    {
      config: manage,
      schema: { tags, summary: 'Change a call', params: idParam, body: CallInput, response: { 200: Call } },
    },
    async (request) => updateCall(pool, request, request.params.id, request.body),
  );
  for (const [path, status] of [
    ['close', 'closed'],
    ['reopen', 'open'],
  ] as const)
    app.post(
      `/idea-calls/:id/${path}`,
      {
        config: manage,
        schema: {
          tags,
          summary:
            status === 'closed'
              ? 'Close a call (no new proposals; those received go on)'
              : 'Reopen a closed call',
          params: idParam,
          response: { 200: Call },
        },
      },
      async (request) => setCallStatus(pool, request, request.params.id, status),
    );

  // ---- thematic tables ----
  app.get(
    '/thematic-tables',
    {
      config: manage,
      schema: { tags, summary: 'The thematic tables and their members', response: { 200: z.array(Table) } },
    },
    async (request) => listTables(pool, request.city.id),
  );
  app.get(
    '/thematic-tables/mine',
    {
      config: participate,
      schema: { tags, summary: 'The thematic tables I sit at', response: { 200: z.array(Table) } },
    },
    async (request) => listTables(pool, request.city.id, request.user!.id),
  );
  app.get(
    '/thematic-tables/people',
    {
      config: manage,
      schema: {
        tags,
        summary: 'People of the city who may sit at a table (council members first), by name or e-mail',
        querystring: z.object({ q: text(100).default('') }).strict(),
        response: { 200: z.array(Person) },
      },
    },
    async (request) => searchPeople(pool, request.city.id, request.query.q),
  );
  app.post(
    '/thematic-tables',
    {
      config: manage,
      schema: { tags, summary: 'Create a thematic table', body: TableInput, response: { 201: Table } },
    },
    async (request, reply) => reply.status(201).send(await createTable(pool, request, request.body)),
  );
  app.put(
    '/thematic-tables/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Rename or describe a table',
        params: idParam,
        body: TableInput,
        response: { 200: Table },
      },
    },
    async (request) => updateTable(pool, request, request.params.id, request.body),
  );
  app.put(
    '/thematic-tables/:id/members',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Set who sits at a table (the whole list; users of the city)',
        params: idParam,
        body: z.object({ userIds: z.array(z.uuid()).max(100) }).strict(),
        response: { 200: Table },
      },
    },
    async (request) => setTableMembers(pool, request, request.params.id, request.body.userIds),
  );

  // ---- proposals ----
  app.post(
    '/proposals',
    {
      config: participate,
      bodyLimit: uploadBodyLimit,
      schema: {
        tags,
        summary: 'Submit a proposal to an open call, with its documents',
        description:
          'Documents travel base64-encoded in `files` (no multipart). Each is checked by its content: PDF, JPEG, PNG, ' +
          'ODT or DOCX only (400 otherwise), at most 5 MB each and 20 MB together (413), at most 10. The call’s ' +
          'required documents must be there (400). A closed call is a 409. Nothing is stored unless all is right. ' +
          'With an `Idempotency-Key` header a retry returns the first answer and creates nothing.',
        headers: z
          .object({
            'idempotency-key': z
              .string()
              .regex(/^[\w.:-]{8,100}$/)
              .optional(),
          })
          .passthrough(),
        body: ProposalInput,
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key'] as string | undefined;
      return reply.status(201).send(await submitProposal(pool, request, request.body, publicUrl, key));
    },
  );
  app.get(
    '/proposals/mine',
    {
      config: participate,
      schema: {
        tags,
        summary: 'My proposals ("Le mie proposte")',
        response: { 200: z.array(ProposalListItem) },
      },
    },
    async (request) => listMine(pool, request),
  );
  app.get(
    '/proposals/review',
    {
      config: participate,
      schema: {
        tags,
        summary: 'The proposals to review: of the calls of my thematic tables (the city: all)',
        querystring: z
          .object({ status: z.enum(proposalStatuses).optional(), callId: z.uuid().optional() })
          .strict(),
        response: { 200: z.array(ProposalListItem) },
      },
    },
    async (request) => listToReview(pool, request, request.query),
  );
  app.get(
    '/proposals/:id',
    {
      config: participate,
      schema: {
        tags,
        summary:
          'A proposal: the proposer sees its public history; the table and the city all of it (audited)',
        params: idParam,
        response: { 200: Proposal },
      },
    },
    async (request) => getProposal(pool, request, request.params.id),
  );
  app.put(
    '/proposals/:id',
    {
      config: participate,
      bodyLimit: uploadBodyLimit,
      schema: {
        tags,
        summary:
          'The proposer changes the proposal (just sent, or when changes are asked: then it is resubmitted)',
        description:
          'New documents replace those of the same code; `removeFileIds` removes others. Same checks as a submission.',
        params: idParam,
        body: ProposalEdit,
        response: { 200: Proposal },
      },
    },
    async (request) => editProposal(pool, request, request.params.id, request.body, publicUrl),
  );
  app.post(
    '/proposals/:id/withdraw',
    {
      config: participate,
      schema: {
        tags,
        summary: 'The proposer withdraws the proposal (before a decision)',
        params: idParam,
        body: z.object({ reason: text(2000).optional() }).strict(),
        response: { 200: Proposal },
      },
    },
    async (request) => withdraw(pool, request, request.params.id, request.body.reason, publicUrl),
  );
  app.post(
    '/proposals/:id/status',
    {
      config: participate,
      schema: {
        tags,
        summary:
          'A review step by the table or the city: start the review, ask for changes, accept, not accept',
        description:
          'received → under_review → changes_requested | accepted | not_accepted. Reasons (10+ characters) are required ' +
          'for the last three and published to the proposer. Accepting creates the initiative in the same transaction. ' +
          'Any other step is a 409 and changes nothing.',
        params: idParam,
        body: StatusInput,
        response: { 200: Proposal },
      },
    },
    async (request) => changeStatus(pool, request, request.params.id, request.body, publicUrl),
  );
  app.put(
    '/proposals/:id/review',
    {
      config: participate,
      schema: {
        tags,
        summary: 'My score grid (0–5 per criterion) and comment on a proposal, editable until the decision',
        params: idParam,
        body: ReviewInput,
        response: { 200: Proposal },
      },
    },
    async (request) => saveReview(pool, request, request.params.id, request.body),
  );
  app.post(
    '/proposals/:id/comments',
    {
      config: participate,
      schema: {
        tags,
        summary: 'An internal comment of the table (never shown to the proposer)',
        params: idParam,
        body: z.object({ text: text(5000).pipe(z.string().min(2)) }).strict(),
        response: { 200: Proposal },
      },
    },
    async (request) => addComment(pool, request, request.params.id, request.body.text),
  );
  app.get(
    '/proposals/:id/files/:fileId',
    {
      config: participate,
      schema: {
        tags,
        summary: 'Download a document of a proposal (the read is audited)',
        params: z.object({ id: z.uuid(), fileId: z.uuid() }),
      },
    },
    async (request, reply) => {
      const f = await readFile(pool, request, request.params.id, request.params.fileId);
      return reply
        .header('content-type', f.content_type)
        .header(
          'content-disposition',
          `attachment; filename="${f.file_name.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '')}"; filename*=UTF-8''${encodeURIComponent(f.file_name)}`,
        )
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(f.content);
    },
  );
};
