import { createHash } from 'node:crypto';
import type { Database } from '../../../db/database.ts';
import { compareDates, type CalendarDate } from '../../../domain/index.ts';
import { writeAudit } from '../shared/audit.ts';
import type { Actor, Executor } from '../shared/context.ts';
import { parseReadingsFile, type RejectedLine } from './csv.ts';
import { loadMeterStates } from './meter-state.ts';
import { judgeReading, remember, type MeterState, type RejectionReason } from './rules.ts';

export interface ImportRequest {
  fileName: string;
  content: Buffer;
  actor: Actor;
  now: Date;
  today: CalendarDate;
}

export interface ImportReport {
  batchId: number;
  fileName: string;
  importedAt: string;
  /** The same file (by SHA-256) was imported before: nothing was changed, this is the first import's report. */
  alreadyImported: boolean;
  lines: number;
  accepted: number;
  /** Taken in but held for review (implausible values); included in `accepted`. */
  pendingReview: number;
  rejected: number;
  rejections: { line: number; reason: RejectionReason; detail: string; content: string }[];
}

const INSERT_CHUNK = 2000;

function chunks<Item>(items: readonly Item[]): Item[][] {
  const result: Item[][] = [];
  for (let start = 0; start < items.length; start += INSERT_CHUNK)
    result.push(items.slice(start, start + INSERT_CHUNK));
  return result;
}

export async function importReport(
  db: Executor,
  batchId: number,
  alreadyImported: boolean,
): Promise<ImportReport | undefined> {
  const batch = await db
    .selectFrom('reading_import_batches')
    .selectAll()
    .where('id', '=', batchId)
    .executeTakeFirst();
  if (!batch) return undefined;
  const rejections = await db
    .selectFrom('reading_import_rejections')
    .selectAll()
    .where('batch_id', '=', batchId)
    .orderBy('line')
    .execute();
  return {
    batchId: batch.id,
    fileName: batch.file_name,
    importedAt: batch.imported_at.toISOString(),
    alreadyImported,
    lines: batch.line_count,
    accepted: batch.accepted_count,
    pendingReview: batch.pending_count,
    rejected: batch.rejected_count,
    rejections: rejections.map((row) => ({
      line: row.line,
      reason: row.reason as RejectionReason,
      detail: row.detail,
      content: row.content,
    })),
  };
}

/**
 * Imports a readings file in one transaction: each line is taken in (accepted, or pending review when
 * implausible) or rejected with its reason, and the report is stored with the batch. The file's SHA-256 is
 * unique, so importing the same file again changes nothing and answers with the first report.
 * Throws ReadingsFileError when the file is not a readings file at all (wrong header).
 */
