import { sql } from 'kysely';
import { addDays, type CalendarDate } from '../../../domain/index.ts';
import type { Executor } from '../shared/context.ts';
import type { MeterState } from './rules.ts';

/** Enough history for the plausibility check (a year before the previous reading) and its neighbours. */
const HISTORY_DAYS = 800;

/**
 * The state of the given meters for checking new readings dated `from` or later: their accepted readings from
 * well before that day (and the last one before that window, when older), and the days taken by any accepted or
 * pending reading. Set-based: one query per kind of row, whatever the number of meters.
 */
export async function loadMeterStates(
  db: Executor,
  meterIds: readonly number[],
  from: CalendarDate,
): Promise<Map<number, MeterState>> {
  const states = new Map<number, MeterState>();
  // Chunks keep each statement well below PostgreSQL's limit of 65535 parameters.
  for (let start = 0; start < meterIds.length; start += CHUNK) {
    for (const [id, state] of await loadChunk(db, meterIds.slice(start, start + CHUNK), from))
      states.set(id, state);
  }
  return states;
}

const CHUNK = 5000;

async function loadChunk(db: Executor, ids: number[], from: CalendarDate): Promise<Map<number, MeterState>> {
  const states = new Map<number, MeterState>();
  const meters = await db.selectFrom('meters').where('id', 'in', ids).selectAll().execute();
  for (const meter of meters) {
    states.set(meter.id, {
      id: meter.id,
      serialNumber: meter.serial_number,
      installedOn: meter.installed_on as CalendarDate,
      installReadingLitres: meter.install_reading_litres,
      removedOn: meter.removed_on as CalendarDate | null,
      registerDigits: meter.register_digits,
      accepted: [],
      takenDays: new Set(),
    });
  }
  const windowStart = addDays(from, -HISTORY_DAYS);
  const [recent, older] = await Promise.all([
    db
      .selectFrom('readings')
      .where('meter_id', 'in', ids)
      .where('status', 'in', ['accepted', 'pending'])
      .where('read_on', '>=', windowStart)
      .select(['meter_id', 'read_on', 'value_litres', 'status'])
      .orderBy('meter_id')
      .orderBy('read_on')
      .execute(),
    sql<{ meter_id: number; read_on: string; value_litres: number }>`
      select distinct on (meter_id) meter_id, read_on, value_litres from readings
      where meter_id in (${sql.join(ids)}) and status = 'accepted' and read_on < ${windowStart}
      order by meter_id, read_on desc`.execute(db),
  ]);
  for (const row of older.rows)
    states
      .get(row.meter_id)
      ?.accepted.push({ date: row.read_on as CalendarDate, valueLitres: row.value_litres });
  for (const row of recent) {
    const state = states.get(row.meter_id);
    if (!state) continue;
    state.takenDays.add(row.read_on);
    if (row.status === 'accepted')
      state.accepted.push({ date: row.read_on as CalendarDate, valueLitres: row.value_litres });
  }
  return states;
}
