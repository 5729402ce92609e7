import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.ts';

/**
 * Bulk inserts for large seeds: rows are collected column by column and sent as one statement
 * `insert … select * from unnest($1::text[], $2::bigint[], …)`, one array parameter per column. That is a
 * single round trip and a single plan for thousands of rows, on PostgreSQL and on PGlite alike, without
 * the 65 535-parameter limit of multi-row VALUES.
 */

export type ColumnType = 'bigint' | 'integer' | 'text' | 'date';
export type ColumnValue = string | number | null;

export class ColumnBuffer<Row extends Record<string, ColumnValue>> {
  private readonly values = new Map<keyof Row, ColumnValue[]>();
  private count = 0;

  /**
   * `overridingIdentity`: the rows carry ids reserved with reserveIds, so rows of other tables can refer
   * to them before anything is inserted.
   */
  constructor(
    private readonly table: keyof DB,
    private readonly columns: { readonly [Column in keyof Row]: ColumnType },
    private readonly overridingIdentity = false,
  ) {
    for (const column of Object.keys(columns)) this.values.set(column, []);
  }

  get length(): number {
    return this.count;
  }

  push(row: Row): void {
    for (const [column, list] of this.values) list.push(row[column] ?? null);
    this.count += 1;
  }

  /** Inserts the collected rows and empties the buffer. */
  async insertInto(executor: Kysely<DB>): Promise<number> {
    if (this.count === 0) return 0;
    const names = [...this.values.keys()].map((column) => String(column));
    const arrays = names.map(
      (column) => sql`${this.values.get(column) ?? []}::${sql.raw(this.columns[column] ?? 'text')}[]`,
    );
    const overriding = this.overridingIdentity ? sql` overriding system value` : sql``;
    await sql`insert into ${sql.table(this.table)} (${sql.join(names.map((name) => sql.ref(name)))})${overriding}
      select * from unnest(${sql.join(arrays)})`.execute(executor);
    const inserted = this.count;
    for (const list of this.values.values()) list.length = 0;
    this.count = 0;
    return inserted;
  }
}

/**
 * Takes `count` values from the table's identity sequence. The sequence stays correct for later inserts
 * (no setval needed) and concurrent writers cannot receive the same ids.
 */
export async function reserveIds(executor: Kysely<DB>, table: keyof DB, count: number): Promise<number[]> {
  if (count === 0) return [];
  const { rows } = await sql<{ id: number }>`
    select nextval(pg_get_serial_sequence(${table}, 'id'))::bigint as id from generate_series(1, ${count})`.execute(
    executor,
  );
  return rows.map((row) => row.id).sort((left, right) => left - right);
}
