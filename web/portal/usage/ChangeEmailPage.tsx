import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../shared/api.ts';
import { sessionQueryKey } from '../../shared/auth.ts';
import { FormAlert } from '../../shared/components/FormAlert.tsx';
import { usePageTitle } from '../../shared/page-title.ts';
import { useErrorMessage } from './common.tsx';

/**
 * Opened from the link sent to a new sign-in address: posts the token once. It needs no session, since the
 * link may be opened on another device; a signed-in tab learns the new address from the refreshed session.
 */
export default function ChangeEmailPage() {
  const { t } = useTranslation('usage');
  const describeError = useErrorMessage();
  const queryClient = useQueryClient();
  usePageTitle(t('emailChange.confirmTitle'));
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const confirm = useMutation({
    mutationFn: (value: string) =>
      api.post<{ message: string; email: string }>('/api/v1/auth/confirm-email-change', { token: value }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionQueryKey('customer') }),
  });
  // The link works once: React's development double effects must not send it twice.
  const sent = useRef(false);
  useEffect(() => {
    if (token && !sent.current) {
      sent.current = true;
      confirm.mutate(token);
    }
  }, [token, confirm]);

  return (
    <div className="narrow">
      <h1>{t('emailChange.confirmTitle')}</h1>
      {!token ? <FormAlert message={t('verify.noToken')} /> : null}
      {token && (confirm.isPending || confirm.isIdle) ? <p role="status">{t('verify.checking')}</p> : null}
      {confirm.isSuccess ? <FormAlert tone="info" message={confirm.data.message} /> : null}
      {confirm.isError ? <FormAlert message={describeError(confirm.error)} /> : null}
      <p>
        <Link className={confirm.isSuccess ? 'button button--primary' : undefined} to="/konto/profil">
          {t('emailChange.toProfile')}
        </Link>
      </p>
    </div>
  );
}
