import type { FastifyRequest } from 'fastify';
import type pg from 'pg';

export type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

export interface AuditEntry {
  cityId: number;
  actorId?: string | null;
  actorLabel?: string | null;
  /** e.g. `read`, `create`, `update`, `delete`, `login`, `login_failed`, `break_glass`. */
  action: string;
  /** e.g. `help_request`, `user`, `session`. */
  resource: string;
  resourceId?: string | null;
  /** The scope the access was granted in, e.g. `zone:nord`, `community_point:12`, `city`. */
  scope?: string | null;
  requestId?: string | null;
  ip?: string | null;
  sensitive?: boolean;
  reason?: string | null;
  outcome?: 'ok' | 'denied' | 'failed';
  detail?: Record<string, unknown>;
}

/**
 * Writes one audit row. Pass the transaction's client so the row commits (or rolls back) with
 * the change it records; reads of sensitive records are audited the same way.
 */
export async function audit(q: Queryable, e: AuditEntry): Promise<void> {
  await q.query(
    `INSERT INTO audit_log (city_id, actor_id, actor_label, action, resource, resource_id, scope, request_id, ip,
                            sensitive, reason, outcome, detail)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)`,
    [
      e.cityId,
      e.actorId ?? null,
      e.actorLabel ?? null,
      e.action,
      e.resource,
      e.resourceId ?? null,
      e.scope ?? null,
      e.requestId ?? null,
      e.ip ?? null,
      e.sensitive ?? false,
      e.reason ?? null,
      e.outcome ?? 'ok',
      JSON.stringify(e.detail ?? {}),
    ],
  );
}

/** The audit entry of a request: city, actor, request id and address filled in. */
export function auditFromRequest(
  request: FastifyRequest,
  e: Omit<AuditEntry, 'cityId' | 'actorId' | 'actorLabel' | 'requestId' | 'ip'>,
): AuditEntry {
  const user = (request as { user?: { id: string; email: string } | null }).user;
  return {
    ...e,
    cityId: request.city.id,
    actorId: user?.id ?? null,
    actorLabel: user?.email ?? null,
    requestId: String(request.id),
    ip: request.ip,
  };
}
