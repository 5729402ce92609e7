import type { RouteObject } from 'react-router';
import { LoginPage } from './portal/LoginPage.tsx';
import { Layout } from './shared/components/Layout.tsx';
import { NotFoundPage } from './shared/NotFoundPage.tsx';

/** The landing page is in the first bundle; everything behind a login loads when first visited. */
export const routes: RouteObject[] = [
  {
    element: <Layout />,
    children: [
      { index: true, element: <LoginPage /> },
      {
        path: 'konto',
        lazy: async () => ({ Component: (await import('./portal/AccountPage.tsx')).default }),
      },
      {
        path: 'admin/*',
        lazy: async () => ({ Component: (await import('./backoffice/BackofficePage.tsx')).default }),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
