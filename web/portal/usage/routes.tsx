import { Navigate, type RouteObject } from 'react-router';

/** Usage pages under /konto: readings and self-reading, consumption, meters, profile, e-invoice, notifications. */
export const usageRoutes: RouteObject[] = [
  { path: 'zuzycie', lazy: async () => ({ Component: (await import('./ConsumptionPage.tsx')).default }) },
  { path: 'odczyty', lazy: async () => ({ Component: (await import('./ReadingsPage.tsx')).default }) },
  { path: 'wodomierze', lazy: async () => ({ Component: (await import('./MetersPage.tsx')).default }) },
  { path: 'profil', lazy: async () => ({ Component: (await import('./ProfilePage.tsx')).default }) },
  { path: 'e-faktura', lazy: async () => ({ Component: (await import('./EInvoicePage.tsx')).default }) },
  {
    path: 'powiadomienia',
    lazy: async () => ({ Component: (await import('./NotificationsPage.tsx')).default }),
  },
];

/**
 * Pages without a session: registration, e-mail verification and password reset (paths fixed by the e-mails,
 * src/modules/auth/emails.ts), and the terms of service.
 */
export const publicUsageRoutes: RouteObject[] = [
  { path: 'rejestracja', lazy: async () => ({ Component: (await import('./RegisterPage.tsx')).default }) },
  {
    path: 'verify-email',
    lazy: async () => ({ Component: (await import('./VerifyEmailPage.tsx')).default }),
  },
  {
    path: 'reset-password',
    lazy: async () => ({ Component: (await import('./ResetPasswordPage.tsx')).default }),
  },
  { path: 'regulamin', lazy: async () => ({ Component: (await import('./TermsPage.tsx')).default }) },
  // The e-mails' sign-in link: the landing page has the form.
  { path: 'login', element: <Navigate to="/" replace /> },
];
