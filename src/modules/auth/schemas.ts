import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Localized } from '../../http/language.ts';
import { MAX_PASSWORD_LENGTH } from './password-policy.ts';

export type ZodApp = Parameters<FastifyPluginAsyncZod>[0];

/**
 * Field messages by key: the schemas below name a key as their error, and the auth routes' error handler
 * answers with the text in the caller's language.
 */
export const fieldMessages: Record<string, Localized> = {
  email: { pl: 'Podaj prawidłowy adres e-mail.', en: 'Enter a valid e-mail address.' },
  password: { pl: 'Podaj hasło.', en: 'Enter the password.' },
  customer_number: {
    pl: 'Numer klienta to od 6 do 10 cyfr (znajdziesz go na fakturze).',
    en: 'The customer number has 6 to 10 digits (it is printed on the invoice).',
  },
  accept_terms: {
    pl: 'Aby założyć konto, zaakceptuj regulamin iBOK.',
    en: 'Please accept the iBOK terms to register.',
  },
  terms_version: {
    pl: 'Brak wersji akceptowanego regulaminu.',
    en: 'The accepted terms version is missing.',
  },
  token: { pl: 'Brak lub nieprawidłowy kod z linku.', en: 'The code from the link is missing or invalid.' },
  totp_code: {
    pl: 'Podaj 6-cyfrowy kod z aplikacji uwierzytelniającej.',
    en: 'Enter the 6-digit code from the authenticator app.',
  },
  language: { pl: 'Język to pl albo en.', en: 'The language is pl or en.' },
  text: { pl: 'Wartość jest za długa.', en: 'The value is too long.' },
  id: { pl: 'Nieprawidłowy identyfikator.', en: 'Invalid identifier.' },
};
export { fallbackFieldMessage } from '../../http/field-messages.ts';

const password = z
  .string({ error: 'password' })
  .min(1, { error: 'password' })
  .max(MAX_PASSWORD_LENGTH * 4, { error: 'password' });
const signInEmail = z
  .string({ error: 'email' })
  .trim()
  .min(1, { error: 'email' })
  .max(254, { error: 'email' });
const token = z.string({ error: 'token' }).min(20, { error: 'token' }).max(200, { error: 'token' });
const totpCode = z.string({ error: 'totp_code' }).regex(/^\s*\d{3}\s?\d{3}\s*$/, { error: 'totp_code' });
const optionalText = z.string({ error: 'text' }).max(64, { error: 'text' }).optional();

export const loginBody = z.object({ email: signInEmail, password });
export const totpBody = z.object({ code: totpCode });
export const passwordBody = z.object({ password });
export const emailChangeBody = z.object({
  newEmail: z.email({ error: 'email' }).max(254, { error: 'email' }).describe('The new sign-in address.'),
  password: password.describe('The current password: the owner confirms the change.'),
});
export const emailChangeAnswer = z.object({ message: z.string(), email: z.string() });
export const tokenBody = z.object({ token });
export const emailBody = z.object({ email: signInEmail });
export const resetConfirmBody = z.object({ token, password });
export const acceptTermsBody = z.object({
  version: z.string({ error: 'terms_version' }).min(1, { error: 'terms_version' }).max(64),
});
export const staffLoginBody = z.object({
  email: signInEmail,
  password,
  totpCode: z.string({ error: 'totp_code' }).max(16).optional(),
});
export const sessionIdParams = z.object({
  id: z.coerce.number({ error: 'id' }).int({ error: 'id' }).positive({ error: 'id' }),
});

export const registerBody = z.object({
  customerNumber: z
    .string({ error: 'customer_number' })
    .trim()
    .regex(/^[0-9]{6,10}$/, { error: 'customer_number' }),
  activationCode: optionalText.describe(
    'The code printed on the letter from the utility; or give invoiceNumber and invoiceAmount.',
  ),
  invoiceNumber: optionalText.describe(
    'Number of an invoice issued in about the last 13 months, e.g. FV/2025/01/000123.',
  ),
  invoiceAmount: optionalText.describe('Its gross amount as printed, e.g. "123,45" or "1 234,56 zł".'),
  email: z.email({ error: 'email' }).max(254, { error: 'email' }),
  password: password.describe('At least 12 characters, not a common password.'),
  acceptTerms: z.literal(true, { error: 'accept_terms' }),
  termsVersion: z
    .string({ error: 'terms_version' })
    .min(1, { error: 'terms_version' })
    .max(64, { error: 'terms_version' }),
  language: z
    .enum(['pl', 'en'], { error: 'language' })
    .optional()
    .describe('Language of e-mails; default from Accept-Language.'),
});

export const messageAnswer = z.object({ message: z.string() });

const customerUser = z.object({
  email: z.string(),
  language: z.enum(['pl', 'en']),
  twoFactorEnabled: z.boolean(),
  customers: z.array(
    z.object({
      id: z.number().int(),
      customerNumber: z.string(),
      name: z.string(),
      role: z.enum(['holder', 'manager']),
    }),
  ),
});

export const customerSessionAnswer = z.object({
  user: customerUser,
  csrfToken: z
    .string()
    .describe('Send it as the X-CSRF-Token header with every POST, PUT, PATCH and DELETE.'),
  termsAcceptanceRequired: z
    .object({ version: z.string() })
    .nullable()
    .describe(
      'Set when the current iBOK terms are not accepted yet: accept them with POST /api/v1/auth/accept-terms.',
    ),
});

export const loginAnswer = z.union([
  z
    .object({ twoFactorRequired: z.literal(true) })
    .describe('Password accepted: send the authenticator code to /api/v1/auth/login/totp.'),
  customerSessionAnswer.extend({ twoFactorRequired: z.literal(false) }),
]);

export const staffSessionAnswer = z.object({
  user: z.object({
    email: z.string(),
    fullName: z.string(),
    role: z.enum(['admin', 'operator', 'read_only']),
    twoFactorEnabled: z.boolean(),
  }),
  csrfToken: z.string(),
});

export const totpSetupAnswer = z.object({
  secret: z.string(),
  otpauthUrl: z.string(),
  qrCodeSvg: z.string().describe('The otpauth link as an SVG QR code, to scan with the authenticator app.'),
});
export const twoFactorAnswer = z.object({ twoFactorEnabled: z.boolean() });

export const sessionsAnswer = z.object({
  sessions: z.array(
    z.object({
      id: z.number().int(),
      createdAt: z.string(),
      lastSeenAt: z.string(),
      ip: z.string().nullable(),
      userAgent: z.string().nullable(),
      current: z.boolean(),
    }),
  ),
});

export const termsAnswer = z.object({
  version: z.string(),
  effectiveFrom: z.string(),
  title: z.string(),
  body: z.string(),
});
