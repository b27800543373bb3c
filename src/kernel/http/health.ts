import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ping } from '../db/index.ts';
import { AppError, type ProblemCode, problemStatus, problemType } from '../errors.ts';
import { t } from '../i18n/index.ts';

const version = process.env.npm_package_version ?? '0.1.0';

/** Kernel routes: health, and the documentation of every problem type. */
export async function kernelRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/health',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['platform'],
        summary: 'Health of the server and its database',
        response: {
          200: z.object({
            status: z.literal('ok'),
            version: z.string(),
            database: z.object({ status: z.literal('up'), latencyMs: z.number() }),
            uptimeSeconds: z.number(),
          }),
        },
      },
    },
    async () => {
      let latencyMs: number;
      try {
        latencyMs = await ping(app.database);
      } catch (error) {
        throw new AppError('service_unavailable', {}, { cause: error });
      }
      return {
        status: 'ok' as const,
        version,
        database: { status: 'up' as const, latencyMs: Math.round(latencyMs * 100) / 100 },
        uptimeSeconds: Math.round(process.uptime()),
      };
    },
  );

  r.get(
    '/api/problems/:type',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['platform'],
        summary: 'What a problem type means',
        params: z.object({ type: z.string().max(60) }),
        response: { 200: z.object({ type: z.string(), status: z.number(), title: z.string() }) },
      },
    },
    async (request) => {
      const code = request.params.type.replaceAll('-', '_');
      if (!Object.hasOwn(problemStatus, code))
        throw new AppError('not_found', { resource: 'problem', id: code });
      const c = code as ProblemCode;
      return { type: problemType(c), status: problemStatus[c], title: t(request.lang, `problem.${c}.title`) };
    },
  );
}
