import type { RouteObject } from 'react-router';
import { lazyPage } from '../shared/i18n/index.ts';

/**
 * The back office under /admin: one shell (sign-in guard and navigation), each screen loaded on first visit.
 * Paths are Polish, as the staff read them.
 */
export const backofficeRoutes: RouteObject[] = [
  {
    path: 'admin',
    lazy: lazyPage('backoffice', () => import('./BackofficeShell.tsx')),
    children: [
      { index: true, lazy: lazyPage('backoffice', () => import('./CustomerSearchPage.tsx')) },
      {
        path: 'klienci/:customerId',
        lazy: lazyPage('backoffice', () => import('./CustomerPage.tsx')),
      },
      { path: 'odczyty', lazy: lazyPage('backoffice', () => import('./ReadingsPage.tsx')) },
      { path: 'rozliczenia', lazy: lazyPage('backoffice', () => import('./BillingPage.tsx')) },
      { path: 'platnosci', lazy: lazyPage('backoffice', () => import('./PaymentsPage.tsx')) },
      { path: 'e-faktury', lazy: lazyPage('backoffice', () => import('./EInvoicesPage.tsx')) },
      { path: 'raporty', lazy: lazyPage('backoffice', () => import('./ReportsPage.tsx')) },
      { path: 'taryfy', lazy: lazyPage('backoffice', () => import('./TariffsPage.tsx')) },
      { path: 'dziennik', lazy: lazyPage('backoffice', () => import('./AuditPage.tsx')) },
    ],
  },
];
