import { formatDate, type CalendarDate } from '../dates.ts';
import { formatCubicMetres } from '../volume.ts';
import type { BillingNote } from './types.ts';

/**
 * Texts printed under the invoice lines, in both languages, so a customer can follow every deviation
 * from "current reading minus previous reading" without calling the office.
 */

const date = (value: CalendarDate, locale: 'pl' | 'en'): string => formatDate(value, locale);
const volume = (litres: number, locale: 'pl' | 'en'): string => formatCubicMetres(litres, locale);

export const notes = {
  estimatedFromHistory(litresPerDay: number): BillingNote {
    return {
      code: 'estimated_from_history',
      pl: `Zużycie oszacowano na podstawie średniego dobowego zużycia z ostatnich 12 miesięcy (${volume(litresPerDay, 'pl')}/dobę). Zostanie rozliczone po najbliższym odczycie.`,
      en: `Consumption estimated from the average daily consumption over the last 12 months (${volume(litresPerDay, 'en')}/day). It will be settled at the next reading.`,
    };
  },
  estimatedFromNorm(litresPerDay: number): BillingNote {
    return {
      code: 'estimated_from_norm',
      pl: `Brak historii odczytów: zużycie oszacowano według normy ${volume(litresPerDay, 'pl')}/dobę. Zostanie rozliczone po najbliższym odczycie.`,
      en: `No reading history: consumption estimated from the norm of ${volume(litresPerDay, 'en')}/day. It will be settled at the next reading.`,
    };
  },
  trueUp(from: CalendarDate, to: CalendarDate, readingDate: CalendarDate): BillingNote {
    return {
      code: 'true_up',
      pl: `Rozliczono zużycie szacunkowe za okres ${date(from, 'pl')}–${date(to, 'pl')} na podstawie odczytu z dnia ${date(readingDate, 'pl')}.`,
      en: `Estimated consumption for ${date(from, 'en')}–${date(to, 'en')} settled against the reading of ${date(readingDate, 'en')}.`,
    };
  },
  tariffChange(validFrom: CalendarDate): BillingNote {
    return {
      code: 'tariff_change',
      pl: `Od ${date(validFrom, 'pl')} obowiązuje nowa taryfa; zużycie w okresie rozdzielono proporcjonalnie do liczby dni.`,
      en: `A new tariff applies from ${date(validFrom, 'en')}; consumption in the period was split in proportion to days.`,
    };
  },
  meterReplaced(meterId: string, removedOn: CalendarDate): BillingNote {
    return {
      code: 'meter_replaced',
      pl: `Wymiana wodomierza ${meterId} w dniu ${date(removedOn, 'pl')}: zużycie obejmuje stan końcowy starego i odczyt nowego wodomierza.`,
      en: `Meter ${meterId} replaced on ${date(removedOn, 'en')}: consumption includes the old meter's final reading and the new meter's reading.`,
    };
  },
  rollover(meterId: string): BillingNote {
    return {
      code: 'register_rollover',
      pl: `Licznik wodomierza ${meterId} przekroczył maksymalny stan i liczy od zera; uwzględniono to w zużyciu.`,
      en: `The register of meter ${meterId} passed its maximum and restarted from zero; consumption accounts for it.`,
    };
  },
  gardenDeducted(meterId: string, litres: number): BillingNote {
    return {
      code: 'garden_deducted',
      pl: `Ilość ścieków pomniejszono o ${volume(litres, 'pl')} wody bezpowrotnie zużytej według podlicznika ${meterId}.`,
      en: `Sewage volume reduced by ${volume(litres, 'en')} of water used up for good, measured by sub-meter ${meterId}.`,
    };
  },
  gardenLegalizationExpired(meterId: string, expiry: CalendarDate): BillingNote {
    return {
      code: 'garden_legalization_expired',
      pl: `Legalizacja podlicznika ${meterId} wygasła ${date(expiry, 'pl')}: woda bezpowrotnie zużyta nie pomniejsza ilości ścieków.`,
      en: `The legalization of sub-meter ${meterId} expired on ${date(expiry, 'en')}: water used up for good does not reduce the sewage volume.`,
    };
  },
  gardenNotRead(meterId: string): BillingNote {
    return {
      code: 'garden_not_read',
      pl: `Brak odczytu podlicznika ${meterId} na koniec okresu: odliczenie nastąpi po najbliższym odczycie.`,
      en: `No reading of sub-meter ${meterId} at the end of the period: the deduction follows at the next reading.`,
    };
  },
  sewageLimitedToZero(): BillingNote {
    return {
      code: 'sewage_not_negative',
      pl: 'Odliczenie według podlicznika przekracza zużycie wody; ilość ścieków przyjęto jako zero.',
      en: 'The sub-meter deduction exceeds the water consumption; the sewage volume is taken as zero.',
    };
  },
} as const;
