import type { RouteObject } from 'react-router';

/** Usage pages under /konto: readings and self-reading, consumption, meters, profile, e-invoice, notifications. */
export const usageRoutes: RouteObject[] = [];

/**
 * Pages without a session: registration, e-mail verification and password reset (paths fixed by the e-mails,
 * src/modules/auth/emails.ts).
 */
export const publicUsageRoutes: RouteObject[] = [];
