/**
 * Errors with stable codes, mapped to HTTP in one place.
 * Every 4xx/5xx answer is an RFC 9457 problem whose `type` is `/api/problems/<code>`.
 */
export const problemStatus = {
  validation: 400,
  bad_json: 400,
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  csrf: 403,
  not_found: 404,
  route_not_found: 404,
  outside_city: 404,
  method_not_allowed: 405,
  conflict: 409,
  idempotency_conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
  service_unavailable: 503,
} as const satisfies Record<string, number>;

export type ProblemCode = keyof typeof problemStatus;

export interface FieldError {
  /** Dotted path of the field at fault, e.g. `contact.email`. */
  field: string;
  /** Message in the user's language. */
  message: string;
}

export class AppError extends Error {
  readonly code: ProblemCode;
  readonly params: Record<string, string | number>;
  readonly fields: FieldError[] | undefined;

  constructor(
    code: ProblemCode,
    params: Record<string, string | number> = {},
    options: { fields?: FieldError[]; cause?: unknown; messageKey?: string } = {},
  ) {
    super(options.messageKey ?? code, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.params = params;
    this.fields = options.fields;
  }

  /** The catalog key of the detail message (defaults to the code). */
  get messageKey(): string {
    return this.message;
  }

  get status(): number {
    return problemStatus[this.code];
  }
}

export const notFound = (resource: string, id: string | number) =>
  new AppError('not_found', { resource, id: String(id) });

export const forbidden = () => new AppError('forbidden');

export function problemType(code: ProblemCode): string {
  return `/api/problems/${code.replaceAll('_', '-')}`;
}

export function isProblemCode(value: string): value is ProblemCode {
  return Object.hasOwn(problemStatus, value);
}
