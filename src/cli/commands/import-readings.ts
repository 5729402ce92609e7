import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { CalendarDate } from '../../domain/index.ts';
import { polishDate } from '../../modules/auth/calendar.ts';
import { ReadingsFileError } from '../../modules/backoffice/readings/csv.ts';
import { importReadings } from '../../modules/backoffice/readings/import.ts';
import { UsageError, type Command } from '../command.ts';

/**
 * Imports a readings CSV from a reading terminal or a remote-reading system (format in docs/back-office.md).
 * Prints the counts and each rejected line with its number and reason. Exit code 0 when every line was taken
 * in, 3 when some were rejected (the others are imported), 1 when the file is not a readings file.
 * Importing the same file again changes nothing and prints the first import's report.
 */
export const importReadingsCommand: Command = {
  name: 'import-readings',
  summary:
    'Import meter readings from a CSV file (meter_serial;date;value_m3;source); rejected lines are listed.',
  usage: 'import-readings FILE',
  async run(argv, context) {
    let positionals: string[];
    try {
      ({ positionals } = parseArgs({ args: argv, options: {}, strict: true, allowPositionals: true }));
    } catch (error) {
      throw new UsageError(`import-readings: ${(error as Error).message}`);
    }
    if (positionals.length !== 1) throw new UsageError('import-readings: give exactly one FILE');
    const file = positionals[0]!;
    let content: Buffer;
    try {
      content = readFileSync(file);
    } catch (error) {
      throw new UsageError(`import-readings: cannot read ${file}: ${(error as Error).message}`);
    }
    const database = await context.database();
    const now = new Date();
    try {
      const report = await importReadings(database, {
        fileName: path.basename(file),
        content,
        actor: { staffUserId: null, ip: null },
        now,
        today: polishDate(now) as CalendarDate,
      });
      if (report.alreadyImported) {
        context.print(
          `${path.basename(file)} was already imported on ${report.importedAt} (import #${report.batchId}); nothing changed.`,
        );
      }
      context.print(
        `import #${report.batchId}: ${report.lines} lines, ${report.accepted} accepted (${report.pendingReview} held for review), ${report.rejected} rejected`,
      );
      for (const rejection of report.rejections)
        context.print(`  line ${rejection.line}: ${rejection.reason}: ${rejection.detail}`);
      return report.rejected > 0 ? 3 : 0;
    } catch (error) {
      if (error instanceof ReadingsFileError) {
        context.print(`import-readings: ${error.text.en}`);
        return 1;
      }
      throw error;
    }
  },
};
