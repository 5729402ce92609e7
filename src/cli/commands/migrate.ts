import type { Command } from '../command.ts';
import { migrate } from '../../db/migrate.ts';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Apply pending database migrations (forward only).',
  usage: 'migrate',
  async run(_argv, context) {
    const database = await context.database({ migrate: false });
    const { applied } = await migrate(database);
    context.print(applied.length ? `applied: ${applied.join(', ')}` : 'the database is up to date');
    return 0;
  },
};
