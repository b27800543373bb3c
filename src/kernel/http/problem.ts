import type { FastifyError, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, type FieldError, type ProblemCode, problemStatus, problemType } from '../errors.ts';
import { defaultLang, hasMessage, type Lang, t } from '../i18n/index.ts';

/** RFC 9457 problem details, as every 4xx/5xx answer carries them. */
export const Problem = z
  .object({
    type: z.string().describe('Stable URI of the kind of problem, e.g. /api/problems/not-found'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    code: z.string().describe('Stable code of the problem (the last part of `type`)'),
    requestId: z.string().optional(),
    errors: z
      .array(z.object({ field: z.string(), in: z.string().optional(), message: z.string() }))
      .optional()
      .describe('For validation problems: the fields at fault'),
  })
  .meta({ id: 'Problem' });
export type ProblemBody = z.infer<typeof Problem>;

const validationKeys: Record<string, string> = {
  invalid_type: 'validation.invalid_type',
  too_small: 'validation.too_small',
  too_big: 'validation.too_big',
  invalid_format: 'validation.invalid_format',
  invalid_string: 'validation.invalid_format',
  unrecognized_keys: 'validation.unrecognized_keys',
  invalid_value: 'validation.invalid_value',
  invalid_enum_value: 'validation.invalid_value',
};

function fieldMessage(
  lang: Lang,
  issue: { keyword: string; message?: string; params: Record<string, unknown> },
): string {
  const custom = issue.params.params as { i18n?: string } | undefined;
  if (custom?.i18n) return t(lang, custom.i18n);
  if (issue.keyword === 'invalid_type' && /received undefined/.test(issue.message ?? '')) {
    return t(lang, 'validation.required');
  }
  const key = validationKeys[issue.keyword];
  if (key) return t(lang, key, issue.params as Record<string, string>);
  return issue.message ?? t(lang, 'validation.invalid');
}

export function makeProblem(
  code: ProblemCode,
  lang: Lang,
  options: {
    params?: Record<string, string | number>;
    messageKey?: string;
    fields?: FieldError[];
    instance?: string;
    requestId?: string;
  } = {},
): ProblemBody {
  const params: Record<string, string | number> = { ...options.params, requestId: options.requestId ?? '' };
  if (typeof params.resource === 'string' && hasMessage(`resource.${params.resource}`)) {
    params.resource = t(lang, `resource.${params.resource}`);
  }
  const detailKey =
    options.messageKey && options.messageKey !== code ? options.messageKey : `problem.${code}.detail`;
  return {
    type: problemType(code),
    title: t(lang, `problem.${code}.title`),
    status: problemStatus[code],
    detail: t(lang, detailKey, params),
    instance: options.instance,
    code,
    requestId: options.requestId,
    errors: options.fields,
  };
}

/** Maps any error thrown while handling a request to a problem (the one place that does). */
export function problemFromError(error: unknown, request: FastifyRequest): ProblemBody {
  const lang = request.lang ?? defaultLang;
  const base = { instance: request.url, requestId: String(request.id) };
  if (error instanceof AppError) {
    return makeProblem(error.code, lang, {
      ...base,
      params: error.params,
      messageKey: error.messageKey,
      fields: error.fields,
    });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = (error as FastifyError).validationContext;
    const fields = error.validation.map((issue) => ({
      field: issue.instancePath.replace(/^\//, '').replaceAll('/', '.') || (where ?? ''),
      in: where,
      message: fieldMessage(lang, issue as never),
    }));
    return makeProblem('validation', lang, { ...base, fields });
  }
  const fe = error as Partial<FastifyError> & { statusCode?: number };
  if (isResponseSerializationError(error)) return makeProblem('internal', lang, base);
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return makeProblem('bad_json', lang, base);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return makeProblem('payload_too_large', lang, base);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return makeProblem('unsupported_media_type', lang, {
        ...base,
        params: { contentType: String(request.headers['content-type'] ?? '') },
      });
    case 'FST_ERR_VALIDATION':
      return makeProblem('validation', lang, {
        ...base,
        fields: [{ field: fe.validationContext ?? '', message: fe.message ?? '' }],
      });
  }
  if (error instanceof SyntaxError && fe.statusCode === 400) return makeProblem('bad_json', lang, base);
  if (fe.statusCode === 429) return makeProblem('rate_limited', lang, base);
  if (fe.statusCode === 413) return makeProblem('payload_too_large', lang, base);
  if (fe.statusCode === 415) return makeProblem('unsupported_media_type', lang, base);
  if (fe.statusCode === 404)
    return makeProblem('route_not_found', lang, { ...base, params: routeParams(request) });
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return makeProblem('bad_request', lang, base);
  }
  return makeProblem('internal', lang, base);
}

export function routeParams(request: FastifyRequest): Record<string, string> {
  return { method: request.method, url: request.url.split('?')[0] ?? request.url };
}
