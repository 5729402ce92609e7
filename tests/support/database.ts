import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, inject } from 'vitest';
import { openPglite, openPostgres, type Database, type DatabaseKind } from '../../src/db/database.ts';

/** The databases every database test runs on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const databaseKinds: DatabaseKind[] = inject('postgresTemplateUrl')
  ? ['pglite', 'postgres']
  : ['pglite'];

// One database of each kind per worker process, reused by every test file that worker runs.
const opened = new Map<DatabaseKind, Promise<Database>>();

export function testDatabase(kind: DatabaseKind): Promise<Database> {
  let database = opened.get(kind);
  if (!database) {
    database = kind === 'pglite' ? openTestPglite() : openTestPostgres();
    opened.set(kind, database);
  }
  return database;
}

async function openTestPglite(): Promise<Database> {
  const snapshot = new Blob([readFileSync(inject('pgliteSnapshotFile'))]);
  return openPglite(undefined, snapshot);
}

async function openTestPostgres(): Promise<Database> {
  const templateUrl = inject('postgresTemplateUrl');
  if (!templateUrl) throw new Error('TEST_DATABASE_URL is not set');
  const url = new URL(templateUrl);
  const templateName = url.pathname.slice(1);
  const workerName = `${templateName.replace(/_template$/, '')}_w${process.pid}`;
  const admin = openPostgres(templateUrl.replace(/\/[^/]+$/, '/postgres'), 1);
  await sql.raw(`create database ${workerName} template ${templateName}`).execute(admin.db);
  await admin.close();
  url.pathname = `/${workerName}`;
  return openPostgres(url.toString(), 5);
}

const tableLists = new WeakMap<Database, string[]>();

/** Empties every table (the schema stays), so each test starts from a clean, migrated database. */
export async function resetDatabase(database: Database): Promise<void> {
  let tables = tableLists.get(database);
  if (!tables) {
    const rows = await sql<{ tablename: string }>`
      select tablename from pg_tables where schemaname = 'public' and tablename <> 'schema_migrations'`.execute(
      database.db,
    );
    tables = rows.rows.map((row) => row.tablename);
    tableLists.set(database, tables);
  }
  await sql.raw(`truncate ${tables.join(', ')} restart identity cascade`).execute(database.db);
}

export interface DatabaseContext {
  /** The database of the current kind; valid inside tests and hooks. */
  readonly database: Database;
  readonly kind: DatabaseKind;
}

/**
 * Declares the same tests once per database kind. Each test starts with empty tables.
 *   describeEachDatabase('payments', (context) => { it('posts once', async () => { context.database.db ... }) })
 */
export function describeEachDatabase(name: string, declare: (context: DatabaseContext) => void): void {
  for (const kind of databaseKinds) {
    describe(`${name} [${kind}]`, () => {
      let current: Database | undefined;
      const context: DatabaseContext = {
        kind,
        get database(): Database {
          if (!current) throw new Error('the test database is opened in beforeAll');
          return current;
        },
      };
      beforeAll(async () => {
        current = await testDatabase(kind);
      });
      beforeEach(async () => {
        await resetDatabase(context.database);
      });
      afterAll(() => {
        current = undefined;
      });
      declare(context);
    });
  }
}
