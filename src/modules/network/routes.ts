import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleContext } from '../../kernel/module.ts';
import { Message, MessageInput, ReadInput, ThreadDetail, ThreadInput, ThreadList } from './schemas.ts';
import { createThread, getThread, listThreads, markRead, postMessage } from './service.ts';

const tags = ['network'];
const use = { access: { permission: 'network.use' } } as const;
const threadParam = z.object({ id: z.uuid() });

/** The hubs' network: threads between the Punti Comunità and with the city. */
export const networkRoutes: FastifyPluginAsyncZod<ModuleContext> = async (app, ctx) => {
  const db = ctx.database;
  const publicUrl = ctx.config.publicUrl;

  app.get(
    '/network/threads',
    {
      config: use,
      schema: {
        tags,
        summary: 'The threads of my hubs (or the city’s), most recent first, with unread counts',
        description:
          'An operator sees the threads their hubs take part in; the city sees its announcements and the ' +
          'conversations it started. `unread` counts the messages of others after the hub last opened the ' +
          'thread (null for the city, which keeps no read mark).',
        querystring: z
          .object({
            kind: z.enum(['announcement', 'conversation']).optional(),
            unread: z
              .enum(['true', 'false'])
              .transform((v) => v === 'true')
              .optional(),
            page: z.coerce.number().int().min(1).max(10_000).default(1),
            pageSize: z.coerce.number().int().min(1).max(100).default(30),
          })
          .strict(),
        response: { 200: ThreadList },
      },
    },
    async (request) => listThreads(db, request, request.query),
  );

  app.post(
    '/network/threads',
    {
      config: use,
      schema: {
        tags,
        summary: 'Start a thread: an announcement to every hub (the city), or a conversation with hubs',
        description:
          'A conversation names the other hubs by slug (`hubs`, at least one besides the author’s, all active ' +
          'hubs of this city); an operator of several hubs says which one writes (`from`). The other hubs are ' +
          'told by e-mail (at most one mail per hub per thread every 15 minutes).',
        body: ThreadInput,
        response: { 201: ThreadDetail },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createThread(db, request, request.body, publicUrl)),
  );

  app.get(
    '/network/threads/:id',
    {
      config: use,
      schema: {
        tags,
        summary: 'One thread with its hubs and messages (404 when my hubs do not take part)',
        params: threadParam,
        response: { 200: ThreadDetail },
      },
    },
    async (request) => getThread(db, request, request.params.id),
  );

  app.post(
    '/network/threads/:id/messages',
    {
      config: use,
      schema: {
        tags,
        summary: 'Write in a thread (plain text, up to 4000 characters)',
        description:
          'Control characters are removed and the text is kept as text (never HTML). The other hubs of the ' +
          'thread are told by e-mail, at most once per hub per thread every 15 minutes.',
        params: threadParam,
        body: MessageInput,
        response: { 201: Message },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await postMessage(db, request, request.params.id, request.body, publicUrl)),
  );

  app.post(
    '/network/threads/:id/read',
    {
      config: use,
      schema: {
        tags,
        summary: 'Mark a thread read for my hubs (done when the thread is opened)',
        params: threadParam,
        body: ReadInput.nullish(),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await markRead(db, request, request.params.id, request.body?.from);
      return reply.status(204).send(null);
    },
  );
};
