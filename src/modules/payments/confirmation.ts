import type { MailMessage } from '../../adapters/mail/index.ts';
import { formatDate, formatMoney, grosze, type CalendarDate } from '../../domain/index.ts';

/** The confirmation e-mail of a posted online payment, in the customer's language. */
export interface ConfirmationData {
  to: string;
  language: 'pl' | 'en';
  receivedOn: string;
  invoices: Array<{ number: string; amountGrosze: number }>;
  invoicesGrosze: number;
  feeGrosze: number;
}

export function confirmationMessage(data: ConfirmationData): MailMessage {
  const money = (value: number) => formatMoney(grosze(value), data.language);
  const total = money(data.invoicesGrosze + data.feeGrosze);
  const date = formatDate(data.receivedOn as CalendarDate, data.language);
  const invoiceLines = data.invoices
    .map((invoice) => `  ${invoice.number}: ${money(invoice.amountGrosze)}`)
    .join('\n');
  if (data.language === 'en') {
    return {
      to: data.to,
      subject: `Payment received: ${total}`,
      text: `Thank you. We received your online payment of ${total} on ${date}.\n\nInvoices paid:\n${invoiceLines}\nOnline payment fee: ${money(data.feeGrosze)}\nTotal: ${total}\n\nThe invoices are shown as paid in iBOK.\n`,
    };
  }
  return {
    to: data.to,
    subject: `Potwierdzenie płatności: ${total}`,
    text: `Dziękujemy. Otrzymaliśmy Twoją płatność online w kwocie ${total} w dniu ${date}.\n\nOpłacone faktury:\n${invoiceLines}\nOpłata za płatność online: ${money(data.feeGrosze)}\nRazem: ${total}\n\nFaktury są widoczne w iBOK jako opłacone.\n`,
  };
}
