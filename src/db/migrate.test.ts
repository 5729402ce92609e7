import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPglite } from './database.ts';
import { loadMigrations, migrate, MigrationError } from './migrate.ts';

function migrationFolder(files: Record<string, string>): string {
  const directory = mkdtempSync(path.join(tmpdir(), 'ibok-migrations-')) + '/';
  mkdirSync(directory, { recursive: true });
  for (const [name, script] of Object.entries(files)) writeFileSync(directory + name, script);
  return directory;
}

describe('migrator', () => {
  it('applies pending migrations once, in order, and rolls back a broken one entirely', async () => {
    const database = await openPglite(undefined);
    try {
      const good = migrationFolder({
        '0001_first.sql': 'create table a (id int);',
        '0002_second.sql': 'create table b (id int);',
      });
      expect((await migrate(database, loadMigrations(good))).applied).toEqual(['0001_first', '0002_second']);
      expect((await migrate(database, loadMigrations(good))).applied).toEqual([]);

      const broken = migrationFolder({
        '0001_first.sql': 'create table a (id int);',
        '0002_second.sql': 'create table b (id int);',
        '0003_broken.sql': 'create table c (id int); select * from no_such_table;',
      });
      await expect(migrate(database, loadMigrations(broken))).rejects.toThrow(
        /migration 0003_broken failed: .*no_such_table/,
      );
      const tables = await database.withRawConnection((connection) =>
        connection.query<{ tablename: string }>("select tablename from pg_tables where tablename = 'c'"),
      );
      expect(tables).toEqual([]);
    } finally {
      await database.close();
    }
  });

  it('refuses a migration that was edited after being applied, and an unknown applied one', async () => {
    const database = await openPglite(undefined);
    try {
      await migrate(
        database,
        loadMigrations(migrationFolder({ '0001_first.sql': 'create table a (id int);' })),
      );
      const edited = migrationFolder({ '0001_first.sql': 'create table a (id bigint);' });
      await expect(migrate(database, loadMigrations(edited))).rejects.toThrow(MigrationError);
      await expect(migrate(database, loadMigrations(edited))).rejects.toThrow(/was changed after/);
      await expect(migrate(database, loadMigrations(migrationFolder({})))).rejects.toThrow(/does not know/);
    } finally {
      await database.close();
    }
  });

  it('rejects badly named migration files', () => {
    expect(() => loadMigrations(migrationFolder({ 'first.sql': '' }))).toThrow(/NNNN_name.sql/);
  });
});
