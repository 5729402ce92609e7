import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { signInCustomer, type CustomerSession } from '../shared/auth.ts';
import { LoginForm } from '../shared/components/LoginForm.tsx';
import { usePageTitle } from '../shared/page-title.ts';
import { useCustomerSession, useSessionActions } from '../shared/session.ts';

export const accountPath = '/konto';

/**
 * Where to go after signing in: the account page a signed-out visitor asked for (a link from an e-mail, such as
 * an invoice), passed as ?next= by the account pages' guard. Only account paths of this site are followed.
 */
function afterSignInPath(next: string | null): string {
  return next !== null && /^\/konto(\/[\w\-/%]*)?(\?[\w\-=&%.]*)?$/.test(next) && !next.includes('//')
    ? next
    : accountPath;
}

/** The landing page: what iBOK is for, and the customer's sign-in form. */
export function LoginPage() {
  const { t } = useTranslation();
  usePageTitle(t('login.title'));
  const session = useCustomerSession();
  const { signedIn } = useSessionActions<CustomerSession>('customer');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const destination = afterSignInPath(params.get('next'));

  // The form shows at once; a visitor who is still signed in moves on when the session check answers.
  if (session.data) return <Navigate to={destination} replace />;
  return (
    <div className="narrow">
      <h1>{t('login.heading')}</h1>
      <p className="lead">{t('login.intro')}</p>
      <LoginForm
        signIn={signInCustomer}
        onSignedIn={(signedInSession) => {
          signedIn(signedInSession);
          void navigate(destination);
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
