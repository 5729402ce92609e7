import { grosze, type CalendarDate } from '../../domain/index.ts';
import type { DocumentLine, InvoiceDocument } from '../../modules/invoices/document.ts';

/**
 * Realistic invoice documents for tests and benchmarks of the renderers (PDF, KSeF XML). Figures are
 * consistent: every line's net is price × quantity, VAT is 8% of the net per rate, totals add up.
 */

const date = (value: string): CalendarDate => value as CalendarDate;

function line(
  position: number,
  names: [string, string],
  unit: 'm3' | 'month',
  quantityThousandths: number,
  unitPrice: number,
  net: number,
  estimated = false,
): DocumentLine {
  return {
    position,
    name: { pl: names[0], en: names[1] },
    unit,
    quantityThousandths,
    unitPriceGrosze: grosze(unitPrice),
    netGrosze: grosze(net),
    vatRateBasisPoints: 800,
    ...(estimated ? { estimated: true } : {}),
  };
}

const WATER: [string, string] = ['Dostarczanie wody', 'Water supply'];
const SEWAGE: [string, string] = ['Odprowadzanie ścieków', 'Sewage disposal'];
const SUBSCRIPTION: [string, string] = ['Opłata abonamentowa', 'Subscription charge'];

/** A household invoice for November 2026: 12,345 m³ of water and sewage, one estimated reading. */
export function sampleInvoice(overrides: Partial<InvoiceDocument> = {}): InvoiceDocument {
  return {
    seller: {
      name: 'Miejskie Przedsiębiorstwo Wodociągów i Kanalizacji Sp. z o.o.',
      street: 'ul. Toruńska 146',
      postalCode: '87-800',
      city: 'Włocławek',
      nip: '8880001258',
      bankAccount: '61102050110000000000123456',
    },
    buyer: {
      name: 'Łucja Żółkiewska-Gęś',
      addressLines: ['ul. Świętego Ducha 12/4', '87-800 Włocławek'],
      customerNumber: '123456',
    },
    servicePointAddress: 'ul. Świętego Ducha 12/4, 87-800 Włocławek',
    number: 'FV/2026/11/000123',
    kind: 'invoice',
    issueDate: date('2026-12-02'),
    saleDate: date('2026-11-30'),
    periodFrom: date('2026-11-01'),
    periodTo: date('2026-11-30'),
    dueDate: date('2026-12-16'),
    lines: [
      // 5,82 zł × 12,345 m³ = 71,85 zł; 6,99 zł × 12,345 m³ = 86,29 zł
      line(1, WATER, 'm3', 12_345, 582, 7185, true),
      line(2, SEWAGE, 'm3', 12_345, 699, 8629, true),
      line(3, SUBSCRIPTION, 'month', 1000, 431, 431),
    ],
    // net 162,45 zł, VAT 8% 13,00 zł, gross 175,45 zł
    vatSummary: [
      {
        vatRateBasisPoints: 800,
        netGrosze: grosze(16245),
        vatGrosze: grosze(1300),
        grossGrosze: grosze(17545),
      },
    ],
    totals: { net: grosze(16245), vat: grosze(1300), gross: grosze(17545) },
    readings: [
      {
        meterSerial: 'WM-2021-0042',
        meterKind: 'main',
        previousDate: date('2026-10-31'),
        previousLitres: 1_234_567,
        currentDate: date('2026-11-30'),
        currentLitres: 1_246_912,
        estimated: true,
        consumptionLitres: 12_345,
      },
      {
        meterSerial: 'POD-7781',
        meterKind: 'sub',
        previousDate: date('2026-10-31'),
        previousLitres: 45_000,
        currentDate: date('2026-11-30'),
        currentLitres: 47_500,
        estimated: false,
        consumptionLitres: 2500,
      },
    ],
    notes: ['Podlicznik POD-7781 utracił ważność legalizacji: ilość ścieków nie została pomniejszona.'],
    delivery: 'email',
    language: 'pl',
    ...overrides,
  };
}

/** A company invoice (buyer with NIP), paper delivery, with a KSeF number. */
export function sampleCompanyInvoice(overrides: Partial<InvoiceDocument> = {}): InvoiceDocument {
  return sampleInvoice({
    buyer: {
      name: 'Piekarnia „Złoty Kłos” Sp. z o.o. & Wspólnicy',
      addressLines: ['ul. Łęgska 20', '87-800 Włocławek'],
      nip: '5210001238',
    },
    servicePointAddress: 'ul. Łęgska 20, 87-800 Włocławek',
    number: 'FV/2026/11/000124',
    delivery: 'paper',
    notes: [],
    ksefNumber: '8880001258-20261202-0A1B2C3D4E5F-9A',
    ...overrides,
  });
}

/**
 * Correction of sampleInvoice: the estimated 12,345 m³ becomes 10,000 m³ after the real reading.
 * Water 5,82 × 10 = 58,20 (−13,65); sewage 6,99 × 10 = 69,90 (−16,39); net after 132,41, VAT 10,59.
 */
export function sampleCorrection(overrides: Partial<InvoiceDocument> = {}): InvoiceDocument {
  const original = sampleInvoice();
  const before = original.lines;
  const after = [
    line(1, WATER, 'm3', 10_000, 582, 5820),
    line(2, SEWAGE, 'm3', 10_000, 699, 6990),
    line(3, SUBSCRIPTION, 'month', 1000, 431, 431),
  ];
  const difference = [
    line(1, WATER, 'm3', -2345, 582, -1365),
    line(2, SEWAGE, 'm3', -2345, 699, -1639),
    line(3, SUBSCRIPTION, 'month', 0, 431, 0),
  ];
  const vatDifference = [
    {
      vatRateBasisPoints: 800,
      netGrosze: grosze(-3004),
      vatGrosze: grosze(-241),
      grossGrosze: grosze(-3245),
    },
  ];
  return sampleInvoice({
    number: 'KOR/2026/12/000007',
    kind: 'correction',
    issueDate: date('2026-12-20'),
    saleDate: date('2026-11-30'),
    dueDate: date('2027-01-03'),
    lines: difference,
    vatSummary: vatDifference,
    totals: { net: grosze(-3004), vat: grosze(-241), gross: grosze(-3245) },
    readings: [
      {
        meterSerial: 'WM-2021-0042',
        meterKind: 'main',
        previousDate: date('2026-10-31'),
        previousLitres: 1_234_567,
        currentDate: date('2026-11-30'),
        currentLitres: 1_244_567,
        estimated: false,
        consumptionLitres: 10_000,
      },
    ],
    notes: [],
    correction: {
      correctedNumber: original.number,
      correctedIssueDate: original.issueDate,
      correctedKsefNumber: '8880001258-20261202-0A1B2C3D4E5F-9A',
      reason: 'Rozliczenie zużycia szacunkowego według rzeczywistego odczytu wodomierza',
      linesBefore: before,
      linesAfter: after,
      vatSummaryBefore: original.vatSummary,
      vatSummaryAfter: [
        {
          vatRateBasisPoints: 800,
          netGrosze: grosze(13241),
          vatGrosze: grosze(1059),
          grossGrosze: grosze(14300),
        },
      ],
      vatSummaryDifference: vatDifference,
      totalsBefore: original.totals,
      totalsAfter: { net: grosze(13241), vat: grosze(1059), gross: grosze(14300) },
    },
    ...overrides,
  });
}
