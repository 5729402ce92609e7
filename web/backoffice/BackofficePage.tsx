import { useTranslation } from 'react-i18next';
import { signInStaff, type StaffSession } from '../shared/auth.ts';
import { LoginForm } from '../shared/components/LoginForm.tsx';
import { usePageTitle } from '../shared/page-title.ts';
import { useSessionActions, useStaffSession } from '../shared/session.ts';

/** The staff entry: the sign-in form, then the back office (a placeholder for now). */
export default function BackofficePage() {
  const { t } = useTranslation();
  const session = useStaffSession();
  const { signedIn, signOut } = useSessionActions<StaffSession>('staff');
  usePageTitle(session.data ? t('backoffice.panelTitle') : t('backoffice.loginTitle'));

  if (session.isPending) return <p role="status">{t('app.loading')}</p>;
  if (!session.data) {
    return (
      <div className="narrow">
        <h1>{t('backoffice.loginHeading')}</h1>
        <LoginForm signIn={signInStaff} onSignedIn={signedIn} />
      </div>
    );
  }
  const { user } = session.data;
  return (
    <div>
      <h1>{t('backoffice.panelHeading')}</h1>
      <p className="signed-in">{t('account.signedInAs', { name: `${user.fullName} (${user.email})` })}</p>
      <p>{t('backoffice.placeholder')}</p>
      <button type="button" className="button button--secondary" onClick={() => void signOut()}>
        {t('account.logout')}
      </button>
    </div>
  );
}
