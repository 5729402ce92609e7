import { sql } from 'kysely';
import type { Config } from '../../config.ts';
import type { CalendarDate } from '../../domain/dates.ts';
import { hashPassword } from '../../modules/auth/passwords.ts';
import type { Database } from '../database.ts';
import { DEMO_CUSTOMER_EMAIL } from './generate-profile.ts';
import { SeedError, todayInPoland } from './seed.ts';

/**
 * Known logins for trying the product: a customer of the demo household and an administrator, both with a
 * published password. They exist only where someone asks for them explicitly, and never in production.
 */
export const DEMO_PASSWORD = 'demo-password-2026';
export const DEMO_STAFF_EMAIL = 'admin@example.com';
export { DEMO_CUSTOMER_EMAIL };

export interface DemoLogins {
  customerLoginId: number;
  staffUserId: number;
  customerNumber: string;
}

export class DemoLoginsRefusedError extends Error {}

/**
 * Creates (or finds) the demo customer login, linked to the demo household with the current iBOK terms
 * accepted, and the demo administrator. `customerNumber` defaults to the household seedDemoData set up
 * for it (the one with the e-mail address of the demo login).
 */
export async function createDemoLogins(
  database: Database,
  config: Pick<Config, 'environment'>,
  options: { customerNumber?: string; today?: CalendarDate } = {},
): Promise<DemoLogins> {
  if (config.environment === 'production') {
    throw new DemoLoginsRefusedError('demo logins with a published password are refused in production');
  }
  const today = options.today ?? todayInPoland();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return database.db.transaction().execute(async (transaction) => {
    const customer = await transaction
      .selectFrom('customers')
      .select(['id', 'customer_number'])
      .where((where) =>
        options.customerNumber === undefined
          ? where.and([where('kind', '=', 'person'), where('email', '=', DEMO_CUSTOMER_EMAIL)])
          : where('customer_number', '=', options.customerNumber),
      )
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    if (!customer) throw new SeedError('the demo household is missing: seed the demo data first');
    const terms = await transaction
      .selectFrom('terms_versions')
      .select('id')
      .where('document', '=', 'ibok')
      .where('effective_from', '<=', today)
      .orderBy('effective_from', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!terms) throw new SeedError('no iBOK terms are in force: seed the demo data first');

    await transaction
      .insertInto('customer_logins')
      .values({
        email: DEMO_CUSTOMER_EMAIL,
        password_hash: passwordHash,
        email_verified_at: new Date(),
        language: 'pl',
      })
      .onConflict((conflict) => conflict.expression(sql`lower(email)`).doNothing())
      .execute();
    const login = await transaction
      .selectFrom('customer_logins')
      .select('id')
      .where((where) => where(where.fn('lower', ['email']), '=', DEMO_CUSTOMER_EMAIL))
      .executeTakeFirstOrThrow();
    await transaction
      .insertInto('customer_login_access')
      .values({ login_id: login.id, customer_id: customer.id, role: 'holder' })
      .onConflict((conflict) => conflict.columns(['login_id', 'customer_id']).doNothing())
      .execute();
    await transaction
      .insertInto('terms_acceptances')
      .values({ terms_version_id: terms.id, customer_login_id: login.id })
      .onConflict((conflict) => conflict.columns(['terms_version_id', 'customer_login_id']).doNothing())
      .execute();

    await transaction
      .insertInto('staff_users')
      .values({
        email: DEMO_STAFF_EMAIL,
        full_name: 'Administrator (demo)',
        password_hash: passwordHash,
        role: 'admin',
      })
      .onConflict((conflict) => conflict.expression(sql`lower(email)`).doNothing())
      .execute();
    const staff = await transaction
      .selectFrom('staff_users')
      .select('id')
      .where((where) => where(where.fn('lower', ['email']), '=', DEMO_STAFF_EMAIL))
      .executeTakeFirstOrThrow();
    return { customerLoginId: login.id, staffUserId: staff.id, customerNumber: customer.customer_number };
  });
}
