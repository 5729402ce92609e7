import { z } from 'zod';
import {
  DEFAULT_LEGALIZATION_WARNING_DAYS,
  daysBetween,
  formatDate,
  legalizationStatus,
  type CalendarDate,
  type LegalizationStatus,
} from '../../../domain/index.ts';
import { dateOut, localizedText, meterKind } from '../schemas.ts';
import type { MeterRow } from './repository.ts';

export const legalizationStatusSchema = z
  .enum(['valid', 'expiring', 'expired'])
  .describe(
    `valid; expiring: the legalization ends within ${DEFAULT_LEGALIZATION_WARNING_DAYS} days; expired.`,
  );

export const meterSchema = z.object({
  id: z.number().int(),
  serialNumber: z.string(),
  kind: meterKind,
  servicePointId: z.number().int(),
  servicePointCode: z.string(),
  servicePointAddress: z.string(),
  installedOn: dateOut,
  removedOn: dateOut.nullable().describe('Set for a replaced meter (kept for the history).'),
  active: z.boolean(),
  legalizationYear: z.number().int(),
  legalizationExpiresOn: dateOut.describe(
    'Last day the legalization is valid (31 December, 5 years after its year).',
  ),
  legalizationStatus: legalizationStatusSchema,
  daysToExpiry: z.number().int().describe('Days from today to the expiry day; negative once expired.'),
  meaning: z
    .object({
      key: z.string().describe('Stable key, e.g. meter.sub.expired, for client-side texts.'),
      text: localizedText,
    })
    .describe('What the status means for the customer.'),
});

type MeaningKey = `meter.${MeterRow['kind']}.${LegalizationStatus}` | 'meter.removed';

/**
 * What the status means. The sub-meter texts carry the rule that matters for the bill: water measured by a
 * sub-meter is deducted from sewage only while its legalization is valid (act on collective water supply,
 * art. 27 ust. 5–6), and the sub-meter is the customer's own, replaced at their cost.
 */
export function legalizationMeaning(
  kind: MeterRow['kind'],
  status: LegalizationStatus,
  expiresOn: CalendarDate,
) {
  const pl = formatDate(expiresOn, 'pl');
  const en = formatDate(expiresOn, 'en');
  const texts: Record<`meter.${MeterRow['kind']}.${LegalizationStatus}`, { pl: string; en: string }> = {
    'meter.main.valid': { pl: `Legalizacja ważna do ${pl}.`, en: `Legalization valid until ${en}.` },
    'meter.main.expiring': {
      pl: `Legalizacja wodomierza głównego wygasa ${pl}. Wodociągi wymienią wodomierz na swój koszt — skontaktujemy się, aby umówić termin.`,
      en: `The legalization of the main meter ends on ${en}. The utility replaces the meter at its own cost and will contact you to arrange a date.`,
    },
    'meter.main.expired': {
      pl: `Legalizacja wodomierza głównego wygasła ${pl}. Wodomierz wymaga wymiany przez wodociągi — prosimy o kontakt z Biurem Obsługi Klienta.`,
      en: `The legalization of the main meter ended on ${en}. The meter must be replaced by the utility; please contact the customer office.`,
    },
    'meter.sewage.valid': { pl: `Legalizacja ważna do ${pl}.`, en: `Legalization valid until ${en}.` },
    'meter.sewage.expiring': {
      pl: `Legalizacja wodomierza ścieków wygasa ${pl}. Przed tą datą wodomierz trzeba wymienić lub ponownie zalegalizować.`,
      en: `The legalization of the sewage meter ends on ${en}. It must be replaced or legalized again before that day.`,
    },
    'meter.sewage.expired': {
      pl: `Legalizacja wodomierza ścieków wygasła ${pl}. Wodomierz wymaga wymiany — prosimy o kontakt z Biurem Obsługi Klienta.`,
      en: `The legalization of the sewage meter ended on ${en}. The meter must be replaced; please contact the customer office.`,
    },
    'meter.sub.valid': {
      pl: `Legalizacja ważna do ${pl}. Woda zmierzona podlicznikiem jest odliczana od ilości ścieków.`,
      en: `Legalization valid until ${en}. Water measured by the sub-meter is deducted from the sewage volume.`,
    },
    'meter.sub.expiring': {
      pl: `Legalizacja podlicznika wygasa ${pl}. Po tej dacie woda z podlicznika nie będzie odliczana od ścieków — wymień podlicznik (na własny koszt) i zgłoś wymianę przed terminem.`,
      en: `The sub-meter's legalization ends on ${en}. After that day its water is no longer deducted from sewage: replace the sub-meter (at your cost) and report the replacement before then.`,
    },
    'meter.sub.expired': {
      pl: `Legalizacja podlicznika wygasła ${pl}: woda z podlicznika nie jest odliczana od ścieków i płacisz za ścieki od całej ilości wody. Wymień podlicznik i zgłoś wymianę, aby odliczenie wróciło.`,
      en: `The sub-meter's legalization ended on ${en}: its water is no longer deducted and sewage is billed on all the water. Replace the sub-meter and report it to get the deduction back.`,
    },
  };
  const key: MeaningKey = `meter.${kind}.${status}`;
  return { key, text: texts[key] };
}

export function presentMeter(meter: MeterRow, today: CalendarDate): z.infer<typeof meterSchema> {
  const expiresOn = meter.legalizationExpiresOn as CalendarDate;
  const status = legalizationStatus(expiresOn, today);
  const active = meter.removedOn === null;
  return {
    id: meter.id,
    serialNumber: meter.serialNumber,
    kind: meter.kind,
    servicePointId: meter.servicePointId,
    servicePointCode: meter.servicePointCode,
    servicePointAddress: meter.servicePointAddress,
    installedOn: meter.installedOn,
    removedOn: meter.removedOn,
    active,
    legalizationYear: meter.legalizationYear,
    legalizationExpiresOn: meter.legalizationExpiresOn,
    legalizationStatus: status,
    daysToExpiry: daysBetween(today, expiresOn),
    meaning: active
      ? legalizationMeaning(meter.kind, status, expiresOn)
      : {
          key: 'meter.removed',
          text: {
            pl: `Wodomierz zdjęty ${formatDate(meter.removedOn as CalendarDate, 'pl')}; pokazany dla historii odczytów.`,
            en: `Meter removed on ${formatDate(meter.removedOn as CalendarDate, 'en')}; shown for the reading history.`,
          },
        },
  };
}
