import type { Language, Localized } from '../../http/language.ts';
import { LOCK_MINUTES, MAX_FAILED_SIGN_INS } from './lockout.ts';

/** Messages shared by the customer and the staff sign-in. */
export const invalidCredentials: Localized = {
  pl: 'Nieprawidłowy adres e-mail lub hasło.',
  en: 'Incorrect e-mail address or password.',
};

export const invalidTotpCode: Localized = {
  pl: 'Nieprawidłowy kod z aplikacji uwierzytelniającej.',
  en: 'Incorrect code from the authenticator app.',
};

export const adminNeedsTotp: Localized = {
  pl: 'Administrator loguje się z kodem z aplikacji uwierzytelniającej, a to konto jej nie ma. Poproś o jej skonfigurowanie.',
  en: 'Administrators sign in with an authenticator code and this account has none. Ask for one to be set up.',
};

export const accountDisabled: Localized = {
  pl: 'Konto jest wyłączone. Skontaktuj się z Biurem Obsługi Klienta.',
  en: 'The account is disabled. Please contact customer service.',
};

const clock = {
  pl: new Intl.DateTimeFormat('pl-PL', { timeZone: 'Europe/Warsaw', hour: '2-digit', minute: '2-digit' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Warsaw', hour: '2-digit', minute: '2-digit' }),
};

export function accountLocked(until: Date, language: Language): string {
  const time = clock[language].format(until);
  return language === 'pl'
    ? `Konto zostało czasowo zablokowane po ${MAX_FAILED_SIGN_INS} nieudanych próbach logowania. Spróbuj ponownie po godz. ${time} (blokada trwa ${LOCK_MINUTES} minut) albo ustaw nowe hasło.`
    : `The account is temporarily locked after ${MAX_FAILED_SIGN_INS} failed sign-in attempts. Try again after ${time} (the lock lasts ${LOCK_MINUTES} minutes) or set a new password.`;
}
