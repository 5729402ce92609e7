import { compareDates, type CalendarDate } from '../dates.ts';
import { DomainError } from '../errors.ts';
import { grosze, sumGrosze, type Grosze } from '../money.ts';

/**
 * A customer's account: balance = invoices − payments ± corrections. Payments go to the invoices the
 * payer chose, then to the oldest due date; money left over is credit, applied to the next invoice.
 * Every allocation names where its money came from (a payment, or a correction that turned negative),
 * so for each source allocations + remaining credit equal its amount: nothing is lost or created.
 * Statuses are derived here from amounts and dates, never stored.
 */

export interface LedgerInvoice {
  id: string;
  issueDate: CalendarDate;
  dueDate: CalendarDate;
  gross: Grosze;
}

/** A correcting invoice changes the gross of the invoice it corrects (negative: money back). */
export interface LedgerCorrection {
  id: string;
  invoiceId: string;
  issueDate: CalendarDate;
  grossDifference: Grosze;
}

export interface LedgerPayment {
  id: string;
  date: CalendarDate;
  amount: Grosze;
  /** Invoices the payer named (portal payment of chosen invoices, or numbers in the transfer title). */
  invoiceIds?: readonly string[] | null;
}

export interface OpenItem {
  invoiceId: string;
  dueDate: CalendarDate;
  outstanding: Grosze;
}

export interface Allocation {
  sourceId: string;
  invoiceId: string;
  amount: Grosze;
}

/**
 * Splits `amount` over open items: first the chosen ones in the order given, then the rest by due date
 * (oldest first, then id for a stable order). Chosen ids that are unknown or already paid are skipped.
 */
export function allocatePayment(
  openItems: readonly OpenItem[],
  amount: Grosze,
  chosenInvoiceIds: readonly string[] = [],
): { allocations: Array<{ invoiceId: string; amount: Grosze }>; remainder: Grosze } {
  if (amount < 0)
    throw new DomainError('invalid_payment', `Payment amount must not be negative, got ${amount}`);
  const chosen = chosenInvoiceIds
    .map((id) => openItems.find((item) => item.invoiceId === id))
    .filter((item): item is OpenItem => item !== undefined);
  const others = openItems
    .filter((item) => !chosenInvoiceIds.includes(item.invoiceId))
    .sort(
      (left, right) =>
        compareDates(left.dueDate, right.dueDate) || left.invoiceId.localeCompare(right.invoiceId),
    );
  let remainder: number = amount;
  const allocations: Array<{ invoiceId: string; amount: Grosze }> = [];
  for (const item of [...new Set([...chosen, ...others])]) {
    if (remainder <= 0) break;
    if (item.outstanding <= 0) continue;
    const paid = Math.min(remainder, item.outstanding);
    allocations.push({ invoiceId: item.invoiceId, amount: grosze(paid) });
    remainder -= paid;
  }
  return { allocations, remainder: grosze(remainder) };
}

export type InvoiceStatus = 'unpaid' | 'partly_paid' | 'paid' | 'overdue';

/** Overdue wins over partly paid: a reminder is due whenever money is missing after the due date. */
export function invoiceStatus(
  invoice: { gross: Grosze; paid: Grosze; dueDate: CalendarDate },
  today: CalendarDate,
): InvoiceStatus {
  if (invoice.paid >= invoice.gross) return 'paid';
  if (compareDates(today, invoice.dueDate) > 0) return 'overdue';
  return invoice.paid > 0 ? 'partly_paid' : 'unpaid';
}

export interface LedgerInvoiceState {
  invoiceId: string;
  dueDate: CalendarDate;
  /** Gross after all corrections. */
  gross: Grosze;
  paid: Grosze;
  outstanding: Grosze;
  status: InvoiceStatus;
}

export interface LedgerState {
  /** Positive: the customer owes; negative: the utility owes (credit). */
  balance: Grosze;
  credit: Grosze;
  invoices: LedgerInvoiceState[];
  allocations: Allocation[];
}

type LedgerEvent =
  | { kind: 'invoice'; date: CalendarDate; id: string; invoice: LedgerInvoice }
  | { kind: 'correction'; date: CalendarDate; id: string; correction: LedgerCorrection }
  | { kind: 'payment'; date: CalendarDate; id: string; payment: LedgerPayment };

/** On one day documents come before payments, so a payment made on the issue day can settle the invoice. */
const EVENT_ORDER = { invoice: 0, correction: 1, payment: 2 } as const;

