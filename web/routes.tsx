import type { RouteObject } from 'react-router';
import { backofficeRoutes } from './backoffice/routes.tsx';
import { LoginPage } from './portal/LoginPage.tsx';
import { moneyRoutes } from './portal/money/routes.tsx';
import { publicUsageRoutes, usageRoutes } from './portal/usage/routes.tsx';
import { hasSignedInHint } from './shared/auth.ts';
import { Layout } from './shared/components/Layout.tsx';
import { NotFoundPage } from './shared/NotFoundPage.tsx';
import { queryClient } from './shared/query-client.ts';
import { customerSessionQuery } from './shared/session.ts';

/** The landing page is in the first bundle; everything behind a login loads when first visited. */
export const routes: RouteObject[] = [
  {
    element: <Layout />,
    children: [
      { index: true, element: <LoginPage /> },
      ...publicUsageRoutes,
      {
        path: 'konto',
        // The session check starts at once, beside the page's code, instead of after it has arrived.
        loader: () => {
          if (hasSignedInHint()) void queryClient.prefetchQuery(customerSessionQuery);
          return null;
        },
        lazy: async () => ({ Component: (await import('./portal/PortalShell.tsx')).default }),
        children: [...moneyRoutes, ...usageRoutes],
      },
      ...backofficeRoutes,
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
