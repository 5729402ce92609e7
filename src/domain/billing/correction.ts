import { DomainError } from '../errors.ts';
import { grosze, subtractGrosze, ZERO_GROSZE, type Grosze } from '../money.ts';
import type { InvoiceLine, LineKind, LineUnit, Totals, VatSummaryRow } from './types.ts';
import { totalsOf, vatSummary } from './vat.ts';

/**
 * Correcting invoice (art. 106j): each line shows the figures before, after and the difference, and the
 * VAT difference per rate is the VAT of the corrected invoice minus the VAT of the original, per rate.
 * Computing the difference that way (not as VAT of the net difference) guarantees that original +
 * correction equals, to the grosz, the invoice that would have been issued with correct data.
 */

export interface LineFigures {
  quantityThousandths: number;
  unitNetPrice: Grosze;
  netValue: Grosze;
}

export interface CorrectionLine {
  kind: LineKind;
  namePl: string;
  nameEn: string;
  unit: LineUnit;
  vatRateBasisPoints: number;
  periodFrom: string;
  periodTo: string;
  /** Null when the line did not exist on the original (or disappears after the correction). */
  before: LineFigures | null;
  after: LineFigures | null;
  difference: { quantityThousandths: number; netValue: Grosze };
}

export interface CorrectionInput {
  correctedInvoiceNumber: string;
  reason: string;
  original: readonly InvoiceLine[];
  corrected: readonly InvoiceLine[];
}

export interface CorrectionCalculation {
  correctedInvoiceNumber: string;
  reason: string;
  lines: CorrectionLine[];
  vatSummaryBefore: VatSummaryRow[];
  vatSummaryAfter: VatSummaryRow[];
  vatSummaryDifference: VatSummaryRow[];
  totalsBefore: Totals;
  totalsAfter: Totals;
  totalsDifference: Totals;
}

/** Lines are the same position when they bill the same thing for the same days at the same VAT rate. */
function lineKey(line: InvoiceLine): string {
  return `${line.kind}|${line.periodFrom}|${line.periodTo}|${line.vatRateBasisPoints}`;
}

function figures(line: InvoiceLine | undefined): LineFigures | null {
  return line
    ? {
        quantityThousandths: line.quantityThousandths,
        unitNetPrice: line.unitNetPrice,
        netValue: line.netValue,
      }
    : null;
}

function differenceOfSummaries(
  before: readonly VatSummaryRow[],
  after: readonly VatSummaryRow[],
): VatSummaryRow[] {
  const rates = [...new Set([...before, ...after].map((row) => row.vatRateBasisPoints))].sort(
    (left, right) => right - left,
  );
  const zero = { net: ZERO_GROSZE, vat: ZERO_GROSZE, gross: ZERO_GROSZE };
  return rates.map((rate) => {
    const old = before.find((row) => row.vatRateBasisPoints === rate) ?? zero;
    const next = after.find((row) => row.vatRateBasisPoints === rate) ?? zero;
    return {
      vatRateBasisPoints: rate,
      net: subtractGrosze(next.net, old.net),
      vat: subtractGrosze(next.vat, old.vat),
      gross: subtractGrosze(next.gross, old.gross),
    };
  });
}

export function calculateCorrection(input: CorrectionInput): CorrectionCalculation {
  if (input.reason.trim() === '') {
    throw new DomainError(
      'correction_reason_required',
      'A correcting invoice must state the reason (art. 106j)',
    );
  }
  const remaining = new Map<string, InvoiceLine[]>();
  for (const line of input.original) {
    const key = lineKey(line);
    remaining.set(key, [...(remaining.get(key) ?? []), line]);
  }
  const lines: CorrectionLine[] = [];
  const pair = (before: InvoiceLine | undefined, after: InvoiceLine | undefined): void => {
    const template = after ?? before;
    if (!template) return;
    lines.push({
      kind: template.kind,
      namePl: template.namePl,
      nameEn: template.nameEn,
      unit: template.unit,
      vatRateBasisPoints: template.vatRateBasisPoints,
      periodFrom: template.periodFrom,
      periodTo: template.periodTo,
      before: figures(before),
      after: figures(after),
      difference: {
        quantityThousandths: (after?.quantityThousandths ?? 0) - (before?.quantityThousandths ?? 0),
        netValue: grosze((after?.netValue ?? 0) - (before?.netValue ?? 0)),
      },
    });
  };
  for (const after of input.corrected) pair(remaining.get(lineKey(after))?.shift(), after);
  for (const leftovers of remaining.values()) for (const before of leftovers) pair(before, undefined);

  const vatSummaryBefore = vatSummary(input.original);
  const vatSummaryAfter = vatSummary(input.corrected);
  const vatSummaryDifference = differenceOfSummaries(vatSummaryBefore, vatSummaryAfter);
  return {
    correctedInvoiceNumber: input.correctedInvoiceNumber,
    reason: input.reason,
    lines,
    vatSummaryBefore,
    vatSummaryAfter,
    vatSummaryDifference,
    totalsBefore: totalsOf(vatSummaryBefore),
    totalsAfter: totalsOf(vatSummaryAfter),
    totalsDifference: totalsOf(vatSummaryDifference),
  };
}
