import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../shared/api.ts';
import { FormAlert } from '../../shared/components/FormAlert.tsx';
import { usePageTitle } from '../../shared/page-title.ts';
import { useErrorMessage } from './common.tsx';

/** Opened from the registration e-mail: posts the token once and says whether the address is confirmed. */
export default function VerifyEmailPage() {
  const { t } = useTranslation('usage');
  const describeError = useErrorMessage();
  usePageTitle(t('verify.title'));
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const verify = useMutation({
    mutationFn: (value: string) =>
      api.post<{ message: string }>('/api/v1/auth/verify-email', { token: value }),
  });
  // The link works once: React's development double effects must not send it twice.
  const sent = useRef(false);
  useEffect(() => {
    if (token && !sent.current) {
      sent.current = true;
      verify.mutate(token);
    }
  }, [token, verify]);

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
