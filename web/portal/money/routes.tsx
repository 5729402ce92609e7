import type { RouteObject } from 'react-router';
import { hasSignedInHint } from '../../shared/auth.ts';
import { lazyPage } from '../../shared/i18n/index.ts';
import { queryClient } from '../../shared/query-client.ts';
import { moneyQueries } from './api.ts';

/**
 * Money pages under /konto: dashboard, settlements, invoices, payments (paying and the provider's return page).
 * Paths are fixed by the e-mails' links (src/modules/e-invoices/links.ts, payments' returnPath). Each page is
 * its own chunk, loaded on first visit.
 */
export const moneyRoutes: RouteObject[] = [
  {
    index: true,
    // The dashboard's figures are asked for while its code and texts load, not after (the phone's first
    // screen waits for them).
    loader: () => {
      if (hasSignedInHint()) void queryClient.prefetchQuery(moneyQueries.summary());
      return null;
    },
    lazy: lazyPage('money', () => import('./DashboardPage.tsx')),
  },
  {
    path: 'rozliczenia',
    lazy: lazyPage('money', () => import('./SettlementsPage.tsx')),
  },
  { path: 'faktury', lazy: lazyPage('money', () => import('./InvoicesPage.tsx')) },
  { path: 'faktury/:id', lazy: lazyPage('money', () => import('./InvoicePage.tsx')) },
  { path: 'platnosci', lazy: lazyPage('money', () => import('./PaymentsPage.tsx')) },
  { path: 'platnosci/nowa', lazy: lazyPage('money', () => import('./PayPage.tsx')) },
  {
    path: 'platnosci/:id',
    lazy: lazyPage('money', () => import('./PaymentReturnPage.tsx')),
  },
];
