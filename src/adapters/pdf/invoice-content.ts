import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { amountInWordsPl, formatNrb, grosze } from '../../domain/index.ts';
import type {
  DocumentLanguage,
  DocumentLine,
  DocumentReading,
  DocumentTotals,
  DocumentVatRow,
  InvoiceDocument,
} from '../../modules/invoices/document.ts';
import { amount, cubicMetres, day, money, quantity, vatRate } from './format.ts';
import { invoiceLabels, type InvoiceLabels } from './labels.ts';

/**
 * The invoice as a pdfmake document definition: the elements art. 106e ust. 1 requires (and, for a correcting
 * invoice, art. 106j ust. 2), in the order a reader looks for them: who, what for, how much, until when, where to.
 */

const FONT_SIZE = 8.5;
const GREY = '#555555';

export function invoiceDefinition(document: InvoiceDocument): TDocumentDefinitions {
  const language = document.language;
  const labels = invoiceLabels[language];
  const correction = document.correction;
  const content: Content[] = [
    heading(document, labels),
    parties(document, labels),
    {
      text: [{ text: `${labels.servicePoint}: `, bold: true }, document.servicePointAddress],
      margin: [0, 8, 0, 0],
    },
  ];
  if (document.readings.length > 0) content.push(readingsTable(document.readings, labels, language));
  if (correction) {
    content.push(
      {
        text: [{ text: `${labels.correctionReason}: `, bold: true }, correction.reason],
        margin: [0, 10, 0, 0],
      },
      section(
        labels.linesBefore,
        correction.linesBefore,
        correction.vatSummaryBefore,
        correction.totalsBefore,
        labels,
        language,
      ),
      section(
        labels.linesAfter,
        correction.linesAfter,
        correction.vatSummaryAfter,
        correction.totalsAfter,
        labels,
        language,
      ),
      section(labels.linesDifference, document.lines, document.vatSummary, document.totals, labels, language),
    );
  } else {
    content.push(section(null, document.lines, document.vatSummary, document.totals, labels, language));
  }
  content.push(payment(document, labels));
  if (document.notes.length > 0) {
    content.push(
      { text: `${labels.notes}:`, bold: true, margin: [0, 10, 0, 2] },
      { ul: document.notes.map((note) => ({ text: note })) },
    );
  }
  return {
    pageSize: 'A4',
    pageMargins: [36, 36, 36, 40],
    language: language === 'pl' ? 'pl-PL' : 'en-GB',
    info: {
      title: `${correction ? labels.correctionTitle : labels.invoiceTitle} ${document.number}`,
      author: document.seller.name,
    },
    defaultStyle: { font: 'Roboto', fontSize: FONT_SIZE, lineHeight: 1.15 },
    content,
    footer: (page: number, pages: number): Content => ({
      text: `${document.number} · ${page}/${pages}`,
      alignment: 'right',
      fontSize: 7,
      color: GREY,
      margin: [36, 12, 36, 0],
    }),
  };
}

function heading(document: InvoiceDocument, labels: InvoiceLabels): Content {
  const language = document.language;
  const correction = document.correction;
  const title: Content[] = [
    {
      text: `${correction ? labels.correctionTitle : labels.invoiceTitle} ${document.number}`,
      fontSize: 15,
      bold: true,
    },
  ];
  if (correction) {
    title.push({
      text: `${labels.toInvoice} ${correction.correctedNumber} ${labels.ofDate} ${day(correction.correctedIssueDate, language)}`,
      fontSize: 10,
    });
    if (correction.correctedKsefNumber)
      title.push({ text: `${labels.correctedKsefNumber}: ${correction.correctedKsefNumber}`, color: GREY });
  }
  if (document.ksefNumber) title.push({ text: `${labels.ksefNumber}: ${document.ksefNumber}`, color: GREY });
  const dates: Content[] = [
    { text: [`${labels.issueDate}: `, { text: day(document.issueDate, language), bold: true }] },
    { text: [`${labels.saleDate}: `, { text: day(document.saleDate, language), bold: true }] },
    {
      text: [
        `${labels.billingPeriod}: `,
        { text: `${day(document.periodFrom, language)} – ${day(document.periodTo, language)}`, bold: true },
      ],
    },
  ];
  if (document.delivery === 'email')
    dates.push({ text: labels.eInvoice.toUpperCase(), bold: true, color: '#0b5394', margin: [0, 3, 0, 0] });
  return {
    columns: [
      { stack: title, width: '*' },
      { stack: dates, width: 'auto', alignment: 'right' },
    ],
    columnGap: 12,
  };
}

function parties(document: InvoiceDocument, labels: InvoiceLabels): Content {
  const { seller, buyer } = document;
  const party = (
    title: string,
    lines: string[],
    nip: string | undefined,
    customerNumber?: string,
  ): Content => ({
    stack: [
      { text: title.toUpperCase(), fontSize: 7, color: GREY, bold: true },
      { text: lines[0] ?? '', bold: true },
      ...lines.slice(1).map((line) => ({ text: line })),
      ...(nip ? [{ text: `${labels.nip}: ${nip}` }] : []),
      ...(customerNumber ? [{ text: `${labels.customerNumber}: ${customerNumber}` }] : []),
    ],
  });
  return {
    columns: [
      party(labels.seller, [seller.name, seller.street, `${seller.postalCode} ${seller.city}`], seller.nip),
      party(labels.buyer, [buyer.name, ...buyer.addressLines], buyer.nip, buyer.customerNumber),
    ],
    columnGap: 24,
    margin: [0, 14, 0, 0],
  };
}

