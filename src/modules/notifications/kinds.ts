import { z } from 'zod';

/**
 * What a customer can be notified about. Each kind has its own preference (per channel); the payload is the
 * data captured when the event was found, from which the message is written at sending time.
 */
export const NOTIFICATION_KINDS = [
  'invoice_issued',
  'payment_due',
  'payment_overdue',
  'payment_received',
  'meter_legalization',
  'self_reading_window',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const CHANNELS = ['email', 'sms'] as const;
export type ChannelName = (typeof CHANNELS)[number];

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const amount = z.number().int();

export const payloadSchemas = {
  invoice_issued: z.object({
    invoiceId: z.number().int(),
    number: z.string(),
    grossGrosze: amount,
    dueDate: date,
    periodFrom: date,
    periodTo: date,
  }),
  payment_due: z.object({
    invoiceId: z.number().int(),
    number: z.string(),
    amountDueGrosze: amount,
    dueDate: date,
  }),
  payment_overdue: z.object({
    invoiceId: z.number().int(),
    number: z.string(),
    amountDueGrosze: amount,
    dueDate: date,
  }),
  payment_received: z.object({ paymentId: z.number().int(), amountGrosze: amount, receivedOn: date }),
  meter_legalization: z.object({
    stage: z.enum(['90_days', '30_days', 'expired']),
    meterId: z.number().int(),
    serialNumber: z.string(),
    meterKind: z.enum(['main', 'sub', 'sewage']),
    expiresOn: date,
    address: z.string(),
  }),
  self_reading_window: z.object({ servicePointId: z.number().int(), address: z.string(), periodTo: date }),
} as const satisfies Record<NotificationKind, z.ZodType>;

export type NotificationPayload<K extends NotificationKind = NotificationKind> = z.infer<
  (typeof payloadSchemas)[K]
>;

/** One event found for one customer; `eventKey` identifies it across scans (never notified twice per channel). */
export type NotificationEvent = {
  [K in NotificationKind]: { customerId: number; kind: K; eventKey: string; payload: NotificationPayload<K> };
}[NotificationKind];

/** Reads a stored payload back; a row written by an older version that no longer fits is refused loudly. */
export function parsePayload<K extends NotificationKind>(kind: K, payload: unknown): NotificationPayload<K> {
  return payloadSchemas[kind].parse(payload) as NotificationPayload<K>;
}

export function isNotificationKind(value: string): value is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(value);
}
