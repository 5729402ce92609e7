import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, ApiError } from '../../shared/api.ts';
import { FormAlert } from '../../shared/components/FormAlert.tsx';
import { TextField } from '../../shared/components/TextField.tsx';
import { usePageTitle } from '../../shared/page-title.ts';
import { emailPattern, formValue, useErrorMessage } from './common.tsx';
import { NewPasswordFields, useNewPasswordCheck, type NewPasswordErrors } from './NewPasswordFields.tsx';

/** Without a token: ask for a link by e-mail. With ?token= (the link): set a new password. */
export default function ResetPasswordPage() {
  const { t } = useTranslation('usage');
  usePageTitle(t('reset.title'));
  const [params] = useSearchParams();
  const token = params.get('token');
  return (
    <div className="narrow">
      <h1>{token ? t('reset.newHeading') : t('reset.heading')}</h1>
      {token ? <NewPasswordForm token={token} /> : <RequestForm />}
      <p>
        <Link to="/">{t('common.toSignIn')}</Link>
      </p>
    </div>
  );
}

function RequestForm() {
  const { t } = useTranslation('usage');
  const describeError = useErrorMessage();
  const [error, setError] = useState<string | undefined>();
  const request = useMutation({
    mutationFn: (email: string) => api.post<{ message: string }>('/api/v1/auth/password-reset', { email }),
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = formValue(new FormData(event.currentTarget), 'email').trim();
    const invalid = emailPattern.test(email) ? undefined : t('register.emailInvalid');
    setError(invalid);
    if (!invalid) request.mutate(email);
  }
  const serverField = request.error instanceof ApiError ? request.error.fields['email'] : undefined;
  return (
    <>
      <p className="lead">{t('reset.intro')}</p>
      <form className="form" noValidate onSubmit={submit}>
        <TextField
          name="email"
          type="email"
          label={t('register.email')}
          autoComplete="email"
          inputMode="email"
          autoCapitalize="none"
          spellCheck={false}
          required
          error={error ?? serverField}
        />
        {request.isError && !serverField ? <FormAlert message={describeError(request.error)} /> : null}
        <button className="button button--primary" type="submit" disabled={request.isPending}>
          {t('reset.send')}
        </button>
      </form>
      <div role="status">
        {request.isSuccess ? <p className="alert alert--info">{request.data.message}</p> : null}
      </div>
    </>
  );
}

function NewPasswordForm({ token }: { token: string }) {
  const { t } = useTranslation('usage');
  const describeError = useErrorMessage();
  const [errors, setErrors] = useState<NewPasswordErrors>({});
  const checkNewPassword = useNewPasswordCheck();
  const confirm = useMutation({
    mutationFn: (password: string) =>
      api.post<{ message: string }>('/api/v1/auth/password-reset/confirm', { token, password }),
    onError: (error: unknown) => {
      const password = error instanceof ApiError ? error.fields['password'] : undefined;
      setErrors(password ? { password } : {});
    },
  });
  if (confirm.isSuccess) {
    return (
      <div role="status">
        <p className="alert alert--info">{confirm.data.message}</p>
      </div>
    );
  }
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = checkNewPassword(form);
    setErrors(next);
    if (!next.password && !next.passwordRepeat) confirm.mutate(formValue(form, 'password'));
  }
  return (
    <form className="form" noValidate onSubmit={submit}>
      {confirm.isError && !errors.password ? <FormAlert message={describeError(confirm.error)} /> : null}
      <NewPasswordFields label={t('reset.newPassword')} errors={errors} />
      <button className="button button--primary" type="submit" disabled={confirm.isPending}>
        {t('reset.save')}
      </button>
    </form>
  );
}
