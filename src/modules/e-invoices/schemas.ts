import { z } from 'zod';
import { isValidCalendarDate } from '../../domain/index.ts';
import type { Localized } from '../../http/language.ts';
import { commonFieldMessages } from '../../http/field-messages.ts';
import type { ConsentRecord } from './consent-store.ts';
import type { ConsentStatus } from './consent-service.ts';

/** Field messages by key: the schemas name a key as their error, the error handler answers in the caller's language. */
export const fieldMessages: Record<string, Localized> = {
  ...commonFieldMessages,
  terms_version: {
    pl: 'Podaj wersję akceptowanego regulaminu e-faktur.',
    en: 'Give the version of the e-invoice terms accepted.',
  },
  action: { pl: 'Wybierz: accept (akceptuję) albo withdraw (wycofuję).', en: 'Choose accept or withdraw.' },
  pageSize: {
    pl: 'Rozmiar strony musi być liczbą od 1 do 200.',
    en: 'The page size must be a number from 1 to 200.',
  },
  name: { pl: 'Nieprawidłowa nazwa pliku.', en: 'Invalid file name.' },
};
export { fallbackFieldMessage } from '../../http/field-messages.ts';

export const errorBody = z
  .object({
    error: z.object({
      code: z.string().describe('Stable machine-readable code, e.g. not_found, validation_failed, conflict.'),
      message: z.string().describe("Human message in the caller's language."),
      fields: z.record(z.string(), z.string()).optional().describe('Per field messages.'),
    }),
  })
  .describe('The one error shape of the API.');
export { fileAnswer } from '../../http/file-answer.ts';

/** The usual failures, documented on every route. */
export const errors = {
  400: errorBody,
  401: errorBody,
  403: errorBody,
  404: errorBody,
  409: errorBody,
} as const;

export const id = z.coerce
  .number({ error: 'id' })
  .int({ error: 'id' })
  .positive({ error: 'id' })
  .max(Number.MAX_SAFE_INTEGER, { error: 'id' });
export const email = z.email({ error: 'email' }).max(254, { error: 'email' });
const termsVersion = z
  .string({ error: 'terms_version' })
  .trim()
  .min(1, { error: 'terms_version' })
  .max(64, { error: 'terms_version' });
export const isoDate = z
  .string({ error: 'date' })
  .refine((value) => isValidCalendarDate(value), { error: 'date' })
  .describe('Calendar date, ISO 8601 (YYYY-MM-DD).');

export const customerQuery = z.object({
  customerId: id.optional().describe('Needed only when the login holds several customers.'),
});

export const statementQuery = customerQuery.extend({
  email: email
    .optional()
    .describe('Address to print on the statement; by default the one known for the customer.'),
});

export const consentChange = z.discriminatedUnion(
  'action',
  [
    z.object({
      action: z.literal('accept'),
      customerId: id.optional(),
      termsVersion: termsVersion.describe(
        'The version of the e-invoice terms shown to and accepted by the customer.',
      ),
      email: email.describe('Where the invoices are to be sent.'),
    }),
    z.object({ action: z.literal('withdraw'), customerId: id.optional() }),
  ],
  { error: 'action' },
);

export const consentStatusAnswer = z.object({
  customerId: z.number().int(),
  customerNumber: z.string(),
  name: z.string(),
  active: z.boolean().describe('Invoices issued from now on are e-mailed.'),
  email: z.string().nullable(),
  since: z.string().nullable().describe('When the current state was recorded.'),
  channel: z.enum(['portal', 'paper']).nullable(),
  termsVersion: z.string().nullable(),
});

export const consentHistoryAnswer = z.object({
  customerId: z.number().int(),
  entries: z
    .array(
      z.object({
        action: z.enum(['granted', 'withdrawn']),
        channel: z.enum(['portal', 'paper']),
        email: z.string().nullable(),
        termsVersion: z.string().nullable(),
        recordedAt: z.string(),
        paperReceivedOn: z
          .string()
          .nullable()
          .describe('For a paper statement: the day the office received it.'),
      }),
    )
    .describe('Newest first.'),
});

