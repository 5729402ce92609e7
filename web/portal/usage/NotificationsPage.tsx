import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../shared/page-title.ts';
import { QueryView } from './common.tsx';
import { NotificationPreferences, useProfile } from './NotificationPreferences.tsx';

/** The notification preferences of the profile on a page of their own (linked from the notice e-mails). */
export default function NotificationsPage() {
  const { t } = useTranslation('usage');
  usePageTitle(t('preferences.title'));
  const profile = useProfile();
  return (
    <div className="usage-page">
      <h1>{t('preferences.sectionHeading')}</h1>
      <QueryView query={profile}>{(data) => <NotificationPreferences profile={data} />}</QueryView>
    </div>
  );
}
