import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleContext } from '../../kernel/module.ts';
import { Batch, BatchApplied, text } from './schemas.ts';
import { applyBatch, discardBatch, getBatch, proposeBatch } from './service/batches.ts';

const tags = ['volunteers'];
const match = { access: { permission: 'volunteers.match' } } as const;
const idParam = z.object({ id: z.uuid() });

/** "Assign all" in an emergency: a proposal for a zone, reviewed, then applied (all or some) or discarded. */
export const matchingRoutes: FastifyPluginAsyncZod<ModuleContext> = async (app, ctx) => {
  const db = ctx.database;
  const publicUrl = ctx.config.publicUrl;

  app.post(
    '/matching/batches',
    {
      config: match,
      schema: {
        tags,
        summary:
          'Match the open requests of a zone to available volunteers at once (a proposal: nothing is offered yet)',
        description:
          'Takes the zone’s requests that are new or triaged, outside the helpline queue, with no volunteer offered or holding ' +
          'them (an operator: their hubs’ only), and the active volunteers with room for more; a volunteer serves only the ' +
          'neighbourhoods they chose, within their own range. strategy: optimal (min-cost flow: most requests matched, then ' +
          'least distance and load imbalance) or greedy (nearest first).',
        body: z
          .object({
            zoneCode: z.string().trim().min(1).max(60),
            strategy: z.enum(['optimal', 'greedy']).default('optimal'),
          })
          .strict(),
        response: { 201: Batch },
      },
    },
    async (request, reply) => reply.status(201).send(await proposeBatch(db, request, request.body)),
  );

  app.get(
    '/matching/batches/:id',
    {
      config: match,
      schema: { tags, summary: 'A batch proposal', params: idParam, response: { 200: Batch } },
    },
    async (request) => getBatch(db, request, request.params.id),
  );

  app.post(
    '/matching/batches/:id/apply',
    {
      config: match,
      schema: {
        tags,
        summary:
          'Offer the proposed pairs (all, or the requests chosen) in one transaction; a request taken meanwhile is skipped',
        params: idParam,
        body: z
          .object({
            requestIds: z.array(z.uuid()).min(1).max(10_000).optional(),
            brief: text(2000).pipe(z.string().min(3)).optional(),
          })
          .strict(),
        response: { 200: BatchApplied },
      },
    },
    async (request) => applyBatch(db, request, request.params.id, request.body, publicUrl),
  );

  app.post(
    '/matching/batches/:id/discard',
    {
      config: match,
      schema: { tags, summary: 'Discard a proposal', params: idParam, response: { 200: Batch } },
    },
    async (request) => discardBatch(db, request, request.params.id),
  );
};
