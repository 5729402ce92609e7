import type { RouteObject } from 'react-router';

/**
 * Money pages under /konto: dashboard, settlements, invoices, payments (paying and the provider's return page).
 * Paths are fixed by the e-mails' links (src/modules/e-invoices/links.ts, payments' returnPath).
 */
export const moneyRoutes: RouteObject[] = [
  { index: true, lazy: async () => ({ Component: (await import('../AccountPage.tsx')).default }) },
];