export async function importReadings(database: Database, request: ImportRequest): Promise<ImportReport> {
  const sha256 = createHash('sha256').update(request.content).digest('hex');
  const known = await database.db
    .selectFrom('reading_import_batches')
    .select('id')
    .where('file_sha256', '=', sha256)
    .executeTakeFirst();
  if (known) return (await importReport(database.db, known.id, true))!;
  const parsed = parseReadingsFile(request.content.toString('utf8'));

  const batchId = await database.db.transaction().execute(async (trx) => {
    const batch = await trx
      .insertInto('reading_import_batches')
      .values({
        file_name: request.fileName.slice(0, 200),
        file_sha256: sha256,
        imported_at: request.now,
        staff_user_id: request.actor.staffUserId,
      })
      .onConflict((conflict) => conflict.column('file_sha256').doNothing())
      .returning('id')
      .executeTakeFirst();
    // Imported a moment ago by someone else: theirs is the import.
    if (!batch) return undefined;

    const serials = [...new Set(parsed.lines.map((line) => line.serialNumber.toLowerCase()))];
    const meterRows = serials.length === 0 ? [] : await metersBySerial(trx, serials);
    const earliest = parsed.lines.reduce<CalendarDate | null>(
      (first, line) => (first === null || compareDates(line.date, first) < 0 ? line.date : first),
      null,
    );
    const states =
      earliest === null
        ? new Map<number, MeterState>()
        : await loadMeterStates(
            trx,
            meterRows.map((meter) => meter.id),
            earliest,
          );
    const metersOfSerial = new Map<string, MeterState[]>();
    for (const meter of meterRows) {
      const state = states.get(meter.id);
      if (!state) continue;
      const key = meter.serial_number.toLowerCase();
      metersOfSerial.set(key, [...(metersOfSerial.get(key) ?? []), state]);
    }

    const rejected: RejectedLine[] = [...parsed.rejected];
    const readings: {
      meter_id: number;
      read_on: string;
      value_litres: number;
      source: 'amr' | 'staff';
      status: 'accepted' | 'pending';
      status_reason: string | null;
    }[] = [];
    for (const line of parsed.lines) {
      const candidates = metersOfSerial.get(line.serialNumber.toLowerCase());
      if (!candidates) {
        rejected.push({
          line: line.line,
          content: line.content,
          rejection: {
            reason: 'unknown_meter',
            detail: {
              pl: `Nieznany wodomierz ${line.serialNumber}.`,
              en: `Unknown meter ${line.serialNumber}.`,
            },
          },
        });
        continue;
      }
      // A serial may return after repair: the meter installed on the reading's day is the one read.
      const meter =
        candidates.find(
          (candidate) =>
            candidate.installedOn <= line.date &&
            (candidate.removedOn === null || line.date <= candidate.removedOn),
        ) ?? candidates[0]!;
      const verdict = judgeReading(meter, line.date, line.valueLitres, request.today);
      if (!verdict.ok) {
        rejected.push({ line: line.line, content: line.content, rejection: verdict.rejection });
        continue;
      }
      remember(meter, line.date, line.valueLitres, verdict.status);
      readings.push({
        meter_id: meter.id,
        read_on: line.date,
        value_litres: line.valueLitres,
        source: line.source,
        status: verdict.status,
        status_reason: verdict.reviewNote,
      });
    }

    for (const chunk of chunks(readings)) {
      await trx
        .insertInto('readings')
        .values(
          chunk.map((reading) => ({
            ...reading,
            import_batch_id: batch.id,
            created_by_staff_id: request.actor.staffUserId,
            created_at: request.now,
          })),
        )
        .execute();
    }
    rejected.sort((left, right) => left.line - right.line);
    for (const chunk of chunks(rejected)) {
      await trx
        .insertInto('reading_import_rejections')
        .values(
          chunk.map((line) => ({
            batch_id: batch.id,
            line: line.line,
            reason: line.rejection.reason,
            detail: line.rejection.detail.pl,
            content: line.content,
          })),
        )
        .execute();
    }
    const pending = readings.filter((reading) => reading.status === 'pending').length;
    const counts = {
      line_count: parsed.dataLines,
      accepted_count: readings.length,
      pending_count: pending,
      rejected_count: rejected.length,
    };
    await trx.updateTable('reading_import_batches').set(counts).where('id', '=', batch.id).execute();
    await writeAudit(
      trx,
      request.actor,
      {
        action: 'readings.imported',
        entity: 'reading_import_batch',
        entityId: batch.id,
        after: { fileName: request.fileName, sha256, ...counts },
      },
      request.now,
    );
    return batch.id;
  });
  if (batchId === undefined) {
    const winner = await database.db
      .selectFrom('reading_import_batches')
      .select('id')
      .where('file_sha256', '=', sha256)
      .executeTakeFirstOrThrow();
    return (await importReport(database.db, winner.id, true))!;
  }
  return (await importReport(database.db, batchId, false))!;
}

async function metersBySerial(trx: Executor, serials: string[]) {
  const rows: { id: number; serial_number: string }[] = [];
  for (let start = 0; start < serials.length; start += INSERT_CHUNK) {
    const part = serials.slice(start, start + INSERT_CHUNK);
    rows.push(
      ...(await trx
        .selectFrom('meters')
        .select(['id', 'serial_number'])
        .where((where) => where(where.fn('lower', ['serial_number']), 'in', part))
        .orderBy('installed_on', 'desc')
        .execute()),
    );
  }
  return rows;
}
