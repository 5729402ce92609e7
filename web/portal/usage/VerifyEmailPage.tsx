import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../shared/api.ts';
import { FormAlert } from '../../shared/components/FormAlert.tsx';
import { usePageTitle } from '../../shared/page-title.ts';
import { useErrorMessage } from './common.tsx';
import { useLinkToken } from './link-token.ts';

/** Opened from the registration e-mail: posts the token once and says whether the address is confirmed. */
export default function VerifyEmailPage() {
  const { t } = useTranslation('usage');
  const describeError = useErrorMessage();
  usePageTitle(t('verify.title'));
  const verify = useMutation({
    mutationFn: (value: string) =>
      api.post<{ message: string }>('/api/v1/auth/verify-email', { token: value }),
  });
  const token = useLinkToken(verify.mutate);

  return (
    <div className="narrow">
      <h1>{t('verify.heading')}</h1>
      {!token ? <FormAlert message={t('verify.noToken')} /> : null}
      {token && (verify.isPending || verify.isIdle) ? <p role="status">{t('verify.checking')}</p> : null}
      {verify.isSuccess ? <FormAlert tone="info" message={verify.data.message} /> : null}
      {verify.isError ? <FormAlert message={describeError(verify.error)} /> : null}
      <p>
        <Link className={verify.isSuccess ? 'button button--primary' : undefined} to="/">
          {t('common.toSignIn')}
        </Link>
      </p>
      {verify.isError ? (
        <p>
          <Link to="/rejestracja">{t('verify.registerAgain')}</Link>
        </p>
      ) : null}
    </div>
  );
}
