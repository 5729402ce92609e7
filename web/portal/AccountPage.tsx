import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import type { CustomerSession } from '../shared/auth.ts';
import { usePageTitle } from '../shared/page-title.ts';
import { useCustomerSession, useSessionActions } from '../shared/session.ts';
import { TermsNotice } from './TermsNotice.tsx';

/** The customer's dashboard (a placeholder until invoices, readings and payments arrive). */
export default function AccountPage() {
  const { t } = useTranslation();
  usePageTitle(t('account.title'));
  const session = useCustomerSession();
  const { signOut } = useSessionActions<CustomerSession>('customer');
  const navigate = useNavigate();

  if (session.isPending) return <p role="status">{t('app.loading')}</p>;
  if (!session.data) return <Navigate to="/" replace />;
  const { user, termsAcceptanceRequired } = session.data;
  return (
    <div className="narrow">
      <h1>{t('account.heading')}</h1>
      <p className="signed-in">{t('account.signedInAs', { name: user.email })}</p>
      {termsAcceptanceRequired ? <TermsNotice version={termsAcceptanceRequired.version} /> : null}
      {user.customers.length > 0 ? (
        <ul className="plain-list">
          {user.customers.map((customer) => (
            <li key={customer.id}>
              {t('account.customer', { name: customer.name, number: customer.customerNumber })}
            </li>
          ))}
        </ul>
      ) : null}
      <p>{t('account.placeholder')}</p>
      <button
        type="button"
        className="button button--secondary"
        onClick={() => void signOut().finally(() => void navigate('/', { replace: true }))}
      >
        {t('account.logout')}
      </button>
    </div>
  );
}
