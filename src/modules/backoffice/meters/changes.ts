import { sql, type Selectable } from 'kysely';
import type { Meters } from '../../../db/schema.ts';
import { formatCubicMetres, formatDate, type CalendarDate } from '../../../domain/index.ts';
import { presentMeter } from '../customers/view.ts';
import { changedFields, writeAudit } from '../shared/audit.ts';
import type { Executor, StaffContext } from '../shared/context.ts';
import {
  conflictError,
  fieldError,
  notFoundError,
  notFoundText,
  refusedAsConflict,
} from '../shared/errors.ts';
import { expiryOf, litresOf } from './service.ts';
import type { MeterInstall, MeterRemove, MeterReplace, MeterUpdate } from './schemas.ts';

type MeterRow = Selectable<Meters>;

const meterClash = (code: string) =>
  code === '23505' || code === '23P01'
    ? {
        pl: 'Punkt poboru ma już czynny wodomierz główny w tym okresie; najpierw zdejmij albo wymień obecny.',
        en: 'The service point already has a main meter in that period; remove or replace the current one first.',
      }
    : undefined;

function auditedMeter(meter: MeterRow) {
  const { created_at: _created, ...rest } = meter;
  return rest;
}

async function lockedMeter(
  trx: Executor,
  meterId: number,
  language: StaffContext['language'],
): Promise<MeterRow> {
  const meter = await trx
    .selectFrom('meters')
    .selectAll()
    .where('id', '=', meterId)
    .forUpdate()
    .executeTakeFirst();
  if (!meter) throw notFoundError(notFoundText.meter, language);
  return meter;
}

/** The same serial may come back after repair, but never on two installed meters at once (imports match by it). */
async function assertSerialFree(
  trx: Executor,
  serialNumber: string,
  exceptId: number | null,
  language: StaffContext['language'],
) {
  const taken = await trx
    .selectFrom('meters')
    .select('id')
    .where(sql<string>`lower(serial_number)`, '=', serialNumber.toLowerCase())
    .where('removed_on', 'is', null)
    .$if(exceptId !== null, (query) => query.where('id', '<>', exceptId!))
    .executeTakeFirst();
  if (taken)
    throw conflictError(
      {
        pl: `Wodomierz ${serialNumber} jest już zamontowany.`,
        en: `Meter ${serialNumber} is already installed.`,
      },
      language,
    );
}

function assertFitsRegister(
  litres: number,
  registerDigits: number,
  field: string,
  language: StaffContext['language'],
) {
  if (litres >= 10 ** registerDigits * 1000) {
    throw fieldError(
      field,
      {
        pl: `Liczydło ma ${registerDigits} cyfr przed przecinkiem.`,
        en: `The register has ${registerDigits} whole digits.`,
      },
      language,
    );
  }
}

/**
 * Checks the final register of a meter that comes off on `date`, and records it as a reading of that day (the
 * billing uses it to close the old meter's consumption). An accepted reading already entered for that day
 * with the same value is kept; a different one is a conflict for staff to resolve first.
 */
