import { sql, type Kysely, type Transaction } from 'kysely';
import {
  addDays,
  grosze,
  type BilledEstimate,
  type CalendarDate,
  type CustomerGroup,
  type Meter,
  type MeterReading,
  type MeterRole,
  type TariffVersion,
} from '../../domain/index.ts';
import type { DB } from '../../db/schema.ts';

type Executor = Kysely<DB> | Transaction<DB>;

/** How far back readings and invoices are loaded: a year of history for estimates, plus unsettled estimates. */
const HISTORY_DAYS = 2 * 366;

export interface ServicePointToBill {
  servicePointId: number;
  servicePointAddress: string;
  customerGroup: CustomerGroup;
  cycleMonths: number;
  estimateNormLitresPerDay: number | null;
  contract: { from: CalendarDate; to: CalendarDate | null; water: boolean; sewage: boolean };
  customer: {
    id: number;
    customerNumber: string;
    name: string;
    address: string;
    nip: string | null;
    eInvoiceEmail: string | null;
  };
  previousInvoiceEnd: CalendarDate | null;
  /** Estimates billed since the last actual settlement, oldest first. */
  billedEstimates: BilledEstimate[];
  meters: Meter[];
  meterSerials: Map<string, string>;
  readings: MeterReading[];
}

const roleOfKind: Record<string, MeterRole> = { main: 'main', sewage: 'sewage', sub: 'garden' };

export function formatAddress(parts: {
  street: string;
  building: string;
  apartment: string | null;
  postal_code: string;
  city: string;
}): string {
  const number = parts.apartment ? `${parts.building}/${parts.apartment}` : parts.building;
  return `${parts.street} ${number}, ${parts.postal_code} ${parts.city}`;
}

export async function loadTariffs(db: Executor): Promise<TariffVersion[]> {
  const rows = await db.selectFrom('tariff_versions').selectAll().orderBy('valid_from').execute();
  return rows.map((row) => ({
    id: String(row.id),
    validFrom: row.valid_from as CalendarDate,
    customerGroup: row.customer_group as CustomerGroup,
    waterPricePerCubicMetre: grosze(row.water_price_grosze_per_m3),
    sewagePricePerCubicMetre: grosze(row.sewage_price_grosze_per_m3),
    subscriptionPerMonth: grosze(row.subscription_grosze_per_month),
    vatRateBasisPoints: row.vat_rate_basis_points,
  }));
}

/**
 * Everything needed to bill a batch of service points, in a handful of set-based queries (never one query per
 * point: a run bills up to a hundred thousand of them).
 */
