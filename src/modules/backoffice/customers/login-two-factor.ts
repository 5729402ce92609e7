import { writeAudit } from '../shared/audit.ts';
import type { StaffContext } from '../shared/context.ts';
import { conflictError, notFoundError } from '../shared/errors.ts';

/**
 * Turns off two-step sign-in of a customer's iBOK login, for a customer who lost the phone with the
 * authenticator app and has proved who they are at the office. A password reset deliberately leaves the second
 * step on (whoever reads the mailbox must not get past it), so without this the account could not be entered
 * again. Audited; the login's owner is told by e-mail.
 */
export async function turnOffLoginTwoFactor(
  context: StaffContext,
  customerId: number,
  loginId: number,
): Promise<{ email: string; language: 'pl' | 'en' }> {
  const { database, actor, now, language } = context;
  return database.db.transaction().execute(async (trx) => {
    // Only a login that holds this customer: another customer's login id is answered like a missing one.
    const login = await trx
      .selectFrom('customer_login_access as access')
      .innerJoin('customer_logins as login', 'login.id', 'access.login_id')
      .select(['login.id', 'login.email', 'login.language', 'login.totp_secret'])
      .where('access.customer_id', '=', customerId)
      .where('access.login_id', '=', loginId)
      .forUpdate()
      .executeTakeFirst();
    if (!login) {
      throw notFoundError(
        { pl: 'Nie znaleziono konta iBOK tego klienta.', en: 'No such iBOK login of this customer.' },
        language,
      );
    }
    if (login.totp_secret === null) {
      throw conflictError(
        {
          pl: 'Logowanie dwuetapowe tego konta jest już wyłączone.',
          en: 'Two-step sign-in of this login is already off.',
        },
        language,
      );
    }
    await trx
      .updateTable('customer_logins')
      .set({ totp_secret: null, totp_pending_secret: null, totp_last_time_step: null })
      .where('id', '=', loginId)
      .execute();
    await writeAudit(
      trx,
      actor,
      {
        action: 'customer_login.two_factor_disabled',
        entity: 'customer_login',
        entityId: loginId,
        before: { twoFactor: true },
        after: { twoFactor: false, customerId },
      },
      now,
    );
    return { email: login.email, language: login.language === 'en' ? 'en' : 'pl' };
  });
}
