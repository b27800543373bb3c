import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audit, auditFromRequest } from '../../../kernel/audit/index.ts';
import { AppError } from '../../../kernel/errors.ts';
import { makeProblem, Problem } from '../../../kernel/http/problem.ts';
import type { ModuleContext } from '../../../kernel/module.ts';
import { importMessage } from '../import/messages.ts';
import { maxFileBytes, parseDirectoryFile } from '../import/parse.ts';
import { auditDetail, type ImportReport, importDirectory } from '../import/run.ts';

const tags = ['directory'];
const access = { access: { permission: 'directory.import' } } as const;
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const Issue = z.object({
  row: z
    .number()
    .int()
    .nullable()
    .describe('Row as a spreadsheet shows it (header = 1); null for the whole file'),
  column: z.string().nullable().describe('Canonical (Italian) column name'),
  code: z.string().describe('Stable code; its message is `directory.import.<code>`'),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  message: z.object({ it: z.string(), en: z.string() }),
});
const count = z.number().int();
const Report = z
  .object({
    dryRun: z.boolean(),
    imported: z.boolean().describe('True when the rows were written'),
    rows: z.number().int().describe('Data rows in the file'),
    organizations: z.object({ created: count, matched: count }),
    locations: z.object({ created: count, matched: count }),
    services: z.object({ created: count, updated: count }),
    errors: z.array(Issue),
    warnings: z.array(Issue),
  })
  .meta({ id: 'DirectoryImportReport' });
const ReportProblem = Problem.extend({ report: Report }).meta({ id: 'DirectoryImportProblem' });
const Progress = z
  .object({ processed: z.number().int(), total: z.number().int(), done: z.boolean() })
  .meta({ id: 'DirectoryImportProgress' });

interface ProgressEntry {
  processed: number;
  total: number;
  done: boolean;
  touchedAt: number;
}

/** Progress of the imports running (and just finished) in this process, by city and import id. */
const progress = new Map<string, ProgressEntry>();
const progressTtlMs = 15 * 60 * 1000;
const maxTracked = 500;

function track(key: string, entry: Omit<ProgressEntry, 'touchedAt'>): void {
  const now = Date.now();
  for (const [k, e] of progress) if (now - e.touchedAt > progressTtlMs) progress.delete(k);
  progress.delete(key);
  progress.set(key, { ...entry, touchedAt: now });
  while (progress.size > maxTracked) progress.delete(progress.keys().next().value!);
}

export const importRoutes: FastifyPluginAsyncZod<ModuleContext> = async (app) => {
  const { pool, db } = app.database;

  // The file comes as the raw body; these parsers hold only in this plugin.
  app.addContentTypeParser(
    ['text/csv', xlsxType, 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: maxFileBytes },
    (_request, body, done) => done(null, body),
  );

  app.post(
    '/directory/import',
    {
      config: access,
      bodyLimit: maxFileBytes,
      schema: {
        tags,
        summary: 'Import organisations and services from a CSV or XLSX file (one row per service)',
        description:
          'The body is the file itself: `text/csv`, `' +
          xlsxType +
          '`, or `application/octet-stream` with `?format=csv|xlsx` (at most 10 MB, 20,000 rows; columns in ' +
          'src/modules/directory/import/README.md). A dry run (the default) checks everything and counts ' +
          'what would change; a real run writes every row in one transaction, or nothing when the file has ' +
          'errors (422, with the row-by-row report). Send an `x-import-id` (uuid) to follow the progress at ' +
          '`GET /directory/import/{id}/progress`.',
        querystring: z.object({
          dryRun: z
            .enum(['true', 'false'])
            .default('true')
            .transform((v) => v === 'true')
            .describe('Check only, write nothing (default true)'),
          format: z.enum(['csv', 'xlsx']).optional().describe('Needed with application/octet-stream'),
        }),
        response: { 200: Report, 422: ReportProblem },
      },
    },
    async (request, reply) => {
      const body = request.body;
      if (!Buffer.isBuffer(body)) {
        throw new AppError('unsupported_media_type', {
          contentType: String(request.headers['content-type'] ?? ''),
        });
      }
      const rawId = request.headers['x-import-id'];
      let key: string | undefined;
      if (rawId !== undefined) {
        if (typeof rawId !== 'string' || !uuidPattern.test(rawId)) {
          throw new AppError(
            'validation',
            {},
            { fields: [{ field: 'x-import-id', message: 'must be a uuid' }] },
          );
        }
        key = `${request.city.id}:${rawId.toLowerCase()}`;
        track(key, { processed: 0, total: 0, done: false });
      }
      const contentType = String(request.headers['content-type'] ?? '')
        .split(';')[0]
        ?.trim()
        .toLowerCase();
      const format =
        request.query.format ??
        (contentType === 'text/csv' ? 'csv' : contentType === xlsxType ? 'xlsx' : undefined);
      const { dryRun } = request.query;
      let report: ImportReport;
      try {
        const parsed = await parseDirectoryFile(body, { format });
        report = await importDirectory(pool, db, request.city, parsed, {
          dryRun,
          onProgress: (processed, total) => {
            if (key) track(key, { processed, total, done: false });
          },
          beforeCommit: (client, r) =>
            audit(
              client,
              auditFromRequest(request, { action: 'import', resource: 'directory', detail: auditDetail(r) }),
            ),
        });
      } finally {
        const last = key ? progress.get(key) : undefined;
        if (key && last) track(key, { processed: last.processed, total: last.total, done: true });
      }
      if (!report.imported) {
        await audit(
          pool,
          auditFromRequest(request, {
            action: 'import',
            resource: 'directory',
            outcome: report.errors.length ? 'failed' : 'ok',
            detail: auditDetail(report),
          }),
        );
      }
      if (report.errors.length === 0) return report;
      const problem = makeProblem('unprocessable', request.lang, {
        instance: request.url,
        requestId: String(request.id),
      });
      return reply
        .status(422)
        .type('application/problem+json')
        .send({ ...problem, detail: importMessage(request.lang, 'file_has_errors'), report });
    },
  );

  app.get(
    '/directory/import/:id/progress',
    {
      config: access,
      schema: {
        tags,
        summary: 'Progress of an import started with an `x-import-id` header',
        params: z.object({ id: z.uuid() }),
        response: { 200: Progress },
      },
    },
    async (request) => {
      const entry = progress.get(`${request.city.id}:${request.params.id.toLowerCase()}`);
      if (!entry) throw new AppError('not_found', { resource: 'import', id: request.params.id });
      return { processed: entry.processed, total: entry.total, done: entry.done };
    },
  );
};
