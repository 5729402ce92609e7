import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../shared/api.ts';
import { sessionQueryKey } from '../../shared/auth.ts';
import { FormAlert } from '../../shared/components/FormAlert.tsx';
import { usePageTitle } from '../../shared/page-title.ts';
import { useErrorMessage } from './common.tsx';
import { useLinkToken } from './link-token.ts';

/**
 * Opened from the link sent to a new sign-in address: posts the token once. It needs no session, since the
 * link may be opened on another device; a signed-in tab learns the new address from the refreshed session.
 */
export default function ChangeEmailPage() {
  const { t } = useTranslation('usage');
  const describeError = useErrorMessage();
  const queryClient = useQueryClient();
  usePageTitle(t('emailChange.confirmTitle'));
  const confirm = useMutation({
    mutationFn: (value: string) =>
      api.post<{ message: string; email: string }>('/api/v1/auth/confirm-email-change', { token: value }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionQueryKey('customer') }),
  });
  const token = useLinkToken(confirm.mutate);

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
