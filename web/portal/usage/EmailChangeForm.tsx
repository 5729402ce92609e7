import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../shared/api.ts';
import { FormAlert } from '../../shared/components/FormAlert.tsx';
import { TextField } from '../../shared/components/TextField.tsx';
import { formValue, useErrorMessage } from './common.tsx';

/**
 * Asks for a new sign-in address and the current password. The address changes only when the link sent to it
 * is opened (ChangeEmailPage), so a typo cannot lock the customer out.
 */
export function EmailChangeForm() {
  const { t } = useTranslation('usage');
  const describeError = useErrorMessage();
  const [open, setOpen] = useState(false);
  const request = useMutation({
    mutationFn: (body: { newEmail: string; password: string }) =>
      api.post<{ message: string; email: string }>('/api/v1/me/email-change', body),
  });
  const fields = request.error instanceof ApiError ? request.error.fields : {};
  const fieldError = fields['newEmail'] ?? fields['password'];
  const form = useRef<HTMLFormElement>(null);

  // The form opens in place and takes the focus; after a refusal the focus goes to the field to correct.
  useEffect(() => {
    if (open) form.current?.querySelector<HTMLElement>('[name="newEmail"]')?.focus();
  }, [open]);
  useEffect(() => {
    const error = request.error;
    if (!(error instanceof ApiError)) return;
    const field = ['newEmail', 'password'].find((name) => error.fields[name]);
    if (field) form.current?.querySelector<HTMLElement>(`[name="${field}"]`)?.focus();
  }, [request.error]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    request.mutate({ newEmail: formValue(form, 'newEmail').trim(), password: formValue(form, 'password') });
  }

  if (!open) {
    return (
      <p>
        <button type="button" className="button button--secondary" onClick={() => setOpen(true)}>
          {t('emailChange.open')}
        </button>
      </p>
    );
  }
  return (
    <form
      ref={form}
      className="form usage-inline-form"
      noValidate
      onSubmit={submit}
      aria-labelledby="email-change-heading"
    >
      <h3 id="email-change-heading">{t('emailChange.heading')}</h3>
      <p className="field__hint">{t('emailChange.intro')}</p>
      <TextField
        name="newEmail"
        type="email"
        label={t('emailChange.newEmail')}
        autoComplete="email"
        required
        error={fields['newEmail']}
      />
      <TextField
        name="password"
        type="password"
        label={t('emailChange.password')}
        autoComplete="current-password"
        required
        error={fields['password']}
      />
      {request.isError && !fieldError ? <FormAlert message={describeError(request.error)} /> : null}
      <button type="submit" className="button button--primary" disabled={request.isPending}>
        {t('emailChange.submit')}
      </button>
      <p role="status" className="usage-status">
        {request.isSuccess ? request.data.message : ''}
      </p>
    </form>
  );
}
