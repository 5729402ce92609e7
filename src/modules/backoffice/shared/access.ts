import type { FastifyReply, FastifyRequest } from 'fastify';
import { requireStaff } from '../../../http/authorization.ts';
import type { StaffRole } from '../../auth/staff-store.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The least staff role a back-office route needs. Without it, reading (GET, HEAD) needs read_only and any
     * other method operator, so a route added without thinking about roles is still closed to read-only staff.
     */
    staffRole?: StaffRole;
  }
}

const READING_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function requiredStaffRole(method: string, configured: StaffRole | undefined): StaffRole {
  const byMethod: StaffRole = READING_METHODS.has(method) ? 'read_only' : 'operator';
  // A route may ask for more than its method implies, never for less: a change always needs an operator.
  if (configured === undefined) return byMethod;
  return configured === 'read_only' ? byMethod : configured;
}

/**
 * onRequest hook of every back-office route: runs before the body is parsed or validated, so a caller without
 * the role learns nothing from validation messages and always gets 401 (no staff session) or 403 (role).
 */
export async function enforceStaffRole(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const role = requiredStaffRole(request.method, request.routeOptions.config.staffRole);
  await requireStaff(role)(request, reply);
}

/** Route option for admin-only routes (tariffs, staff accounts). */
export const adminOnly = { staffRole: 'admin' } as const satisfies { staffRole: StaffRole };
