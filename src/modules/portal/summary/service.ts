import {
  compareDates,
  grosze,
  legalizationStatus,
  sumGrosze,
  type CalendarDate,
} from '../../../domain/index.ts';
import { accessOf } from '../../auth/login-store.ts';
import { loadInvoiceAccounts, paymentTotals, type InvoiceAccount } from '../invoices/repository.ts';
import { legalizationMeaning } from '../meters/presenter.ts';
import { loadMeters, type MeterRow } from '../meters/repository.ts';
import { loadReadings } from '../readings/repository.ts';
import { readingKindOf } from '../readings/service.ts';
import { loadServicePoints } from '../service-points.ts';
import { idList, type Executor, type PortalScope } from '../scope.ts';

/**
 * The money figures of one customer account, from the invoices as corrected and the allocations:
 * balance = amounts due − payments (positive: to pay, negative: overpaid); to pay = what is outstanding on
 * invoices; credit = money received and not used for any invoice (balance = to pay − credit).
 */
export function accountFigures(
  invoices: readonly InvoiceAccount[],
  payments: { paid: number } | undefined,
  today: CalendarDate,
) {
  const open = invoices.filter((invoice) => invoice.kind === 'invoice' && invoice.outstanding > 0);
  const balance = grosze(sumGrosze(invoices.map((invoice) => invoice.amountDue)) - (payments?.paid ?? 0));
  const toPay = sumGrosze(open.map((invoice) => invoice.outstanding));
  const overdue = open.filter((invoice) => compareDates(invoice.dueDate, today) < 0);
  const upcoming = open
    .filter((invoice) => compareDates(invoice.dueDate, today) >= 0)
    .sort((left, right) => compareDates(left.dueDate, right.dueDate) || left.id - right.id);
  const nextDate = upcoming[0]?.dueDate;
  const nextInvoices = upcoming.filter((invoice) => invoice.dueDate === nextDate);
  return {
    balanceGrosze: balance,
    toPayGrosze: toPay,
    creditGrosze: grosze(Math.max(toPay - balance, 0)),
    nextDue:
      nextDate === undefined
        ? null
        : {
            dueDate: nextDate,
            amountGrosze: sumGrosze(nextInvoices.map((invoice) => invoice.outstanding)),
            invoices: nextInvoices.map((invoice) => ({ id: invoice.id, number: invoice.number })),
          },
    overdue: {
      amountGrosze: sumGrosze(overdue.map((invoice) => invoice.outstanding)),
      count: overdue.length,
    },
    unpaidInvoiceCount: open.length,
  };
}

function lastReadingOf(
  meters: readonly MeterRow[],
  readings: Awaited<ReturnType<typeof loadReadings>>,
  servicePointId: number,
) {
  const mainMeters = meters.filter(
    (meter) => meter.servicePointId === servicePointId && meter.kind === 'main',
  );
  const latest = readings
    .filter(
      (reading) => reading.status === 'accepted' && mainMeters.some((meter) => meter.id === reading.meterId),
    )
    .sort(
      (left, right) =>
        compareDates(right.date as CalendarDate, left.date as CalendarDate) || right.id - left.id,
    )[0];
  if (!latest) return null;
  const meter = mainMeters.find((candidate) => candidate.id === latest.meterId)!;
  return {
    meterId: meter.id,
    meterSerial: meter.serialNumber,
    date: latest.date,
    valueLitres: latest.valueLitres,
    kind: readingKindOf(latest.source),
  };
}

export async function summary(db: Executor, scope: PortalScope) {
  const customers = (await accessOf(db, scope.loginId)).filter((entry) =>
    scope.customerIds.includes(entry.customerId),
  );
  const invoices = await loadInvoiceAccounts(db, scope);
  const payments = await paymentTotals(db, scope.customerIds);
  const points = await loadServicePoints(db, scope);
  const meters = await loadMeters(db, scope);
  const readings = await loadReadings(db, scope, {
    meterIds: meters.filter((meter) => meter.kind === 'main').map((meter) => meter.id),
  });
  const consents = await db
    .selectFrom('e_invoice_consents')
    .select(['customer_id', 'action', 'email', 'recorded_at', 'id'])
    .where('customer_id', 'in', idList(scope.customerIds))
    .orderBy('recorded_at', 'desc')
    .orderBy('id', 'desc')
    .execute();

  return {
    today: scope.today,
    customers: customers.map((customer) => {
      const own = invoices.filter((invoice) => invoice.customerId === customer.customerId);
      const ownPoints = points.filter((point) =>
        point.contracts.some((contract) => contract.customerId === customer.customerId),
      );
      const pointIds = new Set(ownPoints.map((point) => point.id));
      const consent = consents.find((row) => row.customer_id === customer.customerId);
      const servicePoints = ownPoints.map((point) => ({
        id: point.id,
        code: point.code,
        address: point.address,
        customerGroup: point.customerGroup,
        contracts: point.contracts
          .filter((contract) => contract.customerId === customer.customerId)
          .map((contract) => ({
            number: contract.contractNumber,
            services: contract.services,
            validFrom: contract.from,
            validTo: contract.to,
          })),
        lastReading: lastReadingOf(meters, readings, point.id),
      }));
      const lastReading =
        servicePoints
          .map((point) => point.lastReading)
          .filter((reading) => reading !== null)
          .sort((left, right) => compareDates(right.date as CalendarDate, left.date as CalendarDate))[0] ??
        null;
      return {
        customerId: customer.customerId,
        customerNumber: customer.customerNumber,
        name: customer.name,
        role: customer.role,
        ...accountFigures(own, payments.get(customer.customerId), scope.today),
        lastReading,
        legalizationWarnings: meters
          .filter((meter) => meter.removedOn === null && pointIds.has(meter.servicePointId))
          .flatMap((meter) => {
            const expiresOn = meter.legalizationExpiresOn as CalendarDate;
            const status = legalizationStatus(expiresOn, scope.today);
            if (status === 'valid') return [];
            return [
              {
                meterId: meter.id,
                serialNumber: meter.serialNumber,
                kind: meter.kind,
                servicePointId: meter.servicePointId,
                expiresOn,
                status,
                meaning: legalizationMeaning(meter.kind, status, expiresOn),
              },
            ];
          }),
        eInvoice: {
          active: consent?.action === 'granted',
          email: consent?.action === 'granted' ? consent.email : null,
          since: consent ? consent.recorded_at.toISOString() : null,
        },
        servicePoints,
      };
    }),
  };
}