export async function loadBatch(
  db: Executor,
  servicePointIds: number[],
  cycle: { from: CalendarDate; to: CalendarDate },
  /** Consider only invoices that ended before this day (recomputing an old period for a correction). */
  invoicesEndingBefore?: CalendarDate,
): Promise<ServicePointToBill[]> {
  if (servicePointIds.length === 0) return [];
  const historyStart = addDays(cycle.from, -HISTORY_DAYS);
  const [points, invoices, meters] = await Promise.all([
    db
      .selectFrom('service_points as sp')
      .innerJoin('contracts as c', 'c.service_point_id', 'sp.id')
      .innerJoin('customers as cu', 'cu.id', 'c.customer_id')
      .where('sp.id', 'in', servicePointIds)
      .where('c.valid_from', '<=', cycle.to)
      .where((where) => where.or([where('c.valid_to', 'is', null), where('c.valid_to', '>=', cycle.from)]))
      .select([
        'sp.id',
        'sp.street',
        'sp.building',
        'sp.apartment',
        'sp.postal_code',
        'sp.city',
        'sp.customer_group',
        'sp.billing_cycle_months',
        'sp.estimate_norm_litres_per_day',
        'c.services',
        'c.valid_from',
        'c.valid_to',
        'cu.id as customer_id',
        'cu.customer_number',
        'cu.kind',
        'cu.first_name',
        'cu.last_name',
        'cu.company_name',
        'cu.nip',
        'cu.street as customer_street',
        'cu.building as customer_building',
        'cu.apartment as customer_apartment',
        'cu.postal_code as customer_postal_code',
        'cu.city as customer_city',
        // The latest consent decides: e-mail delivery while it is a grant (VAT act art. 106n).
        sql<string | null>`(select case when consent.action = 'granted' then consent.email end
          from e_invoice_consents consent where consent.customer_id = cu.id
          order by consent.recorded_at desc, consent.id desc limit 1)`.as('e_invoice_email'),
      ])
      // When the holder changed during the cycle, the contract in force at its end is billed.
      .orderBy('sp.id')
      .orderBy('c.valid_from', 'desc')
      .execute(),
    db
      .selectFrom('invoices')
      .where('service_point_id', 'in', servicePointIds)
      .where('kind', '=', 'invoice')
      .where('cancelled_at', 'is', null)
      .where('period_to', '>=', historyStart)
      .$if(invoicesEndingBefore !== undefined, (query) =>
        query.where('period_to', '<', invoicesEndingBefore!),
      )
      .select([
        'service_point_id',
        'period_to',
        'estimated_from',
        'estimated_to',
        'estimated_water_litres',
        'estimated_sewage_litres',
      ])
      .orderBy('service_point_id')
      .orderBy('period_to', 'desc')
      .execute(),
    db
      .selectFrom('meters')
      .where('service_point_id', 'in', servicePointIds)
      .where('installed_on', '<=', cycle.to)
      .where((where) => where.or([where('removed_on', 'is', null), where('removed_on', '>=', historyStart)]))
      .selectAll()
      .execute(),
  ]);
  const readings =
    meters.length === 0
      ? []
      : await db
          .selectFrom('readings')
          .where(
            'meter_id',
            'in',
            meters.map((meter) => meter.id),
          )
          .where('status', '=', 'accepted')
          .where('read_on', '>=', historyStart)
          .where('read_on', '<=', cycle.to)
          .select(['id', 'meter_id', 'read_on', 'value_litres'])
          .orderBy('meter_id')
          .orderBy('read_on')
          .execute();

  const byPoint = new Map<number, ServicePointToBill>();
  for (const row of points) {
    if (byPoint.has(row.id)) continue;
    const name =
      row.kind === 'company'
        ? (row.company_name ?? '')
        : `${row.first_name ?? ''} ${row.last_name ?? ''}`.trim();
    byPoint.set(row.id, {
      servicePointId: row.id,
      servicePointAddress: formatAddress(row),
      customerGroup: row.customer_group as CustomerGroup,
      cycleMonths: row.billing_cycle_months,
      estimateNormLitresPerDay: row.estimate_norm_litres_per_day,
      contract: {
        from: row.valid_from as CalendarDate,
        to: row.valid_to as CalendarDate | null,
        water: row.services !== 'sewage',
        sewage: row.services !== 'water',
      },
      customer: {
        id: row.customer_id,
        customerNumber: row.customer_number,
        name,
        address: formatAddress({
          street: row.customer_street,
          building: row.customer_building,
          apartment: row.customer_apartment,
          postal_code: row.customer_postal_code,
          city: row.customer_city,
        }),
        nip: row.kind === 'company' ? row.nip : null,
        eInvoiceEmail: row.e_invoice_email,
      },
      previousInvoiceEnd: null,
      billedEstimates: [],
      meters: [],
      meterSerials: new Map(),
      readings: [],
    });
  }

  // Invoices come newest first: the first gives the previous end, and estimates are collected until an actual one.
  const settled = new Set<number>();
  for (const invoice of invoices) {
    const point = byPoint.get(invoice.service_point_id);
    if (!point || settled.has(point.servicePointId)) continue;
    point.previousInvoiceEnd ??= invoice.period_to as CalendarDate;
    if (invoice.estimated_from === null) {
      settled.add(point.servicePointId);
      continue;
    }
    point.billedEstimates.unshift({
      from: invoice.estimated_from as CalendarDate,
      to: invoice.estimated_to as CalendarDate,
      waterLitres: invoice.estimated_water_litres ?? 0,
      sewageLitres: invoice.estimated_sewage_litres ?? 0,
    });
  }

  const pointOfMeter = new Map<number, ServicePointToBill>();
  for (const row of meters) {
    const point = byPoint.get(row.service_point_id);
    if (!point) continue;
    const id = String(row.id);
    point.meters.push({
      id,
      role: roleOfKind[row.kind] ?? 'main',
      installedOn: row.installed_on as CalendarDate,
      removedOn: row.removed_on as CalendarDate | null,
      legalizationExpiry: row.legalization_expires_on as CalendarDate,
      registerDigits: row.register_digits,
    });
    point.meterSerials.set(id, row.serial_number);
    pointOfMeter.set(row.id, point);
  }
  const readingDays = new Set(readings.map((reading) => `${reading.meter_id}:${reading.read_on}`));
  for (const reading of readings) {
    pointOfMeter.get(reading.meter_id)?.readings.push({
      id: String(reading.id),
      meterId: String(reading.meter_id),
      date: reading.read_on as CalendarDate,
      valueLitres: reading.value_litres,
    });
  }
  // The installation and removal registers are readings too, when no reading of that day was entered.
  for (const row of meters) {
    const point = pointOfMeter.get(row.id);
    if (!point) continue;
    const synthetic: [string, CalendarDate, number][] = [
      [`install-${row.id}`, row.installed_on as CalendarDate, row.install_reading_litres],
    ];
    if (row.removed_on !== null && row.removal_reading_litres !== null) {
      synthetic.push([`removal-${row.id}`, row.removed_on as CalendarDate, row.removal_reading_litres]);
    }
    for (const [id, date, valueLitres] of synthetic) {
      if (readingDays.has(`${row.id}:${date}`) || date > cycle.to) continue;
      point.readings.push({ id, meterId: String(row.id), date, valueLitres });
    }
  }
  for (const point of byPoint.values())
    point.readings.sort((left, right) => (left.date < right.date ? -1 : left.date > right.date ? 1 : 0));
  return [...byPoint.values()];
}
