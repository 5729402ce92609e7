import { presentReading } from '../customers/view.ts';
import type { Executor } from '../shared/context.ts';
import { offsetOf, type PageQuery } from '../shared/schemas.ts';

export interface ReadingFilter {
  meterId?: number | undefined;
  status?: 'pending' | 'accepted' | 'rejected' | 'superseded' | undefined;
  source?: 'staff' | 'amr' | 'customer' | 'estimate' | undefined;
  importBatchId?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** Readings newest first, with the meter they belong to; every filter is optional. */
export async function listReadings(db: Executor, filter: ReadingFilter, page: PageQuery) {
  let query = db.selectFrom('readings as r').innerJoin('meters as m', 'm.id', 'r.meter_id');
  if (filter.meterId !== undefined) query = query.where('r.meter_id', '=', filter.meterId);
  if (filter.status) query = query.where('r.status', '=', filter.status);
  if (filter.source) query = query.where('r.source', '=', filter.source);
  if (filter.importBatchId !== undefined) query = query.where('r.import_batch_id', '=', filter.importBatchId);
  if (filter.from) query = query.where('r.read_on', '>=', filter.from);
  if (filter.to) query = query.where('r.read_on', '<=', filter.to);
  const [rows, count] = await Promise.all([
    query
      .select([
        'r.id',
        'r.meter_id',
        'm.serial_number',
        'r.read_on',
        'r.value_litres',
        'r.source',
        'r.status',
        'r.status_reason',
        'r.superseded_by_id',
        'r.import_batch_id',
        'r.created_at',
      ])
      .orderBy('r.read_on', 'desc')
      .orderBy('r.id', 'desc')
      .limit(page.pageSize)
      .offset(offsetOf(page))
      .execute(),
    query.select((select) => select.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((row) => ({
      ...presentReading(row),
      meterId: row.meter_id,
      meterSerial: row.serial_number,
      supersededById: row.superseded_by_id,
      importBatchId: row.import_batch_id,
      createdAt: row.created_at.toISOString(),
    })),
    page: page.page,
    pageSize: page.pageSize,
    total: Number(count.total),
  };
}

export async function listImportBatches(db: Executor, page: PageQuery) {
  const [rows, count] = await Promise.all([
    db
      .selectFrom('reading_import_batches as b')
      .leftJoin('staff_users as s', 's.id', 'b.staff_user_id')
      .select([
        'b.id',
        'b.file_name',
        'b.imported_at',
        'b.line_count',
        'b.accepted_count',
        'b.pending_count',
        'b.rejected_count',
        's.full_name',
      ])
      .orderBy('b.imported_at', 'desc')
      .orderBy('b.id', 'desc')
      .limit(page.pageSize)
      .offset(offsetOf(page))
      .execute(),
    db
      .selectFrom('reading_import_batches')
      .select((select) => select.fn.countAll<number>().as('total'))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((row) => ({
      id: row.id,
      fileName: row.file_name,
      importedAt: row.imported_at.toISOString(),
      importedBy: row.full_name,
      lines: row.line_count,
      accepted: row.accepted_count,
      pendingReview: row.pending_count,
      rejected: row.rejected_count,
    })),
    page: page.page,
    pageSize: page.pageSize,
    total: Number(count.total),
  };
}
