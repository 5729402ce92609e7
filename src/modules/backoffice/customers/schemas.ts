import { z } from 'zod';
import { isValidNip, isValidPesel, normalizeNip } from '../../../domain/index.ts';
import { accountSchema } from './account-schema.ts';
import {
  customerGroup,
  dateOut,
  grosze,
  id,
  instantOut,
  litres,
  meterKind,
  optionalText,
  pageOf,
  postalCode,
  services,
  shortText,
} from '../shared/schemas.ts';

const pesel = z
  .string({ error: 'pesel' })
  .trim()
  .refine((value) => isValidPesel(value), { error: 'pesel' })
  .nullable();
const nip = z
  .string({ error: 'nip' })
  .transform((value) => normalizeNip(value))
  .refine((value) => isValidNip(value), { error: 'nip' })
  .nullable();
const email = z.email({ error: 'email' }).max(254, { error: 'email' }).nullable();
const phone = z
  .string({ error: 'phone' })
  .trim()
  .regex(/^\+?[0-9][0-9 -]{5,20}$/, { error: 'phone' })
  .nullable();

export const addressInput = z.object({
  street: shortText(120),
  building: shortText(20),
  apartment: optionalText(20).optional(),
  postalCode,
  city: shortText(80),
});

const customerFields = {
  firstName: optionalText(80),
  lastName: optionalText(120),
  companyName: optionalText(200),
  pesel,
  nip,
  email,
  phone,
  address: addressInput,
  mailingAddress: addressInput.nullable().describe('Correspondence address when it differs; null clears it.'),
  language: z.enum(['pl', 'en'], { error: 'choice' }),
};

/** A person needs first and last name; a company its name and NIP (as the table's check demands). */
function completeParty(
  value: {
    kind?: 'person' | 'company' | undefined;
    firstName?: string | null | undefined;
    lastName?: string | null | undefined;
    companyName?: string | null | undefined;
    nip?: string | null | undefined;
  },
  context: z.RefinementCtx,
) {
  if (value.kind === 'person') {
    if (!value.firstName) context.addIssue({ code: 'custom', path: ['firstName'], message: 'required' });
    if (!value.lastName) context.addIssue({ code: 'custom', path: ['lastName'], message: 'required' });
  }
  if (value.kind === 'company') {
    if (!value.companyName) context.addIssue({ code: 'custom', path: ['companyName'], message: 'required' });
    if (!value.nip) context.addIssue({ code: 'custom', path: ['nip'], message: 'required' });
  }
}

export const customerCreate = z
  .object({
    kind: z.enum(['person', 'company'], { error: 'choice' }),
    customerNumber: z
      .string({ error: 'customerNumber' })
      .regex(/^[0-9]{6,10}$/, { error: 'customerNumber' })
      .optional()
      .describe('Left out: the next free number is given.'),
    firstName: customerFields.firstName.optional(),
    lastName: customerFields.lastName.optional(),
    companyName: customerFields.companyName.optional(),
    pesel: customerFields.pesel.optional(),
    nip: customerFields.nip.optional(),
    email: customerFields.email.optional(),
    phone: customerFields.phone.optional(),
    address: addressInput,
    mailingAddress: customerFields.mailingAddress.optional(),
    language: customerFields.language.default('pl'),
  })
  .superRefine(completeParty);
export type CustomerCreate = z.infer<typeof customerCreate>;

/** Only the fields sent are changed; null clears an optional one. The customer number never changes. */
export const customerUpdate = z
  .object({
    kind: z.enum(['person', 'company'], { error: 'choice' }).optional(),
    firstName: customerFields.firstName.optional(),
    lastName: customerFields.lastName.optional(),
    companyName: customerFields.companyName.optional(),
    pesel: customerFields.pesel.optional(),
    nip: customerFields.nip.optional(),
    email: customerFields.email.optional(),
    phone: customerFields.phone.optional(),
    address: addressInput.optional(),
    mailingAddress: customerFields.mailingAddress.optional(),
    language: customerFields.language.optional(),
  })
  .superRefine(completeParty);
export type CustomerUpdate = z.infer<typeof customerUpdate>;

export const searchQuery = z.object({
  q: z
    .string({ error: 'query' })
    .trim()
    .max(100, { error: 'query' })
    .default('')
    .describe(
      'What was typed: name, customer number, address, meter serial, invoice number or NIP; words are ANDed.',
    ),
});

export const customerListItem = z.object({
  id: z.number().int(),
  customerNumber: z.string(),
  kind: z.enum(['person', 'company']),
  name: z.string(),
  nip: z.string().nullable(),
  peselMasked: z.string().nullable().describe('Only the last four digits, e.g. "*******1234".'),
  address: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  servicePointCount: z.number().int().describe('Service points under a contract in force.'),
});
export const customerPage = pageOf(customerListItem);

const addressOut = z.object({
  street: z.string(),
  building: z.string(),
  apartment: z.string().nullable(),
  postalCode: z.string(),
  city: z.string(),
});

