import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export async function findCustomerByNumber(db: Kysely<DB>, customerNumber: string) {
  return db
    .selectFrom('customers')
    .select(['id', 'activation_code_hash'])
    .where('customer_number', '=', customerNumber)
    .executeTakeFirst();
}

/** A contract in force on the date (open-ended or ending on or after it). */
export async function hasActiveContract(db: Kysely<DB>, customerId: number, today: string): Promise<boolean> {
  const row = await db
    .selectFrom('contracts')
    .select('id')
    .where('customer_id', '=', customerId)
    .where('valid_from', '<=', today)
    .where((where) => where.or([where('valid_to', 'is', null), where('valid_to', '>=', today)]))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** An issued, not cancelled invoice of the customer with this number and gross amount, issued since `since`. */
export async function hasMatchingInvoice(
  db: Kysely<DB>,
  values: { customerId: number; invoiceNumber: string; grossGrosze: number; since: string },
): Promise<boolean> {
  const row = await db
    .selectFrom('invoices')
    .select('id')
    .where('customer_id', '=', values.customerId)
    .where(sql<string>`upper(number)`, '=', values.invoiceNumber.toUpperCase())
    .where('kind', '=', 'invoice')
    .where('cancelled_at', 'is', null)
    .where('gross_grosze', '=', values.grossGrosze)
    .where('issue_date', '>=', values.since)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
