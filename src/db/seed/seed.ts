import { sql, type Kysely } from 'kysely';
import { dateFromParts, dateParts, isValidCalendarDate, type CalendarDate } from '../../domain/dates.ts';
import { customerAccountNumber } from '../../domain/nrb.ts';
import type { Database } from '../database.ts';
import type { DB } from '../schema.ts';
import { generateCustomer, type GeneratedCustomer, type SeedPlan } from './generate-customer.ts';
import { SHOWCASE } from './generate-profile.ts';
import { cycleEnds, historyWindow } from './history.ts';
import { MAX_SEED_CUSTOMERS } from './identifiers.ts';
import { tariffSeeds } from './tariffs.ts';
import { termsSeeds } from './terms.ts';
import { emptyCounts, writeBatch, type SeedCounts } from './write-batch.ts';

/**
 * Deterministic demo data: the same options give the same customers, meters and readings on any machine
 * and any database. Customers are generated and written in batches, each in its own transaction, so that
 * memory stays flat however many customers are asked for.
 */

export interface SeedOptions {
  customers: number;
  /** Whole years of readings, ending with the month before `today`. */
  years: number;
  randomSeed: number;
  /** The day the data is "as of"; default: today in Poland. */
  today?: CalendarDate;
  /** The bank's sort code and payee digits (config.bankAccountPrefix), for customers' account numbers. */
  bankAccountPrefix: string;
  /** Customers per transaction. */
  batchSize?: number;
}

export interface SeedProgress {
  customersDone: number;
  customersTotal: number;
  readings: number;
}

export interface SeedSummary extends SeedCounts {
  tariffVersions: number;
  termsVersions: number;
  historyFrom: CalendarDate;
  historyTo: CalendarDate;
  today: CalendarDate;
  /** The household the demo login is linked to (createDemoLogins). */
  demoCustomerNumber: string;
  demoAccountNumber: string;
  /** A customer who has not registered yet and the code to do it with; null below two customers. */
  demoActivation: { customerNumber: string; code: string } | null;
}

export class SeedError extends Error {}

export const MAX_SEED_YEARS = 20;
const DEFAULT_BATCH_SIZE = 2000;
const YIELD_EVERY = 50;

/** The server seeds demo data on its first start only, into a database without customers. */
export async function isDatabaseEmpty(database: Database): Promise<boolean> {
  const row = await database.db.selectFrom('customers').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}

/** The calendar date in Poland now: a demo seeded at 00:30 in Warsaw belongs to that day, not the UTC one. */
export function todayInPoland(now: Date = new Date()): CalendarDate {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).formatToParts(now);
  const part = (type: string): number => Number(parts.find((entry) => entry.type === type)?.value);
  return dateFromParts(part('year'), part('month'), part('day'));
}

function validate(options: SeedOptions): void {
  const { customers, years, randomSeed } = options;
  if (!Number.isInteger(customers) || customers < 1 || customers > MAX_SEED_CUSTOMERS) {
    throw new SeedError(`customers must be a whole number from 1 to ${MAX_SEED_CUSTOMERS}, got ${customers}`);
  }
  if (!Number.isInteger(years) || years < 1 || years > MAX_SEED_YEARS) {
    throw new SeedError(`years must be a whole number from 1 to ${MAX_SEED_YEARS}, got ${years}`);
  }
  if (!Number.isInteger(randomSeed) || randomSeed < 0 || randomSeed > 0xffffffff) {
    throw new SeedError(`the random seed must be a whole number from 0 to 4294967295, got ${randomSeed}`);
  }
  if (options.today !== undefined && !isValidCalendarDate(options.today)) {
    throw new SeedError(`today must be a date YYYY-MM-DD, got ${String(options.today)}`);
  }
}

