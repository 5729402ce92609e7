/** Answers of the portal API used by the usage pages (docs/api.md, "Answer shapes"). */

export interface LocalizedText {
  pl: string;
  en: string;
}

export interface ConsumptionVolumes {
  waterLitres: number;
  sewageLitres: number;
  subMeterLitres: number;
  coveredDays: number;
  averageDailyWaterLitres: number | null;
}

export interface ConsumptionMonth extends ConsumptionVolumes {
  month: string;
  from: string;
  to: string;
  days: number;
}

export interface ConsumptionAnswer {
  from: string;
  to: string;
  months: (ConsumptionMonth & { previousYear: ConsumptionMonth })[];
  totals: ConsumptionVolumes & { days: number };
  previousYear: { from: string; to: string; totals: ConsumptionVolumes & { days: number } };
}

export type MeterKind = 'main' | 'sub' | 'sewage';
export type ReadingKind = 'actual' | 'estimated' | 'self_reading';
export type ReadingStatus = 'accepted' | 'pending' | 'rejected';

export interface Reading {
  id: number;
  date: string;
  valueLitres: number;
  source: string;
  kind: ReadingKind;
  status: ReadingStatus;
  rejectionReason: string | null;
  submittedByYou: boolean;
  previousDate: string | null;
  consumptionLitres: number | null;
  days: number | null;
  averageDailyLitres: number | null;
}

export interface ReadingsAnswer {
  meters: {
    meterId: number;
    serialNumber: string;
    kind: MeterKind;
    servicePointId: number;
    active: boolean;
    readings: Reading[];
  }[];
}

export interface SelfReadingAnswer {
  id: number;
  date: string;
  valueLitres: number;
  review: { flagged: boolean; reasons: { code: string; text: LocalizedText }[] };
}

export type LegalizationStatus = 'valid' | 'expiring' | 'expired';

export interface Meter {
  id: number;
  serialNumber: string;
  kind: MeterKind;
  servicePointId: number;
  servicePointCode: string;
  servicePointAddress: string;
  installedOn: string;
  removedOn: string | null;
  active: boolean;
  legalizationYear: number;
  legalizationExpiresOn: string;
  legalizationStatus: LegalizationStatus;
  daysToExpiry: number;
  meaning: { key: string; text: LocalizedText };
}

export interface MetersAnswer {
  meters: Meter[];
}

export interface Channels {
  email: boolean;
  sms: boolean;
}

export interface Address {
  street: string;
  building: string;
  apartment: string | null;
  postalCode: string;
  city: string;
}

export interface ProfileCustomer {
  customerId: number;
  customerNumber: string;
  name: string;
  role: 'holder' | 'manager';
  kind: 'person' | 'company';
  editable: boolean;
  contact: {
    email: string | null;
    phone: string | null;
    nip: string | null;
    address: Address;
    mailingAddress: Address | null;
  } | null;
  notificationPreferences: Record<string, Channels>;
}

export interface ProfileAnswer {
  login: { email: string; language: 'pl' | 'en' };
  notificationKinds: { kind: string; label: LocalizedText }[];
  customers: ProfileCustomer[];
}

export interface SessionsAnswer {
  sessions: {
    id: number;
    createdAt: string;
    lastSeenAt: string;
    ip: string | null;
    userAgent: string | null;
    current: boolean;
  }[];
}

export interface Terms {
  version: string;
  effectiveFrom: string;
  title: string;
  body: string;
}

export interface ConsentStatus {
  customerId: number;
  customerNumber: string;
  name: string;
  active: boolean;
  email: string | null;
  since: string | null;
  channel: 'portal' | 'paper' | null;
  termsVersion: string | null;
}

export interface EInvoiceAnswer {
  terms: Terms | null;
  suggestedEmail: string;
  customers: ConsentStatus[];
}

/** The part of the data export (GET /me/export.json) the e-invoice page reads: the consent history. */
/** GET /api/v1/me/e-invoice/history */
export interface ConsentHistoryAnswer {
  customerId: number;
  /** Newest first. */
  entries: {
    action: 'granted' | 'withdrawn';
    channel: 'portal' | 'paper';
    email: string | null;
    termsVersion: string | null;
    recordedAt: string;
    paperReceivedOn: string | null;
  }[];
}
