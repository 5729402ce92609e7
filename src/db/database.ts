import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';
import { PgliteLeasePool } from './pglite-pool.ts';

export type DatabaseKind = 'pglite' | 'postgres';

/** A connection held for a sequence of statements, used by the migrator (scripts with many statements). */
export interface RawConnection {
  /** Runs a script that may contain several statements. */
  executeScript(script: string): Promise<void>;
  query<Row>(sql: string, parameters?: unknown[]): Promise<Row[]>;
}

export interface Database {
  readonly kind: DatabaseKind;
  readonly db: Kysely<DB>;
  withRawConnection<T>(work: (connection: RawConnection) => Promise<T>): Promise<T>;
  /** PGlite only: the whole database as a tarball, loadable by openPglite (used for fast test set-up). */
  dumpDataDir?: () => Promise<Blob>;
  close(): Promise<void>;
}

const TYPE_INT8 = 20;
const TYPE_DATE = 1082;

/**
 * bigint columns hold grosze and litres: far below 2^53, so they are read as numbers, and refused loudly if a
 * value ever is not safe. Dates stay 'YYYY-MM-DD' strings: a calendar date has no time zone.
 */
function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`bigint value ${text} exceeds the safe integer range`);
  return value;
}
const keepText = (text: string): string => text;

export async function openPglite(dataDirectory: string | undefined, loadDataDir?: Blob): Promise<Database> {
  if (dataDirectory) mkdirSync(dataDirectory, { recursive: true });
  const pglite = await PGlite.create({
    ...(dataDirectory ? { dataDir: dataDirectory } : {}),
    ...(loadDataDir ? { loadDataDir } : {}),
    parsers: { [TYPE_INT8]: parseInt8, [TYPE_DATE]: keepText },
  });
  const pool = new PgliteLeasePool(pglite);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: 'pglite',
    db,
    async withRawConnection(work) {
      const lease = await pool.connect();
      try {
        return await work({
          executeScript: async (script) => {
            await pglite.exec(script);
          },
          query: async <Row>(sql: string, parameters: unknown[] = []) =>
            (await pglite.query<Row>(sql, parameters)).rows,
        });
      } finally {
        lease.release();
      }
    },
    dumpDataDir: async () => pglite.dumpDataDir('none'),
    async close() {
      await db.destroy();
      await pglite.close();
    },
  };
}

export function openPostgres(connectionString: string, maxConnections = 10): Database {
  const pool = new pg.Pool({
    connectionString,
    max: maxConnections,
    types: {
      getTypeParser: ((oid: number, format?: string) => {
        if (oid === TYPE_INT8) return parseInt8;
        if (oid === TYPE_DATE) return keepText;
        return pg.types.getTypeParser(oid, format as 'text') as (value: string) => unknown;
      }) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client that loses its connection (server restart) must not crash the process; the pool
  // replaces it and the next query reports the failure to its caller.
  pool.on('error', () => undefined);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: 'postgres',
    db,
    async withRawConnection(work) {
      const client = await pool.connect();
      try {
        return await work({
          executeScript: async (script) => {
            await client.query(script);
          },
          query: async <Row>(sql: string, parameters: unknown[] = []) =>
            (await client.query(sql, parameters)).rows as Row[],
        });
      } finally {
        client.release();
      }
    },
    async close() {
      await db.destroy();
      // Kysely ends the pool only if it used it; a pool used just for migrations is ended here.
      if (!pool.ended) await pool.end();
    },
  };
}
