import type { DocumentLanguage } from '../../modules/invoices/document.ts';

/** Every fixed text printed on an invoice, in Polish (the legal language of the document) and English. */
export interface InvoiceLabels {
  invoiceTitle: string;
  correctionTitle: string;
  toInvoice: string;
  ofDate: string;
  ksefNumber: string;
  correctedKsefNumber: string;
  correctionReason: string;
  seller: string;
  buyer: string;
  nip: string;
  customerNumber: string;
  servicePoint: string;
  issueDate: string;
  saleDate: string;
  billingPeriod: string;
  readings: string;
  meter: string;
  meterKinds: { main: string; sub: string; sewage: string };
  previousReading: string;
  currentReading: string;
  consumption: string;
  estimated: string;
  estimatedMarker: string;
  noReading: string;
  position: string;
  name: string;
  unit: string;
  units: { m3: string; month: string };
  quantity: string;
  unitNetPrice: string;
  netValue: string;
  vatRate: string;
  vatAmount: string;
  grossValue: string;
  vatSummary: string;
  total: string;
  linesBefore: string;
  linesAfter: string;
  linesDifference: string;
  toPay: string;
  toRefund: string;
  inWords: string;
  dueDate: string;
  bankAccount: string;
  eInvoice: string;
  notes: string;
}

const pl: InvoiceLabels = {
  invoiceTitle: 'Faktura VAT nr',
  correctionTitle: 'Faktura korygująca nr',
  toInvoice: 'do faktury nr',
  ofDate: 'z dnia',
  ksefNumber: 'Numer KSeF',
  correctedKsefNumber: 'Numer KSeF faktury korygowanej',
  correctionReason: 'Przyczyna korekty',
  seller: 'Sprzedawca',
  buyer: 'Nabywca',
  nip: 'NIP',
  customerNumber: 'Numer klienta',
  servicePoint: 'Miejsce dostarczania wody i odbioru ścieków',
  issueDate: 'Data wystawienia',
  saleDate: 'Data sprzedaży',
  billingPeriod: 'Okres rozliczeniowy',
  readings: 'Odczyty wodomierzy',
  meter: 'Wodomierz',
  meterKinds: { main: 'główny', sub: 'podlicznik', sewage: 'ścieków' },
  previousReading: 'Odczyt poprzedni',
  currentReading: 'Odczyt bieżący',
  consumption: 'Zużycie [m³]',
  estimated: 'szacunkowy',
  estimatedMarker: '(szac.)',
  noReading: 'brak odczytu',
  position: 'Lp.',
  name: 'Nazwa towaru lub usługi',
  unit: 'J.m.',
  units: { m3: 'm³', month: 'mies.' },
  quantity: 'Ilość',
  unitNetPrice: 'Cena jedn. netto',
  netValue: 'Wartość netto',
  vatRate: 'Stawka VAT',
  vatAmount: 'Kwota VAT',
  grossValue: 'Wartość brutto',
  vatSummary: 'Podsumowanie według stawek VAT',
  total: 'Razem',
  linesBefore: 'Przed korektą',
  linesAfter: 'Po korekcie',
  linesDifference: 'Różnica (korekta)',
  toPay: 'Do zapłaty',
  toRefund: 'Do zwrotu',
  inWords: 'Słownie',
  dueDate: 'Termin płatności',
  bankAccount: 'Numer rachunku do wpłat',
  eInvoice: 'e-faktura',
  notes: 'Uwagi',
};

const en: InvoiceLabels = {
  invoiceTitle: 'VAT invoice no.',
  correctionTitle: 'Correcting invoice no.',
  toInvoice: 'to invoice no.',
  ofDate: 'of',
  ksefNumber: 'KSeF number',
  correctedKsefNumber: 'KSeF number of the corrected invoice',
  correctionReason: 'Reason for correction',
  seller: 'Seller',
  buyer: 'Buyer',
  nip: 'Tax ID (NIP)',
  customerNumber: 'Customer number',
  servicePoint: 'Water supply and sewage collection point',
  issueDate: 'Issue date',
  saleDate: 'Date of supply',
  billingPeriod: 'Billing period',
  readings: 'Meter readings',
  meter: 'Meter',
  meterKinds: { main: 'main', sub: 'sub-meter', sewage: 'sewage' },
  previousReading: 'Previous reading',
  currentReading: 'Current reading',
  consumption: 'Consumption [m³]',
  estimated: 'estimated',
  estimatedMarker: '(est.)',
  noReading: 'no reading',
  position: 'No.',
  name: 'Goods or service',
  unit: 'Unit',
  units: { m3: 'm³', month: 'month' },
  quantity: 'Quantity',
  unitNetPrice: 'Unit net price',
  netValue: 'Net value',
  vatRate: 'VAT rate',
  vatAmount: 'VAT amount',
  grossValue: 'Gross value',
  vatSummary: 'Summary by VAT rate',
  total: 'Total',
  linesBefore: 'Before correction',
  linesAfter: 'After correction',
  linesDifference: 'Difference (correction)',
  toPay: 'Amount due',
  toRefund: 'To be refunded',
  inWords: 'In words (PL)',
  dueDate: 'Payment due',
  bankAccount: 'Account for payment',
  eInvoice: 'e-invoice',
  notes: 'Notes',
};

export const invoiceLabels: Record<DocumentLanguage, InvoiceLabels> = { pl, en };
