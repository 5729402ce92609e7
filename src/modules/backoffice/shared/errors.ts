import { AppError } from '../../../http/errors.ts';
import { localize, type Language, type Localized } from '../../../http/language.ts';

export const notFoundText = {
  customer: { pl: 'Nie znaleziono klienta.', en: 'Customer not found.' },
  servicePoint: { pl: 'Nie znaleziono punktu poboru.', en: 'Service point not found.' },
  contract: { pl: 'Nie znaleziono umowy.', en: 'Contract not found.' },
  meter: { pl: 'Nie znaleziono wodomierza.', en: 'Meter not found.' },
  reading: { pl: 'Nie znaleziono odczytu.', en: 'Reading not found.' },
  importBatch: { pl: 'Nie znaleziono importu odczytów.', en: 'Reading import not found.' },
  tariff: { pl: 'Nie znaleziono wersji taryfy.', en: 'Tariff version not found.' },
  billingRun: { pl: 'Nie znaleziono rozliczenia za ten okres.', en: 'No billing run for this period.' },
  invoice: { pl: 'Nie znaleziono faktury.', en: 'Invoice not found.' },
  staffUser: { pl: 'Nie znaleziono pracownika.', en: 'Staff member not found.' },
} satisfies Record<string, Localized>;

export const notFoundError = (what: Localized, language: Language) =>
  new AppError('not_found', localize(what, language));
export const conflictError = (text: Localized, language: Language) =>
  new AppError('conflict', localize(text, language));
export const badRequestError = (text: Localized, language: Language) =>
  new AppError('bad_request', localize(text, language));

export function fieldError(field: string, text: Localized, language: Language): AppError {
  return new AppError(
    'validation_failed',
    localize({ pl: 'Popraw zaznaczone pola.', en: 'Please correct the marked fields.' }, language),
    { [field]: localize(text, language) },
  );
}

/** The SQLSTATE of a database error (pg and PGlite both expose it as `code`). */
export function databaseErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = error.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** The name of the constraint a database error names, when it names one. */
export function databaseConstraint(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('constraint' in error)) return undefined;
  const constraint = error.constraint;
  return typeof constraint === 'string' ? constraint : undefined;
}

/**
 * Turns the database's refusals (unique, exclusion, frozen tariff) into a 409 with a message staff understand;
 * anything else is rethrown unchanged.
 */
export async function refusedAsConflict<T>(
  work: () => Promise<T>,
  text: (code: string, constraint: string | undefined) => Localized | undefined,
  language: Language,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const code = databaseErrorCode(error);
    const message = code === undefined ? undefined : text(code, databaseConstraint(error));
    if (message) throw conflictError(message, language);
    throw error;
  }
}
