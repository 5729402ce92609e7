import { readingVisible, meterVisible, idList, type Executor, type PortalScope } from '../scope.ts';

export type ReadingSource = 'staff' | 'amr' | 'customer' | 'estimate';
export type ReadingStatus = 'pending' | 'accepted' | 'rejected' | 'superseded';

export interface ReadingRow {
  id: number;
  meterId: number;
  date: string;
  valueLitres: number;
  source: ReadingSource;
  status: ReadingStatus;
  statusReason: string | null;
  createdByLoginId: number | null;
  createdAt: Date;
}

const asSource = (source: string): ReadingSource =>
  source === 'amr' || source === 'customer' || source === 'estimate' ? source : 'staff';
const asStatus = (status: string): ReadingStatus =>
  status === 'pending' || status === 'rejected' || status === 'superseded' ? status : 'accepted';

/**
 * Readings of the customer's meters that fall inside their contracts, oldest first. Superseded readings
 * (replaced by a correction) are history of the office, not of the customer, and are left out unless asked.
 */
export async function loadReadings(
  db: Executor,
  scope: Pick<PortalScope, 'customerIds'>,
  filter: { meterIds?: readonly number[]; includeSuperseded?: boolean } = {},
): Promise<ReadingRow[]> {
  let query = db
    .selectFrom('readings as r')
    .innerJoin('meters as m', 'm.id', 'r.meter_id')
    .select([
      'r.id',
      'r.meter_id',
      'r.read_on',
      'r.value_litres',
      'r.source',
      'r.status',
      'r.status_reason',
      'r.created_by_login_id',
      'r.created_at',
    ])
    .where(meterVisible(scope.customerIds))
    .where(readingVisible(scope.customerIds))
    .orderBy('r.meter_id')
    .orderBy('r.read_on')
    .orderBy('r.id');
  if (filter.meterIds) query = query.where('r.meter_id', 'in', idList(filter.meterIds));
  if (!filter.includeSuperseded) query = query.where('r.status', '<>', 'superseded');
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    meterId: row.meter_id,
    date: row.read_on,
    valueLitres: row.value_litres,
    source: asSource(row.source),
    status: asStatus(row.status),
    statusReason: row.status_reason,
    createdByLoginId: row.created_by_login_id,
    createdAt: row.created_at,
  }));
}
