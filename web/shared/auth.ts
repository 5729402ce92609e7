import { api, ApiError, setCsrfToken, type SessionRealm } from './api.ts';
import { personalDataCacheName } from './offline-cache.ts';

export interface CustomerUser {
  email: string;
  language: 'pl' | 'en';
  twoFactorEnabled: boolean;
  customers: { id: number; customerNumber: string; name: string; role: 'holder' | 'manager' }[];
}

export interface StaffUser {
  email: string;
  fullName: string;
  role: 'admin' | 'operator' | 'read_only';
  twoFactorEnabled: boolean;
}

export interface CustomerSession {
  user: CustomerUser;
  /** Set when the current terms of service still wait for the customer's acceptance. */
  termsAcceptanceRequired: { version: string } | null;
}

export interface StaffSession {
  user: StaffUser;
}

interface CustomerSessionAnswer extends CustomerSession {
  csrfToken: string;
}

interface StaffSessionAnswer extends StaffSession {
  csrfToken: string;
}

type CustomerLoginAnswer =
  { twoFactorRequired: true } | (CustomerSessionAnswer & { twoFactorRequired: false });

export interface SignInInput {
  email: string;
  password: string;
  /** The authenticator code, once the server has asked for it. */
  code?: string;
}

export type SignInResult<Session> = { kind: 'signed-in'; session: Session } | { kind: 'code-required' };

export type SignIn<Session> = (input: SignInInput) => Promise<SignInResult<Session>>;

function customerSession(answer: CustomerSessionAnswer): CustomerSession {
  setCsrfToken('customer', answer.csrfToken);
  return { user: answer.user, termsAcceptanceRequired: answer.termsAcceptanceRequired };
}

function staffSession(answer: StaffSessionAnswer): StaffSession {
  setCsrfToken('staff', answer.csrfToken);
  return { user: answer.user };
}

/** Customers: password first; when two-step sign-in is on, the code follows in a second request. */
export const signInCustomer: SignIn<CustomerSession> = async (input) => {
  const answer =
    input.code === undefined
      ? await api.post<CustomerLoginAnswer>('/api/v1/auth/login', {
          email: input.email,
          password: input.password,
        })
      : await api.post<CustomerLoginAnswer>('/api/v1/auth/login/totp', { code: input.code });
  if (answer.twoFactorRequired) return { kind: 'code-required' };
  return { kind: 'signed-in', session: customerSession(answer) };
};

/** Staff: e-mail, password and, when an authenticator is set up, its code, all in one request. */
export const signInStaff: SignIn<StaffSession> = async (input) => {
  try {
    const answer = await api.post<StaffSessionAnswer>('/api/v1/staff/auth/login', {
      email: input.email,
      password: input.password,
      ...(input.code === undefined ? {} : { totpCode: input.code }),
    });
    return { kind: 'signed-in', session: staffSession(answer) };
  } catch (error) {
    if (error instanceof ApiError && error.code === 'totp_required' && input.code === undefined) {
      return { kind: 'code-required' };
    }
    throw error;
  }
};

/**
 * The server sets `ibok_signed_in` (no secret, readable here) with the session cookie and clears it at
 * sign-out. Without it nobody is signed in, so the check is not sent: a first visit then makes no request
 * that is bound to fail. With it the server decides as always (a session that ended there answers 401; the
 * hint stays, as it also stands for a session of the other realm; the server clears it with an ended session).
 */
const signedInHint = 'ibok_signed_in';

export function hasSignedInHint(): boolean {
  return document.cookie.split(';').some((cookie) => cookie.trim().startsWith(`${signedInHint}=`));
}

async function checkSession<Answer>(path: string, signal: AbortSignal | undefined): Promise<Answer> {
  if (!hasSignedInHint()) throw new ApiError(401, 'unauthorized', 'Not signed in.');
  return api.get<Answer>(path, signal);
}

export async function fetchCustomerSession(signal?: AbortSignal): Promise<CustomerSession> {
  return customerSession(await checkSession<CustomerSessionAnswer>('/api/v1/auth/session', signal));
}

export async function fetchStaffSession(signal?: AbortSignal): Promise<StaffSession> {
  return staffSession(await checkSession<StaffSessionAnswer>('/api/v1/staff/auth/session', signal));
}

const logoutPaths: Record<SessionRealm, string> = {
  customer: '/api/v1/auth/logout',
  staff: '/api/v1/staff/auth/logout',
};

export async function logOut(realm: SessionRealm): Promise<void> {
  try {
    await api.post<unknown>(logoutPaths[realm]);
  } finally {
    setCsrfToken(realm, null);
    // Personal data cached for offline reading must not outlive the session on a shared device.
    if (typeof caches !== 'undefined') await caches.delete(personalDataCacheName);
  }
}

export const sessionQueryKey = (realm: SessionRealm) => ['session', realm] as const;
