import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.ts';
import type { SignIn, SignInInput, SignInResult } from '../auth.ts';
import { errorMessage } from '../error-message.ts';
import { FormAlert } from './FormAlert.tsx';
import { TextField } from './TextField.tsx';

type Field = 'email' | 'password' | 'totpCode';
type FieldErrors = Partial<Record<Field, string>>;

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const totpPattern = /^[0-9]{6}$/;

interface LoginFormProps<Session> {
  signIn: SignIn<Session>;
  onSignedIn: (session: Session) => void;
}

/** E-mail and password, then the authenticator code when the account asks for one. */
export function LoginForm<Session>({ signIn, onSignedIn }: LoginFormProps<Session>) {
  const { t } = useTranslation();
  const [askForCode, setAskForCode] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [alert, setAlert] = useState<{ tone: 'error' | 'info'; message: string } | null>(null);
  const inputs = {
    email: useRef<HTMLInputElement>(null),
    password: useRef<HTMLInputElement>(null),
    totpCode: useRef<HTMLInputElement>(null),
  };
  const alertBox = useRef<HTMLDivElement>(null);
  const [focusTarget, setFocusTarget] = useState<Field | 'alert' | null>(null);

  // Focus moves only after the new error or field is on screen (the refs themselves never change).
  useEffect(() => {
    if (focusTarget === 'alert') alertBox.current?.focus();
    else if (focusTarget) inputs[focusTarget].current?.focus();
    setFocusTarget(null);
  }, [focusTarget]);

  const login = useMutation({
    mutationFn: signIn,
    onSuccess: (result: SignInResult<Session>) => {
      if (result.kind === 'signed-in') {
        onSignedIn(result.session);
        return;
      }
      setAskForCode(true);
      setAlert({ tone: 'info', message: t('login.twoFactorRequired') });
      setFocusTarget('totpCode');
    },
    onError: (error: unknown) => {
      const fields = error instanceof ApiError ? error.fields : {};
      const codeError = fields['code'] ?? fields['totpCode'];
      setFieldErrors({
        ...(fields['email'] ? { email: fields['email'] } : {}),
        ...(fields['password'] ? { password: fields['password'] } : {}),
        ...(codeError ? { totpCode: codeError } : {}),
      });
      setAlert({ tone: 'error', message: errorMessage(error, t) });
      setFocusTarget('alert');
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: Field) => {
      const entry = form.get(name);
      return typeof entry === 'string' ? entry : '';
    };
    // Passwords are taken as typed; spaces may be part of them.
    const credentials: SignInInput = { email: value('email').trim(), password: value('password') };
    if (askForCode) credentials.code = value('totpCode').replaceAll(' ', '');

    const errors: FieldErrors = {};
    if (!credentials.email) errors.email = t('validation.emailRequired');
    else if (!emailPattern.test(credentials.email)) errors.email = t('validation.emailInvalid');
    if (!credentials.password) errors.password = t('validation.passwordRequired');
    if (askForCode && !totpPattern.test(credentials.code ?? ''))
      errors.totpCode = t('validation.totpInvalid');
    setFieldErrors(errors);
    const firstInvalid = (['email', 'password', 'totpCode'] as const).find((field) => errors[field]);
    if (firstInvalid) {
      setAlert(null);
      setFocusTarget(firstInvalid);
      return;
    }
    setAlert(null);
    login.mutate(credentials);
  }

  return (
    <form className="form" noValidate onSubmit={submit}>
      {alert ? (
        <FormAlert
          ref={alertBox}
          tone={alert.tone}
          {...(alert.tone === 'error' ? { title: t('login.errorSummary') } : {})}
          message={alert.message}
        />
      ) : null}
      <TextField
        ref={inputs.email}
        name="email"
        type="email"
        label={t('login.email')}
        autoComplete="username"
        inputMode="email"
        autoCapitalize="none"
        spellCheck={false}
        required
        readOnly={askForCode}
        error={fieldErrors.email}
      />
      <TextField
        ref={inputs.password}
        name="password"
        type="password"
        label={t('login.password')}
        autoComplete="current-password"
        required
        readOnly={askForCode}
        error={fieldErrors.password}
      />
      {askForCode ? (
        <TextField
          ref={inputs.totpCode}
          name="totpCode"
          type="text"
          label={t('login.totpCode')}
          hint={t('login.totpHint')}
          autoComplete="one-time-code"
          inputMode="numeric"
          maxLength={7}
          required
          error={fieldErrors.totpCode}
        />
      ) : null}
      <button className="button button--primary" type="submit" disabled={login.isPending}>
        {login.isPending ? t('login.submitting') : t('login.submit')}
      </button>
    </form>
  );
}
