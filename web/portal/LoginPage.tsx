import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate } from 'react-router';
import { signInCustomer, type CustomerSession } from '../shared/auth.ts';
import { LoginForm } from '../shared/components/LoginForm.tsx';
import { usePageTitle } from '../shared/page-title.ts';
import { useCustomerSession, useSessionActions } from '../shared/session.ts';

export const accountPath = '/konto';

/** The landing page: what iBOK is for, and the customer's sign-in form. */
export function LoginPage() {
  const { t } = useTranslation();
  usePageTitle(t('login.title'));
  const session = useCustomerSession();
  const { signedIn } = useSessionActions<CustomerSession>('customer');
  const navigate = useNavigate();

  // The form shows at once; a visitor who is still signed in moves on when the session check answers.
  if (session.data) return <Navigate to={accountPath} replace />;
  return (
    <div className="narrow">
      <h1>{t('login.heading')}</h1>
      <p className="lead">{t('login.intro')}</p>
      <LoginForm
        signIn={signInCustomer}
        onSignedIn={(signedInSession) => {
          signedIn(signedInSession);
          void navigate(accountPath);
        }}
      />
      <p className="login-links">
        <Link to="/rejestracja">{t('login.register')}</Link>
        <Link to="/reset-password">{t('login.forgotPassword')}</Link>
        <Link to="/e-faktura">{t('login.eInvoice')}</Link>
        <Link to="/regulamin">{t('login.terms')}</Link>
      </p>
    </div>
  );
}
