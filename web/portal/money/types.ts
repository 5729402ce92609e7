/** Answer shapes of the portal's money routes (docs/api.md, docs/payments.md); amounts in integer grosze. */

export type InvoiceStatus = 'unpaid' | 'partly_paid' | 'paid' | 'overdue';
export type PaymentChannel = 'online' | 'transfer' | 'cash_desk' | 'refund';
export type OnlinePaymentStatus = 'pending' | 'paid' | 'failed' | 'expired' | 'cancelled';
export type ReadingKind = 'actual' | 'estimated' | 'self_reading';

export const invoiceStatuses: readonly InvoiceStatus[] = ['unpaid', 'overdue', 'partly_paid', 'paid'];

export interface LastReading {
  meterId: number;
  meterSerial: string;
  date: string;
  valueLitres: number;
  kind: ReadingKind;
}

export interface CustomerSummary {
  customerId: number;
  customerNumber: string;
  name: string;
  role: 'holder' | 'manager';
  balanceGrosze: number;
  toPayGrosze: number;
  creditGrosze: number;
  nextDue: { dueDate: string; amountGrosze: number; invoices: { id: number; number: string }[] } | null;
  overdue: { amountGrosze: number; count: number };
  unpaidInvoiceCount: number;
  lastReading: LastReading | null;
  legalizationWarnings: {
    meterId: number;
    serialNumber: string;
    kind: 'main' | 'sub' | 'sewage';
    servicePointId: number;
    expiresOn: string;
    status: 'valid' | 'expiring' | 'expired';
    meaning: { key: string; text: { pl: string; en: string } };
  }[];
  eInvoice: { active: boolean; email: string | null; since: string | null };
}

export interface SummaryAnswer {
  today: string;
  customers: CustomerSummary[];
}

export interface SettlementEntry {
  date: string;
  type: 'invoice' | 'correction' | 'payment';
  id: number;
  number: string | null;
  channel: PaymentChannel | null;
  amountGrosze: number;
  balanceGrosze: number;
  dueDate: string | null;
  status: InvoiceStatus | null;
  outstandingGrosze: number | null;
}

export interface SettlementsAnswer {
  accounts: {
    customerId: number;
    openingBalanceGrosze: number;
    closingBalanceGrosze: number;
    entries: SettlementEntry[];
  }[];
}

export interface InvoiceListItem {
  id: number;
  number: string;
  kind: 'invoice' | 'correction';
  customerId: number;
  servicePointId: number;
  servicePointAddress: string;
  issueDate: string;
  saleDate: string;
  dueDate: string;
  periodFrom: string;
  periodTo: string;
  netGrosze: number;
  vatGrosze: number;
  grossGrosze: number;
  correctionsGrosze: number;
  amountDueGrosze: number;
  paidGrosze: number;
  outstandingGrosze: number;
  status: InvoiceStatus | null;
  correctsInvoiceId: number | null;
  correctsInvoiceNumber: string | null;
  estimated: boolean;
  cancelled: boolean;
  delivery: 'paper' | 'email';
}

export interface InvoiceListAnswer {
  items: InvoiceListItem[];
  page: number;
  pageSize: number;
  total: number;
}

export interface LocalizedText {
  pl: string;
  en: string;
}

export interface InvoiceDetail extends InvoiceListItem {
  buyerName: string;
  buyerAddress: string;
  buyerNip: string | null;
  bankAccount: string;
  correctionReason: string | null;
  notes: LocalizedText[];
  estimate: { from: string; to: string; waterLitres: number; sewageLitres: number } | null;
  lines: {
    position: number;
    kind: string;
    name: LocalizedText;
    unit: 'm3' | 'month';
    quantityThousandths: number;
    unitPriceGrosze: number;
    netGrosze: number;
    vatRateBasisPoints: number;
    periodFrom: string | null;
    periodTo: string | null;
    estimated: boolean;
    correctedQuantityThousandths: number | null;
    correctedNetGrosze: number | null;
  }[];
  vatSummary: { vatRateBasisPoints: number; netGrosze: number; vatGrosze: number; grossGrosze: number }[];
  readings: {
    meterId: number;
    meterSerial: string;
    meterKind: 'main' | 'sub' | 'sewage';
    meterRole: 'main' | 'sewage' | 'garden';
    previousDate: string;
    previousValueLitres: number;
    currentDate: string;
    currentValueLitres: number | null;
    estimated: boolean;
    consumptionLitres: number | null;
  }[];
  corrections: {
    id: number;
    number: string;
    issueDate: string;
    grossGrosze: number;
    reason: string | null;
  }[];
  payments: { paymentId: number; receivedOn: string; channel: PaymentChannel; allocatedGrosze: number }[];
}

export interface PaymentItem {
  id: number;
  customerId: number;
  receivedOn: string;
  amountGrosze: number;
  feeGrosze: number;
  channel: PaymentChannel;
  title: string | null;
  invoices: { id: number; number: string; amountGrosze: number }[];
  unallocatedGrosze: number;
}

export interface PaymentsAnswer {
  items: PaymentItem[];
}

export interface PayableInvoice {
  id: number;
  number: string;
  customerId: number;
  issueDate: string;
  dueDate: string;
  amountDueGrosze: number;
  outstandingGrosze: number;
  paymentInProgress: { paymentId: number; expiresAt: string } | null;
}

export interface PayableAnswer {
  items: PayableInvoice[];
  feeGrosze: number;
}

export interface QuoteAnswer {
  customerId: number;
  invoices: { id: number; number: string; dueDate: string; amountGrosze: number }[];
  invoicesGrosze: number;
  feeGrosze: number;
  totalGrosze: number;
  currency: 'PLN';
}

export interface OnlinePayment {
  id: number;
  customerId: number;
  status: OnlinePaymentStatus;
  provider: string;
  createdAt: string;
  expiresAt: string;
  invoices: { id: number; number: string; amountGrosze: number }[];
  invoicesGrosze: number;
  feeGrosze: number;
  totalGrosze: number;
  currency: 'PLN';
  redirectUrl: string | null;
  paymentId: number | null;
  history: { status: OnlinePaymentStatus; at: string; reason: string | null }[];
}
