import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ApiError } from '../../shared/api.ts';
import { FormAlert } from '../../shared/components/FormAlert.tsx';
import { TextField } from '../../shared/components/TextField.tsx';
import { usePageTitle } from '../../shared/page-title.ts';
import { emailPattern, formValue, useErrorMessage } from './common.tsx';
import { NewPasswordFields, useNewPasswordCheck } from './NewPasswordFields.tsx';
import type { Terms } from './types.ts';

const fields = [
  'customerNumber',
  'activationCode',
  'invoiceNumber',
  'invoiceAmount',
  'email',
  'password',
  'passwordRepeat',
  'acceptTerms',
] as const;
type Field = (typeof fields)[number];
type FieldErrors = Partial<Record<Field, string>>;
type Proof = 'code' | 'invoice';

/** Registration of a contract holder: customer number and proof, e-mail, password, the terms; then "check your e-mail". */
export default function RegisterPage() {
  const { t, i18n } = useTranslation('usage');
  const describeError = useErrorMessage();
  usePageTitle(t('register.title'));
  const [proof, setProof] = useState<Proof>('code');
  const [errors, setErrors] = useState<FieldErrors>({});
  const checkNewPassword = useNewPasswordCheck();
  const [alert, setAlert] = useState<string | null>(null);
  const [focusTarget, setFocusTarget] = useState<Field | 'alert' | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const alertBox = useRef<HTMLDivElement>(null);
  const doneHeading = useRef<HTMLHeadingElement>(null);
  const terms = useQuery({
    queryKey: ['terms', 'ibok'],
    queryFn: ({ signal }) => api.get<Terms>('/api/v1/terms/ibok/current', signal),
  });

  const register = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api.post<{ message: string }>('/api/v1/auth/register', body),
    onError: (error: unknown) => {
      const serverFields = error instanceof ApiError ? error.fields : {};
      const next: FieldErrors = {};
      for (const field of fields) if (serverFields[field]) next[field] = serverFields[field];
      if (serverFields['termsVersion']) next.acceptTerms = serverFields['termsVersion'];
      setErrors(next);
      setAlert(describeError(error));
      setFocusTarget('alert');
      if (serverFields['termsVersion']) void terms.refetch();
    },
  });

  useEffect(() => {
    if (focusTarget === 'alert') alertBox.current?.focus();
    else if (focusTarget) form.current?.querySelector<HTMLElement>(`[name="${focusTarget}"]`)?.focus();
    if (focusTarget) setFocusTarget(null);
  }, [focusTarget]);
  useEffect(() => {
    if (register.isSuccess) doneHeading.current?.focus();
  }, [register.isSuccess]);

  if (register.isSuccess) {
    return (
      <div className="narrow" role="status">
        <h1 ref={doneHeading} tabIndex={-1}>
          {t('register.doneHeading')}
        </h1>
        <p>{register.data.message}</p>
        <p>{t('register.doneHint')}</p>
        <p>
          <Link to="/">{t('common.toSignIn')}</Link>
        </p>
      </div>
    );
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const value = (name: Field) => formValue(data, name).trim();
    const password = formValue(data, 'password');
    const next: FieldErrors = {};
    if (!/^[0-9]{6,10}$/.test(value('customerNumber')))
      next.customerNumber = t('register.customerNumberInvalid');
    if (proof === 'code' && !value('activationCode'))
      next.activationCode = t('register.activationCodeRequired');
    if (proof === 'invoice') {
      if (!value('invoiceNumber')) next.invoiceNumber = t('register.invoiceNumberRequired');
      if (!value('invoiceAmount')) next.invoiceAmount = t('register.invoiceAmountRequired');
    }
    if (!emailPattern.test(value('email'))) next.email = t('register.emailInvalid');
    Object.assign(next, checkNewPassword(data));
    if (data.get('acceptTerms') !== 'on') next.acceptTerms = t('register.acceptTermsRequired');
    setErrors(next);
    setAlert(null);
    const first = fields.find((field) => next[field]);
    if (first) {
      setFocusTarget(first);
      return;
    }
    register.mutate({
      customerNumber: value('customerNumber'),
      ...(proof === 'code'
        ? { activationCode: value('activationCode') }
        : { invoiceNumber: value('invoiceNumber'), invoiceAmount: value('invoiceAmount') }),
      email: value('email'),
      password,
      acceptTerms: true,
      termsVersion: terms.data?.version ?? '',
      language: i18n.language === 'en' ? 'en' : 'pl',
    });
  }

  return (
    <div className="narrow">
      <h1>{t('register.heading')}</h1>
      <p className="lead">{t('register.intro')}</p>
      <form ref={form} className="form" noValidate onSubmit={submit}>
        {alert ? <FormAlert ref={alertBox} title={t('register.failed')} message={alert} /> : null}
        <TextField
          name="customerNumber"
          label={t('register.customerNumber')}
          hint={t('register.customerNumberHint')}
          inputMode="numeric"
          autoComplete="off"
          required
          error={errors.customerNumber}
        />
        <fieldset className="usage-fieldset">
          <legend>{t('register.proof')}</legend>
          <label className="usage-check">
            <input
              type="radio"
              name="proof"
              value="code"
              checked={proof === 'code'}
              onChange={() => setProof('code')}
            />
            {t('register.proofCode')}
          </label>
          <label className="usage-check">
            <input
              type="radio"
              name="proof"
              value="invoice"
              checked={proof === 'invoice'}
              onChange={() => setProof('invoice')}
            />
            {t('register.proofInvoice')}
          </label>
        </fieldset>
        {proof === 'code' ? (
          <TextField
            name="activationCode"
            label={t('register.activationCode')}
            hint={t('register.activationCodeHint')}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            required
            error={errors.activationCode}
          />
        ) : (
          <>
            <TextField
              name="invoiceNumber"
              label={t('register.invoiceNumber')}
              hint={t('register.invoiceNumberHint')}
              autoComplete="off"
              spellCheck={false}
              required
              error={errors.invoiceNumber}
            />
            <TextField
              name="invoiceAmount"
              label={t('register.invoiceAmount')}
              hint={t('register.invoiceAmountHint')}
              inputMode="decimal"
              autoComplete="off"
              required
              error={errors.invoiceAmount}
            />
          </>
        )}
        <TextField
          name="email"
          type="email"
          label={t('register.email')}
          autoComplete="email"
          inputMode="email"
          autoCapitalize="none"
          spellCheck={false}
          required
          error={errors.email}
        />
        <NewPasswordFields label={t('register.password')} errors={errors} />
        <div className={errors.acceptTerms ? 'field field--invalid' : 'field'}>
          {errors.acceptTerms ? (
            <p className="field__error" id="register-terms-error">
              {errors.acceptTerms}
            </p>
          ) : null}
          <label className="usage-check">
            <input
              type="checkbox"
              name="acceptTerms"
              aria-invalid={errors.acceptTerms ? true : undefined}
              aria-describedby={errors.acceptTerms ? 'register-terms-error' : undefined}
            />
            {terms.data
              ? t('register.acceptTermsVersion', { version: terms.data.version })
              : t('register.acceptTerms')}
          </label>
          <p className="field__hint">
            <Link to="/regulamin" target="_blank" rel="noopener">
              {t('register.readTerms')}
            </Link>
          </p>
        </div>
        <button className="button button--primary" type="submit" disabled={register.isPending}>
          {register.isPending ? t('register.submitting') : t('register.submit')}
        </button>
        <p>
          <Link to="/">{t('common.haveAccount')}</Link>
        </p>
      </form>
    </div>
  );
}
