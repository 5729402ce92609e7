import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteSnapshotFile: string;
    postgresTemplateUrl: string | null;
  }
}

/**
 * Prepares the test databases once per run: a migrated PGlite snapshot that every worker loads (creating a
 * PGlite database costs seconds), and, when TEST_DATABASE_URL is set, a migrated PostgreSQL template database
 * from which each worker clones its own. Everything created here is dropped at the end of the run.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const serverUrl = process.env['TEST_DATABASE_URL'];
  if (process.env['CI'] === 'true' && !serverUrl) {
    throw new Error('CI=true: TEST_DATABASE_URL must be set, the PostgreSQL tests may not be skipped in CI');
  }

  const folder = mkdtempSync(path.join(tmpdir(), 'ibok-test-'));
  const snapshotFile = path.join(folder, 'pglite-snapshot.tar');
  const pglite = await openPglite(undefined);
  await migrate(pglite);
  writeFileSync(snapshotFile, Buffer.from(await (await dumpOf(pglite)).arrayBuffer()));
  await pglite.close();
  project.provide('pgliteSnapshotFile', snapshotFile);

  let dropPostgres = async (): Promise<void> => {};
  if (serverUrl) {
    const runPrefix = `ibok_test_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${runPrefix}_template`);
    const templateUrl = withDatabase(serverUrl, `${runPrefix}_template`);
    const template = openPostgres(templateUrl, 1);
    await migrate(template);
    await template.close();
    project.provide('postgresTemplateUrl', templateUrl);
    dropPostgres = async () => {
      const { rows } = await admin.query<{ datname: string }>(
        'select datname from pg_database where datname like $1',
        [`${runPrefix}%`],
      );
      for (const row of rows) await admin.query(`drop database if exists ${row.datname} with (force)`);
      await admin.end();
    };
  } else {
    project.provide('postgresTemplateUrl', null);
    console.warn('\n[tests] PostgreSQL tests NOT run: TEST_DATABASE_URL is not set (PGlite tests run).\n');
  }

  return async () => {
    await dropPostgres();
    rmSync(folder, { recursive: true, force: true });
  };
}

async function dumpOf(database: Awaited<ReturnType<typeof openPglite>>): Promise<Blob> {
  const dump = await database.dumpDataDir?.();
  if (!dump) throw new Error('the PGlite handle cannot dump its data directory');
  return dump;
}

export function withDatabase(serverUrl: string, databaseName: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
}
