import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import {
  createDemoLogins,
  DEMO_CUSTOMER_EMAIL,
  DEMO_PASSWORD,
  DEMO_STAFF_EMAIL,
} from '../../db/seed/demo-logins.ts';
import { isDatabaseEmpty, seedDemoData, todayInPoland } from '../../db/seed/seed.ts';
import { billDemoHistory } from '../billing/demo-history.ts';

export const DEMO_CUSTOMERS = 200;
export const DEMO_YEARS = 2;

/**
 * In demo mode, an empty database gets demo data on the first start: customers with two years of readings,
 * billed month by month and mostly paid, and the two demo logins. Later starts find customers and do nothing.
 */
export async function prepareDemo(
  database: Database,
  config: Config,
  print: (line: string) => void,
): Promise<void> {
  if (!config.demo) return;
  if (await isDatabaseEmpty(database)) {
    print(
      `First start: creating demo data (${DEMO_CUSTOMERS} customers, ${DEMO_YEARS} years of readings and invoices)…`,
    );
    const today = todayInPoland();
    const summary = await seedDemoData(database, {
      customers: DEMO_CUSTOMERS,
      years: DEMO_YEARS,
      randomSeed: 1,
      today,
      bankAccountPrefix: config.bankAccountPrefix,
    });
    const billed = await billDemoHistory(database, {
      today,
      bankAccountPrefix: config.bankAccountPrefix,
      leaveLatestPeriodOpen: true,
    });
    await createDemoLogins(database, config, { customerNumber: summary.demoCustomerNumber, today });
    print(
      `Demo data ready: ${summary.customers} customers, ${summary.readings} readings, ${billed.invoices} invoices, ${billed.payments} payments.`,
    );
    if (billed.openPeriod) {
      print(
        `Period ${billed.openPeriod} is left to bill: start it in the back office (/admin, billing); ` +
          `e-invoices then appear as .eml files in ${config.dataDirectory}/mail.`,
      );
    }
    if (summary.demoActivation) {
      print(
        `To try registration: customer number ${summary.demoActivation.customerNumber}, activation code ${summary.demoActivation.code}`,
      );
    }
  }
  print(
    `Demo logins (password ${DEMO_PASSWORD}): customer ${DEMO_CUSTOMER_EMAIL}, staff ${DEMO_STAFF_EMAIL} (/admin)`,
  );
}
