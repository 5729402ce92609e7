import { sql, type Insertable, type Updateable } from 'kysely';
import type { Customers } from '../../../db/schema.ts';
import { maskPesel } from '../../../domain/index.ts';
import { changedFields, writeAudit } from '../shared/audit.ts';
import type { Executor, StaffContext } from '../shared/context.ts';
import {
  conflictError,
  fieldError,
  notFoundError,
  notFoundText,
  refusedAsConflict,
} from '../shared/errors.ts';
import type { CustomerCreate, CustomerUpdate } from './schemas.ts';
import { loadCustomerRow, presentCustomer } from './view.ts';

/** Serialises the choice of new customer numbers (two operators creating customers at the same moment). */
const CUSTOMER_NUMBER_LOCK = 72610701;
const FIRST_CUSTOMER_NUMBER = 100001;

type AddressInput = CustomerCreate['address'];

function addressColumns(address: AddressInput) {
  return {
    street: address.street,
    building: address.building,
    apartment: address.apartment ?? null,
    postal_code: address.postalCode,
    city: address.city,
  };
}

function mailingColumns(address: AddressInput | null) {
  return {
    mail_street: address?.street ?? null,
    mail_building: address?.building ?? null,
    mail_apartment: address?.apartment ?? null,
    mail_postal_code: address?.postalCode ?? null,
    mail_city: address?.city ?? null,
  };
}

/** The audit log keeps who the customer is without copying the PESEL: only its masked form. */
function auditedColumns(values: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...values };
  if (typeof copy['pesel'] === 'string') copy['pesel'] = maskPesel(copy['pesel']);
  delete copy['activation_code_hash'];
  delete copy['updated_at'];
  return copy;
}

const uniqueNumber = {
  pl: 'Ten numer klienta jest już zajęty.',
  en: 'This customer number is already taken.',
};
const incompleteParty = {
  pl: 'Osoba fizyczna musi mieć imię i nazwisko, firma nazwę i NIP.',
  en: 'A person needs a first and last name, a company its name and NIP.',
};

async function nextCustomerNumber(trx: Executor): Promise<string> {
  await sql`select pg_advisory_xact_lock(${CUSTOMER_NUMBER_LOCK})`.execute(trx);
  const row = await sql<{ highest: string | null }>`
    select max(customer_number::bigint)::text as highest from customers`.execute(trx);
  const highest = Number(row.rows[0]?.highest ?? 0);
  return String(Math.max(highest + 1, FIRST_CUSTOMER_NUMBER));
}

export async function createCustomer(context: StaffContext, input: CustomerCreate) {
  const { database, actor, now, language } = context;
  return refusedAsConflict(
    () =>
      database.db.transaction().execute(async (trx) => {
        const values: Insertable<Customers> = {
          customer_number: input.customerNumber ?? (await nextCustomerNumber(trx)),
          kind: input.kind,
          first_name: input.firstName ?? null,
          last_name: input.lastName ?? null,
          company_name: input.companyName ?? null,
          pesel: input.pesel ?? null,
          nip: input.nip ?? null,
          email: input.email ?? null,
          phone: input.phone ?? null,
          ...addressColumns(input.address),
          ...mailingColumns(input.mailingAddress ?? null),
          language: input.language,
          created_at: now,
          updated_at: now,
        };
        const row = await trx.insertInto('customers').values(values).returningAll().executeTakeFirstOrThrow();
        await writeAudit(
          trx,
          actor,
          { action: 'customer.created', entity: 'customer', entityId: row.id, after: auditedColumns(values) },
          now,
        );
        return presentCustomer(row);
      }),
    (code) => (code === '23505' ? uniqueNumber : code === '23514' ? incompleteParty : undefined),
    language,
  );
}

export async function updateCustomer(context: StaffContext, customerId: number, input: CustomerUpdate) {
  const { database, actor, now, language } = context;
  return refusedAsConflict(
    () =>
      database.db.transaction().execute(async (trx) => {
        const current = await trx
          .selectFrom('customers')
          .selectAll()
          .where('id', '=', customerId)
          .forUpdate()
          .executeTakeFirst();
        if (!current) throw notFoundError(notFoundText.customer, language);
        const change: Updateable<Customers> = {
          ...(input.kind !== undefined ? { kind: input.kind } : {}),
          ...(input.firstName !== undefined ? { first_name: input.firstName } : {}),
          ...(input.lastName !== undefined ? { last_name: input.lastName } : {}),
          ...(input.companyName !== undefined ? { company_name: input.companyName } : {}),
          ...(input.pesel !== undefined ? { pesel: input.pesel } : {}),
          ...(input.nip !== undefined ? { nip: input.nip } : {}),
          ...(input.email !== undefined ? { email: input.email } : {}),
          ...(input.phone !== undefined ? { phone: input.phone } : {}),
          ...(input.address !== undefined ? addressColumns(input.address) : {}),
          ...(input.mailingAddress !== undefined ? mailingColumns(input.mailingAddress) : {}),
          ...(input.language !== undefined ? { language: input.language } : {}),
        };
        const kind = change.kind ?? current.kind;
        const merged = { ...current, ...change };
        if (kind === 'person' && (!merged.first_name || !merged.last_name))
          throw fieldError('lastName', incompleteParty, language);
        if (kind === 'company' && (!merged.company_name || !merged.nip))
          throw fieldError('companyName', incompleteParty, language);
        const difference = changedFields(
          current as unknown as Record<string, unknown>,
          change as Record<string, unknown>,
        );
        if (!difference) return presentCustomer(current);
        const row = await trx
          .updateTable('customers')
          .set({ ...change, updated_at: now })
          .where('id', '=', customerId)
          .returningAll()
          .executeTakeFirstOrThrow();
        await writeAudit(
          trx,
          actor,
          {
            action: 'customer.updated',
            entity: 'customer',
            entityId: customerId,
            before: auditedColumns(difference.before),
            after: auditedColumns(difference.after),
          },
          now,
        );
        return presentCustomer(row);
      }),
    (code) => (code === '23514' ? incompleteParty : undefined),
    language,
  );
}

/** The full PESEL, for an operator who needs it (e.g. to confirm identity); each look is in the audit log. */
export async function revealPesel(
  context: StaffContext,
  customerId: number,
): Promise<{ pesel: string | null }> {
  const { database, actor, now, language } = context;
  return database.db.transaction().execute(async (trx) => {
    const row = await loadCustomerRow(trx, customerId);
    if (!row) throw notFoundError(notFoundText.customer, language);
    if (row.pesel === null)
      throw conflictError(
        { pl: 'Klient nie ma zapisanego numeru PESEL.', en: 'The customer has no PESEL on file.' },
        language,
      );
    await writeAudit(
      trx,
      actor,
      {
        action: 'customer.pesel_revealed',
        entity: 'customer',
        entityId: customerId,
        after: { peselMasked: maskPesel(row.pesel) },
      },
      now,
    );
    return { pesel: row.pesel };
  });
}
