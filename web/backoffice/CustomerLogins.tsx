import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../shared/api.ts';
import { formatDate } from '../shared/format.ts';
import { STAFF, type CustomerView } from './api.ts';
import { ErrorAlert, scrollRegion } from './ui.tsx';

type Login = CustomerView['logins'][number];

/**
 * The customer's iBOK logins, and for operators the way back into an account whose authenticator app is lost:
 * turning its two-step sign-in off, after a confirmation that names the login (the customer's identity is checked
 * at the office first; the owner is e-mailed).
 */
export function CustomerLogins({
  customerId,
  logins,
  canChange,
  onChanged,
}: {
  customerId: number;
  logins: Login[];
  canChange: boolean;
  onChanged: (message: string) => void;
}) {
  const { t } = useTranslation('backoffice');
  const [confirming, setConfirming] = useState<Login | null>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  // The confirmation takes the focus when it opens, so the keyboard lands on the decision.
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);
  const turnOff = useMutation({
    mutationFn: (login: Login) =>
      api.post<unknown>(`${STAFF}/customers/${customerId}/logins/${login.id}/two-factor/disable`),
    onSuccess: (_answer, login) => {
      setConfirming(null);
      onChanged(t('logins.twoFactorTurnedOff', { email: login.email }));
    },
  });

  return (
    <section aria-labelledby="logins-heading">
      <h2 id="logins-heading">{t('customer.logins')}</h2>
      {logins.length === 0 ? (
        <p>{t('customer.noLogins')}</p>
      ) : (
        <div className="bo-table-wrap" ref={scrollRegion}>
          <table className="bo-table">
            <caption className="bo-sr-only">{t('customer.logins')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('customer.email')}</th>
                <th scope="col">{t('customer.loginRole')}</th>
                <th scope="col">{t('customer.verified')}</th>
                <th scope="col">{t('customer.twoFactor')}</th>
                <th scope="col">{t('customer.lastLogin')}</th>
                <th scope="col">{t('customer.state')}</th>
              </tr>
            </thead>
            <tbody>
              {logins.map((login) => (
                <tr key={login.id}>
                  <th scope="row">{login.email}</th>
                  <td>{t(`loginRoles.${login.role}`)}</td>
                  <td>{login.emailVerified ? t('common.yes') : t('common.no')}</td>
                  <td>
                    {login.twoFactor ? t('common.yes') : t('common.no')}
                    {login.twoFactor && canChange ? (
                      <>
                        {' '}
                        <button
                          type="button"
                          className="button button--secondary"
                          aria-label={t('logins.turnOffFor', { email: login.email })}
                          onClick={() => {
                            turnOff.reset();
                            setConfirming(login);
                          }}
                        >
                          {t('logins.turnOff')}
                        </button>
                      </>
                    ) : null}
                  </td>
                  <td>{login.lastLoginAt ? formatDate(login.lastLoginAt) : '—'}</td>
                  <td>
                    {login.disabled
                      ? t('customer.disabled')
                      : login.locked
                        ? t('customer.locked')
                        : t('customer.active')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {confirming ? (
        <div
          className="bo-form"
          role="group"
          aria-labelledby="two-factor-confirm"
          onKeyDown={(event) => {
            if (event.key === 'Escape') setConfirming(null);
          }}
        >
          <p id="two-factor-confirm">{t('logins.confirm', { email: confirming.email })}</p>
          <div className="bo-actions">
            <button
              type="button"
              className="button button--primary"
              ref={confirmButton}
              disabled={turnOff.isPending}
              onClick={() => turnOff.mutate(confirming)}
            >
              {t('logins.confirmTurnOff')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setConfirming(null)}>
              {t('logins.cancel')}
            </button>
          </div>
          {turnOff.isError ? <ErrorAlert error={turnOff.error} /> : null}
        </div>
      ) : null}
    </section>
  );
}
