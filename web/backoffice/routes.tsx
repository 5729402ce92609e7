import type { RouteObject } from 'react-router';

/** The back office under /admin: sign-in first, then the staff screens. */
export const backofficeRoutes: RouteObject[] = [
  { path: 'admin/*', lazy: async () => ({ Component: (await import('./BackofficePage.tsx')).default }) },
];
