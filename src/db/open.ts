import type { Config } from '../config.ts';
import { openPglite, openPostgres, type Database } from './database.ts';
import { migrate } from './migrate.ts';

/** Opens the configured database (PostgreSQL when DATABASE_URL is set, else PGlite in DATA_DIR) and migrates it. */
export async function openConfiguredDatabase(
  config: Config,
  options: { migrate: boolean } = { migrate: true },
): Promise<Database> {
  const database =
    config.database.kind === 'postgres'
      ? openPostgres(config.database.url, config.database.poolSize)
      : await openPglite(config.database.directory);
  if (options.migrate) {
    try {
      await migrate(database);
    } catch (error) {
      await database.close();
      throw error;
    }
  }
  return database;
}
