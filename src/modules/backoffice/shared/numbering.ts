import { sql } from 'kysely';
import type { Executor } from './context.ts';

/**
 * The next number of a "PREFIX-000123"-style series, for records created without one. An advisory lock held to
 * the end of the transaction serialises two operators creating records at the same moment.
 */
export async function nextSeriesNumber(
  trx: Executor,
  series: {
    lockKey: number;
    table: 'service_points' | 'contracts';
    column: 'code' | 'contract_number';
    prefix: string;
    digits: number;
  },
): Promise<string> {
  await sql`select pg_advisory_xact_lock(${series.lockKey})`.execute(trx);
  const pattern = `^${series.prefix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}[0-9]+$`;
  const row = await sql<{ highest: string | null }>`
    select max(substring(${sql.ref(series.column)} from ${series.prefix.length + 1}::int)::bigint)::text as highest
    from ${sql.table(series.table)} where ${sql.ref(series.column)} ~ ${pattern}`.execute(trx);
  const next = Number(row.rows[0]?.highest ?? 0) + 1;
  return `${series.prefix}${String(next).padStart(series.digits, '0')}`;
}
