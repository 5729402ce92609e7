import { DomainError } from '../errors.ts';
import { addGrosze, grosze, multiplyRoundHalfUp, sumGrosze, ZERO_GROSZE, type Grosze } from '../money.ts';
import type { InvoiceLine, Totals, VatSummaryRow } from './types.ts';

/**
 * VAT is computed once per rate on the sum of net values of that rate (art. 106e ust. 1 pkt 13–14 lists
 * net totals and tax per rate), rounded half-up to the grosz here and nowhere else. Lines carry no VAT
 * of their own, so there is exactly one rounding of tax per rate per invoice.
 */
export function vatForNet(net: Grosze, vatRateBasisPoints: number): Grosze {
  if (!Number.isSafeInteger(vatRateBasisPoints) || vatRateBasisPoints < 0) {
    throw new DomainError(
      'invalid_vat_rate',
      `VAT rate must be non-negative basis points, got ${vatRateBasisPoints}`,
    );
  }
  return grosze(multiplyRoundHalfUp(net, vatRateBasisPoints, 10_000));
}

/** Rows sorted by rate, highest first, as invoices usually print them. */
export function vatSummary(
  lines: readonly Pick<InvoiceLine, 'netValue' | 'vatRateBasisPoints'>[],
): VatSummaryRow[] {
  const netByRate = new Map<number, Grosze>();
  for (const line of lines) {
    netByRate.set(
      line.vatRateBasisPoints,
      addGrosze(netByRate.get(line.vatRateBasisPoints) ?? ZERO_GROSZE, line.netValue),
    );
  }
  return [...netByRate.entries()]
    .sort(([left], [right]) => right - left)
    .map(([vatRateBasisPoints, net]) => {
      const vat = vatForNet(net, vatRateBasisPoints);
      return { vatRateBasisPoints, net, vat, gross: addGrosze(net, vat) };
    });
}

export function totalsOf(summary: readonly VatSummaryRow[]): Totals {
  return {
    net: sumGrosze(summary.map((row) => row.net)),
    vat: sumGrosze(summary.map((row) => row.vat)),
    gross: sumGrosze(summary.map((row) => row.gross)),
  };
}

/** "8%" / "8,5%": rates are basis points, printed without trailing zeros. */
export function formatVatRate(vatRateBasisPoints: number, locale: 'pl' | 'en'): string {
  const whole = Math.trunc(vatRateBasisPoints / 100);
  const fraction = String(vatRateBasisPoints % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  if (fraction === '') return `${whole}%`;
  return `${whole}${locale === 'pl' ? ',' : '.'}${fraction}%`;
}
