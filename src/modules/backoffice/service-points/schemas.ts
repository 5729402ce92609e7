import { z } from 'zod';
import { servicePointWithMeters } from '../customers/schemas.ts';
import {
  customerGroup,
  dateOut,
  id,
  isoDate,
  optionalText,
  pageOf,
  postalCode,
  services,
  shortText,
} from '../shared/schemas.ts';

const cycleMonths = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(6), z.literal(12)], {
  error: 'choice',
});
const cycleOffset = z
  .number({ error: 'whole' })
  .int({ error: 'whole' })
  .min(0, { error: 'whole' })
  .max(11, { error: 'whole' });
const norm = z
  .number({ error: 'whole' })
  .int({ error: 'whole' })
  .min(0, { error: 'whole' })
  .max(100_000, { error: 'whole' })
  .nullable();

export const servicePointCreate = z.object({
  code: z
    .string({ error: 'text' })
    .trim()
    .regex(/^[A-Za-z0-9/-]{1,30}$/, { error: 'text' })
    .optional()
    .describe('Left out: the next "PP-000123" code is given.'),
  street: shortText(120),
  building: shortText(20),
  apartment: optionalText(20).optional(),
  postalCode,
  city: shortText(80),
  customerGroup,
  billingCycleMonths: cycleMonths.default(1).describe('1, 2, 3, 6 or 12.'),
  billingCycleOffset: cycleOffset
    .default(0)
    .describe('Periods end in months where (month − offset) divides by the cycle.'),
  estimateNormLitresPerDay: norm
    .optional()
    .describe('Estimate for a point without history; null: the default (200 L/day).'),
});
export type ServicePointCreate = z.infer<typeof servicePointCreate>;

export const servicePointUpdate = servicePointCreate.omit({ code: true }).partial().extend({
  billingCycleMonths: cycleMonths.optional(),
  billingCycleOffset: cycleOffset.optional(),
});
export type ServicePointUpdate = z.infer<typeof servicePointUpdate>;

export const servicePointListItem = z.object({
  id: z.number().int(),
  code: z.string(),
  address: z.string(),
  customerGroup,
  billingCycleMonths: z.number().int(),
  holder: z
    .object({ customerId: z.number().int(), customerNumber: z.string(), name: z.string() })
    .nullable()
    .describe('Holder of the contract in force today.'),
  activeMainMeterSerial: z.string().nullable(),
});
export const servicePointPage = pageOf(servicePointListItem);

export const servicePointSearch = z.object({
  q: z
    .string({ error: 'query' })
    .trim()
    .max(100, { error: 'query' })
    .optional()
    .describe('Code, street, building or city; words are ANDed.'),
});

export const contractOut = z.object({
  id: z.number().int(),
  number: z.string(),
  customerId: z.number().int(),
  customerNumber: z.string(),
  customerName: z.string(),
  servicePointId: z.number().int(),
  services,
  signedOn: dateOut,
  validFrom: dateOut,
  validTo: dateOut.nullable(),
  active: z.boolean(),
});

export const servicePointDetail = servicePointWithMeters.extend({
  estimateNormLitresPerDay: z.number().int().nullable(),
  contracts: z.array(contractOut).describe('Newest first.'),
});

export const contractCreate = z
  .object({
    customerId: id,
    servicePointId: id,
    number: z
      .string({ error: 'text' })
      .trim()
      .min(1, { error: 'text' })
      .max(40, { error: 'text' })
      .optional()
      .describe('Left out: "UM/2026/000123".'),
    services,
    signedOn: isoDate,
    validFrom: isoDate,
    validTo: isoDate.nullable().default(null),
  })
  .refine((value) => value.validTo === null || value.validTo >= value.validFrom, {
    error: 'dateOrder',
    path: ['validTo'],
  });
export type ContractCreate = z.infer<typeof contractCreate>;

export const contractUpdate = z.object({
  services: services.optional(),
  validTo: isoDate
    .nullable()
    .optional()
    .describe('The last day of supply (termination); null re-opens the contract.'),
});
export type ContractUpdate = z.infer<typeof contractUpdate>;
