import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromDayNumber, toDayNumber } from '../dates.ts';
import { grosze } from '../money.ts';
import {
  allocatePayment,
  computeLedger,
  invoiceStatus,
  type LedgerCorrection,
  type LedgerInvoice,
  type LedgerPayment,
} from './ledger.ts';
import { date } from './test-factories.ts';

const g = grosze;

describe('allocatePayment', () => {
  const items = [
    { invoiceId: 'B', dueDate: date('2026-04-01'), outstanding: g(2_000) },
    { invoiceId: 'A', dueDate: date('2026-03-01'), outstanding: g(1_000) },
    { invoiceId: 'C', dueDate: date('2026-05-01'), outstanding: g(500) },
  ];

  it('pays the oldest due date first and returns the surplus', () => {
    expect(allocatePayment(items, g(5_000))).toEqual({
      allocations: [
        { invoiceId: 'A', amount: 1_000 },
        { invoiceId: 'B', amount: 2_000 },
        { invoiceId: 'C', amount: 500 },
      ],
      remainder: 1_500,
    });
  });

  it('pays chosen invoices first, then the oldest', () => {
    expect(allocatePayment(items, g(1_200), ['C', 'unknown'])).toEqual({
      allocations: [
        { invoiceId: 'C', amount: 500 },
        { invoiceId: 'A', amount: 700 },
      ],
      remainder: 0,
    });
    expect(() => allocatePayment(items, g(-1))).toThrow(/negative/);
  });
});

describe('invoiceStatus', () => {
  const due = date('2026-04-19');
  it.each([
    [0, '2026-04-19', 'unpaid'],
    [100, '2026-04-19', 'partly_paid'],
    [100, '2026-04-20', 'overdue'],
    [0, '2026-04-20', 'overdue'],
    [1_000, '2026-05-01', 'paid'],
    [1_200, '2026-04-01', 'paid'],
  ] as const)('paid %i on %s → %s', (paid, today, status) => {
    expect(invoiceStatus({ gross: g(1_000), paid: g(paid), dueDate: due }, date(today))).toBe(status);
  });
});

describe('computeLedger', () => {
  it('keeps a negative invoice (a true-up refund) as credit for the next one', () => {
    const state = computeLedger(
      [
        { id: 'F1', issueDate: date('2026-04-05'), dueDate: date('2026-04-19'), gross: g(-3_000) },
        { id: 'F2', issueDate: date('2026-07-05'), dueDate: date('2026-07-19'), gross: g(5_000) },
      ],
      [],
      [],
      date('2026-07-10'),
    );
    expect(state.credit).toBe(0);
    expect(state.balance).toBe(2_000);
    expect(state.invoices.map((invoice) => [invoice.invoiceId, invoice.outstanding, invoice.status])).toEqual(
      [
        ['F1', 0, 'paid'],
        ['F2', 2_000, 'partly_paid'],
      ],
    );
    expect(state.allocations).toEqual([{ sourceId: 'F1', invoiceId: 'F2', amount: 3_000 }]);
  });

  it('refuses a correction of an unknown invoice', () => {
    expect(() =>
      computeLedger(
        [],
        [{ id: 'K', invoiceId: 'X', issueDate: date('2026-01-01'), grossDifference: g(-1) }],
        [],
        date('2026-01-02'),
      ),
    ).toThrow(/not issued/);
  });
});

const day = fc
  .integer({ min: toDayNumber(date('2026-01-01')), max: toDayNumber(date('2026-12-31')) })
  .map(fromDayNumber);

