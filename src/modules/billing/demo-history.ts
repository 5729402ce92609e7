import { sql } from 'kysely';
import { addDays, dateFromParts, endOfMonth, type CalendarDate } from '../../domain/index.ts';
import type { Database } from '../../db/database.ts';
import { runBilling } from './run.ts';

/** Days after the end of a period on which its invoices are issued in the demo history. */
const ISSUE_DELAY_DAYS = 3;

/**
 * Bills the demo data's history month by month, as the utility would have, and pays most invoices so the
 * portal shows a realistic account: most invoices paid on time, some late, a few partly paid, some overdue.
 * Deterministic: the choices derive from the invoice number, not from a random generator.
 */
export async function billDemoHistory(
  database: Database,
  options: {
    today: CalendarDate;
    bankAccountPrefix: string;
    leaveLatestPeriodOpen?: boolean;
    onProgress?: (line: string) => void;
  },
): Promise<{ invoices: number; payments: number; openPeriod: string | null }> {
  const { db } = database;
  const first = await db
    .selectFrom('readings')
    .select((select) => select.fn.min('read_on').as('first'))
    .executeTakeFirst();
  if (!first?.first) return { invoices: 0, payments: 0, openPeriod: null };
  let year = Number(String(first.first).slice(0, 4));
  let month = Number(String(first.first).slice(5, 7)) + 1;
  const periods: { period: string; issueDate: CalendarDate }[] = [];
  for (;;) {
    if (month > 12) {
      year += 1;
      month = 1;
    }
    const periodEnd = endOfMonth(dateFromParts(year, month, 1));
    const issueDate = addDays(periodEnd, ISSUE_DELAY_DAYS);
    if (issueDate > options.today) break;
    periods.push({ period: `${year}-${String(month).padStart(2, '0')}`, issueDate });
    month += 1;
  }
  // The latest ended period stays unbilled when asked, so staff can run it in the back office and see its
  // invoices (and the e-invoice e-mails of customers who accepted them) appear.
  const open = options.leaveLatestPeriodOpen ? periods.pop() : undefined;
  let invoices = 0;
  for (const { period, issueDate } of periods) {
    const result = await runBilling(database, {
      period,
      today: issueDate,
      bankAccountPrefix: options.bankAccountPrefix,
      announce: false,
    });
    invoices += result.issued;
    options.onProgress?.(`billed ${period}: ${result.issued} invoices`);
  }
  const payments = await payDemoInvoices(database, options.today);
  return { invoices, payments, openPeriod: open?.period ?? null };
}

function choice(text: string): number {
  let hash = 2166136261;
  for (const character of text) hash = Math.imul(hash ^ character.charCodeAt(0), 16777619) >>> 0;
  return hash % 100;
}

async function payDemoInvoices(database: Database, today: CalendarDate): Promise<number> {
  const { db } = database;
  const open = await db
    .selectFrom('invoices')
    .where('kind', '=', 'invoice')
    .where('gross_grosze', '>', 0)
    .where(sql<boolean>`not exists (select 1 from payment_allocations a where a.invoice_id = invoices.id)`)
    .select(['id', 'number', 'customer_id', 'issue_date', 'due_date', 'gross_grosze'])
    .orderBy('id')
    .execute();
  const rows: { invoice: (typeof open)[number]; amount: number; receivedOn: CalendarDate }[] = [];
  for (const invoice of open) {
    const roll = choice(invoice.number);
    const dueDate = invoice.due_date as CalendarDate;
    // Invoices not yet due are mostly still open; older ones are mostly paid.
    if (dueDate >= today && roll < 70) continue;
    if (roll >= 96) continue; // overdue, unpaid
    const late = roll >= 88;
    const receivedOn = late
      ? addDays(dueDate, 5 + (roll % 9))
      : addDays(invoice.issue_date as CalendarDate, 2 + (roll % 10));
    if (receivedOn > today) continue;
    const amount = roll >= 93 ? Math.floor(invoice.gross_grosze / 2) : invoice.gross_grosze;
    rows.push({ invoice, amount, receivedOn });
  }
  for (let start = 0; start < rows.length; start += 1000) {
    const chunk = rows.slice(start, start + 1000);
    await db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('payments')
        .values(
          chunk.map(({ invoice, amount, receivedOn }) => ({
            customer_id: invoice.customer_id,
            channel: choice(`${invoice.number}/channel`) < 80 ? 'transfer' : 'cash_desk',
            amount_grosze: amount,
            received_on: receivedOn,
            external_reference: `demo-${invoice.number}`,
            title: `Opłata za fakturę ${invoice.number}`,
          })),
        )
        .returning(['id', 'external_reference'])
        .execute();
      const paymentId = new Map(inserted.map((row) => [row.external_reference, row.id]));
      await trx
        .insertInto('payment_allocations')
        .values(
          chunk.map(({ invoice, amount }) => ({
            payment_id: paymentId.get(`demo-${invoice.number}`)!,
            invoice_id: invoice.id,
            amount_grosze: amount,
          })),
        )
        .execute();
    });
  }
  return rows.length;
}
