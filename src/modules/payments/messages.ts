import { AppError } from '../../http/errors.ts';
import { localize, type Language, type Localized } from '../../http/language.ts';

/** Errors of the payments module, in the customer's or staff member's language. */
export const text = {
  invoiceNotFound: { pl: 'Nie znaleziono faktury.', en: 'Invoice not found.' },
  paymentNotFound: { pl: 'Nie znaleziono płatności.', en: 'Payment not found.' },
  customerNotFound: { pl: 'Nie znaleziono klienta.', en: 'Customer not found.' },
  itemNotFound: { pl: 'Nie znaleziono pozycji wyciągu.', en: 'Statement item not found.' },
  oneCustomer: {
    pl: 'Jedna płatność może obejmować faktury tylko jednego klienta (jednego numeru klienta).',
    en: 'One payment may cover the invoices of one customer (one customer number) only.',
  },
  unavailable: {
    pl: 'Płatności online są chwilowo niedostępne. Spróbuj ponownie później lub zapłać przelewem.',
    en: 'Online payments are unavailable right now. Try again later or pay by bank transfer.',
  },
  notPending: { pl: 'Tej płatności nie można już anulować.', en: 'This payment can no longer be cancelled.' },
} as const satisfies Record<string, Localized>;

export const notFoundError = (message: Localized, language: Language) =>
  new AppError('not_found', localize(message, language));

export const conflictError = (message: Localized, language: Language, fields?: Record<string, string>) =>
  new AppError('conflict', localize(message, language), fields);

export const alreadyPaid = (number: string): Localized => ({
  pl: `Faktura ${number} jest już opłacona.`,
  en: `Invoice ${number} is already paid.`,
});

export const inProgress = (number: string): Localized => ({
  pl: `Płatność za fakturę ${number} jest w toku. Dokończ ją lub poczekaj, aż wygaśnie.`,
  en: `A payment for invoice ${number} is in progress. Complete it or wait until it expires.`,
});

export const notPayable = (number: string): Localized => ({
  pl: `Faktury ${number} nie można opłacić online.`,
  en: `Invoice ${number} cannot be paid online.`,
});
