import type { CalendarDate } from '../dates.ts';
import type { Grosze } from '../money.ts';

/**
 * Plain, serializable shapes the billing core works on. The database layer maps rows to these; nothing
 * here holds behaviour, so a billing run can be replayed from stored inputs.
 * Volumes are integer litres (1 m³ = 1000 L: water meters show m³ with three decimals).
 */

export type CustomerGroup = 'household' | 'other';

/**
 * main: the water meter at the connection (bills water and, by default, sewage);
 * sewage: a meter on the outflow, which replaces water volume as the sewage volume;
 * garden: a sub-meter (podlicznik) for water used up for good, deducted from sewage while legalized.
 */
export type MeterRole = 'main' | 'sewage' | 'garden';

export interface Meter {
  id: string;
  role: MeterRole;
  installedOn: CalendarDate;
  /** Day of the final reading when the meter was replaced or removed; null while in service. */
  removedOn: CalendarDate | null;
  /** Last day of legalization validity (see legalizationExpiry). */
  legalizationExpiry: CalendarDate;
  /** Whole m³ digits of the register (5 for 99999.999 m³); after the maximum it rolls over to zero. */
  registerDigits?: number | null;
}

/**
 * A register value of one meter at the end of `date`. A reading that corrects a wrong one names it in
 * `supersedesId`; the superseded reading is then ignored everywhere (it stays stored for the audit trail).
 */
export interface MeterReading {
  id: string;
  meterId: string;
  date: CalendarDate;
  /** Register value in litres (12345.678 m³ → 12345678). */
  valueLitres: number;
  supersedesId?: string | null;
}

export interface TariffVersion {
  id?: string;
  /** In force from this day until the day before the next version of the same customer group. */
  validFrom: CalendarDate;
  customerGroup: CustomerGroup;
  waterPricePerCubicMetre: Grosze;
  sewagePricePerCubicMetre: Grosze;
  subscriptionPerMonth: Grosze;
  /** 800 = 8 %. */
  vatRateBasisPoints: number;
}

/** Volumes billed as estimates since the last actual reading; they are settled by the next true-up. */
export interface BilledEstimate {
  from: CalendarDate;
  to: CalendarDate;
  waterLitres: number;
  sewageLitres: number;
}

export interface BillingPeriod {
  from: CalendarDate;
  to: CalendarDate;
}

export type LineKind = 'water' | 'sewage' | 'subscription' | 'water_true_up' | 'sewage_true_up';
export type LineUnit = 'm3' | 'month';

export interface InvoiceLine {
  kind: LineKind;
  namePl: string;
  nameEn: string;
  unit: LineUnit;
  /**
   * Quantity in thousandths of the unit: litres for m³, thousandths of a month for the subscription.
   * netValue = round_half_up(unitNetPrice × quantityThousandths / 1000), so every line re-derives.
   */
  quantityThousandths: number;
  unitNetPrice: Grosze;
  netValue: Grosze;
  vatRateBasisPoints: number;
  /** Days this line charges for (a tariff segment of the period, or the estimated past for a true-up). */
  periodFrom: CalendarDate;
  periodTo: CalendarDate;
  estimated: boolean;
}

export interface VatSummaryRow {
  vatRateBasisPoints: number;
  net: Grosze;
  vat: Grosze;
  gross: Grosze;
}

export interface Totals {
  net: Grosze;
  vat: Grosze;
  gross: Grosze;
}

/** Printed on the invoice; `code` is stable for templates and tests, the texts are ready to print. */
export interface BillingNote {
  code: string;
  pl: string;
  en: string;
}
