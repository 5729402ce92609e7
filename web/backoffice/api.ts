/**
 * The staff API (/api/v1/staff) as the back-office screens use it: answer types (see docs/back-office.md and the
 * OpenAPI document for every field), paths, and the two requests that are not JSON in both directions (a CSV
 * upload and a PDF answer).
 */
import { api, ApiError, toApiError } from '../shared/api.ts';

export const STAFF = '/api/v1/staff';

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

/** Query string of the defined, non-empty values. */
export function query(values: Record<string, string | number | boolean | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

// Customers

export interface CustomerListItem {
  id: number;
  customerNumber: string;
  kind: 'person' | 'company';
  name: string;
  nip: string | null;
  peselMasked: string | null;
  address: string;
  email: string | null;
  phone: string | null;
  servicePointCount: number;
}

export interface Reading {
  id: number;
  date: string;
  valueLitres: number;
  source: 'staff' | 'amr' | 'customer' | 'estimate';
  status: 'pending' | 'accepted' | 'rejected' | 'superseded';
  statusReason: string | null;
}

export interface Meter {
  id: number;
  servicePointId: number;
  serialNumber: string;
  kind: 'main' | 'sub' | 'sewage';
  registerDigits: number;
  installedOn: string;
  installReadingLitres: number;
  removedOn: string | null;
  removalReadingLitres: number | null;
  active: boolean;
  legalizationYear: number;
  legalizationExpiresOn: string;
  legalizationStatus: 'valid' | 'expiring' | 'expired';
}

export type InvoiceStatus = 'unpaid' | 'partly_paid' | 'paid' | 'overdue';

export interface CustomerView {
  customer: {
    id: number;
    customerNumber: string;
    kind: 'person' | 'company';
    name: string;
    peselMasked: string | null;
    nip: string | null;
    email: string | null;
    phone: string | null;
    addressLine: string;
    language: 'pl' | 'en';
    activationCodeIssued: boolean;
    createdAt: string;
  };
  account: {
    balanceGrosze: number;
    toPayGrosze: number;
    creditGrosze: number;
    nextDue: { dueDate: string; amountGrosze: number } | null;
    overdue: { amountGrosze: number; count: number };
    unpaidInvoiceCount: number;
  };
  contracts: {
    id: number;
    number: string;
    servicePointId: number;
    servicePointCode: string;
    services: 'water' | 'sewage' | 'water_and_sewage';
    signedOn: string;
    validFrom: string;
    validTo: string | null;
    active: boolean;
  }[];
  servicePoints: {
    id: number;
    code: string;
    address: string;
    customerGroup: string;
    billingCycleMonths: number;
    meters: (Meter & { readings: Reading[] })[];
  }[];
  invoices: {
    id: number;
    number: string;
    kind: 'invoice' | 'correction';
    issueDate: string;
    dueDate: string;
    periodFrom: string;
    periodTo: string;
    netGrosze: number;
    vatGrosze: number;
    grossGrosze: number;
    outstandingGrosze: number;
    status: InvoiceStatus | null;
    estimated: boolean;
    cancelled: boolean;
    correctsInvoiceNumber: string | null;
    correctionReason: string | null;
  }[];
  payments: {
    id: number;
    channel: 'online' | 'transfer' | 'cash_desk' | 'refund';
    amountGrosze: number;
    receivedOn: string;
    title: string | null;
    reference: string | null;
    allocatedGrosze: number;
  }[];
  eInvoiceConsents: {
    id: number;
    action: 'granted' | 'withdrawn';
    channel: 'portal' | 'paper';
    email: string | null;
    recordedAt: string;
  }[];
  logins: {
    id: number;
    email: string;
    role: 'holder' | 'manager';
    emailVerified: boolean;
    twoFactor: boolean;
    lastLoginAt: string | null;
    disabled: boolean;
    locked: boolean;
  }[];
  notifications: {
    id: number;
    kind: string;
    channel: 'email' | 'sms';
    recipient: string;
    subject: string;
    status: string;
    createdAt: string;
  }[];
  counts: { invoices: number; payments: number; notifications: number };
}

export interface MeterReplaceInput {
  date: string;
  finalReadingM3: string;
  newMeter: {
    serialNumber: string;
    installReadingM3: string;
    registerDigits: number;
    legalizationYear: number;
  };
}

// Readings

export type RejectionReason =
  | 'malformed_line'
  | 'malformed_date'
  | 'malformed_value'
  | 'unknown_source'
  | 'unknown_meter'
  | 'meter_not_installed'
  | 'future_date'
  | 'below_previous'
  | 'above_following'
  | 'duplicate';

export interface ImportReport {
  batchId: number;
  fileName: string;
  importedAt: string;
  alreadyImported: boolean;
  lines: number;
  accepted: number;
  pendingReview: number;
  rejected: number;
  rejections: { line: number; reason: RejectionReason; detail: string; content: string }[];
}

export interface ImportBatch {
  id: number;
  fileName: string;
  importedAt: string;
  importedBy: string | null;
  lines: number;
  accepted: number;
  pendingReview: number;
  rejected: number;
}

export interface ReviewItem {
  id: number;
  meterSerial: string;
  date: string;
  valueLitres: number;
  source: 'customer' | 'staff' | 'amr';
  reviewNote: string | null;
  submittedBy: string | null;
  servicePointAddress: string;
  customer: { id: number; customerNumber: string; name: string } | null;
  previous: { date: string; valueLitres: number; installation: boolean };
  consumptionLitres: number;
  days: number;
  dailyLitres: number;
}

// Billing

export interface RunStatus {
  period: string;
  job: {
    id: number;
    status: 'queued' | 'running' | 'done' | 'failed';
    attempts: number;
    maxAttempts: number;
    lastError: string | null;
    issueDate: string | null;
    queuedAt: string;
  } | null;
  run: {
    id: number;
    status: 'running' | 'completed' | 'failed';
    servicePointCount: number;
    invoiceCount: number;
    startedAt: string;
    finishedAt: string | null;
    lastError: string | null;
    startedBy: string | null;
  } | null;
  percent: number;
}

export interface RunSummary {
  period: string;
  status: 'running' | 'completed' | 'failed';
  servicePointCount: number;
  notBilledCount: number;
  lastError: string | null;
  invoiceCount: number;
  netGrosze: number;
  vatGrosze: number;
  grossGrosze: number;
  estimatedCount: number;
  emailCount: number;
  paperCount: number;
  correctionCount: number;
  correctionGrossGrosze: number;
  anomalies: {
    invoiceId: number;
    invoiceNumber: string;
    customerId: number;
    customerName: string;
    servicePointAddress: string;
    periodFrom: string;
    periodTo: string;
    estimated: boolean;
    consumptionLitres: number;
    dailyLitres: number;
    averageDailyLitres: number;
    ratio: number;
  }[];
}

export interface CorrectionResult {
  correctionId: number;
  number: string;
  correctedInvoiceNumber: string;
  grossBeforeGrosze: number;
  grossAfterGrosze: number;
  differenceGrosze: number;
}

// Payments

export interface UnmatchedItem {
  id: number;
  importId: number;
  fileName: string;
  line: number;
  bookedOn: string;
  amountGrosze: number;
  title: string;
  counterpartyName: string | null;
  counterpartyAccount: string | null;
  reference: string;
}

// Audit

export interface AuditEntry {
  id: number;
  occurredAt: string;
  actorKind: 'staff' | 'customer' | 'system';
  actorName: string | null;
  actorEmail: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

// Requests that are not JSON

/** The CSRF token of the staff session, asked for right before an upload (the shared client keeps its own). */
async function staffCsrfToken(): Promise<string> {
  const session = await api.get<{ csrfToken: string }>(`${STAFF}/auth/session`);
  return session.csrfToken;
}

async function rawRequest(path: string, init: { body?: BodyInit; contentType?: string }): Promise<Response> {
  const headers: Record<string, string> = { 'X-CSRF-Token': await staffCsrfToken() };
  if (init.contentType) headers['Content-Type'] = init.contentType;
  if (document.documentElement.lang) headers['Accept-Language'] = document.documentElement.lang;
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers,
      body: init.body ?? null,
    });
  } catch {
    throw new ApiError(0, 'network', 'Brak połączenia z serwerem.');
  }
  if (!response.ok) {
    let payload: unknown;
    try {
      payload = await response.json();
    } catch {
      payload = undefined;
    }
    throw toApiError(response.status, payload);
  }
  return response;
}

/** POST /reading-imports with the file as the body (text/csv). */
export async function uploadReadings(file: File): Promise<ImportReport> {
  const response = await rawRequest(`${STAFF}/reading-imports${query({ fileName: file.name })}`, {
    body: file,
    contentType: 'text/csv',
  });
  return (await response.json()) as ImportReport;
}

/** POST /customers/{id}/activation-letter: the PDF, as a blob for a download link. */
export async function activationLetter(customerId: number): Promise<Blob> {
  const response = await rawRequest(`${STAFF}/customers/${customerId}/activation-letter`, {});
  return response.blob();
}
