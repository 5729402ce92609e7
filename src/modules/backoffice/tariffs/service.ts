import { sql, type Selectable } from 'kysely';
import type { TariffVersions } from '../../../db/schema.ts';
import { addDays, formatDate, type CalendarDate } from '../../../domain/index.ts';
import { changedFields, writeAudit } from '../shared/audit.ts';
import type { Executor, StaffContext } from '../shared/context.ts';
import {
  conflictError,
  fieldError,
  notFoundError,
  notFoundText,
  refusedAsConflict,
} from '../shared/errors.ts';
import type { TariffCreate, TariffNewVersion, TariffUpdate } from './schemas.ts';

type TariffRow = Selectable<TariffVersions>;

const frozen = {
  pl: 'Ta wersja taryfy została już użyta na fakturze i nie może być zmieniona; utwórz nową wersję (POST /api/v1/staff/tariffs/{id}/versions).',
  en: 'This tariff version is used by an invoice and cannot change; create a new version (POST /api/v1/staff/tariffs/{id}/versions).',
};
const sameStart = {
  pl: 'Ta grupa ma już wersję taryfy od tego dnia.',
  en: 'The group already has a tariff version starting that day.',
};

/** The database's refusals of tariff changes, in words: a used version is frozen, one version per group and day. */
const tariffRefusal = (code: string) =>
  code === '55000' ? frozen : code === '23505' ? sameStart : undefined;

export async function listTariffs(
  db: Executor,
  customerGroup: 'household' | 'other' | undefined,
  today: CalendarDate,
) {
  const rows = await db
    .selectFrom('tariff_versions as t')
    .selectAll('t')
    .select(sql<boolean>`exists (select 1 from invoice_lines l where l.tariff_version_id = t.id)`.as('used'))
    .$if(customerGroup !== undefined, (query) => query.where('t.customer_group', '=', customerGroup!))
    .orderBy('t.customer_group')
    .orderBy('t.valid_from')
    .execute();
  return {
    items: rows.map((row, index) => {
      const next = rows[index + 1];
      const validTo =
        next && next.customer_group === row.customer_group
          ? addDays(next.valid_from as CalendarDate, -1)
          : null;
      return {
        ...presentTariff(row, Boolean(row.used)),
        validTo,
        state:
          row.valid_from > today
            ? ('future' as const)
            : validTo !== null && validTo < today
              ? ('past' as const)
              : ('current' as const),
      };
    }),
  };
}

function presentTariff(row: TariffRow, used: boolean) {
  return {
    id: row.id,
    customerGroup: row.customer_group === 'other' ? ('other' as const) : ('household' as const),
    validFrom: row.valid_from,
    waterPriceGroszePerM3: row.water_price_grosze_per_m3,
    sewagePriceGroszePerM3: row.sewage_price_grosze_per_m3,
    subscriptionGroszePerMonth: row.subscription_grosze_per_month,
    vatRateBasisPoints: row.vat_rate_basis_points,
    description: row.description,
    createdAt: row.created_at.toISOString(),
    used,
  };
}

function auditedTariff(row: TariffRow) {
  const { created_at: _created, ...rest } = row;
  return rest;
}

/** A tariff is entered ahead of time: a version starting in the past would change periods already billed. */
function assertAhead(validFrom: CalendarDate, context: StaffContext) {
  if (validFrom < context.today) {
    throw fieldError(
      'validFrom',
      {
        pl: `Nowa wersja taryfy może obowiązywać najwcześniej od dziś (${formatDate(context.today, 'pl')}).`,
        en: `A new tariff version can start today (${context.today}) at the earliest.`,
      },
      context.language,
    );
  }
}

async function isUsed(db: Executor, tariffId: number): Promise<boolean> {
  return (
    (await db
      .selectFrom('invoice_lines')
      .select('id')
      .where('tariff_version_id', '=', tariffId)
      .limit(1)
      .executeTakeFirst()) !== undefined
  );
}

async function insertVersion(context: StaffContext, values: TariffCreate, basedOn: number | null) {
  const { database, actor, now, language } = context;
  assertAhead(values.validFrom, context);
  return refusedAsConflict(
    () =>
      database.db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('tariff_versions')
          .values({
            customer_group: values.customerGroup,
            valid_from: values.validFrom,
            water_price_grosze_per_m3: values.waterPriceGroszePerM3,
            sewage_price_grosze_per_m3: values.sewagePriceGroszePerM3,
            subscription_grosze_per_month: values.subscriptionGroszePerMonth,
            vat_rate_basis_points: values.vatRateBasisPoints,
            description: values.description,
            created_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await writeAudit(
          trx,
          actor,
          {
            action: 'tariff.created',
            entity: 'tariff_version',
            entityId: row.id,
            after: { ...auditedTariff(row), basedOn },
          },
          now,
        );
        return presentTariff(row, false);
      }),
    tariffRefusal,
    language,
  );
}