export const customerRecord = z.object({
  id: z.number().int(),
  customerNumber: z.string(),
  kind: z.enum(['person', 'company']),
  name: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  companyName: z.string().nullable(),
  peselMasked: z.string().nullable(),
  nip: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address: addressOut,
  addressLine: z.string(),
  mailingAddress: addressOut.nullable(),
  language: z.enum(['pl', 'en']),
  activationCodeIssued: z.boolean().describe('A portal activation code exists (its letter was printed).'),
  createdAt: instantOut,
  updatedAt: instantOut,
});

export const readingOut = z.object({
  id: z.number().int(),
  date: dateOut,
  valueLitres: litres('Register value.'),
  source: z.enum(['staff', 'amr', 'customer', 'estimate']),
  status: z.enum(['pending', 'accepted', 'rejected', 'superseded']),
  statusReason: z
    .string()
    .nullable()
    .describe('Why it waits for review, why it was rejected or what superseded it.'),
});

export const meterOut = z.object({
  id: z.number().int(),
  servicePointId: z.number().int(),
  serialNumber: z.string(),
  kind: meterKind,
  registerDigits: z.number().int(),
  installedOn: dateOut,
  installReadingLitres: litres('Register at installation.'),
  removedOn: dateOut.nullable(),
  removalReadingLitres: litres('Register at removal (final reading).').nullable(),
  active: z.boolean(),
  legalizationYear: z.number().int(),
  legalizationExpiresOn: dateOut,
  legalizationStatus: z.enum(['valid', 'expiring', 'expired']).describe('expiring: within 90 days.'),
});

export const servicePointWithMeters = z.object({
  id: z.number().int(),
  code: z.string(),
  address: z.string(),
  customerGroup,
  billingCycleMonths: z.number().int(),
  billingCycleOffset: z.number().int(),
  meters: z.array(
    meterOut.extend({ readings: z.array(readingOut).describe('The latest 12, newest first.') }),
  ),
});

export const customerView = z.object({
  customer: customerRecord,
  account: accountSchema,
  contracts: z.array(
    z.object({
      id: z.number().int(),
      number: z.string(),
      servicePointId: z.number().int(),
      servicePointCode: z.string(),
      services,
      signedOn: dateOut,
      validFrom: dateOut,
      validTo: dateOut.nullable(),
      active: z.boolean(),
    }),
  ),
  servicePoints: z.array(servicePointWithMeters),
  invoices: z
    .array(
      z.object({
        id: z.number().int(),
        number: z.string(),
        kind: z.enum(['invoice', 'correction']),
        servicePointId: z.number().int(),
        issueDate: dateOut,
        dueDate: dateOut,
        periodFrom: dateOut,
        periodTo: dateOut,
        netGrosze: grosze('Net.'),
        vatGrosze: grosze('VAT.'),
        grossGrosze: grosze('Gross (for a correction: the difference).'),
        amountDueGrosze: grosze('Gross plus corrections; 0 for a correction or a cancelled invoice.'),
        paidGrosze: grosze('Allocated from payments and credit.'),
        outstandingGrosze: grosze('Still to pay.'),
        status: z.enum(['unpaid', 'partly_paid', 'paid', 'overdue']).nullable(),
        estimated: z.boolean(),
        cancelled: z.boolean(),
        correctsInvoiceNumber: z.string().nullable(),
        correctionReason: z.string().nullable(),
        delivery: z.enum(['paper', 'email']),
      }),
    )
    .describe('Newest first, at most 100 (counts.invoices has them all).'),
  payments: z.array(
    z.object({
      id: z.number().int(),
      channel: z.enum(['online', 'transfer', 'cash_desk', 'refund']),
      amountGrosze: grosze('Amount (a refund is negative).'),
      feeGrosze: grosze('Online payment fee.'),
      receivedOn: dateOut,
      title: z.string().nullable(),
      reference: z.string().nullable(),
      allocatedGrosze: grosze('Used for invoices.'),
    }),
  ),
  eInvoiceConsents: z.array(
    z.object({
      id: z.number().int(),
      action: z.enum(['granted', 'withdrawn']),
      channel: z.enum(['portal', 'paper']),
      email: z.string().nullable(),
      recordedAt: instantOut,
      paperReceivedOn: dateOut.nullable(),
      recordedBy: z.enum(['staff', 'customer']),
    }),
  ),
  logins: z.array(
    z.object({
      id: z.number().int(),
      email: z.string(),
      role: z.enum(['holder', 'manager']),
      emailVerified: z.boolean(),
      twoFactor: z.boolean(),
      lastLoginAt: instantOut.nullable(),
      disabled: z.boolean(),
      locked: z.boolean(),
      createdAt: instantOut,
    }),
  ),
  notifications: z.array(
    z.object({
      id: z.number().int(),
      kind: z.string(),
      channel: z.enum(['email', 'sms']),
      recipient: z.string(),
      subject: z.string(),
      status: z.string(),
      createdAt: instantOut,
      sentAt: instantOut.nullable(),
    }),
  ),
  counts: z.object({
    invoices: z.number().int(),
    payments: z.number().int(),
    notifications: z.number().int(),
  }),
});

export const customerIdParams = z.object({ id });
