import type { RouteObject } from 'react-router';

/**
 * The back office under /admin: one shell (sign-in guard and navigation), each screen loaded on first visit.
 * Paths are Polish, as the staff read them.
 */
export const backofficeRoutes: RouteObject[] = [
  {
    path: 'admin',
    lazy: async () => ({ Component: (await import('./BackofficeShell.tsx')).default }),
    children: [
      { index: true, lazy: async () => ({ Component: (await import('./CustomerSearchPage.tsx')).default }) },
      {
        path: 'klienci/:customerId',
        lazy: async () => ({ Component: (await import('./CustomerPage.tsx')).default }),
      },
      { path: 'odczyty', lazy: async () => ({ Component: (await import('./ReadingsPage.tsx')).default }) },
      { path: 'rozliczenia', lazy: async () => ({ Component: (await import('./BillingPage.tsx')).default }) },
      { path: 'platnosci', lazy: async () => ({ Component: (await import('./PaymentsPage.tsx')).default }) },
      { path: 'e-faktury', lazy: async () => ({ Component: (await import('./EInvoicesPage.tsx')).default }) },
      { path: 'raporty', lazy: async () => ({ Component: (await import('./ReportsPage.tsx')).default }) },
      { path: 'taryfy', lazy: async () => ({ Component: (await import('./TariffsPage.tsx')).default }) },
      { path: 'dziennik', lazy: async () => ({ Component: (await import('./AuditPage.tsx')).default }) },
    ],
  },
];
