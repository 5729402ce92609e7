import { QueryClient } from '@tanstack/react-query';

/** The one cache of server answers, shared by the pages and by the routes that start fetches early. */
export const queryClient = new QueryClient({
  defaultOptions: { queries: { refetchOnWindowFocus: false } },
});
