import { ConfigError, loadConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { MigrationError } from '../db/migrate.ts';
import { openConfiguredDatabase } from '../db/open.ts';
import { UsageError, type CommandContext } from './command.ts';
import { commands } from './commands/index.ts';

/** `npm run cli -- <command> [options]`: operator commands. Exits non-zero on any failure. */
async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    const list = commands.map((entry) => `  ${entry.usage.padEnd(60)} ${entry.summary}`).join('\n');
    console.log(`usage: npm run cli -- <command>\n\ncommands:\n${list}`);
    return name === undefined || name === 'help' || name === '--help' ? 0 : 2;
  }
  const config = loadConfig();
  let database: Database | undefined;
  const context: CommandContext = {
    config,
    database: async (options = { migrate: true }) =>
      (database ??= await openConfiguredDatabase(config, options)),
    print: (line) => console.log(line),
  };
  try {
    return await command.run(rest, context);
  } finally {
    await database?.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known =
      error instanceof ConfigError || error instanceof UsageError || error instanceof MigrationError;
    console.error(known ? error.message : error);
    process.exit(known && error instanceof UsageError ? 2 : 1);
  },
);
