import { parseMoney } from '../../domain/money.ts';
import { AppError } from '../../http/errors.ts';
import { localize, type Language, type Localized } from '../../http/language.ts';
import { polishDate } from './calendar.ts';
import { emailContext, type AuthContext } from './context.ts';
import { alreadyRegisteredEmail } from './emails.ts';
import { deliverVerificationEmail, issueVerificationToken } from './email-verification.ts';
import { findLoginByEmail, grantAccess, insertLogin, normalizeEmail } from './login-store.ts';
import { passwordProblem } from './password-policy.ts';
import { hashPassword } from './passwords.ts';
import { findCustomerByNumber, hasActiveContract, hasMatchingInvoice } from './registration-store.ts';
import { currentTerms, recordAcceptance } from './terms-store.ts';
import { safeEqual, sha256Hex } from './tokens.ts';

export interface RegistrationInput {
  customerNumber: string;
  activationCode?: string | undefined;
  invoiceNumber?: string | undefined;
  invoiceAmount?: string | undefined;
  email: string;
  password: string;
  termsVersion: string;
  language: Language;
}

/** An invoice proves the contract holder if it was issued within this many days. */
const RECENT_INVOICE_DAYS = 400;

/** Activation codes are printed for people to type: case, spaces and dashes do not matter. */
export const normalizeActivationCode = (code: string): string => code.toUpperCase().replace(/[\s-]/g, '');
export const activationCodeHash = (code: string): string => sha256Hex(normalizeActivationCode(code));

const failed = (language: Language, fields: Record<string, Localized>) =>
  new AppError(
    'validation_failed',
    localize({ pl: 'Popraw zaznaczone pola.', en: 'Please correct the marked fields.' }, language),
    Object.fromEntries(Object.entries(fields).map(([field, text]) => [field, localize(text, language)])),
  );

/**
 * Registers a portal login for a contract holder who proves it with the activation code from a letter, or
 * with the number and gross amount of a recent invoice. An address that already has a login gets an e-mail
 * instead of a second account, and the answer is the same, so the form does not reveal who is registered.
 */
