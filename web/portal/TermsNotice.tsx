import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../shared/api.ts';
import { sessionQueryKey } from '../shared/auth.ts';
import { FormAlert } from '../shared/components/FormAlert.tsx';
import { errorMessage } from '../shared/error-message.ts';

interface Terms {
  version: string;
  effectiveFrom: string;
  title: string;
  body: string;
}

/** New terms of service wait for acceptance: the text, and one button to accept it. */
export function TermsNotice({ version }: { version: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const terms = useQuery({
    queryKey: ['terms', 'ibok'],
    queryFn: ({ signal }) => api.get<Terms>('/api/v1/terms/ibok/current', signal),
  });
  const accept = useMutation({
    mutationFn: () => api.post<unknown>('/api/v1/auth/accept-terms', { version }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionQueryKey('customer') }),
  });

  return (
    <section className="notice" aria-labelledby="terms-heading">
      <h2 id="terms-heading">{t('account.termsHeading')}</h2>
      <p>{t('account.termsRequired', { version })}</p>
      {terms.data ? (
        <details className="terms">
          <summary>{terms.data.title}</summary>
          <div className="terms__body">{terms.data.body}</div>
        </details>
      ) : null}
      {accept.isError ? <FormAlert message={errorMessage(accept.error, t)} /> : null}
      <button
        type="button"
        className="button button--primary"
        disabled={accept.isPending}
        onClick={() => accept.mutate()}
      >
        {t('account.acceptTerms')}
      </button>
    </section>
  );
}
