import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database, RawConnection } from './database.ts';

const defaultDirectory = fileURLToPath(new URL('./migrations/', import.meta.url));
// Serialises concurrent migrators (two servers starting at once) on PostgreSQL.
const MIGRATION_LOCK_KEY = 72610001;

export interface Migration {
  version: string;
  name: string;
  script: string;
  checksum: string;
}

export class MigrationError extends Error {}

/** Migrations are forward-only SQL files named NNNN_description.sql, applied in order, each in a transaction. */
export function loadMigrations(directory = defaultDirectory): Migration[] {
  return readdirSync(directory)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .map((file) => {
      const match = /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(file);
      if (!match) throw new MigrationError(`migration file name ${file} does not match NNNN_name.sql`);
      const script = readFileSync(directory + file, 'utf8');
      return {
        version: match[1]!,
        name: match[2]!,
        script,
        checksum: createHash('sha256').update(script).digest('hex'),
      };
    });
}

export async function migrate(
  database: Database,
  migrations = loadMigrations(),
): Promise<{ applied: string[] }> {
  return database.withRawConnection(async (connection) => {
    await connection.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      return { applied: await applyPending(connection, migrations) };
    } finally {
      await connection.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  });
}

async function applyPending(connection: RawConnection, migrations: Migration[]): Promise<string[]> {
  await connection.executeScript(`create table if not exists schema_migrations (
    version text primary key,
    name text not null,
    checksum text not null,
    applied_at timestamptz not null default now()
  )`);
  const appliedRows = await connection.query<{ version: string; name: string; checksum: string }>(
    'select version, name, checksum from schema_migrations order by version',
  );
  const known = new Map(migrations.map((migration) => [migration.version, migration]));
  for (const row of appliedRows) {
    const migration = known.get(row.version);
    if (!migration) {
      throw new MigrationError(
        `the database has migration ${row.version}_${row.name}, which this version of the product does not know`,
      );
    }
    if (migration.checksum !== row.checksum) {
      throw new MigrationError(`migration ${row.version}_${row.name} was changed after it had been applied`);
    }
  }
  const appliedVersions = new Set(appliedRows.map((row) => row.version));
  const applied: string[] = [];
  for (const migration of migrations) {
    if (appliedVersions.has(migration.version)) continue;
    const label = `${migration.version}_${migration.name}`;
    await connection.executeScript('begin');
    try {
      await connection.executeScript(migration.script);
      await connection.query('insert into schema_migrations (version, name, checksum) values ($1, $2, $3)', [
        migration.version,
        migration.name,
        migration.checksum,
      ]);
      await connection.executeScript('commit');
    } catch (error) {
      await connection.executeScript('rollback');
      throw new MigrationError(`migration ${label} failed: ${(error as Error).message}`, { cause: error });
    }
    applied.push(label);
  }
  return applied;
}
