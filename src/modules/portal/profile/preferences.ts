import type { Localized } from '../../../http/language.ts';
import type { NotificationKind } from '../../notifications/kinds.ts';

/**
 * Labels of the notification kinds for the profile page. The kinds, their defaults and their storage belong
 * to the notifications module; a new kind there fails the type check here until it has a label.
 */
export const NOTIFICATION_LABELS: Record<NotificationKind, Localized> = {
  invoice_issued: { pl: 'Nowa faktura', en: 'New invoice' },
  payment_due: { pl: 'Przypomnienie o terminie płatności', en: 'Payment due reminder' },
  payment_overdue: { pl: 'Zaległa płatność', en: 'Overdue payment' },
  payment_received: { pl: 'Potwierdzenie wpłaty', en: 'Payment received' },
  meter_legalization: { pl: 'Koniec legalizacji wodomierza', en: 'Meter legalization ending' },
  self_reading_window: { pl: 'Termin samoodczytu', en: 'Self-reading window' },
};
