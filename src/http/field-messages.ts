import type { Localized } from './language.ts';

/**
 * Field messages every module's schemas use, by the key a schema names as its error (`{ error: 'date' }`).
 * Modules spread these into their own catalogue and add (or narrow) what only they need.
 */
export const commonFieldMessages = {
  id: { pl: 'Podaj poprawny identyfikator.', en: 'Enter a valid identifier.' },
  page: { pl: 'Numer strony musi być liczbą całkowitą od 1.', en: 'The page must be a whole number from 1.' },
  date: { pl: 'Podaj datę w formacie RRRR-MM-DD.', en: 'Enter a date as YYYY-MM-DD.' },
  dateOrder: {
    pl: 'Data końcowa nie może być wcześniejsza niż początkowa.',
    en: 'The end date cannot be before the start date.',
  },
  email: { pl: 'Podaj prawidłowy adres e-mail.', en: 'Enter a valid e-mail address.' },
  status: { pl: 'Nieznany status.', en: 'Unknown status.' },
} satisfies Record<string, Localized>;

/** The answer for a field whose schema names no message. */
export const fallbackFieldMessage: Localized = { pl: 'Nieprawidłowa wartość.', en: 'Invalid value.' };
