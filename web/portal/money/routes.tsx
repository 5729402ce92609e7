import type { RouteObject } from 'react-router';

/**
 * Money pages under /konto: dashboard, settlements, invoices, payments (paying and the provider's return page).
 * Paths are fixed by the e-mails' links (src/modules/e-invoices/links.ts, payments' returnPath). Each page is
 * its own chunk, loaded on first visit.
 */
export const moneyRoutes: RouteObject[] = [
  { index: true, lazy: async () => ({ Component: (await import('./DashboardPage.tsx')).default }) },
  {
    path: 'rozliczenia',
    lazy: async () => ({ Component: (await import('./SettlementsPage.tsx')).default }),
  },
  { path: 'faktury', lazy: async () => ({ Component: (await import('./InvoicesPage.tsx')).default }) },
  { path: 'faktury/:id', lazy: async () => ({ Component: (await import('./InvoicePage.tsx')).default }) },
  { path: 'platnosci', lazy: async () => ({ Component: (await import('./PaymentsPage.tsx')).default }) },
  { path: 'platnosci/nowa', lazy: async () => ({ Component: (await import('./PayPage.tsx')).default }) },
  {
    path: 'platnosci/:id',
    lazy: async () => ({ Component: (await import('./PaymentReturnPage.tsx')).default }),
  },
];
