import { addDays, addMonths, dateFromParts, endOfMonth, type CalendarDate } from '../../domain/index.ts';

/**
 * Billing cycles: a service point is billed every `cycleMonths` months, in the months where
 * (month − offset) is divisible by the cycle length (offset 0, two months: February, April, …, December).
 */
export interface BillingMonth {
  year: number;
  month: number;
}

export function parseBillingMonth(text: string): BillingMonth {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
  if (!match) throw new Error(`period "${text}" must look like 2026-10`);
  return { year: Number(match[1]), month: Number(match[2]) };
}

export function cycleEndsIn(cycleMonths: number, offset: number, month: number): boolean {
  return (((month - offset) % cycleMonths) + cycleMonths) % cycleMonths === 0;
}

/** The nominal span of the cycle that ends in the given month: its first day to the month's last day. */
export function cycleSpan(
  cycleMonths: number,
  billing: BillingMonth,
): { from: CalendarDate; to: CalendarDate } {
  const firstOfEndMonth = dateFromParts(billing.year, billing.month, 1);
  return { from: addMonths(firstOfEndMonth, 1 - cycleMonths), to: endOfMonth(firstOfEndMonth) };
}

/**
 * The period actually billed: it starts the day after the previous invoice ended (nothing is billed twice or
 * skipped, even after a missed run), or at the cycle start / contract start for a first invoice, and ends at the
 * cycle end or the contract end, whichever is earlier. Null when there is nothing to bill.
 */
export function billedPeriod(input: {
  cycle: { from: CalendarDate; to: CalendarDate };
  previousInvoiceEnd: CalendarDate | null;
  contractFrom: CalendarDate;
  contractTo: CalendarDate | null;
}): { from: CalendarDate; to: CalendarDate } | null {
  const from = input.previousInvoiceEnd
    ? addDays(input.previousInvoiceEnd, 1)
    : input.contractFrom > input.cycle.from
      ? input.contractFrom
      : input.cycle.from;
  const to = input.contractTo && input.contractTo < input.cycle.to ? input.contractTo : input.cycle.to;
  return from <= to ? { from, to } : null;
}
