import type { FastifyRequest } from 'fastify';
import { audit, auditFromRequest, type Queryable } from '../audit/index.ts';
import { AppError } from '../errors.ts';

/**
 * "Break the glass": a social worker may open a sensitive record outside their scope only by
 * giving a reason. The reason is written to the audit log (shown to the city admin) before the
 * record is read; without one (at least 10 characters), the answer is 403.
 */
export async function breakGlass(
  request: FastifyRequest,
  q: Queryable,
  target: { resource: string; resourceId: string; reason: string | undefined },
): Promise<void> {
  const reason = target.reason?.trim() ?? '';
  if (!request.user?.roles.includes('social_worker') || reason.length < 10) {
    throw new AppError('forbidden', {}, { messageKey: 'problem.break_glass.detail' });
  }
  await audit(
    q,
    auditFromRequest(request, {
      action: 'break_glass',
      resource: target.resource,
      resourceId: target.resourceId,
      sensitive: true,
      reason,
      scope: 'outside',
    }),
  );
}
