import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { NavMenu } from '../shared/components/NavMenu.tsx';
import type { CustomerSession } from '../shared/auth.ts';
import { useCustomerSession, useSessionActions } from '../shared/session.ts';
import { TermsNotice } from './TermsNotice.tsx';

/**
 * The signed-in customer's frame for every /konto page: the session guard, new terms to accept, and the
 * navigation (a bar at the bottom of a phone screen, a row under the header on wider screens). The mobile
 * set (balance, payments, consumption) comes first so it is one tap from the start screen.
 */
export default function PortalShell() {
  const { t } = useTranslation();
  const session = useCustomerSession();
  const { signOut } = useSessionActions<CustomerSession>('customer');
  const navigate = useNavigate();
  const location = useLocation();

  if (session.isPending) return <p role="status">{t('app.loading')}</p>;
  if (!session.data) {
    // A page other than the dashboard (e.g. an invoice linked from an e-mail) is opened again after sign-in.
    const asked = `${location.pathname}${location.search}`;
    return <Navigate to={asked === '/konto' ? '/' : `/?next=${encodeURIComponent(asked)}`} replace />;
  }
  const { user, termsAcceptanceRequired } = session.data;
  const links = [
    { to: '/konto', label: t('portal.nav.dashboard'), end: true },
    { to: '/konto/platnosci', label: t('portal.nav.payments'), end: false },
    { to: '/konto/zuzycie', label: t('portal.nav.consumption'), end: false },
    { to: '/konto/rozliczenia', label: t('portal.nav.settlements'), end: false },
    { to: '/konto/faktury', label: t('portal.nav.invoices'), end: false },
    { to: '/konto/odczyty', label: t('portal.nav.readings'), end: false },
    { to: '/konto/wodomierze', label: t('portal.nav.meters'), end: false },
    { to: '/konto/e-faktura', label: t('portal.nav.eInvoice'), end: false },
    { to: '/konto/profil', label: t('portal.nav.profile'), end: false },
  ];
  return (
    <div className="portal">
      <NavMenu label={t('portal.nav.label')} className="portal-nav" links={links} />
      <div className="portal-account">
        <p className="signed-in">{t('account.signedInAs', { name: user.email })}</p>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => void signOut().finally(() => void navigate('/', { replace: true }))}
        >
          {t('account.logout')}
        </button>
      </div>
      {termsAcceptanceRequired ? <TermsNotice version={termsAcceptanceRequired.version} /> : <Outlet />}
    </div>
  );
}
