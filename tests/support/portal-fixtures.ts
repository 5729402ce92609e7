import type { LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import type { App } from '../../src/app.ts';
import type { Database } from '../../src/db/database.ts';
import type { DB } from '../../src/db/schema.ts';
import { calendarDate } from '../../src/domain/index.ts';
import { runBilling } from '../../src/modules/billing/run.ts';
import {
  createContract,
  createContractHolder,
  createCustomerLogin,
  createServicePoint,
  type CustomerOverrides,
} from './factories.ts';
import { signInCustomer, type SignedIn } from './sessions.ts';

/**
 * Portal fixtures: a customer with a service point, meters and readings, a login holding the customer, and a
 * signed-in client that calls the portal API with the session cookie and the CSRF header.
 */

let sequence = 0;
const next = (): number => ++sequence;

export const BANK_ACCOUNT_PREFIX = '10205011';

/** Household tariff (2025-06 prices of the billing tests): water 5,82, sewage 6,99 zł/m³ net, 5 zł a month, VAT 8%. */
export async function createTariffs(db: Kysely<DB>): Promise<void> {
  await db
    .insertInto('tariff_versions')
    .values([
      {
        customer_group: 'household',
        valid_from: '2020-01-01',
        water_price_grosze_per_m3: 582,
        sewage_price_grosze_per_m3: 699,
        subscription_grosze_per_month: 500,
        vat_rate_basis_points: 800,
      },
      {
        customer_group: 'other',
        valid_from: '2020-01-01',
        water_price_grosze_per_m3: 612,
        sewage_price_grosze_per_m3: 731,
        subscription_grosze_per_month: 900,
        vat_rate_basis_points: 800,
      },
    ])
    .onConflict((conflict) => conflict.columns(['customer_group', 'valid_from']).doNothing())
    .execute();
}

/**
 * Bills the given months through the real billing run, each on the 5th of the next month (due 14 days later):
 * '2026-10' → issued 2026-11-05, due 2026-11-19.
 */
export async function billMonths(database: Database, months: readonly string[]): Promise<void> {
  await createTariffs(database.db);
  for (const period of months) {
    const [year, month] = period.split('-').map(Number) as [number, number];
    const today = month === 12 ? `${year + 1}-01-05` : `${year}-${String(month + 1).padStart(2, '0')}-05`;
    await runBilling(database, {
      period,
      today: calendarDate(today),
      bankAccountPrefix: BANK_ACCOUNT_PREFIX,
    });
  }
}

export interface MeterFixture {
  kind?: 'main' | 'sub' | 'sewage';
  installedOn?: string;
  installReadingLitres?: number;
  legalizationYear?: number;
  legalizationExpiresOn?: string;
  removedOn?: string;
  removalReadingLitres?: number;
  /** Accepted readings: [date, litres]. */
  readings?: Array<[string, number]>;
  readingSource?: 'staff' | 'amr' | 'estimate';
}

export async function createMeter(db: Kysely<DB>, servicePointId: number, fixture: MeterFixture = {}) {
  const meter = await db
    .insertInto('meters')
    .values({
      service_point_id: servicePointId,
      serial_number: `WM-${String(next()).padStart(7, '0')}`,
      kind: fixture.kind ?? 'main',
      installed_on: fixture.installedOn ?? '2024-01-01',
      install_reading_litres: fixture.installReadingLitres ?? 0,
      legalization_year: fixture.legalizationYear ?? 2023,
      legalization_expires_on: fixture.legalizationExpiresOn ?? '2028-12-31',
      removed_on: fixture.removedOn ?? null,
      removal_reading_litres: fixture.removalReadingLitres ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const readings = [];
  for (const [date, litres] of fixture.readings ?? []) {
    readings.push(
      await db
        .insertInto('readings')
        .values({
          meter_id: meter.id,
          read_on: date,
          value_litres: litres,
          source: fixture.readingSource ?? 'staff',
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
  }
  return { meter, readings };
}

/** Month-end readings from `first` to `last` month (YYYY-MM), `litresPerMonth` a month, starting at `start`. */
export function monthEndReadings(
  first: string,
  last: string,
  litresPerMonth: number,
  start = 0,
): Array<[string, number]> {
  const readings: Array<[string, number]> = [];
  let [year, month] = first.split('-').map(Number) as [number, number];
  let value = start;
  for (;;) {
    value += litresPerMonth;
    const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const label = `${year}-${String(month).padStart(2, '0')}`;
    readings.push([`${label}-${String(day).padStart(2, '0')}`, value]);
    if (label === last) return readings;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
}

export interface PortalCustomer {
  customerId: number;
  customerNumber: string;
  servicePointId: number;
  mainMeterId: number;
  mainMeterSerial: string;
  login: { id: number; email: string; password: string };
}

/** A contract holder with a main meter read at month ends, and a login holding the customer. */
export async function createPortalCustomer(
  db: Kysely<DB>,
  options: {
    customer?: CustomerOverrides;
    main?: MeterFixture;
    role?: 'holder' | 'manager';
    billingCycleMonths?: number;
  } = {},
): Promise<PortalCustomer> {
  const { customer, servicePoint } = await createContractHolder(db, options.customer);
  if (options.billingCycleMonths) {
    await db
      .updateTable('service_points')
      .set({ billing_cycle_months: options.billingCycleMonths })
      .where('id', '=', servicePoint.id)
      .execute();
  }
  const { meter } = await createMeter(
    db,
    servicePoint.id,
    options.main ?? { readings: monthEndReadings('2024-01', '2026-10', 4500) },
  );
  const login = await createCustomerLogin(db, { customerIds: [customer.id], role: options.role ?? 'holder' });
  return {
    customerId: customer.id,
    customerNumber: customer.customer_number,
    servicePointId: servicePoint.id,
    mainMeterId: meter.id,
    mainMeterSerial: meter.serial_number,
    login,
  };
}

/** A second service point for an existing customer, with its own contract. */
export async function addServicePoint(db: Kysely<DB>, customerId: number, validFrom = '2020-01-01') {
  const point = await createServicePoint(db);
  await createContract(db, {
    customerId,
    servicePointId: point.id,
    valid_from: validFrom,
    signed_on: validFrom,
  });
  return point;
}

export interface PortalClient {
  signedIn: SignedIn;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, payload: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, payload: unknown): Promise<LightMyRequestResponse>;
}

/** Signs the login in through the real endpoint and returns a client that sends the cookie (and CSRF header). */
export async function portalClient(
  app: App,
  login: { email: string; password: string },
): Promise<PortalClient> {
  const signedIn = await signInCustomer(app, login);
  return {
    signedIn,
    get: (url, headers = {}) =>
      app.inject({ method: 'GET', url, headers: { cookie: signedIn.cookie, ...headers } }),
    post: (url, payload) =>
      app.inject({
        method: 'POST',
        url,
        payload: JSON.stringify(payload),
        headers: { ...signedIn.headers, 'content-type': 'application/json' },
      }),
    patch: (url, payload) =>
      app.inject({
        method: 'PATCH',
        url,
        payload: JSON.stringify(payload),
        headers: { ...signedIn.headers, 'content-type': 'application/json' },
      }),
  };
}

/** Records a payment (and optionally its allocation) as the payments module would. */
export async function createPayment(
  db: Kysely<DB>,
  values: {
    customerId: number;
    amountGrosze: number;
    receivedOn: string;
    channel?: 'online' | 'transfer' | 'cash_desk' | 'refund';
    feeGrosze?: number;
    allocations?: Array<{ invoiceId: number; amountGrosze: number }>;
  },
) {
  const payment = await db
    .insertInto('payments')
    .values({
      customer_id: values.customerId,
      channel: values.channel ?? 'transfer',
      amount_grosze: values.amountGrosze,
      fee_grosze: values.feeGrosze ?? 0,
      received_on: values.receivedOn,
      external_reference: `REF-${next()}`,
      title: 'Opłata za wodę',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  for (const allocation of values.allocations ?? []) {
    await db
      .insertInto('payment_allocations')
      .values({
        payment_id: payment.id,
        invoice_id: allocation.invoiceId,
        amount_grosze: allocation.amountGrosze,
      })
      .execute();
  }
  return payment;
}
