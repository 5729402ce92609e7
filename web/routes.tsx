import type { RouteObject } from 'react-router';
import { backofficeRoutes } from './backoffice/routes.tsx';
import { LoginPage } from './portal/LoginPage.tsx';
import { moneyRoutes } from './portal/money/routes.tsx';
import { publicUsageRoutes, usageRoutes } from './portal/usage/routes.tsx';
import { Layout } from './shared/components/Layout.tsx';
import { NotFoundPage } from './shared/NotFoundPage.tsx';

/** The landing page is in the first bundle; everything behind a login loads when first visited. */
export const routes: RouteObject[] = [
  {
    element: <Layout />,
    children: [
      { index: true, element: <LoginPage /> },
      ...publicUsageRoutes,
      {
        path: 'konto',
        lazy: async () => ({ Component: (await import('./portal/PortalShell.tsx')).default }),
        children: [...moneyRoutes, ...usageRoutes],
      },
      ...backofficeRoutes,
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
