import { AppError } from '../../http/errors.ts';
import { localize, type Language } from '../../http/language.ts';
import { alreadyPaid, conflictError, inProgress, notFoundError, notPayable, text } from './messages.ts';
import type { PayableInvoice } from './payable.ts';

/** What the customer confirms before going to the provider: the invoices, the fee as its own line, the total. */
export interface Quote {
  customerId: number;
  invoices: Array<{ id: number; number: string; dueDate: string; amountGrosze: number }>;
  invoicesGrosze: number;
  feeGrosze: number;
  totalGrosze: number;
  currency: 'PLN';
}

/**
 * Checks the chosen invoices (found in the caller's scope, payable, unpaid, not in another payment, one
 * customer) and prices the payment: each invoice for what is still due, plus the fee, which never reduces them.
 */
export function buildQuote(
  found: readonly PayableInvoice[],
  requestedIds: readonly number[],
  feeGrosze: number,
  language: Language,
): Quote {
  const byId = new Map(found.map((invoice) => [invoice.id, invoice]));
  const chosen: PayableInvoice[] = [];
  for (const id of new Set(requestedIds)) {
    const invoice = byId.get(id);
    if (!invoice) throw notFoundError(text.invoiceNotFound, language);
    const field = { invoiceIds: '' };
    if (invoice.kind !== 'invoice' || invoice.cancelled) {
      field.invoiceIds = localize(notPayable(invoice.number), language);
      throw conflictError(notPayable(invoice.number), language, field);
    }
    if (invoice.outstandingGrosze <= 0) {
      field.invoiceIds = localize(alreadyPaid(invoice.number), language);
      throw conflictError(alreadyPaid(invoice.number), language, field);
    }
    if (invoice.paymentInProgress) {
      field.invoiceIds = localize(inProgress(invoice.number), language);
      throw conflictError(inProgress(invoice.number), language, field);
    }
    chosen.push(invoice);
  }
  const customers = new Set(chosen.map((invoice) => invoice.customerId));
  if (customers.size !== 1) throw new AppError('bad_request', localize(text.oneCustomer, language));
  const invoicesGrosze = chosen.reduce((sum, invoice) => sum + invoice.outstandingGrosze, 0);
  return {
    customerId: chosen[0]!.customerId,
    invoices: chosen.map((invoice) => ({
      id: invoice.id,
      number: invoice.number,
      dueDate: invoice.dueDate,
      amountGrosze: invoice.outstandingGrosze,
    })),
    invoicesGrosze,
    feeGrosze,
    totalGrosze: invoicesGrosze + feeGrosze,
    currency: 'PLN',
  };
}