export function createTariff(context: StaffContext, input: TariffCreate) {
  return insertVersion(context, input, null);
}

/** "New version" of an existing one: its prices, with what the request changes, from a new date. */
export async function createTariffVersion(context: StaffContext, tariffId: number, input: TariffNewVersion) {
  const base = await context.database.db
    .selectFrom('tariff_versions')
    .selectAll()
    .where('id', '=', tariffId)
    .executeTakeFirst();
  if (!base) throw notFoundError(notFoundText.tariff, context.language);
  return insertVersion(
    context,
    {
      customerGroup: base.customer_group === 'other' ? 'other' : 'household',
      validFrom: input.validFrom,
      waterPriceGroszePerM3: input.waterPriceGroszePerM3 ?? base.water_price_grosze_per_m3,
      sewagePriceGroszePerM3: input.sewagePriceGroszePerM3 ?? base.sewage_price_grosze_per_m3,
      subscriptionGroszePerMonth: input.subscriptionGroszePerMonth ?? base.subscription_grosze_per_month,
      vatRateBasisPoints: input.vatRateBasisPoints ?? base.vat_rate_basis_points,
      description: input.description !== undefined ? input.description : base.description,
    },
    base.id,
  );
}

/** Edits a version no invoice has used yet (a typo in a tariff entered ahead); a used one is refused. */
export async function updateTariff(context: StaffContext, tariffId: number, input: TariffUpdate) {
  const { database, actor, now, language } = context;
  if (input.validFrom !== undefined) assertAhead(input.validFrom, context);
  return refusedAsConflict(
    () =>
      database.db.transaction().execute(async (trx) => {
        const current = await trx
          .selectFrom('tariff_versions')
          .selectAll()
          .where('id', '=', tariffId)
          .forUpdate()
          .executeTakeFirst();
        if (!current) throw notFoundError(notFoundText.tariff, language);
        if (await isUsed(trx, tariffId)) throw conflictError(frozen, language);
        const change = {
          ...(input.validFrom !== undefined ? { valid_from: input.validFrom } : {}),
          ...(input.waterPriceGroszePerM3 !== undefined
            ? { water_price_grosze_per_m3: input.waterPriceGroszePerM3 }
            : {}),
          ...(input.sewagePriceGroszePerM3 !== undefined
            ? { sewage_price_grosze_per_m3: input.sewagePriceGroszePerM3 }
            : {}),
          ...(input.subscriptionGroszePerMonth !== undefined
            ? { subscription_grosze_per_month: input.subscriptionGroszePerMonth }
            : {}),
          ...(input.vatRateBasisPoints !== undefined
            ? { vat_rate_basis_points: input.vatRateBasisPoints }
            : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
        };
        const difference = changedFields(current as unknown as Record<string, unknown>, change);
        if (!difference) return presentTariff(current, false);
        const row = await trx
          .updateTable('tariff_versions')
          .set(change)
          .where('id', '=', tariffId)
          .returningAll()
          .executeTakeFirstOrThrow();
        await writeAudit(
          trx,
          actor,
          { action: 'tariff.updated', entity: 'tariff_version', entityId: tariffId, ...difference },
          now,
        );
        return presentTariff(row, false);
      }),
    tariffRefusal,
    language,
  );
}

/** Withdraws a version entered by mistake; only while no invoice used it. */
export async function deleteTariff(context: StaffContext, tariffId: number): Promise<void> {
  const { database, actor, now, language } = context;
  await refusedAsConflict(
    () =>
      database.db.transaction().execute(async (trx) => {
        const current = await trx
          .selectFrom('tariff_versions')
          .selectAll()
          .where('id', '=', tariffId)
          .forUpdate()
          .executeTakeFirst();
        if (!current) throw notFoundError(notFoundText.tariff, language);
        if (await isUsed(trx, tariffId)) throw conflictError(frozen, language);
        await trx.deleteFrom('tariff_versions').where('id', '=', tariffId).execute();
        await writeAudit(
          trx,
          actor,
          {
            action: 'tariff.deleted',
            entity: 'tariff_version',
            entityId: tariffId,
            before: auditedTariff(current),
          },
          now,
        );
      }),
    tariffRefusal,
    language,
  );
}
