import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the browser tab title: "<page> – iBOK". */
export function usePageTitle(page: string): void {
  const { t } = useTranslation();
  const application = t('app.name');
  useEffect(() => {
    document.title = `${page} – ${application}`;
  }, [page, application]);
}
