import { z } from 'zod';
import { meterOut, readingOut } from '../customers/schemas.ts';
import { cubicMetresInput, id, isoDate, meterKind, pageOf } from '../shared/schemas.ts';

const serialNumber = z
  .string({ error: 'serial' })
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9/.-]{0,39}$/, { error: 'serial' })
  .describe('Serial number as printed on the meter.');
const registerDigits = z
  .number({ error: 'whole' })
  .int({ error: 'whole' })
  .min(3, { error: 'whole' })
  .max(9, { error: 'whole' });
const legalizationYear = z
  .number({ error: 'year' })
  .int({ error: 'year' })
  .min(1950, { error: 'year' })
  .max(2200, { error: 'year' });

const newMeterFields = {
  serialNumber,
  registerDigits: registerDigits
    .default(5)
    .describe('Whole-m³ digits of the register (rollover at 10^digits m³).'),
  installReadingM3: cubicMetresInput.default('0'),
  legalizationYear: legalizationYear.describe(
    'Year of the legalization (or the MID year marked on the meter).',
  ),
  legalizationExpiresOn: isoDate
    .optional()
    .describe('Left out: 31 December of year + 5 (the legal 5-year validity).'),
};

export const meterInstall = z.object({ kind: meterKind, installedOn: isoDate, ...newMeterFields });
export type MeterInstall = z.infer<typeof meterInstall>;

export const meterReplace = z.object({
  date: isoDate.describe('Day of the exchange: the old meter is removed and the new one installed that day.'),
  finalReadingM3: cubicMetresInput.describe('Final register of the old meter.'),
  newMeter: z.object(newMeterFields),
});
export type MeterReplace = z.infer<typeof meterReplace>;

export const meterRemove = z.object({
  date: isoDate,
  finalReadingM3: cubicMetresInput.describe('Final register of the meter.'),
});
export type MeterRemove = z.infer<typeof meterRemove>;

export const meterUpdate = z.object({
  serialNumber: serialNumber.optional(),
  registerDigits: registerDigits.optional(),
  legalizationYear: legalizationYear.optional(),
  legalizationExpiresOn: isoDate
    .optional()
    .describe('Left out while the year changes: recomputed from the year.'),
});
export type MeterUpdate = z.infer<typeof meterUpdate>;

export const meterListQuery = z.object({
  q: z
    .string({ error: 'query' })
    .trim()
    .max(40, { error: 'query' })
    .optional()
    .describe('Serial number prefix.'),
  servicePointId: id.optional(),
  active: z
    .enum(['true', 'false'], { error: 'choice' })
    .optional()
    .describe('true: installed now; false: removed.'),
});

export const meterListItem = meterOut.extend({
  servicePointCode: z.string(),
  servicePointAddress: z.string(),
});
export const meterPage = pageOf(meterListItem);

export const meterDetail = meterListItem.extend({
  readings: z
    .array(readingOut)
    .describe('The latest 12, newest first; GET /api/v1/staff/readings?meterId= has them all.'),
});

export const replaceAnswer = z.object({ removed: meterOut, installed: meterOut });
