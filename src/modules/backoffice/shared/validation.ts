import type { Localized } from '../../../http/language.ts';
import { commonFieldMessages } from '../../../http/field-messages.ts';

/** Field messages by key: schemas name a key as their error, the error handler answers in the caller's language. */
export const fieldMessages: Record<string, Localized> = {
  ...commonFieldMessages,
  pageSize: {
    pl: 'Rozmiar strony musi być liczbą od 1 do 200.',
    en: 'The page size must be a number from 1 to 200.',
  },
  period: { pl: 'Podaj okres w formacie RRRR-MM.', en: 'Enter a period as YYYY-MM.' },
  volume: {
    pl: 'Podaj stan w m³, najwyżej trzy miejsca po przecinku, np. 123,456.',
    en: 'Enter m³ with at most three decimals, e.g. 123.456.',
  },
  required: { pl: 'To pole jest wymagane.', en: 'This field is required.' },
  text: { pl: 'Wpisz tekst (najwyżej 200 znaków).', en: 'Enter a text (at most 200 characters).' },
  reason: { pl: 'Podaj powód (od 3 do 500 znaków).', en: 'Give a reason (3 to 500 characters).' },
  phone: {
    pl: 'Podaj numer telefonu (cyfry, spacje, +, -).',
    en: 'Enter a phone number (digits, spaces, +, -).',
  },
  postalCode: { pl: 'Podaj kod pocztowy w formacie 00-000.', en: 'Enter a postal code as 00-000.' },
  pesel: { pl: 'Nieprawidłowy numer PESEL.', en: 'Invalid PESEL number.' },
  nip: { pl: 'Nieprawidłowy numer NIP.', en: 'Invalid NIP number.' },
  customerNumber: { pl: 'Numer klienta to od 6 do 10 cyfr.', en: 'A customer number has 6 to 10 digits.' },
  choice: { pl: 'Wybierz jedną z dozwolonych wartości.', en: 'Choose one of the allowed values.' },
  grosze: {
    pl: 'Podaj kwotę w groszach (liczba całkowita, nieujemna).',
    en: 'Enter an amount in grosze (a non-negative whole number).',
  },
  whole: {
    pl: 'Podaj liczbę całkowitą z dozwolonego zakresu.',
    en: 'Enter a whole number within the allowed range.',
  },
  year: { pl: 'Podaj rok legalizacji (np. 2024).', en: 'Enter the legalization year (e.g. 2024).' },
  serial: {
    pl: 'Podaj numer fabryczny wodomierza (litery, cyfry, -, /).',
    en: "Enter the meter's serial number (letters, digits, -, /).",
  },
  query: { pl: 'Wpisz najwyżej 100 znaków.', en: 'Type at most 100 characters.' },
  csv: { pl: 'Prześlij plik CSV (text/csv, UTF-8).', en: 'Send a CSV file (text/csv, UTF-8).' },
};

export { fallbackFieldMessage } from '../../../http/field-messages.ts';
