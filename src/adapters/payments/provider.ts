/**
 * One interface for every payment provider (Przelewy24, PayU, the local sandbox). The payments service speaks
 * only to this; each provider folder translates it to its protocol. Amounts are integer grosze, PLN only.
 */
export type ProviderName = 'sandbox' | 'przelewy24' | 'payu';

export const providerNames: readonly ProviderName[] = ['sandbox', 'przelewy24', 'payu'];

export const isProviderName = (value: string): value is ProviderName =>
  (providerNames as readonly string[]).includes(value);

export interface PaymentLine {
  name: string;
  amountGrosze: number;
}

export interface CreatePaymentRequest {
  /** Our random session id: the provider echoes it in notifications. */
  sessionId: string;
  amountGrosze: number;
  currency: 'PLN';
  description: string;
  /** What the amount consists of (the invoices and the fee), for providers that list products. */
  lines: PaymentLine[];
  email: string;
  language: 'pl' | 'en';
  customerIp: string;
  /** Where the customer's browser comes back to. */
  returnUrl: string;
  /** Our webhook for this provider. */
  notifyUrl: string;
  /** After this the provider must refuse to take the money. */
  expiresInMinutes: number;
}

export interface CreatedPayment {
  redirectUrl: string;
  /** The provider's handle for the checkout (Przelewy24 token, PayU order id). */
  providerToken: string;
}

export interface IncomingNotification {
  /** The body exactly as received: signatures are computed over it. */
  rawBody: string;
  headers: Record<string, string | string[] | undefined>;
}

/** A notification whose signature was checked: its fields are what the provider really said. */
export interface ParsedNotification {
  sessionId: string;
  providerOrderId: string;
  amountGrosze: number;
  currency: string;
  /** 'paid': money taken (still to be verified where the protocol requires it); 'failed': declined/cancelled. */
  outcome: 'paid' | 'failed' | 'pending';
}

export interface AttemptReference {
  sessionId: string;
  amountGrosze: number;
  currency: 'PLN';
  providerToken: string | null;
  providerOrderId: string | null;
}

export type ProviderStatus =
  | { state: 'paid'; providerOrderId: string }
  | { state: 'pending' }
  | { state: 'failed' }
  | { state: 'unknown' };

export interface PaymentProvider {
  readonly name: ProviderName;
  /** Registers the payment with the provider and returns where to send the customer. */
  create(request: CreatePaymentRequest): Promise<CreatedPayment>;
  /** Checks the notification's signature and parses it; throws NotificationRejected when it cannot be trusted. */
  handleNotification(notification: IncomingNotification): Promise<ParsedNotification>;
  /** Confirms with the provider that the notified payment is real and settles it (Przelewy24 verify call). */
  verify(attempt: AttemptReference, notification: ParsedNotification): Promise<void>;
  /** Asks the provider what became of an attempt (used before expiring it). */
  status(attempt: AttemptReference): Promise<ProviderStatus>;
}

/** Why a notification was refused; the reason is recorded for staff, never the body's secrets. */
export type RejectionReason =
  | 'bad_signature'
  | 'malformed'
  | 'wrong_merchant'
  | 'unknown_session'
  | 'amount_mismatch'
  | 'currency_mismatch';

export class NotificationRejected extends Error {
  constructor(
    readonly reason: RejectionReason,
    message: string,
    /** What could be read before the notification was refused (for the staff record). */
    readonly claimed: {
      sessionId?: string;
      providerOrderId?: string;
      amountGrosze?: number;
      currency?: string;
    } = {},
  ) {
    super(message);
    this.name = 'NotificationRejected';
  }
}

/** The provider could not be reached or answered with an error: nothing was settled, try again later. */
export class ProviderError extends Error {
  constructor(
    readonly provider: ProviderName,
    message: string,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}
