import type { Command } from '../command.ts';
import { billingRunCommand } from './billing-run.ts';
import { createStaffCommand } from './create-staff.ts';
import { importReadingsCommand } from './import-readings.ts';
import { importStatementCommand } from './import-statement.ts';
import { invoicePdfCommand, ksefXmlCommand } from './invoice-files.ts';
import { migrateCommand } from './migrate.ts';
import { seedCommand } from './seed.ts';

/** Every CLI command; `npm run cli -- help` lists them. */
export const commands: Command[] = [
  migrateCommand,
  billingRunCommand,
  seedCommand,
  createStaffCommand,
  importStatementCommand,
  importReadingsCommand,
  invoicePdfCommand,
  ksefXmlCommand,
];
