import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api.ts';
import { formatDate } from '../../shared/format.ts';
import { usePageTitle } from '../../shared/page-title.ts';
import { QueryView } from './common.tsx';
import type { Terms } from './types.ts';

/** The iBOK terms in force, readable without signing in (linked from registration and the profile). */
export default function TermsPage() {
  const { t } = useTranslation('usage');
  usePageTitle(t('terms.title'));
  const terms = useQuery({
    queryKey: ['terms', 'ibok'],
    queryFn: ({ signal }) => api.get<Terms>('/api/v1/terms/ibok/current', signal),
  });
  return (
    <div className="narrow">
      <h1>{terms.data?.title ?? t('terms.title')}</h1>
      <QueryView query={terms}>
        {(data) => (
          <article>
            <p className="field__hint">
              {t('terms.version', { version: data.version, date: formatDate(data.effectiveFrom) })}
            </p>
            <div className="usage-terms-body">{data.body}</div>
            <p className="usage-actions">
              <a
                className="button button--secondary"
                href={`/api/v1/terms/ibok.pdf?version=${encodeURIComponent(data.version)}`}
                download
              >
                {t('terms.downloadPdf')}
              </a>
              <button type="button" className="button button--secondary" onClick={() => window.print()}>
                {t('terms.print')}
              </button>
            </p>
          </article>
        )}
      </QueryView>
    </div>
  );
}
