import type { Command } from '../command.ts';
import { billingRunCommand } from './billing-run.ts';
import { migrateCommand } from './migrate.ts';

/** Every CLI command; `npm run cli -- help` lists them. */
export const commands: Command[] = [migrateCommand, billingRunCommand];
