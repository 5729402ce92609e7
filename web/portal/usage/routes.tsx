import { Navigate, type RouteObject } from 'react-router';
import { lazyPage } from '../../shared/i18n/index.ts';

/** Usage pages under /konto: readings and self-reading, consumption, meters, profile, e-invoice, notifications. */
export const usageRoutes: RouteObject[] = [
  { path: 'zuzycie', lazy: lazyPage('usage', () => import('./ConsumptionPage.tsx')) },
  { path: 'odczyty', lazy: lazyPage('usage', () => import('./ReadingsPage.tsx')) },
  { path: 'wodomierze', lazy: lazyPage('usage', () => import('./MetersPage.tsx')) },
  { path: 'profil', lazy: lazyPage('usage', () => import('./ProfilePage.tsx')) },
  { path: 'e-faktura', lazy: lazyPage('usage', () => import('./EInvoicePage.tsx')) },
  {
    path: 'powiadomienia',
    lazy: lazyPage('usage', () => import('./NotificationsPage.tsx')),
  },
];

/**
 * Pages without a session: registration, e-mail verification and password reset (paths fixed by the e-mails,
 * src/modules/auth/emails.ts), the terms of service, and how to order e-invoices.
 */
export const publicUsageRoutes: RouteObject[] = [
  { path: 'rejestracja', lazy: lazyPage('usage', () => import('./RegisterPage.tsx')) },
  {
    path: 'verify-email',
    lazy: lazyPage('usage', () => import('./VerifyEmailPage.tsx')),
  },
  {
    path: 'change-email',
    lazy: lazyPage('usage', () => import('./ChangeEmailPage.tsx')),
  },
  {
    path: 'reset-password',
    lazy: lazyPage('usage', () => import('./ResetPasswordPage.tsx')),
  },
  { path: 'regulamin', lazy: lazyPage('usage', () => import('./TermsPage.tsx')) },
  { path: 'e-faktura', lazy: lazyPage('usage', () => import('./EInvoiceInfoPage.tsx')) },
  // The e-mails' sign-in link: the landing page has the form.
  { path: 'login', element: <Navigate to="/" replace /> },
];