const header = (text: string, alignment: 'left' | 'right' = 'left'): TableCell => ({
  text,
  bold: true,
  fillColor: '#eeeeee',
  alignment,
});
const right = (text: string): TableCell => ({ text, alignment: 'right', noWrap: true });

function readingsTable(
  readings: DocumentReading[],
  labels: InvoiceLabels,
  language: DocumentLanguage,
): Content {
  const register = (date: string, litres: number | null, estimated: boolean): TableCell => ({
    text:
      litres === null
        ? `${date}: ${labels.noReading}`
        : `${date}: ${cubicMetres(litres, language)}${estimated ? ` ${labels.estimated}` : ''}`,
    alignment: 'right',
  });
  const body: TableCell[][] = [
    [
      header(labels.meter),
      header(labels.previousReading, 'right'),
      header(labels.currentReading, 'right'),
      header(labels.consumption, 'right'),
    ],
    ...readings.map((reading): TableCell[] => [
      `${reading.meterSerial} (${labels.meterKinds[reading.meterKind]})`,
      register(day(reading.previousDate, language), reading.previousLitres, false),
      register(day(reading.currentDate, language), reading.currentLitres, reading.estimated),
      right(reading.consumptionLitres === null ? '—' : cubicMetres(reading.consumptionLitres, language)),
    ]),
  ];
  return {
    stack: [
      { text: labels.readings, bold: true, margin: [0, 10, 0, 3] },
      {
        table: { headerRows: 1, widths: ['*', 'auto', 'auto', 'auto'], body },
        layout: 'lightHorizontalLines',
      },
    ],
  };
}

/** One block of lines with its VAT summary: the invoice itself, or one of before / after / difference. */
function section(
  title: string | null,
  lines: DocumentLine[],
  summary: DocumentVatRow[],
  totals: DocumentTotals,
  labels: InvoiceLabels,
  language: DocumentLanguage,
): Content {
  const body: TableCell[][] = [
    [
      header(labels.position),
      header(labels.name),
      header(labels.unit),
      header(labels.quantity, 'right'),
      header(labels.unitNetPrice, 'right'),
      header(labels.netValue, 'right'),
      header(labels.vatRate, 'right'),
    ],
    ...lines.map((line): TableCell[] => [
      String(line.position),
      line.estimated ? `${line.name[language]} ${labels.estimatedMarker}` : line.name[language],
      labels.units[line.unit],
      right(quantity(line.quantityThousandths, line.unit, language)),
      right(amount(line.unitPriceGrosze, language)),
      right(amount(line.netGrosze, language)),
      right(vatRate(line.vatRateBasisPoints, language)),
    ]),
  ];
  const stack: Content[] = [];
  if (title) stack.push({ text: title, bold: true, fontSize: 10, margin: [0, 12, 0, 3] });
  stack.push(
    {
      table: { headerRows: 1, widths: ['auto', '*', 'auto', 'auto', 'auto', 'auto', 'auto'], body },
      layout: 'lightHorizontalLines',
      margin: [0, title ? 0 : 12, 0, 0],
    },
    vatSummaryTable(summary, totals, labels, language),
  );
  return { stack };
}

function vatSummaryTable(
  summary: DocumentVatRow[],
  totals: DocumentTotals,
  labels: InvoiceLabels,
  language: DocumentLanguage,
): Content {
  const body: TableCell[][] = [
    [
      header(labels.vatRate),
      header(labels.netValue, 'right'),
      header(labels.vatAmount, 'right'),
      header(labels.grossValue, 'right'),
    ],
    ...summary.map((row): TableCell[] => [
      vatRate(row.vatRateBasisPoints, language),
      right(amount(row.netGrosze, language)),
      right(amount(row.vatGrosze, language)),
      right(amount(row.grossGrosze, language)),
    ]),
    [
      { text: labels.total, bold: true },
      { ...cellOf(amount(totals.net, language)), bold: true },
      { ...cellOf(amount(totals.vat, language)), bold: true },
      { ...cellOf(amount(totals.gross, language)), bold: true },
    ],
  ];
  return {
    columns: [
      { text: labels.vatSummary, width: '*', alignment: 'right', color: GREY, margin: [0, 3, 8, 0] },
      {
        table: { headerRows: 1, widths: [52, 60, 60, 60], body },
        layout: 'lightHorizontalLines',
        width: 'auto',
      },
    ],
    margin: [0, 6, 0, 0],
  };
}

const cellOf = (text: string) => ({ text, alignment: 'right' as const, noWrap: true });

function payment(document: InvoiceDocument, labels: InvoiceLabels): Content {
  const language = document.language;
  const gross = document.totals.gross;
  const refund = gross < 0;
  const due = grosze(Math.abs(gross));
  const stack: Content[] = [
    {
      text: [`${refund ? labels.toRefund : labels.toPay}: `, { text: money(due, language), fontSize: 13 }],
      bold: true,
      fontSize: 11,
    },
    { text: `${labels.inWords}: ${amountInWordsPl(due)}` },
  ];
  if (!refund) {
    stack.push(
      { text: [`${labels.dueDate}: `, { text: day(document.dueDate, language), bold: true }] },
      { text: [`${labels.bankAccount}: `, { text: formatNrb(document.seller.bankAccount), bold: true }] },
    );
  }
  return { stack, margin: [0, 14, 0, 0] };
}