const history = fc
  .record({
    invoices: fc.array(
      fc.record({
        issueDate: day,
        dueIn: fc.integer({ min: 0, max: 30 }),
        gross: fc.integer({ min: -20_000, max: 100_000 }),
      }),
      {
        maxLength: 6,
      },
    ),
    corrections: fc.array(
      fc.record({
        target: fc.nat(),
        later: fc.integer({ min: 0, max: 60 }),
        difference: fc.integer({ min: -120_000, max: 50_000 }),
      }),
      {
        maxLength: 4,
      },
    ),
    payments: fc.array(
      fc.record({
        date: day,
        amount: fc.integer({ min: 0, max: 150_000 }),
        choose: fc.array(fc.nat(), { maxLength: 2 }),
      }),
      {
        maxLength: 6,
      },
    ),
    today: day,
  })
  .map((spec) => {
    const invoices: LedgerInvoice[] = spec.invoices.map((invoice, index) => ({
      id: `F${index}`,
      issueDate: invoice.issueDate,
      dueDate: fromDayNumber(toDayNumber(invoice.issueDate) + invoice.dueIn),
      gross: g(invoice.gross),
    }));
    const corrections: LedgerCorrection[] =
      invoices.length === 0
        ? []
        : spec.corrections.map((correction, index) => {
            const target = invoices[correction.target % invoices.length];
            if (!target) throw new Error('unreachable');
            return {
              id: `K${index}`,
              invoiceId: target.id,
              issueDate: fromDayNumber(toDayNumber(target.issueDate) + correction.later),
              grossDifference: g(correction.difference),
            };
          });
    const payments: LedgerPayment[] = spec.payments.map((payment, index) => ({
      id: `P${index}`,
      date: payment.date,
      amount: g(payment.amount),
      invoiceIds: payment.choose.map((choice) => `F${choice % Math.max(invoices.length, 1)}`),
    }));
    return { invoices, corrections, payments, today: spec.today };
  });

describe('ledger properties', () => {
  it('never loses or creates money', () => {
    fc.assert(
      fc.property(history, ({ invoices, corrections, payments, today }) => {
        const state = computeLedger(invoices, corrections, payments, today);
        const outstanding = state.invoices.reduce((sum, invoice) => sum + invoice.outstanding, 0);
        expect(state.balance).toBe(outstanding - state.credit);
        expect(state.credit).toBeGreaterThanOrEqual(0);
        const allocated = state.allocations.reduce((sum, allocation) => sum + allocation.amount, 0);
        const paid = state.invoices.reduce((sum, invoice) => sum + invoice.paid, 0);
        expect(allocated).toBe(paid);
        for (const invoice of state.invoices) {
          expect(invoice.outstanding).toBeGreaterThanOrEqual(0);
          expect(invoice.paid).toBeGreaterThanOrEqual(0);
        }
        // Money in (payments and refunds owed by negative documents) = money allocated + credit left.
        const paymentsTotal = payments.reduce((sum, payment) => sum + payment.amount, 0);
        const fromPayments = state.allocations
          .filter((allocation) => allocation.sourceId.startsWith('P'))
          .reduce((sum, allocation) => sum + allocation.amount, 0);
        expect(fromPayments).toBeLessThanOrEqual(paymentsTotal);
      }),
      { numRuns: 300 },
    );
  });

  it('allocatePayment conserves the amount', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ dueDate: day, outstanding: fc.integer({ min: 0, max: 50_000 }) }), {
          maxLength: 8,
        }),
        fc.integer({ min: 0, max: 300_000 }),
        fc.array(fc.nat({ max: 9 }), { maxLength: 3 }),
        (raw, amount, chosen) => {
          const items = raw.map((item, index) => ({
            invoiceId: `F${index}`,
            dueDate: item.dueDate,
            outstanding: g(item.outstanding),
          }));
          const result = allocatePayment(
            items,
            g(amount),
            chosen.map((index) => `F${index}`),
          );
          const allocated = result.allocations.reduce((sum, allocation) => sum + allocation.amount, 0);
          expect(allocated + result.remainder).toBe(amount);
          for (const allocation of result.allocations) {
            const item = items.find((candidate) => candidate.invoiceId === allocation.invoiceId);
            expect(allocation.amount).toBeGreaterThan(0);
            expect(allocation.amount).toBeLessThanOrEqual(item?.outstanding ?? 0);
          }
          const totalOutstanding = items.reduce((sum, item) => sum + item.outstanding, 0);
          expect(result.remainder).toBe(Math.max(amount - totalOutstanding, 0));
        },
      ),
    );
  });
});
