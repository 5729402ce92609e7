import { z } from 'zod';
import { customerGroup, dateOut, grosze, instantOut, isoDate } from '../shared/schemas.ts';

const price = z
  .number({ error: 'grosze' })
  .int({ error: 'grosze' })
  .min(0, { error: 'grosze' })
  .max(100_000_000, { error: 'grosze' });
const vatRate = z
  .number({ error: 'whole' })
  .int({ error: 'whole' })
  .min(0, { error: 'whole' })
  .max(10_000, { error: 'whole' });
const description = z.string({ error: 'text' }).trim().max(200, { error: 'text' }).nullable();

export const tariffFields = {
  validFrom: isoDate.describe(
    'First day the prices apply; today or later (tariffs are entered ahead of time).',
  ),
  waterPriceGroszePerM3: price.describe('Net water price per m³, grosze.'),
  sewagePriceGroszePerM3: price.describe('Net sewage price per m³, grosze.'),
  subscriptionGroszePerMonth: price.describe('Net subscription charge per month, grosze.'),
  vatRateBasisPoints: vatRate.describe('VAT rate in basis points: 800 = 8%.'),
  description,
};

export const tariffCreate = z.object({
  customerGroup,
  ...tariffFields,
  description: description.default(null),
});
export type TariffCreate = z.infer<typeof tariffCreate>;

/** A new version starting from an existing one: only what changes needs to be sent. */
export const tariffNewVersion = z.object({
  validFrom: tariffFields.validFrom,
  waterPriceGroszePerM3: price.optional(),
  sewagePriceGroszePerM3: price.optional(),
  subscriptionGroszePerMonth: price.optional(),
  vatRateBasisPoints: vatRate.optional(),
  description: description.optional(),
});
export type TariffNewVersion = z.infer<typeof tariffNewVersion>;

export const tariffUpdate = tariffNewVersion.partial();
export type TariffUpdate = z.infer<typeof tariffUpdate>;

export const tariffQuery = z.object({ customerGroup: customerGroup.optional() });

export const tariffOut = z.object({
  id: z.number().int(),
  customerGroup,
  validFrom: dateOut,
  validTo: dateOut
    .nullable()
    .describe('Day before the next version of the group starts; null for the latest.'),
  waterPriceGroszePerM3: grosze('Net water price per m³.'),
  sewagePriceGroszePerM3: grosze('Net sewage price per m³.'),
  subscriptionGroszePerMonth: grosze('Net subscription per month.'),
  vatRateBasisPoints: z.number().int(),
  description: z.string().nullable(),
  createdAt: instantOut,
  used: z
    .boolean()
    .describe('Used by an invoice: frozen, the database refuses any change; create a new version instead.'),
  state: z.enum(['past', 'current', 'future']),
});

export const tariffList = z.object({ items: z.array(tariffOut) });
