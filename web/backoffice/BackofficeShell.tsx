import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { NavMenu } from '../shared/components/NavMenu.tsx';
import { signInStaff, type StaffSession } from '../shared/auth.ts';
import { LoginForm } from '../shared/components/LoginForm.tsx';
import { usePageTitle } from '../shared/page-title.ts';
import { useSessionActions, useStaffSession } from '../shared/session.ts';

/** Staff sign-in (password, then the authenticator code when asked), shown instead of any /admin page. */
function StaffSignIn() {
  const { t } = useTranslation();
  const { signedIn } = useSessionActions<StaffSession>('staff');
  usePageTitle(t('backoffice.loginTitle'));
  return (
    <div className="narrow">
      <h1>{t('backoffice.loginHeading')}</h1>
      <LoginForm signIn={signInStaff} onSignedIn={signedIn} />
    </div>
  );
}

/** The frame of every /admin page: the sign-in guard, the staff navigation, who is signed in. */
export default function BackofficeShell() {
  const { t } = useTranslation('backoffice');
  const { t: tCommon } = useTranslation();
  const session = useStaffSession();
  const { signOut } = useSessionActions<StaffSession>('staff');

  if (session.isPending) return <p role="status">{tCommon('app.loading')}</p>;
  if (!session.data) return <StaffSignIn />;
  const { user } = session.data;
  const links = [
    { to: '/admin', label: t('nav.customers'), end: true },
    { to: '/admin/odczyty', label: t('nav.readings'), end: false },
    { to: '/admin/rozliczenia', label: t('nav.billing'), end: false },
    { to: '/admin/platnosci', label: t('nav.payments'), end: false },
    { to: '/admin/e-faktury', label: t('nav.eInvoices'), end: false },
    { to: '/admin/raporty', label: t('nav.reports'), end: false },
    { to: '/admin/taryfy', label: t('nav.tariffs'), end: false },
    { to: '/admin/dziennik', label: t('nav.audit'), end: false },
  ];
  return (
    <div className="bo">
      <div className="bo-bar">
        <NavMenu label={t('nav.label')} className="bo-nav" links={links} />
        <div className="bo-user">
          <span>
            {user.fullName} ({t(`roles.${user.role}`)})
          </span>
          <button type="button" className="button button--secondary bo-small" onClick={() => void signOut()}>
            {tCommon('account.logout')}
          </button>
        </div>
      </div>
      <Outlet />
    </div>
  );
}