export async function registerCustomerLogin(
  context: AuthContext,
  input: RegistrationInput,
  ip: string,
): Promise<void> {
  const now = context.now();
  const today = polishDate(now);
  const language = input.language;
  const terms = await currentTerms(context.db, 'ibok', today);
  if (!terms) {
    throw new AppError(
      'unavailable',
      localize(
        {
          pl: 'Rejestracja jest chwilowo niedostępna. Spróbuj później.',
          en: 'Registration is temporarily unavailable. Please try later.',
        },
        language,
      ),
    );
  }

  const fields: Record<string, Localized> = {};
  const problem = passwordProblem(input.password, input.email);
  if (problem) fields['password'] = problem;
  if (input.termsVersion !== terms.version) {
    fields['termsVersion'] = {
      pl: `Regulamin został zaktualizowany. Przeczytaj i zaakceptuj aktualną wersję (${terms.version}).`,
      en: `The terms were updated. Please read and accept the current version (${terms.version}).`,
    };
  }
  const proof = proofOf(input);
  if (proof === 'missing') {
    fields['activationCode'] = {
      pl: 'Podaj kod aktywacyjny albo numer i kwotę brutto jednej z ostatnich faktur.',
      en: 'Enter the activation code, or the number and gross amount of a recent invoice.',
    };
  } else if (proof === 'bad_amount') {
    fields['invoiceAmount'] = {
      pl: 'Podaj kwotę brutto z faktury, np. 123,45.',
      en: 'Enter the gross amount of the invoice, e.g. 123.45.',
    };
  }
  if (Object.keys(fields).length > 0 || typeof proof === 'string') throw failed(language, fields);

  if (await context.registrationAttempts.isBlocked(input.customerNumber, now)) {
    throw new AppError(
      'rate_limited',
      localize(
        {
          pl: 'Zbyt wiele nieudanych prób dla tego numeru klienta. Spróbuj ponownie za godzinę lub skontaktuj się z BOK.',
          en: 'Too many failed attempts for this customer number. Try again in an hour or contact customer service.',
        },
        language,
      ),
    );
  }
  const customer = await findCustomerByNumber(context.db, input.customerNumber);
  const proven =
    customer !== undefined &&
    (proof.kind === 'activation_code'
      ? customer.activation_code_hash !== null &&
        safeEqual(activationCodeHash(proof.code), customer.activation_code_hash)
      : await hasMatchingInvoice(context.db, {
          customerId: customer.id,
          invoiceNumber: proof.invoiceNumber.trim(),
          grossGrosze: proof.grossGrosze,
          since: daysBefore(today, RECENT_INVOICE_DAYS),
        }));
  if (!customer || !proven) {
    await context.registrationAttempts.recordFailure(input.customerNumber, now);
    const mismatch: Localized =
      proof.kind === 'activation_code'
        ? {
            pl: 'Numer klienta i kod aktywacyjny nie pasują do siebie. Sprawdź dane w piśmie od nas.',
            en: 'The customer number and activation code do not match. Please check our letter.',
          }
        : {
            pl: 'Nie znaleźliśmy takiej faktury dla tego numeru klienta. Sprawdź numer i kwotę brutto faktury.',
            en: 'We found no such invoice for this customer number. Please check the invoice number and gross amount.',
          };
    throw failed(
      language,
      proof.kind === 'activation_code'
        ? { customerNumber: mismatch, activationCode: mismatch }
        : { customerNumber: mismatch, invoiceNumber: mismatch, invoiceAmount: mismatch },
    );
  }
  if (!(await hasActiveContract(context.db, customer.id, today))) {
    throw failed(language, {
      customerNumber: {
        pl: 'Konto w iBOK może założyć klient z aktywną umową na dostawę wody lub odprowadzanie ścieków. Skontaktuj się z Biurem Obsługi Klienta.',
        en: 'An iBOK account requires an active water supply or sewage contract. Please contact customer service.',
      },
    });
  }

  // Hashed before looking the address up, so both outcomes take the same time.
  const passwordHash = await hashPassword(input.password);
  const email = normalizeEmail(input.email);
  const token = await context.db
    .transaction()
    .execute(async (transaction) => {
      if (await findLoginByEmail(transaction, email)) return undefined;
      const loginId = await insertLogin(transaction, { email, passwordHash, language, now });
      await grantAccess(transaction, loginId, customer.id, 'holder', now);
      await recordAcceptance(transaction, { loginId, termsVersionId: terms.id, now, ip });
      return issueVerificationToken(transaction, loginId, now);
    })
    // Two registrations of one address at the same moment: the second meets the unique index.
    .catch((error: unknown) => {
      if ((error as { code?: unknown }).code === '23505') return undefined;
      throw error;
    });
  if (token !== undefined) {
    deliverVerificationEmail(context, { email, language }, token);
    return;
  }
  const existing = await findLoginByEmail(context.db, email);
  if (existing) {
    context.outbox.deliver(
      { to: existing.email, ...alreadyRegisteredEmail(emailContext(context, existing.language)) },
      'already-registered',
    );
  }
}

type Proof =
  | { kind: 'activation_code'; code: string }
  | { kind: 'invoice'; invoiceNumber: string; grossGrosze: number }
  | 'missing'
  | 'bad_amount';

function proofOf(input: RegistrationInput): Proof {
  const code = input.activationCode?.trim();
  if (code) return { kind: 'activation_code', code };
  const invoiceNumber = input.invoiceNumber?.trim();
  const amount = input.invoiceAmount?.trim();
  if (!invoiceNumber || !amount) return 'missing';
  // People copy the amount as printed: "1 234,56 zł".
  const bare = amount.replace(/(zł|pln)$/i, '').replace(/[\s\u00a0]/g, '');
  try {
    const grossGrosze = parseMoney(bare);
    return grossGrosze > 0 ? { kind: 'invoice', invoiceNumber, grossGrosze } : 'bad_amount';
  } catch {
    return 'bad_amount';
  }
}

function daysBefore(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}
