import type { Localized } from '../../http/language.ts';

/** Field messages of the portal's schemas, by the key a schema names (`{ error: 'date' }`). */
export const validationMessages: Record<string, Localized> = {
  date: { pl: 'Podaj datę w formacie RRRR-MM-DD.', en: 'Enter a date as YYYY-MM-DD.' },
  dateOrder: {
    pl: 'Data końcowa nie może być wcześniejsza niż początkowa.',
    en: 'The end date cannot be before the start date.',
  },
  periodTooLong: { pl: 'Okres może obejmować najwyżej 10 lat.', en: 'The period may span at most 10 years.' },
  periodRequired: { pl: 'Podaj początek i koniec okresu.', en: 'Enter the start and the end of the period.' },
  id: { pl: 'Podaj poprawny identyfikator.', en: 'Enter a valid identifier.' },
  page: { pl: 'Numer strony musi być liczbą całkowitą od 1.', en: 'The page must be a whole number from 1.' },
  pageSize: {
    pl: 'Rozmiar strony musi być liczbą od 1 do 100.',
    en: 'The page size must be a number from 1 to 100.',
  },
  status: { pl: 'Nieznany status.', en: 'Unknown status.' },
  valueM3: {
    pl: 'Podaj stan wodomierza w m³, najwyżej z trzema miejscami po przecinku, np. 123,456.',
    en: 'Enter the meter reading in m³ with at most three decimals, e.g. 123.456.',
  },
  phone: {
    pl: 'Podaj numer telefonu: 9 cyfr, opcjonalnie z prefiksem +48.',
    en: 'Enter a phone number: 9 digits, optionally with the +48 prefix.',
  },
  language: { pl: 'Wybierz język: pl lub en.', en: 'Choose a language: pl or en.' },
  boolean: { pl: 'Wybierz tak lub nie.', en: 'Choose yes or no.' },
  unknownField: { pl: 'Nieznane pole.', en: 'Unknown field.' },
};

export const fallbackMessage: Localized = { pl: 'Nieprawidłowa wartość.', en: 'Invalid value.' };

export const validationFailed: Localized = {
  pl: 'Popraw zaznaczone pola.',
  en: 'Please correct the marked fields.',
};
