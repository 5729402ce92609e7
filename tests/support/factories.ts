import type { Insertable, Kysely, Selectable } from 'kysely';
import type {
  Contracts,
  Customers,
  DB,
  Invoices,
  ServicePoints,
  StaffUsers,
  TermsVersions,
} from '../../src/db/schema.ts';
import { hashPassword } from '../../src/modules/auth/passwords.ts';
import { activationCodeHash } from '../../src/modules/auth/registration.ts';

/**
 * Test fixtures built through the real schema (constraints included). Every factory takes the database (or a
 * transaction) and overrides; defaults are valid, unique and Polish-looking. Numbers keep rising across
 * tests, so fixtures never collide even when a test does not start from empty tables.
 */
let sequence = 0;
const next = (): number => ++sequence;

/** A known activation code for customers that should be registrable; stored, as in production, as a hash. */
export const DEFAULT_ACTIVATION_CODE = 'ABCD-EFGH-2345';
/** Satisfies the password policy. */
export const DEFAULT_PASSWORD = 'Zielona-Łąka-Nad-Wisłą-7';

export type CustomerOverrides = Partial<Insertable<Customers>> & { activationCode?: string | null };

export async function createCustomer(
  db: Kysely<DB>,
  overrides: CustomerOverrides = {},
): Promise<Selectable<Customers>> {
  const { activationCode = DEFAULT_ACTIVATION_CODE, ...columns } = overrides;
  const number = next();
  return db
    .insertInto('customers')
    .values({
      customer_number: String(100000 + number),
      kind: 'person',
      first_name: 'Jan',
      last_name: `Kowalski${number}`,
      street: 'ul. Długa',
      building: String(number),
      postal_code: '87-800',
      city: 'Włocławek',
      activation_code_hash: activationCode === null ? null : activationCodeHash(activationCode),
      ...columns,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function createServicePoint(
  db: Kysely<DB>,
  overrides: Partial<Insertable<ServicePoints>> = {},
): Promise<Selectable<ServicePoints>> {
  const number = next();
  return db
    .insertInto('service_points')
    .values({
      code: `PP-${String(number).padStart(6, '0')}`,
      street: 'ul. Wodna',
      building: String(number),
      postal_code: '87-800',
      city: 'Włocławek',
      customer_group: 'household',
      ...overrides,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A contract of the customer for the point; open-ended and in force since 2020 unless told otherwise. */
export async function createContract(
  db: Kysely<DB>,
  values: { customerId: number; servicePointId: number } & Partial<Insertable<Contracts>>,
): Promise<Selectable<Contracts>> {
  const { customerId, servicePointId, ...overrides } = values;
  return db
    .insertInto('contracts')
    .values({
      contract_number: `UM/${next()}/2020`,
      customer_id: customerId,
      service_point_id: servicePointId,
      services: 'water_and_sewage',
      signed_on: '2020-01-01',
      valid_from: '2020-01-01',
      ...overrides,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A customer with a service point and an active contract: someone who may register in the portal. */
export async function createContractHolder(db: Kysely<DB>, overrides: CustomerOverrides = {}) {
  const customer = await createCustomer(db, overrides);
  const servicePoint = await createServicePoint(db);
  const contract = await createContract(db, { customerId: customer.id, servicePointId: servicePoint.id });
  return { customer, servicePoint, contract };
}

export interface CreatedLogin {
  id: number;
  email: string;
  password: string;
}

/** A portal login (e-mail verified unless told otherwise) with access to the given customers. */
export async function createCustomerLogin(
  db: Kysely<DB>,
  options: {
    customerIds?: number[];
    email?: string;
    password?: string;
    verified?: boolean;
    language?: 'pl' | 'en';
    totpSecret?: string | null;
    role?: 'holder' | 'manager';
  } = {},
): Promise<CreatedLogin> {
  const email = options.email ?? `klient${next()}@example.pl`;
  const password = options.password ?? DEFAULT_PASSWORD;
  const login = await db
    .insertInto('customer_logins')
    .values({
      email,
      password_hash: await hashPassword(password),
      email_verified_at: options.verified === false ? null : new Date('2024-01-01T00:00:00Z'),
      language: options.language ?? 'pl',
      totp_secret: options.totpSecret ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const customerId of options.customerIds ?? []) {
    await db
      .insertInto('customer_login_access')
      .values({ login_id: login.id, customer_id: customerId, role: options.role ?? 'holder' })
      .execute();
  }
  return { id: login.id, email, password };
}

export async function createStaffUser(
  db: Kysely<DB>,
  options: {
    email?: string;
    password?: string;
    role?: 'admin' | 'operator' | 'read_only';
    fullName?: string;
    totpSecret?: string | null;
  } & Partial<Pick<Insertable<StaffUsers>, 'disabled_at'>> = {},
): Promise<CreatedLogin & { role: 'admin' | 'operator' | 'read_only' }> {
  const email = options.email ?? `pracownik${next()}@wodociagi.example.pl`;
  const password = options.password ?? DEFAULT_PASSWORD;
  const role = options.role ?? 'operator';
  const row = await db
    .insertInto('staff_users')
    .values({
      email,
      full_name: options.fullName ?? 'Anna Nowak',
      password_hash: await hashPassword(password),
      role,
      totp_secret: options.totpSecret ?? null,
      disabled_at: options.disabled_at ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, email, password, role };
}

/** A version of the iBOK terms (or e-invoice terms), in force since 2020 unless told otherwise. */
export async function createTermsVersion(
  db: Kysely<DB>,
  overrides: Partial<Insertable<TermsVersions>> = {},
): Promise<Selectable<TermsVersions>> {
  return db
    .insertInto('terms_versions')
    .values({
      document: 'ibok',
      version: `2020.${next()}`,
      effective_from: '2020-01-01',
      title_pl: 'Regulamin iBOK',
      title_en: 'iBOK terms of service',
      body_pl: '§ 1. Postanowienia ogólne.',
      body_en: '§ 1. General provisions.',
      ...overrides,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** An issued invoice with totals only (no lines): enough for lookups by number and amount. */
export async function createInvoice(
  db: Kysely<DB>,
  values: { customerId: number; servicePointId: number } & Partial<Insertable<Invoices>>,
): Promise<Selectable<Invoices>> {
  const { customerId, servicePointId, ...overrides } = values;
  const number = next();
  const net = overrides.net_grosze ?? 10_000;
  const vat = overrides.vat_grosze ?? 800;
  return db
    .insertInto('invoices')
    .values({
      number: `FV/2025/01/${String(number).padStart(6, '0')}`,
      series: 'FV',
      kind: 'invoice',
      customer_id: customerId,
      service_point_id: servicePointId,
      period_from: '2025-01-01',
      period_to: '2025-01-31',
      issue_date: '2025-02-03',
      sale_date: '2025-01-31',
      due_date: '2025-02-17',
      buyer_name: 'Jan Kowalski',
      buyer_address: 'ul. Długa 1, 87-800 Włocławek',
      service_point_address: 'ul. Wodna 1, 87-800 Włocławek',
      bank_account: '12102050110000000000000001',
      net_grosze: net,
      vat_grosze: vat,
      gross_grosze: net + vat,
      ...overrides,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
