import type { Kysely } from 'kysely';
import { legalizationStatus } from '../../domain/legalization.ts';
import type { CalendarDate } from '../../domain/dates.ts';
import { activationCodeHash } from '../../modules/auth/registration.ts';
import type { DB } from '../schema.ts';
import { ColumnBuffer, reserveIds } from './bulk-insert.ts';
import type { GeneratedCustomer } from './generate-customer.ts';

/** Counts of what a seed wrote; summed over batches. */
export interface SeedCounts {
  customers: number;
  persons: number;
  companies: number;
  servicePoints: number;
  contracts: number;
  mainMeters: number;
  subMeters: number;
  /** Meters removed during the history (each was replaced by a new one the same day). */
  replacedMeters: number;
  readings: number;
  activationCodes: number;
  /** Meters in service today by legalization status (expiring = within 90 days). */
  legalization: { valid: number; expiring: number; expired: number };
}

export function emptyCounts(): SeedCounts {
  return {
    customers: 0,
    persons: 0,
    companies: 0,
    servicePoints: 0,
    contracts: 0,
    mainMeters: 0,
    subMeters: 0,
    replacedMeters: 0,
    readings: 0,
    activationCodes: 0,
    legalization: { valid: 0, expiring: 0, expired: 0 },
  };
}

function buffers() {
  return {
    customers: new ColumnBuffer(
      'customers',
      {
        id: 'bigint',
        customer_number: 'text',
        kind: 'text',
        first_name: 'text',
        last_name: 'text',
        company_name: 'text',
        pesel: 'text',
        nip: 'text',
        email: 'text',
        street: 'text',
        building: 'text',
        apartment: 'text',
        postal_code: 'text',
        city: 'text',
        language: 'text',
        activation_code_hash: 'text',
      },
      true,
    ),
    servicePoints: new ColumnBuffer(
      'service_points',
      {
        id: 'bigint',
        code: 'text',
        street: 'text',
        building: 'text',
        apartment: 'text',
        postal_code: 'text',
        city: 'text',
        customer_group: 'text',
        billing_cycle_months: 'integer',
        billing_cycle_offset: 'integer',
      },
      true,
    ),
    contracts: new ColumnBuffer('contracts', {
      contract_number: 'text',
      customer_id: 'bigint',
      service_point_id: 'bigint',
      services: 'text',
      signed_on: 'date',
      valid_from: 'date',
    }),
    meters: new ColumnBuffer(
      'meters',
      {
        id: 'bigint',
        service_point_id: 'bigint',
        serial_number: 'text',
        kind: 'text',
        installed_on: 'date',
        removed_on: 'date',
        removal_reading_litres: 'bigint',
        legalization_year: 'integer',
        legalization_expires_on: 'date',
      },
      true,
    ),
    readings: new ColumnBuffer('readings', {
      meter_id: 'bigint',
      read_on: 'date',
      value_litres: 'bigint',
      source: 'text',
    }),
  };
}

/** Writes one batch of generated customers with everything attached; the caller owns the transaction. */
export async function writeBatch(
  executor: Kysely<DB>,
  batch: readonly GeneratedCustomer[],
  today: CalendarDate,
  counts: SeedCounts,
): Promise<void> {
  const meterCount = batch.reduce((sum, customer) => sum + customer.meters.length, 0);
  const customerIds = await reserveIds(executor, 'customers', batch.length);
  const pointIds = await reserveIds(executor, 'service_points', batch.length);
  const meterIds = await reserveIds(executor, 'meters', meterCount);
  const rows = buffers();
  let meterPosition = 0;
  batch.forEach((customer, position) => {
    const customerId = customerIds[position]!;
    const pointId = pointIds[position]!;
    const { customerAddress: home, pointAddress: point } = customer.place;
    rows.customers.push({
      id: customerId,
      customer_number: customer.customerNumber,
      kind: customer.kind,
      first_name: customer.firstName,
      last_name: customer.lastName,
      company_name: customer.companyName,
      pesel: customer.pesel,
      nip: customer.nip,
      email: customer.email,
      street: home.street,
      building: home.building,
      apartment: home.apartment,
      postal_code: home.postalCode,
      city: home.city,
      language: customer.language,
      activation_code_hash:
        customer.activationCode === null ? null : activationCodeHash(customer.activationCode),
    });
    rows.servicePoints.push({
      id: pointId,
      code: `PP/${customer.customerNumber}/1`,
      street: point.street,
      building: point.building,
      apartment: point.apartment,
      postal_code: point.postalCode,
      city: point.city,
      customer_group: customer.customerGroup,
      billing_cycle_months: customer.cycleMonths,
      billing_cycle_offset: 0,
    });
    rows.contracts.push({
      contract_number: `UM/${customer.place.connectedOn.slice(0, 4)}/${customer.customerNumber}`,
      customer_id: customerId,
      service_point_id: pointId,
      services: customer.services,
      signed_on: customer.place.signedOn,
      valid_from: customer.place.connectedOn,
    });
    for (const meter of customer.meters) {
      const meterId = meterIds[meterPosition]!;
      meterPosition += 1;
      rows.meters.push({
        id: meterId,
        service_point_id: pointId,
        serial_number: meter.serialNumber,
        kind: meter.kind,
        installed_on: meter.installedOn,
        removed_on: meter.removedOn,
        removal_reading_litres: meter.removalReadingLitres,
        legalization_year: meter.legalizationYear,
        legalization_expires_on: meter.legalizationExpiresOn,
      });
      for (const reading of meter.readings) {
        rows.readings.push({
          meter_id: meterId,
          read_on: reading.readOn,
          value_litres: reading.valueLitres,
          source: customer.readingSource,
        });
      }
      if (meter.kind === 'main') counts.mainMeters += 1;
      else counts.subMeters += 1;
      if (meter.removedOn !== null) counts.replacedMeters += 1;
      else counts.legalization[legalizationStatus(meter.legalizationExpiresOn, today)] += 1;
    }
    counts.customers += 1;
    if (customer.kind === 'person') counts.persons += 1;
    else counts.companies += 1;
    if (customer.activationCode !== null) counts.activationCodes += 1;
  });
  await rows.customers.insertInto(executor);
  counts.servicePoints += await rows.servicePoints.insertInto(executor);
  counts.contracts += await rows.contracts.insertInto(executor);
  await rows.meters.insertInto(executor);
  counts.readings += await rows.readings.insertInto(executor);
}
