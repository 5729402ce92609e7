import { csrfTokenFor } from '../../http/session-cookie.ts';
import { polishDate } from './calendar.ts';
import type { AuthContext } from './context.ts';
import { accessOf, findLoginById } from './login-store.ts';
import { findStaffById } from './staff-store.ts';
import { currentTerms, hasAccepted } from './terms-store.ts';

/** What the portal needs after sign-in and on reload: who, for which customers, the CSRF token, pending terms. */
export async function customerSessionView(context: AuthContext, loginId: number, sessionToken: string) {
  const login = await findLoginById(context.db, loginId);
  if (!login) throw new Error(`login ${loginId} vanished during sign-in`);
  const customers = await accessOf(context.db, loginId);
  const terms = await currentTerms(context.db, 'ibok', polishDate(context.now()));
  const accepted = !terms || (await hasAccepted(context.db, loginId, terms.id));
  return {
    user: {
      email: login.email,
      language: login.language,
      twoFactorEnabled: login.totpSecret !== null,
      customers: customers.map((customer) => ({
        id: customer.customerId,
        customerNumber: customer.customerNumber,
        name: customer.name,
        role: customer.role,
      })),
    },
    csrfToken: csrfTokenFor(sessionToken, context.config),
    termsAcceptanceRequired: accepted || !terms ? null : { version: terms.version },
  };
}

export async function staffSessionView(context: AuthContext, staffUserId: number, sessionToken: string) {
  const staff = await findStaffById(context.db, staffUserId);
  if (!staff) throw new Error(`staff user ${staffUserId} vanished during sign-in`);
  return {
    user: {
      email: staff.email,
      fullName: staff.fullName,
      role: staff.role,
      twoFactorEnabled: staff.totpSecret !== null,
    },
    csrfToken: csrfTokenFor(sessionToken, context.config),
  };
}
