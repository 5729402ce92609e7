import type { MailMessage } from '../../adapters/mail/index.ts';
import { formatDate, formatMoney, formatNrb, grosze } from '../../domain/index.ts';
import type { InvoiceDocument } from '../invoices/document.ts';
import { portalLink, portalPaths } from './links.ts';

/**
 * The e-mail that carries an e-invoice: Polish by default, English when the customer chose it. The PDF is
 * attached; the text repeats what a customer needs to pay without opening it, and links to the portal.
 */

export interface InvoiceEmailContext {
  publicUrl: string;
  invoiceId: number;
}

/** "FV/2026/11/000001" → "Faktura_FV_2026_11_000001.pdf": no slashes in attachment names. */
export function invoiceFileName(document: Pick<InvoiceDocument, 'number' | 'kind' | 'language'>): string {
  const prefix =
    document.language === 'en'
      ? document.kind === 'correction'
        ? 'Correction'
        : 'Invoice'
      : document.kind === 'correction'
        ? 'Korekta'
        : 'Faktura';
  return `${prefix}_${document.number.replace(/[^A-Za-z0-9-]+/g, '_')}.pdf`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

interface Texts {
  subject: string;
  lines: string[];
}

function polish(document: InvoiceDocument, context: InvoiceEmailContext): Texts {
  const date = (value: string) => formatDate(value as InvoiceDocument['issueDate'], 'pl');
  const gross = document.totals.gross;
  const what =
    document.kind === 'correction'
      ? `fakturę korygującą nr ${document.number}${document.correction ? ` do faktury nr ${document.correction.correctedNumber}` : ''}`
      : `fakturę nr ${document.number}`;
  const payment =
    gross < 0
      ? [`Kwota do zwrotu: ${formatMoney(grosze(Math.abs(gross)), 'pl')}`]
      : [
          `Kwota do zapłaty: ${formatMoney(gross, 'pl')}`,
          `Termin płatności: ${date(document.dueDate)}`,
          `Numer rachunku do wpłat: ${formatNrb(document.seller.bankAccount)}`,
        ];
  return {
    subject: `${document.kind === 'correction' ? 'e-Faktura korygująca' : 'e-Faktura'} nr ${document.number}`,
    lines: [
      'Dzień dobry,',
      '',
      `w załączniku przesyłamy ${what} z dnia ${date(document.issueDate)} za okres ${date(document.periodFrom)} – ${date(document.periodTo)}.`,
      '',
      ...payment,
      '',
      `Fakturę można też obejrzeć i opłacić w iBOK: ${portalLink(context.publicUrl, portalPaths.invoice(context.invoiceId))}`,
      '',
      'Wiadomość została wysłana, ponieważ zaakceptowano otrzymywanie faktur w formie elektronicznej (art. 106n ustawy o VAT).',
      `Akceptację można wycofać w iBOK: ${portalLink(context.publicUrl, portalPaths.eInvoice)}`,
      '',
      'Z poważaniem',
      document.seller.name,
      `${document.seller.street}, ${document.seller.postalCode} ${document.seller.city}`,
    ],
  };
}

function english(document: InvoiceDocument, context: InvoiceEmailContext): Texts {
  const gross = document.totals.gross;
  const what =
    document.kind === 'correction'
      ? `correcting invoice no. ${document.number}${document.correction ? ` to invoice no. ${document.correction.correctedNumber}` : ''}`
      : `invoice no. ${document.number}`;
  const payment =
    gross < 0
      ? [`Amount to be refunded: ${formatMoney(grosze(Math.abs(gross)), 'en')}`]
      : [
          `Amount due: ${formatMoney(gross, 'en')}`,
          `Payment due: ${formatDate(document.dueDate, 'en')}`,
          `Account for payment: ${formatNrb(document.seller.bankAccount)}`,
        ];
  return {
    subject: `${document.kind === 'correction' ? 'Correcting e-invoice' : 'E-invoice'} no. ${document.number}`,
    lines: [
      'Hello,',
      '',
      `please find attached ${what} of ${formatDate(document.issueDate, 'en')} for ${formatDate(document.periodFrom, 'en')} – ${formatDate(document.periodTo, 'en')}.`,
      '',
      ...payment,
      '',
      `You can also view and pay it in iBOK: ${portalLink(context.publicUrl, portalPaths.invoice(context.invoiceId))}`,
      '',
      'You receive this message because electronic invoices were accepted (Polish VAT act, art. 106n).',
      `The acceptance can be withdrawn in iBOK: ${portalLink(context.publicUrl, portalPaths.eInvoice)}`,
      '',
      'Kind regards',
      document.seller.name,
      `${document.seller.street}, ${document.seller.postalCode} ${document.seller.city}`,
    ],
  };
}

/** The message without recipient and attachment bytes; the delivery adds both. */
export function invoiceEmail(
  document: InvoiceDocument,
  context: InvoiceEmailContext,
): Pick<MailMessage, 'subject' | 'text' | 'html'> {
  const texts = document.language === 'en' ? english(document, context) : polish(document, context);
  const html = texts.lines
    .map((line) => (line === '' ? '' : escapeHtml(line).replace(/(https?:\/\/\S+)/g, '<a href="$1">$1</a>')))
    .join('<br>\n');
  return {
    subject: texts.subject,
    text: `${texts.lines.join('\n')}\n`,
    html: `<!doctype html><html lang="${document.language}"><body style="font-family:sans-serif">${html}</body></html>`,
  };
}