async function writeReferenceData(
  executor: Kysely<DB>,
  plan: SeedPlan,
): Promise<{ tariffVersions: number; termsVersions: number }> {
  const earliestOpening = [...plan.cycleEnds.values()].map((ends) => ends[0] ?? plan.window.start).sort()[0];
  const tariffs = await executor
    .insertInto('tariff_versions')
    .values(
      tariffSeeds(earliestOpening ?? plan.window.start, plan.window.today).map((tariff) => ({
        customer_group: tariff.customerGroup,
        valid_from: tariff.validFrom,
        water_price_grosze_per_m3: tariff.waterPriceGroszePerM3,
        sewage_price_grosze_per_m3: tariff.sewagePriceGroszePerM3,
        subscription_grosze_per_month: tariff.subscriptionGroszePerMonth,
        vat_rate_basis_points: tariff.vatRateBasisPoints,
        description: tariff.description,
      })),
    )
    .onConflict((conflict) => conflict.columns(['customer_group', 'valid_from']).doNothing())
    .executeTakeFirst();
  // In force from 1 January of the year before the history: every reading falls under accepted terms.
  const effectiveFrom = dateFromParts(dateParts(plan.window.start).year - 1, 1, 1);
  const terms = await executor
    .insertInto('terms_versions')
    .values(
      termsSeeds.map((terms) => ({
        document: terms.document,
        version: terms.version,
        effective_from: effectiveFrom,
        title_pl: terms.titlePl,
        title_en: terms.titleEn,
        body_pl: terms.bodyPl,
        body_en: terms.bodyEn,
      })),
    )
    .onConflict((conflict) => conflict.columns(['document', 'version']).doNothing())
    .executeTakeFirst();
  return {
    tariffVersions: Number(tariffs.numInsertedOrUpdatedRows ?? 0),
    termsVersions: Number(terms.numInsertedOrUpdatedRows ?? 0),
  };
}

export function seedPlan(
  options: Pick<SeedOptions, 'years' | 'randomSeed'> & { today: CalendarDate },
): SeedPlan {
  const window = historyWindow(options.today, options.years);
  return {
    randomSeed: options.randomSeed,
    window,
    cycleEnds: new Map([1, 2].map((months) => [months, cycleEnds(window, months, 0)])),
  };
}

export async function seedDemoData(
  database: Database,
  options: SeedOptions,
  progress?: (state: SeedProgress) => void,
): Promise<SeedSummary> {
  validate(options);
  const today = options.today ?? todayInPoland();
  const plan = seedPlan({ ...options, today });
  const demoCustomerNumber = generateCustomer(plan, SHOWCASE.demoLogin).customerNumber;
  // Fails early, before anything is written, when the prefix leaves no room for the customer numbers.
  const demoAccountNumber = customerAccountNumber(options.bankAccountPrefix, demoCustomerNumber);
  if (!(await isDatabaseEmpty(database))) {
    throw new SeedError(
      'the database already has customers; demo data is seeded only into an empty database',
    );
  }
  const reference = await database.db
    .transaction()
    .execute((transaction) => writeReferenceData(transaction, plan));

  const counts = emptyCounts();
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  let demoActivation: SeedSummary['demoActivation'] = null;
  const generateBatch = async (first: number): Promise<GeneratedCustomer[]> => {
    const batch: GeneratedCustomer[] = [];
    for (let index = first; index < Math.min(first + batchSize, options.customers); index += 1) {
      // Yielding now and then lets the database client send the next statement of the batch being written.
      if (index % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
      const customer = generateCustomer(plan, index);
      if (index === SHOWCASE.activation && customer.activationCode !== null) {
        demoActivation = { customerNumber: customer.customerNumber, code: customer.activationCode };
      }
      batch.push(customer);
    }
    return batch;
  };
  // While PostgreSQL writes one batch, the next one is generated: the server and Node work at the same time.
  let batch = await generateBatch(0);
  for (let first = 0; first < options.customers; first += batchSize) {
    const current = batch;
    const written = database.db
      .transaction()
      .execute((transaction) => writeBatch(transaction, current, today, counts));
    // A failure is reported by the await below; this only stops it counting as unhandled meanwhile.
    written.catch(() => undefined);
    batch = first + batchSize < options.customers ? await generateBatch(first + batchSize) : [];
    await written;
    progress?.({
      customersDone: counts.customers,
      customersTotal: options.customers,
      readings: counts.readings,
    });
  }
  // Fresh statistics, so the first queries after a bulk load get good plans.
  await sql`analyze customers, service_points, contracts, meters, readings, tariff_versions`.execute(
    database.db,
  );
  return {
    ...counts,
    ...reference,
    historyFrom: plan.window.start,
    historyTo: plan.window.lastReadingDate,
    today,
    demoCustomerNumber,
    demoAccountNumber,
    demoActivation,
  };
}
