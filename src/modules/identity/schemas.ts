import { z } from 'zod';
import { roles } from '../../kernel/module.ts';

export const scopeKinds = ['own', 'community_point', 'organisation', 'zone', 'city', 'platform'] as const;

export const Assignment = z
  .object({
    role: z.enum(roles),
    scope: z.object({ kind: z.enum(scopeKinds), ref: z.string().min(1).max(80).nullable() }),
  })
  .meta({ id: 'RoleAssignment' });

export const Me = z
  .object({
    id: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    fiscalCode: z.string().nullable(),
    emailVerified: z.boolean(),
    city: z.string(),
    roles: z.array(z.enum(roles)),
    assignments: z.array(Assignment),
  })
  .meta({ id: 'Me' });

export const AdminUser = z
  .object({
    id: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    fiscalCode: z.string().nullable(),
    active: z.boolean(),
    emailVerified: z.boolean(),
    lastLoginAt: z.string().nullable(),
    createdAt: z.string(),
    roles: z.array(z.enum(roles)),
    assignments: z.array(Assignment),
  })
  .meta({ id: 'AdminUser' });

export const email = z.email().max(254);
export const password = z.string().min(10).max(200);
export const displayName = z.string().trim().min(2).max(120);
export const page = z.coerce.number().int().min(1).max(10_000).default(1);
export const uuidParam = z.object({ id: z.uuid() });