async function recordFinalReading(
  trx: Executor,
  context: StaffContext,
  meter: MeterRow,
  date: CalendarDate,
  litres: number,
): Promise<number | null> {
  const { language, today } = context;
  if (date > today)
    throw fieldError(
      'date',
      { pl: 'Data nie może być z przyszłości.', en: 'The date cannot be in the future.' },
      language,
    );
  if (date < meter.installed_on) {
    throw fieldError(
      'date',
      {
        pl: `Wodomierz zamontowano ${formatDate(meter.installed_on as CalendarDate, 'pl')}.`,
        en: `The meter was installed on ${meter.installed_on}.`,
      },
      language,
    );
  }
  assertFitsRegister(litres, meter.register_digits, 'finalReadingM3', language);
  const later = await trx
    .selectFrom('readings')
    .select('read_on')
    .where('meter_id', '=', meter.id)
    .where('status', '=', 'accepted')
    .where('read_on', '>', date)
    .executeTakeFirst();
  if (later) {
    throw conflictError(
      {
        pl: `Wodomierz ma przyjęty odczyt z ${formatDate(later.read_on as CalendarDate, 'pl')}, po dacie zdjęcia.`,
        en: `The meter has an accepted reading of ${later.read_on}, after the removal date.`,
      },
      language,
    );
  }
  const previous = await trx
    .selectFrom('readings')
    .select(['id', 'read_on', 'value_litres'])
    .where('meter_id', '=', meter.id)
    .where('status', '=', 'accepted')
    .where('read_on', '<=', date)
    .orderBy('read_on', 'desc')
    .executeTakeFirst();
  const baseline = previous ?? {
    id: null,
    read_on: meter.installed_on,
    value_litres: meter.install_reading_litres,
  };
  if (litres < baseline.value_litres) {
    throw fieldError(
      'finalReadingM3',
      {
        pl: `Stan końcowy nie może być niższy niż ostatni odczyt: ${formatCubicMetres(baseline.value_litres, 'pl')} z ${formatDate(baseline.read_on as CalendarDate, 'pl')}.`,
        en: `The final register cannot be below the last reading: ${formatCubicMetres(baseline.value_litres, 'en')} on ${baseline.read_on}.`,
      },
      language,
    );
  }
  if (previous && previous.read_on === date) {
    if (previous.value_litres === litres) return previous.id;
    throw conflictError(
      {
        pl: 'Na ten dzień jest już inny przyjęty odczyt; najpierw go popraw.',
        en: 'Another accepted reading exists for that day; correct it first.',
      },
      language,
    );
  }
  const reading = await trx
    .insertInto('readings')
    .values({
      meter_id: meter.id,
      read_on: date,
      value_litres: litres,
      source: 'staff',
      status: 'accepted',
      status_reason: 'Odczyt końcowy (zdjęcie wodomierza)',
      created_by_staff_id: context.actor.staffUserId,
      created_at: context.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return reading.id;
}

async function insertMeter(
  trx: Executor,
  context: StaffContext,
  values: {
    servicePointId: number;
    kind: 'main' | 'sub' | 'sewage';
    installedOn: CalendarDate;
    fields: MeterReplace['newMeter'];
  },
): Promise<MeterRow> {
  const { language } = context;
  if (values.installedOn > context.today)
    throw fieldError(
      'installedOn',
      { pl: 'Data nie może być z przyszłości.', en: 'The date cannot be in the future.' },
      language,
    );
  await assertSerialFree(trx, values.fields.serialNumber, null, language);
  const installLitres = litresOf(values.fields.installReadingM3);
  assertFitsRegister(installLitres, values.fields.registerDigits, 'installReadingM3', language);
  return trx
    .insertInto('meters')
    .values({
      service_point_id: values.servicePointId,
      serial_number: values.fields.serialNumber,
      kind: values.kind,
      register_digits: values.fields.registerDigits,
      installed_on: values.installedOn,
      install_reading_litres: installLitres,
      legalization_year: values.fields.legalizationYear,
      legalization_expires_on: expiryOf(values.fields.legalizationYear, values.fields.legalizationExpiresOn),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function installMeter(context: StaffContext, servicePointId: number, input: MeterInstall) {
  const { database, actor, now, today, language } = context;
  return refusedAsConflict(
    () =>
      database.db.transaction().execute(async (trx) => {
        const point = await trx
          .selectFrom('service_points')
          .select('id')
          .where('id', '=', servicePointId)
          .forUpdate()
          .executeTakeFirst();
        if (!point) throw notFoundError(notFoundText.servicePoint, language);
        const meter = await insertMeter(trx, context, {
          servicePointId,
          kind: input.kind,
          installedOn: input.installedOn,
          fields: input,
        });
        await writeAudit(
          trx,
          actor,
          { action: 'meter.installed', entity: 'meter', entityId: meter.id, after: auditedMeter(meter) },
          now,
        );
        return presentMeter(meter, today);
      }),
    meterClash,
    language,
  );
}

/**
 * Exchanges a meter: the old one comes off with its final reading and the new one (same kind, same point) goes
 * on the same day, in one transaction, so the billing sees an unbroken register: the old meter's consumption up
 * to the exchange plus the new meter's from its installation value.
 */
export async function replaceMeter(context: StaffContext, meterId: number, input: MeterReplace) {
  const { database, actor, now, today, language } = context;
  return refusedAsConflict(
    () =>
      database.db.transaction().execute(async (trx) => {
        const old = await lockedMeter(trx, meterId, language);
        if (old.removed_on !== null)
          throw conflictError(
            { pl: 'Ten wodomierz jest już zdjęty.', en: 'This meter has already been removed.' },
            language,
          );
        const finalLitres = litresOf(input.finalReadingM3);
        const finalReadingId = await recordFinalReading(trx, context, old, input.date, finalLitres);
        const removed = await trx
          .updateTable('meters')
          .set({ removed_on: input.date, removal_reading_litres: finalLitres })
          .where('id', '=', old.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        const kind = old.kind === 'sub' ? 'sub' : old.kind === 'sewage' ? 'sewage' : 'main';
        const installed = await insertMeter(trx, context, {
          servicePointId: old.service_point_id,
          kind,
          installedOn: input.date,
          fields: input.newMeter,
        });
        await writeAudit(
          trx,
          actor,
          {
            action: 'meter.replaced',
            entity: 'meter',
            entityId: old.id,
            before: auditedMeter(old),
            after: { ...auditedMeter(removed), finalReadingId, replacedByMeterId: installed.id },
          },
          now,
        );
        await writeAudit(
          trx,
          actor,
          {
            action: 'meter.installed',
            entity: 'meter',
            entityId: installed.id,
            after: { ...auditedMeter(installed), replacesMeterId: old.id },
          },
          now,
        );
        return { removed: presentMeter(removed, today), installed: presentMeter(installed, today) };
      }),
    meterClash,
    language,
  );
}

export async function removeMeter(context: StaffContext, meterId: number, input: MeterRemove) {
  const { database, actor, now, today, language } = context;
  return database.db.transaction().execute(async (trx) => {
    const meter = await lockedMeter(trx, meterId, language);
    if (meter.removed_on !== null)
      throw conflictError(
        { pl: 'Ten wodomierz jest już zdjęty.', en: 'This meter has already been removed.' },
        language,
      );
    const finalLitres = litresOf(input.finalReadingM3);
    const finalReadingId = await recordFinalReading(trx, context, meter, input.date, finalLitres);
    const removed = await trx
      .updateTable('meters')
      .set({ removed_on: input.date, removal_reading_litres: finalLitres })
      .where('id', '=', meter.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(
      trx,
      actor,
      {
        action: 'meter.removed',
        entity: 'meter',
        entityId: meter.id,
        before: auditedMeter(meter),
        after: { ...auditedMeter(removed), finalReadingId },
      },
      now,
    );
    return presentMeter(removed, today);
  });
}

/** Corrects the data of a meter: serial, register size, legalization (e.g. after re-legalization). */
export async function updateMeter(context: StaffContext, meterId: number, input: MeterUpdate) {
  const { database, actor, now, today, language } = context;
  return database.db.transaction().execute(async (trx) => {
    const meter = await lockedMeter(trx, meterId, language);
    if (input.serialNumber !== undefined && meter.removed_on === null)
      await assertSerialFree(trx, input.serialNumber, meter.id, language);
    const year = input.legalizationYear ?? meter.legalization_year;
    const change = {
      ...(input.serialNumber !== undefined ? { serial_number: input.serialNumber } : {}),
      ...(input.registerDigits !== undefined ? { register_digits: input.registerDigits } : {}),
      ...(input.legalizationYear !== undefined ? { legalization_year: input.legalizationYear } : {}),
      ...(input.legalizationExpiresOn !== undefined || input.legalizationYear !== undefined
        ? { legalization_expires_on: input.legalizationExpiresOn ?? expiryOf(year, undefined) }
        : {}),
    };
    const difference = changedFields(meter as unknown as Record<string, unknown>, change);
    if (!difference) return presentMeter(meter, today);
    const updated = await trx
      .updateTable('meters')
      .set(change)
      .where('id', '=', meter.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(
      trx,
      actor,
      { action: 'meter.updated', entity: 'meter', entityId: meter.id, ...difference },
      now,
    );
    return presentMeter(updated, today);
  });
}
