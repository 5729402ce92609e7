import type { CalendarDate } from '../../../domain/index.ts';
import { customerName } from '../customers/search.ts';
import { changedFields, writeAudit } from '../shared/audit.ts';
import type { Executor, StaffContext } from '../shared/context.ts';
import { conflictError, notFoundError, notFoundText, refusedAsConflict } from '../shared/errors.ts';
import { nextSeriesNumber } from '../shared/numbering.ts';
import type { ContractCreate, ContractUpdate } from './schemas.ts';

const CONTRACT_NUMBER_LOCK = 72610703;

export async function loadContracts(
  db: Executor,
  filter: { servicePointId?: number; contractId?: number },
  today: CalendarDate,
) {
  let query = db
    .selectFrom('contracts as c')
    .innerJoin('customers as cu', 'cu.id', 'c.customer_id')
    .select([
      'c.id',
      'c.contract_number',
      'c.customer_id',
      'cu.customer_number',
      'cu.kind',
      'cu.first_name',
      'cu.last_name',
      'cu.company_name',
      'c.service_point_id',
      'c.services',
      'c.signed_on',
      'c.valid_from',
      'c.valid_to',
    ])
    .orderBy('c.valid_from', 'desc')
    .orderBy('c.id', 'desc');
  if (filter.servicePointId !== undefined)
    query = query.where('c.service_point_id', '=', filter.servicePointId);
  if (filter.contractId !== undefined) query = query.where('c.id', '=', filter.contractId);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    number: row.contract_number,
    customerId: row.customer_id,
    customerNumber: row.customer_number,
    customerName: customerName(row),
    servicePointId: row.service_point_id,
    services: row.services as 'water' | 'sewage' | 'water_and_sewage',
    signedOn: row.signed_on,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    active: row.valid_from <= today && (row.valid_to === null || row.valid_to >= today),
  }));
}

const overlapping = {
  pl: 'W tym okresie punkt poboru ma już umowę z innym odbiorcą; najpierw zakończ poprzednią umowę.',
  en: 'The service point already has a contract in that period; end the previous contract first.',
};

/** Contracts of a point may follow one another but never overlap: each day has one holder who gets the bill. */
async function assertNoOverlap(
  trx: Executor,
  servicePointId: number,
  span: { from: string; to: string | null },
  exceptId: number | null,
  language: StaffContext['language'],
) {
  const clash = await trx
    .selectFrom('contracts')
    .select('id')
    .where('service_point_id', '=', servicePointId)
    .$if(exceptId !== null, (query) => query.where('id', '<>', exceptId!))
    .where('valid_from', '<=', span.to ?? '9999-12-31')
    .where((where) => where.or([where('valid_to', 'is', null), where('valid_to', '>=', span.from)]))
    .executeTakeFirst();
  if (clash) throw conflictError(overlapping, language);
}

export async function createContract(context: StaffContext, input: ContractCreate) {
  const { database, actor, now, today, language } = context;
  const id = await refusedAsConflict(
    () =>
      database.db.transaction().execute(async (trx) => {
        const point = await trx
          .selectFrom('service_points')
          .select('id')
          .where('id', '=', input.servicePointId)
          .forUpdate()
          .executeTakeFirst();
        if (!point) throw notFoundError(notFoundText.servicePoint, language);
        const customer = await trx
          .selectFrom('customers')
          .select('id')
          .where('id', '=', input.customerId)
          .executeTakeFirst();
        if (!customer) throw notFoundError(notFoundText.customer, language);
        await assertNoOverlap(
          trx,
          input.servicePointId,
          { from: input.validFrom, to: input.validTo },
          null,
          language,
        );
        const number =
          input.number ??
          (await nextSeriesNumber(trx, {
            lockKey: CONTRACT_NUMBER_LOCK,
            table: 'contracts',
            column: 'contract_number',
            prefix: `UM/${today.slice(0, 4)}/`,
            digits: 6,
          }));
        const values = {
          contract_number: number,
          customer_id: input.customerId,
          service_point_id: input.servicePointId,
          services: input.services,
          signed_on: input.signedOn,
          valid_from: input.validFrom,
          valid_to: input.validTo,
        };
        const row = await trx
          .insertInto('contracts')
          .values(values)
          .returning('id')
          .executeTakeFirstOrThrow();
        await writeAudit(
          trx,
          actor,
          { action: 'contract.created', entity: 'contract', entityId: row.id, after: values },
          now,
        );
        return row.id;
      }),
    (code) =>
      code === '23505'
        ? {
            pl: 'Ten numer umowy jest już zajęty albo punkt ma już umowę bezterminową.',
            en: 'The contract number is taken or the point already has an open-ended contract.',
          }
        : undefined,
    language,
  );
  const [contract] = await loadContracts(database.db, { contractId: id }, today);
  return contract!;
}

export async function updateContract(context: StaffContext, contractId: number, input: ContractUpdate) {
  const { database, actor, now, today, language } = context;
  await refusedAsConflict(
    () =>
      database.db.transaction().execute(async (trx) => {
        const current = await trx
          .selectFrom('contracts')
          .selectAll()
          .where('id', '=', contractId)
          .forUpdate()
          .executeTakeFirst();
        if (!current) throw notFoundError(notFoundText.contract, language);
        const change = {
          ...(input.services !== undefined ? { services: input.services } : {}),
          ...(input.validTo !== undefined ? { valid_to: input.validTo } : {}),
        };
        const validTo = change.valid_to !== undefined ? change.valid_to : current.valid_to;
        if (validTo !== null && validTo < current.valid_from) {
          throw conflictError(
            {
              pl: 'Umowa nie może kończyć się przed datą jej rozpoczęcia.',
              en: 'A contract cannot end before it starts.',
            },
            language,
          );
        }
        if (change.valid_to !== undefined) {
          await assertNoOverlap(
            trx,
            current.service_point_id,
            { from: current.valid_from, to: validTo },
            contractId,
            language,
          );
          // Ending a contract before a period already invoiced to its holder needs a correction first.
          const billedBeyond =
            validTo === null
              ? undefined
              : await trx
                  .selectFrom('invoices')
                  .select('number')
                  .where('customer_id', '=', current.customer_id)
                  .where('service_point_id', '=', current.service_point_id)
                  .where('kind', '=', 'invoice')
                  .where('cancelled_at', 'is', null)
                  .where('period_to', '>', validTo)
                  .executeTakeFirst();
          if (billedBeyond) {
            throw conflictError(
              {
                pl: `Faktura ${billedBeyond.number} obejmuje okres po tej dacie; najpierw wystaw korektę.`,
                en: `Invoice ${billedBeyond.number} covers days after that date; issue a correction first.`,
              },
              language,
            );
          }
        }
        const difference = changedFields(current as unknown as Record<string, unknown>, change);
        if (!difference) return;
        await trx.updateTable('contracts').set(change).where('id', '=', contractId).execute();
        await writeAudit(
          trx,
          actor,
          { action: 'contract.updated', entity: 'contract', entityId: contractId, ...difference },
          now,
        );
      }),
    (code) =>
      code === '23505'
        ? {
            pl: 'Punkt poboru ma już umowę bezterminową.',
            en: 'The service point already has an open-ended contract.',
          }
        : undefined,
    language,
  );
  const [contract] = await loadContracts(database.db, { contractId }, today);
  return contract!;
}