export function computeLedger(
  invoices: readonly LedgerInvoice[],
  corrections: readonly LedgerCorrection[],
  payments: readonly LedgerPayment[],
  today: CalendarDate,
): LedgerState {
  const events: LedgerEvent[] = [
    ...invoices.map((invoice) => ({
      kind: 'invoice' as const,
      date: invoice.issueDate,
      id: invoice.id,
      invoice,
    })),
    ...corrections.map((correction) => ({
      kind: 'correction' as const,
      date: correction.issueDate,
      id: correction.id,
      correction,
    })),
    ...payments.map((payment) => ({ kind: 'payment' as const, date: payment.date, id: payment.id, payment })),
  ].sort(
    (left, right) =>
      compareDates(left.date, right.date) ||
      EVENT_ORDER[left.kind] - EVENT_ORDER[right.kind] ||
      left.id.localeCompare(right.id),
  );

  const gross = new Map<string, number>();
  /**
   * Credit created from an invoice whose gross is negative (a true-up that returns money, or a correction
   * below zero). receivable = gross + released is never negative, and a later increase first pulls the
   * credit back; what was already spent stays receivable on that invoice.
   */
  const released = new Map<string, number>();
  const dueDates = new Map<string, CalendarDate>();
  const allocations: Array<{ sourceId: string; invoiceId: string; amount: number }> = [];
  /** Unallocated money by source, oldest first: it is spent in the order it arrived. */
  const credit: Array<{ sourceId: string; amount: number }> = [];

  const receivable = (invoiceId: string): number =>
    (gross.get(invoiceId) ?? 0) + (released.get(invoiceId) ?? 0);
  const paidOn = (invoiceId: string): number =>
    allocations
      .filter((allocation) => allocation.invoiceId === invoiceId)
      .reduce((sum, allocation) => sum + allocation.amount, 0);
  const openItems = (): OpenItem[] =>
    [...gross.keys()].map((invoiceId) => ({
      invoiceId,
      dueDate: dueDates.get(invoiceId) ?? today,
      outstanding: grosze(Math.max(receivable(invoiceId) - paidOn(invoiceId), 0)),
    }));
  const spend = (sourceId: string, amount: number, chosen: readonly string[]): number => {
    const result = allocatePayment(openItems(), grosze(amount), chosen);
    for (const allocation of result.allocations) allocations.push({ sourceId, ...allocation });
    return result.remainder;
  };
  const dropSpentCredit = (): void => {
    for (let index = credit.length - 1; index >= 0; index -= 1)
      if (credit[index]?.amount === 0) credit.splice(index, 1);
  };
  const applyCredit = (): void => {
    for (const entry of credit) entry.amount = spend(entry.sourceId, entry.amount, []);
    dropSpentCredit();
  };
  /** A correction below what was paid releases the excess (latest allocations first) back to credit. */
  const releasePayments = (invoiceId: string): void => {
    let excess = paidOn(invoiceId) - receivable(invoiceId);
    for (let index = allocations.length - 1; index >= 0 && excess > 0; index -= 1) {
      const allocation = allocations[index];
      if (!allocation || allocation.invoiceId !== invoiceId) continue;
      const taken = Math.min(allocation.amount, excess);
      allocation.amount -= taken;
      excess -= taken;
      credit.push({ sourceId: allocation.sourceId, amount: taken });
    }
  };
  const settleNegative = (invoiceId: string, sourceId: string): void => {
    const target = Math.max(0, -(gross.get(invoiceId) ?? 0));
    let current = released.get(invoiceId) ?? 0;
    if (target > current) {
      credit.push({ sourceId, amount: target - current });
      current = target;
    }
    for (let index = credit.length - 1; index >= 0 && current > target; index -= 1) {
      const entry = credit[index];
      if (!entry) continue;
      const pulled = Math.min(entry.amount, current - target);
      entry.amount -= pulled;
      current -= pulled;
    }
    dropSpentCredit();
    released.set(invoiceId, current);
  };

  for (const event of events) {
    if (event.kind === 'invoice') {
      if (gross.has(event.id))
        throw new DomainError('duplicate_invoice', `Invoice ${event.id} appears twice`);
      gross.set(event.id, event.invoice.gross);
      dueDates.set(event.id, event.invoice.dueDate);
      settleNegative(event.id, event.id);
      applyCredit();
    } else if (event.kind === 'correction') {
      const { invoiceId, grossDifference } = event.correction;
      const before = gross.get(invoiceId);
      if (before === undefined) {
        throw new DomainError(
          'unknown_invoice',
          `Correction ${event.id} refers to invoice ${invoiceId} not issued before it`,
        );
      }
      gross.set(invoiceId, before + grossDifference);
      settleNegative(invoiceId, event.id);
      releasePayments(invoiceId);
      applyCredit();
    } else {
      const remainder = spend(event.id, event.payment.amount, event.payment.invoiceIds ?? []);
      if (remainder > 0) credit.push({ sourceId: event.id, amount: remainder });
    }
  }

  const states = [...gross.entries()].map(([invoiceId, amount]): LedgerInvoiceState => {
    const paid = grosze(paidOn(invoiceId));
    const due = grosze(receivable(invoiceId));
    const dueDate = dueDates.get(invoiceId) ?? today;
    return {
      invoiceId,
      dueDate,
      gross: grosze(amount),
      paid,
      outstanding: grosze(Math.max(due - paid, 0)),
      status: invoiceStatus({ gross: due, paid, dueDate }, today),
    };
  });
  const creditTotal = sumGrosze(credit.map((entry) => grosze(entry.amount)));
  return {
    balance: grosze(
      sumGrosze(invoices.map((invoice) => invoice.gross)) +
        sumGrosze(corrections.map((correction) => correction.grossDifference)) -
        sumGrosze(payments.map((payment) => payment.amount)),
    ),
    credit: creditTotal,
    invoices: states,
    allocations: allocations
      .filter((allocation) => allocation.amount > 0)
      .map((allocation) => ({ ...allocation, amount: grosze(allocation.amount) })),
  };
}
