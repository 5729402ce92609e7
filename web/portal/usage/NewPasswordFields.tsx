import { useTranslation } from 'react-i18next';
import { TextField } from '../../shared/components/TextField.tsx';
import { formValue, MIN_PASSWORD_LENGTH } from './common.tsx';

export interface NewPasswordErrors {
  password?: string;
  passwordRepeat?: string;
}

/** A new password and its repetition, as registration and the password reset ask for them. */
export function NewPasswordFields({ label, errors }: { label: string; errors: NewPasswordErrors }) {
  const { t } = useTranslation('usage');
  return (
    <>
      <TextField
        name="password"
        type="password"
        label={label}
        hint={t('register.passwordHint', { min: MIN_PASSWORD_LENGTH })}
        autoComplete="new-password"
        required
        error={errors.password}
      />
      <TextField
        name="passwordRepeat"
        type="password"
        label={t('register.passwordRepeat')}
        autoComplete="new-password"
        required
        error={errors.passwordRepeat}
      />
    </>
  );
}

/**
 * What the browser can tell at once: too short, or not repeated the same. The server still judges the rest
 * (common passwords, the e-mail inside it) and answers with its own message.
 */
export function useNewPasswordCheck(): (form: FormData) => NewPasswordErrors {
  const { t } = useTranslation('usage');
  return (form) => {
    const password = formValue(form, 'password');
    const errors: NewPasswordErrors = {};
    if ([...password].length < MIN_PASSWORD_LENGTH)
      errors.password = t('register.passwordTooShort', { min: MIN_PASSWORD_LENGTH });
    if (password !== formValue(form, 'passwordRepeat'))
      errors.passwordRepeat = t('register.passwordMismatch');
    return errors;
  };
}
