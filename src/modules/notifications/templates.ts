import { formatDate, formatMoney, grosze, type CalendarDate } from '../../domain/index.ts';
import type { Language } from '../../http/language.ts';
import { portalLink, portalPaths } from '../e-invoices/links.ts';
import type { NotificationEvent, NotificationKind, NotificationPayload } from './kinds.ts';

/**
 * The text of every notification, in Polish and English. Subjects are short enough for a phone's list of
 * messages; the body says what happened, what to do, and links to the portal page where it can be done.
 */

export interface TemplateContext {
  publicUrl: string;
  sellerName: string;
}

export interface RenderedNotification {
  subject: string;
  text: string;
}

type Template<K extends NotificationKind> = (
  payload: NotificationPayload<K>,
  context: TemplateContext,
) => { subject: string; lines: string[] };

const plDate = (value: string) => formatDate(value as CalendarDate, 'pl');
const enDate = (value: string) => formatDate(value as CalendarDate, 'en');
const pln = (value: number, language: Language) => formatMoney(grosze(value), language);
const link = (context: TemplateContext, path: string) => portalLink(context.publicUrl, path);

const meterNames = {
  pl: { main: 'wodomierza głównego', sub: 'podlicznika', sewage: 'wodomierza ścieków' },
  en: { main: 'main water meter', sub: 'sub-meter', sewage: 'sewage meter' },
} as const;

const polish: { [K in NotificationKind]: Template<K> } = {
  invoice_issued: (payload, context) => ({
    subject: `Nowa faktura ${payload.number}`,
    lines: [
      `wystawiliśmy fakturę nr ${payload.number} za okres ${plDate(payload.periodFrom)} – ${plDate(payload.periodTo)} na kwotę ${pln(payload.grossGrosze, 'pl')}, z terminem płatności ${plDate(payload.dueDate)}.`,
      `Fakturę można obejrzeć, pobrać i opłacić w iBOK: ${link(context, portalPaths.invoice(payload.invoiceId))}`,
    ],
  }),
  payment_due: (payload, context) => ({
    subject: `Termin płatności faktury ${payload.number}: ${plDate(payload.dueDate)}`,
    lines: [
      `przypominamy, że ${plDate(payload.dueDate)} mija termin płatności faktury nr ${payload.number}. Pozostało do zapłaty: ${pln(payload.amountDueGrosze, 'pl')}.`,
      `Zapłacić można w iBOK: ${link(context, portalPaths.invoice(payload.invoiceId))}`,
      'Jeśli płatność została już wysłana, prosimy zignorować tę wiadomość.',
    ],
  }),
  payment_overdue: (payload, context) => ({
    subject: `Nieopłacona faktura ${payload.number}`,
    lines: [
      `termin płatności faktury nr ${payload.number} minął ${plDate(payload.dueDate)}. Pozostało do zapłaty: ${pln(payload.amountDueGrosze, 'pl')}.`,
      `Prosimy o wpłatę; można jej dokonać w iBOK: ${link(context, portalPaths.invoice(payload.invoiceId))}`,
      'Jeśli płatność została już wysłana, prosimy zignorować tę wiadomość.',
    ],
  }),
  payment_received: (payload, context) => ({
    subject: `Otrzymaliśmy wpłatę ${pln(payload.amountGrosze, 'pl')}`,
    lines: [
      `dziękujemy: ${plDate(payload.receivedOn)} zaksięgowaliśmy wpłatę ${pln(payload.amountGrosze, 'pl')}.`,
      `Rozliczenia i historia wpłat: ${link(context, portalPaths.payments)}`,
    ],
  }),
  meter_legalization: (payload, context) => {
    const meter = `${meterNames.pl[payload.meterKind]} nr ${payload.serialNumber} (${payload.address})`;
    const expired = payload.stage === 'expired';
    return {
      subject: expired
        ? `Legalizacja ${meterNames.pl[payload.meterKind]} wygasła`
        : `Legalizacja ${meterNames.pl[payload.meterKind]} wygasa ${plDate(payload.expiresOn)}`,
      lines: [
        expired
          ? `ważność legalizacji ${meter} upłynęła ${plDate(payload.expiresOn)}.`
          : `ważność legalizacji ${meter} upływa ${plDate(payload.expiresOn)}.`,
        payload.meterKind === 'sub'
          ? 'Podlicznik bez ważnej legalizacji nie pomniejsza opłaty za ścieki: prosimy o jego wymianę lub ponowną legalizację i zgłoszenie tego do nas.'
          : 'Skontaktujemy się w sprawie wymiany wodomierza; prosimy o udostępnienie do niego dostępu.',
        `Wodomierze i terminy legalizacji: ${link(context, portalPaths.meters)}`,
      ],
    };
  },
  self_reading_window: (payload, context) => ({
    subject: 'Czas na samoodczyt wodomierza',
    lines: [
      `okres rozliczeniowy dla ${payload.address} kończy się ${plDate(payload.periodTo)}. Można już podać stan wodomierza (samoodczyt), aby faktura była wystawiona według rzeczywistego zużycia, a nie szacunku.`,
      `Samoodczyt w iBOK: ${link(context, portalPaths.selfReading)}`,
    ],
  }),
};

