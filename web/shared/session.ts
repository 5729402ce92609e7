import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { SessionRealm } from './api.ts';
import {
  fetchCustomerSession,
  fetchStaffSession,
  logOut,
  sessionQueryKey,
  type CustomerSession,
  type StaffSession,
} from './auth.ts';

// A failed session check (401, or no server) means nobody is signed in: no retries, the form shows at once.
const sessionQueryOptions = { retry: false, staleTime: 60_000 } as const;

export const customerSessionQuery = {
  queryKey: sessionQueryKey('customer'),
  queryFn: ({ signal }: { signal: AbortSignal }) => fetchCustomerSession(signal),
  ...sessionQueryOptions,
};

export function useCustomerSession() {
  return useQuery(customerSessionQuery);
}

export function useStaffSession() {
  return useQuery({
    queryKey: sessionQueryKey('staff'),
    queryFn: ({ signal }) => fetchStaffSession(signal),
    ...sessionQueryOptions,
  });
}

export function useSessionActions<Session extends CustomerSession | StaffSession>(realm: SessionRealm) {
  const queryClient = useQueryClient();
  const signedIn = useCallback(
    (session: Session) => queryClient.setQueryData(sessionQueryKey(realm), session),
    [queryClient, realm],
  );
  const signOut = useCallback(async () => {
    try {
      await logOut(realm);
    } finally {
      // Whatever the server said, nothing of the old session may stay on screen: personal data goes, and the
      // session checks run again (the browser has one session cookie for both realms).
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'session' });
      await queryClient.resetQueries({ queryKey: ['session'] });
    }
  }, [queryClient, realm]);
  return { signedIn, signOut };
}
