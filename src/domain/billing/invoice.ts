import { compareDates } from '../dates.ts';
import { DomainError } from '../errors.ts';
import { notes } from './notes.ts';
import { settleVolumes, type EstimationSettings, type ReadingUsed } from './settlement.ts';
import { subscriptionLines, tariffSegments, volumeLines } from './tariff.ts';
import type {
  BilledEstimate,
  BillingNote,
  BillingPeriod,
  CustomerGroup,
  InvoiceLine,
  Meter,
  MeterReading,
  TariffVersion,
  Totals,
  VatSummaryRow,
} from './types.ts';
import { totalsOf, vatSummary } from './vat.ts';

export interface ServiceContract {
  water: boolean;
  sewage: boolean;
}

export interface InvoiceInput {
  period: BillingPeriod;
  customerGroup: CustomerGroup;
  /** Which services the contract covers; both when omitted. The subscription is due for either. */
  services?: ServiceContract;
  meters: readonly Meter[];
  readings: readonly MeterReading[];
  tariffs: readonly TariffVersion[];
  /** Estimates billed since the last actual reading (from earlier invoices' `billedEstimate`). */
  billedEstimates?: readonly BilledEstimate[];
  /** Needed only to estimate a service point without reading history. */
  estimation?: EstimationSettings | null;
}

export interface InvoiceCalculation {
  period: BillingPeriod;
  customerGroup: CustomerGroup;
  estimated: boolean;
  volumes: {
    waterLitres: number;
    sewageLitres: number;
    gardenDeductedLitres: number;
    waterTrueUpLitres: number;
    sewageTrueUpLitres: number;
  };
  /** What this invoice billed as an estimate; store it and pass it back until the next actual reading. */
  billedEstimate: BilledEstimate | null;
  lines: InvoiceLine[];
  vatSummary: VatSummaryRow[];
  totals: Totals;
  readings: ReadingUsed[];
  notes: BillingNote[];
}

/**
 * The whole invoice of one service point and period, from plain data to lines, VAT per rate and totals.
 * Pure and deterministic: the same input always gives the same invoice, so a billing run can be
 * re-checked, and a correction is this function run again on corrected input.
 */
export function calculateInvoice(input: InvoiceInput): InvoiceCalculation {
  const { period, customerGroup } = input;
  if (compareDates(period.from, period.to) > 0) {
    throw new DomainError('invalid_period', `Period starts ${period.from} after it ends ${period.to}`);
  }
  const services = input.services ?? { water: true, sewage: true };
  const segments = tariffSegments(input.tariffs, customerGroup, period);
  const settled = settleVolumes({
    period,
    meters: input.meters,
    readings: input.readings,
    billedEstimates: input.billedEstimates ?? [],
    estimation: input.estimation ?? null,
    sewageFromWaterRequired: services.water || services.sewage,
  });

  const lines: InvoiceLine[] = [];
  if (services.water) lines.push(...volumeLines('water', settled.waterLitres, segments, settled.estimated));
  if (services.sewage)
    lines.push(...volumeLines('sewage', settled.sewageLitres, segments, settled.estimated));
  const trueUp = settled.trueUp;
  if (trueUp) {
    const pastSegments = tariffSegments(input.tariffs, customerGroup, { from: trueUp.from, to: trueUp.to });
    if (services.water) lines.push(...volumeLines('water_true_up', trueUp.waterLitres, pastSegments, false));
    if (services.sewage)
      lines.push(...volumeLines('sewage_true_up', trueUp.sewageLitres, pastSegments, false));
  }
  if (services.water || services.sewage) lines.push(...subscriptionLines(segments));

  const summary = vatSummary(lines);
  const tariffNotes = segments.slice(1).map((segment) => notes.tariffChange(segment.from));
  return {
    period,
    customerGroup,
    estimated: settled.estimated,
    volumes: {
      waterLitres: services.water ? settled.waterLitres : 0,
      sewageLitres: services.sewage ? settled.sewageLitres : 0,
      gardenDeductedLitres: services.sewage ? settled.gardenDeductedLitres : 0,
      waterTrueUpLitres: services.water ? (trueUp?.waterLitres ?? 0) : 0,
      sewageTrueUpLitres: services.sewage ? (trueUp?.sewageLitres ?? 0) : 0,
    },
    billedEstimate: settled.estimated
      ? {
          from: period.from,
          to: period.to,
          waterLitres: services.water ? settled.waterLitres : 0,
          sewageLitres: services.sewage ? settled.sewageLitres : 0,
        }
      : null,
    lines,
    vatSummary: summary,
    totals: totalsOf(summary),
    readings: settled.readings,
    notes: [...settled.notes, ...tariffNotes],
  };
}