export const termsOut = z.object({
  version: z.string(),
  effectiveFrom: z.string(),
  title: z.string(),
  body: z.string(),
});

export const portalStatusAnswer = z.object({
  terms: termsOut
    .nullable()
    .describe('The e-invoice terms in force, in the language of the customer; null before publication.'),
  suggestedEmail: z.string(),
  customers: z.array(consentStatusAnswer),
});

export function statusOut(status: ConsentStatus): z.infer<typeof consentStatusAnswer> {
  return {
    customerId: status.customer.id,
    customerNumber: status.customer.customerNumber,
    name: status.customer.name,
    active: status.active,
    email: status.email,
    since: status.since?.toISOString() ?? null,
    channel: status.channel,
    termsVersion: status.termsVersion,
  };
}

export const consentRecordAnswer = z.object({
  id: z.number().int(),
  action: z.enum(['granted', 'withdrawn']),
  channel: z.enum(['portal', 'paper']),
  email: z.string().nullable(),
  termsVersion: z.string().nullable(),
  recordedAt: z.string(),
  ip: z.string().nullable(),
  customerLoginId: z.number().int().nullable(),
  staffUserId: z.number().int().nullable(),
  staffName: z.string().nullable(),
  paperReceivedOn: z.string().nullable(),
  scan: z.object({ contentType: z.string(), sizeBytes: z.number().int() }).nullable(),
});

export function recordOut(record: ConsentRecord): z.infer<typeof consentRecordAnswer> {
  return {
    id: record.id,
    action: record.action,
    channel: record.channel,
    email: record.email,
    termsVersion: record.termsVersion,
    recordedAt: record.recordedAt.toISOString(),
    ip: record.ip,
    customerLoginId: record.customerLoginId,
    staffUserId: record.staffUserId,
    staffName: record.staffName,
    paperReceivedOn: record.paperReceivedOn,
    scan: record.scan,
  };
}

export const paperConsentBody = z.object({
  action: z.enum(['granted', 'withdrawn'], { error: 'action' }),
  email: email.optional().describe('Required for a grant: the address written on the statement.'),
  receivedOn: isoDate.describe('The day the signed form reached the utility.'),
  termsVersion: termsVersion
    .optional()
    .describe('Version printed on the form; default: the version in force on receivedOn.'),
});

export const deliveryStatus = z.enum(['queued', 'sending', 'sent', 'failed'], { error: 'status' });

export const deliveryAnswer = z.object({
  id: z.number().int(),
  invoiceId: z.number().int(),
  invoiceNumber: z.string(),
  customerId: z.number().int(),
  customerNumber: z.string(),
  generation: z.number().int().describe('1 = sent on issue; 2, 3 … = resends.'),
  recipient: z.string(),
  status: deliveryStatus,
  attempts: z.number().int(),
  messageId: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  requestedByStaffId: z.number().int().nullable(),
});

export const outboxQuery = z.object({
  status: deliveryStatus.optional(),
  invoiceId: id.optional(),
  customerId: id.optional(),
  page: z.coerce
    .number({ error: 'page' })
    .int({ error: 'page' })
    .min(1, { error: 'page' })
    .max(1_000_000, { error: 'page' })
    .default(1),
  pageSize: z.coerce
    .number({ error: 'pageSize' })
    .int({ error: 'pageSize' })
    .min(1, { error: 'pageSize' })
    .max(200, { error: 'pageSize' })
    .default(50),
});

export const resendBody = z.object({ email: email.optional() }).default({});

export const batchAnswer = z.object({
  id: z.number().int(),
  billingRunId: z.number().int(),
  status: z.enum(['queued', 'ready', 'failed']),
  invoiceCount: z.number().int(),
  sizeBytes: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  readyAt: z.string().nullable(),
});