const english: { [K in NotificationKind]: Template<K> } = {
  invoice_issued: (payload, context) => ({
    subject: `New invoice ${payload.number}`,
    lines: [
      `we have issued invoice no. ${payload.number} for ${enDate(payload.periodFrom)} – ${enDate(payload.periodTo)}, amounting to ${pln(payload.grossGrosze, 'en')}, payment due ${enDate(payload.dueDate)}.`,
      `View, download and pay it in iBOK: ${link(context, portalPaths.invoice(payload.invoiceId))}`,
    ],
  }),
  payment_due: (payload, context) => ({
    subject: `Invoice ${payload.number} is due on ${enDate(payload.dueDate)}`,
    lines: [
      `a reminder that invoice no. ${payload.number} is due on ${enDate(payload.dueDate)}. Amount outstanding: ${pln(payload.amountDueGrosze, 'en')}.`,
      `Pay in iBOK: ${link(context, portalPaths.invoice(payload.invoiceId))}`,
      'If you have already paid, please ignore this message.',
    ],
  }),
  payment_overdue: (payload, context) => ({
    subject: `Unpaid invoice ${payload.number}`,
    lines: [
      `invoice no. ${payload.number} was due on ${enDate(payload.dueDate)}. Amount outstanding: ${pln(payload.amountDueGrosze, 'en')}.`,
      `Please pay it; you can do so in iBOK: ${link(context, portalPaths.invoice(payload.invoiceId))}`,
      'If you have already paid, please ignore this message.',
    ],
  }),
  payment_received: (payload, context) => ({
    subject: `Payment of ${pln(payload.amountGrosze, 'en')} received`,
    lines: [
      `thank you: on ${enDate(payload.receivedOn)} we booked your payment of ${pln(payload.amountGrosze, 'en')}.`,
      `Settlements and payment history: ${link(context, portalPaths.payments)}`,
    ],
  }),
  meter_legalization: (payload, context) => {
    const meter = `${meterNames.en[payload.meterKind]} no. ${payload.serialNumber} (${payload.address})`;
    const expired = payload.stage === 'expired';
    return {
      subject: expired
        ? `The legalization of your ${meterNames.en[payload.meterKind]} has expired`
        : `The legalization of your ${meterNames.en[payload.meterKind]} expires on ${enDate(payload.expiresOn)}`,
      lines: [
        expired
          ? `the legalization of the ${meter} expired on ${enDate(payload.expiresOn)}.`
          : `the legalization of the ${meter} expires on ${enDate(payload.expiresOn)}.`,
        payload.meterKind === 'sub'
          ? 'A sub-meter without valid legalization no longer reduces the sewage charge: please have it replaced or legalized again and let us know.'
          : 'We will contact you to replace the meter; please make it accessible.',
        `Meters and legalization dates: ${link(context, portalPaths.meters)}`,
      ],
    };
  },
  self_reading_window: (payload, context) => ({
    subject: 'Time to read your water meter',
    lines: [
      `the billing period for ${payload.address} ends on ${enDate(payload.periodTo)}. You can now submit your meter reading, so that the invoice uses your actual consumption rather than an estimate.`,
      `Submit it in iBOK: ${link(context, portalPaths.selfReading)}`,
    ],
  }),
};

function renderWith<K extends NotificationKind>(
  templates: { [T in NotificationKind]: Template<T> },
  kind: K,
  payload: NotificationPayload<K>,
  context: TemplateContext,
) {
  return (templates[kind] as Template<K>)(payload, context);
}

export function renderNotification(
  event: Pick<NotificationEvent, 'kind' | 'payload'>,
  language: Language,
  context: TemplateContext,
): RenderedNotification {
  const { subject, lines } = renderWith(
    language === 'en' ? english : polish,
    event.kind,
    event.payload,
    context,
  );
  const greeting = language === 'en' ? 'Hello,' : 'Dzień dobry,';
  const preferences =
    language === 'en'
      ? `You can choose which notifications you receive in iBOK: ${link(context, portalPaths.notifications)}`
      : `Powiadomienia można wyłączyć lub włączyć w iBOK: ${link(context, portalPaths.notifications)}`;
  const closing = language === 'en' ? 'Kind regards' : 'Z poważaniem';
  const text = [
    greeting,
    '',
    ...lines.flatMap((line) => [line, '']),
    preferences,
    '',
    closing,
    context.sellerName,
  ].join('\n');
  return { subject, text: `${text}\n` };
}

/** The subject alone, stored with the notification when it is created (it is shown in the back office). */
export function notificationSubject(
  event: Pick<NotificationEvent, 'kind' | 'payload'>,
  language: Language,
): string {
  return renderWith(language === 'en' ? english : polish, event.kind, event.payload, {
    publicUrl: '',
    sellerName: '',
  }).subject;
}
