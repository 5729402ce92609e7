import type { Localized } from '../../http/language.ts';
import { commonFieldMessages } from '../../http/field-messages.ts';

/** Field messages of the portal's schemas, by the key a schema names (`{ error: 'date' }`). */
export const validationMessages: Record<string, Localized> = {
  ...commonFieldMessages,
  periodTooLong: { pl: 'Okres może obejmować najwyżej 10 lat.', en: 'The period may span at most 10 years.' },
  periodRequired: { pl: 'Podaj początek i koniec okresu.', en: 'Enter the start and the end of the period.' },
  pageSize: {
    pl: 'Rozmiar strony musi być liczbą od 1 do 100.',
    en: 'The page size must be a number from 1 to 100.',
  },
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

export { fallbackFieldMessage as fallbackMessage } from '../../http/field-messages.ts';

export const validationFailed: Localized = {
  pl: 'Popraw zaznaczone pola.',
  en: 'Please correct the marked fields.',
};
