import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../shared/api.ts';
import { sessionQueryKey } from '../../shared/auth.ts';
import { FormAlert } from '../../shared/components/FormAlert.tsx';
import { TextField } from '../../shared/components/TextField.tsx';
import { useCustomerSession } from '../../shared/session.ts';
import { formValue, useErrorMessage } from './common.tsx';

interface TotpSetup {
  secret: string;
  otpauthUrl: string;
  /** The same link as a QR code drawn by the server, so this page needs no QR library. */
  qrCodeSvg: string;
}

/**
 * Two-step sign-in: scan the QR code (or type the key, or open the link on the phone itself), confirm with a
 * code from the app; turning it off asks for the password.
 */
export function TwoFactorSection() {
  const { t } = useTranslation('usage');
  const describeError = useErrorMessage();
  const session = useCustomerSession();
  const queryClient = useQueryClient();
  const enabled = session.data?.user.twoFactorEnabled ?? false;
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [message, setMessage] = useState('');
  const refreshSession = () => queryClient.invalidateQueries({ queryKey: sessionQueryKey('customer') });

  const start = useMutation({
    mutationFn: () => api.post<TotpSetup>('/api/v1/me/totp/setup'),
    onSuccess: (answer) => {
      setMessage('');
      setSetup(answer);
    },
  });
  const enable = useMutation({
    mutationFn: (code: string) => api.post<unknown>('/api/v1/me/totp/enable', { code }),
    onSuccess: async () => {
      setSetup(null);
      setMessage(t('totp.enabled'));
      await refreshSession();
    },
  });
  const disable = useMutation({
    mutationFn: (password: string) => api.post<unknown>('/api/v1/me/totp/disable', { password }),
    onSuccess: async () => {
      setMessage(t('totp.disabled'));
      await refreshSession();
    },
  });
  const fieldOf = (error: unknown, ...names: string[]) =>
    error instanceof ApiError
      ? (names.map((name) => error.fields[name]).find(Boolean) ?? error.message)
      : undefined;

  return (
    <section className="usage-section" aria-labelledby="profile-totp">
      <h2 id="profile-totp">{t('totp.heading')}</h2>
      <p>{enabled ? t('totp.isOn') : t('totp.isOff')}</p>
      {!enabled && !setup ? (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => start.mutate()}
          disabled={start.isPending}
        >
          {t('totp.start')}
        </button>
      ) : null}
      {start.isError ? <FormAlert message={describeError(start.error)} /> : null}
      {!enabled && setup ? (
        <form
          className="form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            enable.mutate(formValue(new FormData(event.currentTarget), 'code').replaceAll(' ', ''));
          }}
        >
          <p>{t('totp.instructions')}</p>
          <img
            className="usage-qr"
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(setup.qrCodeSvg)}`}
            alt={t('totp.qrAlt')}
            width={200}
            height={200}
          />
          <p>
            {t('totp.secret')} <code className="usage-secret">{setup.secret}</code>
          </p>
          <p>
            <a href={setup.otpauthUrl}>{t('totp.openApp')}</a>
          </p>
          <TextField
            name="code"
            label={t('totp.code')}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            error={enable.isError ? fieldOf(enable.error, 'code') : undefined}
          />
          <button type="submit" className="button button--primary" disabled={enable.isPending}>
            {t('totp.enable')}
          </button>
        </form>
      ) : null}
      {enabled ? (
        <form
          className="form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            disable.mutate(formValue(new FormData(event.currentTarget), 'password'));
          }}
        >
          <TextField
            name="password"
            type="password"
            label={t('totp.password')}
            autoComplete="current-password"
            error={disable.isError ? fieldOf(disable.error, 'password') : undefined}
          />
          <button type="submit" className="button button--secondary" disabled={disable.isPending}>
            {t('totp.disable')}
          </button>
        </form>
      ) : null}
      <p role="status" className="usage-status">
        {message}
      </p>
    </section>
  );
}
