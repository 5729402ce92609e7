// Regenerates src/db/schema.ts from the migrations: creates a scratch PostgreSQL database, migrates it,
// introspects it with kysely-codegen and drops it. Needs a PostgreSQL server (TEST_DATABASE_URL or local).
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { openPostgres } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';

const serverUrl = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const scratchName = `ibok_codegen_${process.pid}`;
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`create database ${scratchName}`);
const scratchUrl = new URL(serverUrl);
scratchUrl.pathname = `/${scratchName}`;
try {
  const database = openPostgres(scratchUrl.toString(), 1);
  await migrate(database);
  await database.close();
  execFileSync(
    'npx',
    [
      'kysely-codegen',
      '--dialect=postgres',
      `--url=${scratchUrl.toString()}`,
      '--out-file=src/db/schema.ts',
      '--exclude-pattern=schema_migrations',
      '--date-parser=string',
      '--type-mapping={"int8":"number"}',
    ],
    { stdio: 'inherit' },
  );
  execFileSync('npx', ['prettier', '--write', 'src/db/schema.ts'], { stdio: 'inherit' });
} finally {
  await admin.query(`drop database if exists ${scratchName} with (force)`);
  await admin.end();
}
