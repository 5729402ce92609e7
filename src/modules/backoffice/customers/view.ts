import { sql } from 'kysely';
import { legalizationStatus, maskPesel, type CalendarDate } from '../../../domain/index.ts';
import { loadInvoiceAccounts, paymentTotals } from '../../portal/invoices/repository.ts';
import { accountFigures } from '../../portal/summary/service.ts';
import type { Executor } from '../shared/context.ts';
import { addressLine, customerName } from './search.ts';

/** How much of each history the 360 view carries; older entries are on the paginated lists. */
export const READINGS_PER_METER = 12;
export const RECENT_ROWS = 100;

export type CustomerRow = NonNullable<Awaited<ReturnType<typeof loadCustomerRow>>>;

export async function loadCustomerRow(db: Executor, customerId: number) {
  return db.selectFrom('customers').selectAll().where('id', '=', customerId).executeTakeFirst();
}

/** The customer record as staff see it: PESEL masked (the full number only through the audited reveal). */
export function presentCustomer(row: CustomerRow) {
  const mailing =
    row.mail_street !== null &&
    row.mail_building !== null &&
    row.mail_postal_code !== null &&
    row.mail_city !== null
      ? {
          street: row.mail_street,
          building: row.mail_building,
          apartment: row.mail_apartment,
          postalCode: row.mail_postal_code,
          city: row.mail_city,
        }
      : null;
  return {
    id: row.id,
    customerNumber: row.customer_number,
    kind: row.kind === 'company' ? ('company' as const) : ('person' as const),
    name: customerName(row),
    firstName: row.first_name,
    lastName: row.last_name,
    companyName: row.company_name,
    peselMasked: row.pesel === null ? null : maskPesel(row.pesel),
    nip: row.nip,
    email: row.email,
    phone: row.phone,
    address: {
      street: row.street,
      building: row.building,
      apartment: row.apartment,
      postalCode: row.postal_code,
      city: row.city,
    },
    addressLine: addressLine(row),
    mailingAddress: mailing,
    language: row.language === 'en' ? ('en' as const) : ('pl' as const),
    activationCodeIssued: row.activation_code_hash !== null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/**
 * Everything about one customer on one page: account figures, contracts, service points with their meters and
 * recent readings, invoices, payments, e-invoice consents, portal logins and notifications.
 */
export async function customerView(db: Executor, row: CustomerRow, today: CalendarDate, now: Date) {
  const customerId = row.id;
  const scope = { customerIds: [customerId], today };
  const [invoices, payments, contracts, consents, logins, notifications, counts] = await Promise.all([
    loadInvoiceAccounts(db, scope),
    db
      .selectFrom('payments as p')
      .where('p.customer_id', '=', customerId)
      .select([
        'p.id',
        'p.channel',
        'p.amount_grosze',
        'p.fee_grosze',
        'p.received_on',
        'p.title',
        'p.external_reference',
        sql<number>`coalesce((select sum(a.amount_grosze) from payment_allocations a where a.payment_id = p.id), 0)::bigint`.as(
          'allocated',
        ),
      ])
      .orderBy('p.received_on', 'desc')
      .orderBy('p.id', 'desc')
      .limit(RECENT_ROWS)
      .execute(),
    db
      .selectFrom('contracts as c')
      .innerJoin('service_points as sp', 'sp.id', 'c.service_point_id')
      .where('c.customer_id', '=', customerId)
      .select([
        'c.id',
        'c.contract_number',
        'c.service_point_id',
        'sp.code',
        'c.services',
        'c.signed_on',
        'c.valid_from',
        'c.valid_to',
      ])
      .orderBy('c.valid_from', 'desc')
      .execute(),
    db
      .selectFrom('e_invoice_consents')
      .where('customer_id', '=', customerId)
      .select([
        'id',
        'action',
        'channel',
        'email',
        'recorded_at',
        'paper_received_on',
        'staff_user_id',
        'customer_login_id',
      ])
      .orderBy('recorded_at', 'desc')
      .orderBy('id', 'desc')
      .execute(),
    db
      .selectFrom('customer_login_access as access')
      .innerJoin('customer_logins as login', 'login.id', 'access.login_id')
      .where('access.customer_id', '=', customerId)
      .select([
        'login.id',
        'login.email',
        'access.role',
        'login.email_verified_at',
        'login.totp_secret',
        'login.last_login_at',
        'login.disabled_at',
        'login.locked_until',
        'login.created_at',
      ])
      .orderBy('login.id')
      .execute(),
    db
      .selectFrom('notifications')
      .where('customer_id', '=', customerId)
      .select(['id', 'kind', 'channel', 'recipient', 'subject', 'status', 'created_at', 'sent_at'])
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(RECENT_ROWS)
      .execute(),
    db
      .selectFrom('customers as cu')
      .where('cu.id', '=', customerId)
      .select([
        sql<number>`(select count(*) from payments p where p.customer_id = cu.id)::int`.as('payments'),
        sql<number>`(select count(*) from notifications n where n.customer_id = cu.id)::int`.as(
          'notifications',
        ),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  const pointIds = [...new Set(contracts.map((contract) => contract.service_point_id))];
  const servicePoints = await loadPointsWithMeters(db, pointIds, today);
  const balance = await paymentTotals(db, [customerId]);

  return {
    customer: presentCustomer(row),
    account: accountFigures(invoices, balance.get(customerId), today),
    contracts: contracts.map((contract) => ({
      id: contract.id,
      number: contract.contract_number,
      servicePointId: contract.service_point_id,
      servicePointCode: contract.code,
      services: contract.services as 'water' | 'sewage' | 'water_and_sewage',
      signedOn: contract.signed_on,
      validFrom: contract.valid_from,
      validTo: contract.valid_to,
      active: contract.valid_from <= today && (contract.valid_to === null || contract.valid_to >= today),
    })),
    servicePoints,
    invoices: invoices.slice(0, RECENT_ROWS).map((invoice) => ({
      id: invoice.id,
      number: invoice.number,
      kind: invoice.kind,
      servicePointId: invoice.servicePointId,
      issueDate: invoice.issueDate,
      dueDate: invoice.dueDate,
      periodFrom: invoice.periodFrom,
      periodTo: invoice.periodTo,
      netGrosze: invoice.net,
      vatGrosze: invoice.vat,
      grossGrosze: invoice.gross,
      amountDueGrosze: invoice.amountDue,
      paidGrosze: invoice.paid,
      outstandingGrosze: invoice.outstanding,
      status: invoice.status,
      estimated: invoice.estimated,
      cancelled: invoice.cancelled,
      correctsInvoiceNumber: invoice.correctsInvoiceNumber,
      correctionReason: invoice.correctionReason,
      delivery: invoice.delivery,
    })),
    payments: payments.map((payment) => ({
      id: payment.id,
      channel: payment.channel as 'online' | 'transfer' | 'cash_desk' | 'refund',
      amountGrosze: payment.amount_grosze,
      feeGrosze: payment.fee_grosze,
      receivedOn: payment.received_on,
      title: payment.title,
      reference: payment.external_reference,
      allocatedGrosze: Number(payment.allocated),
    })),
    eInvoiceConsents: consents.map((consent) => ({
      id: consent.id,
      action: consent.action as 'granted' | 'withdrawn',
      channel: consent.channel as 'portal' | 'paper',
      email: consent.email,
      recordedAt: consent.recorded_at.toISOString(),
      paperReceivedOn: consent.paper_received_on,
      recordedBy: consent.staff_user_id !== null ? ('staff' as const) : ('customer' as const),
    })),
    logins: logins.map((login) => ({
      id: login.id,
      email: login.email,
      role: login.role === 'manager' ? ('manager' as const) : ('holder' as const),
      emailVerified: login.email_verified_at !== null,
      twoFactor: login.totp_secret !== null,
      lastLoginAt: login.last_login_at?.toISOString() ?? null,
      disabled: login.disabled_at !== null,
      locked: login.locked_until !== null && login.locked_until > now,
      createdAt: login.created_at.toISOString(),
    })),
    notifications: notifications.map((notification) => ({
      id: notification.id,
      kind: notification.kind,
      channel: notification.channel as 'email' | 'sms',
      recipient: notification.recipient,
      subject: notification.subject,
      status: notification.status,
      createdAt: notification.created_at.toISOString(),
      sentAt: notification.sent_at?.toISOString() ?? null,
    })),
    counts: {
      invoices: invoices.length,
      payments: Number(counts.payments),
      notifications: Number(counts.notifications),
    },
  };
}

/** Service points with every meter they had and each meter's latest readings (any status, newest first). */
export async function loadPointsWithMeters(db: Executor, pointIds: readonly number[], today: CalendarDate) {
  if (pointIds.length === 0) return [];
  const [points, meters] = await Promise.all([
    db
      .selectFrom('service_points')
      .where('id', 'in', [...pointIds])
      .selectAll()
      .orderBy('code')
      .execute(),
    db
      .selectFrom('meters')
      .where('service_point_id', 'in', [...pointIds])
      .selectAll()
      .orderBy('installed_on', 'desc')
      .orderBy('id', 'desc')
      .execute(),
  ]);
  const readings =
    meters.length === 0
      ? []
      : await db
          .selectFrom((inner) =>
            inner
              .selectFrom('readings')
              .where(
                'meter_id',
                'in',
                meters.map((meter) => meter.id),
              )
              .select([
                'id',
                'meter_id',
                'read_on',
                'value_litres',
                'source',
                'status',
                'status_reason',
                sql<number>`row_number() over (partition by meter_id order by read_on desc, id desc)`.as(
                  'position',
                ),
              ])
              .as('ranked'),
          )
          .selectAll()
          .where('position', '<=', READINGS_PER_METER)
          .orderBy('read_on', 'desc')
          .orderBy('id', 'desc')
          .execute();
  return points.map((point) => ({
    id: point.id,
    code: point.code,
    address: addressLine(point),
    customerGroup: point.customer_group as 'household' | 'other',
    billingCycleMonths: point.billing_cycle_months,
    billingCycleOffset: point.billing_cycle_offset,
    meters: meters
      .filter((meter) => meter.service_point_id === point.id)
      .map((meter) => ({
        ...presentMeter(meter, today),
        readings: readings.filter((reading) => reading.meter_id === meter.id).map(presentReading),
      })),
  }));
}

export function presentMeter(
  meter: {
    id: number;
    service_point_id: number;
    serial_number: string;
    kind: string;
    register_digits: number;
    installed_on: string;
    install_reading_litres: number;
    removed_on: string | null;
    removal_reading_litres: number | null;
    legalization_year: number;
    legalization_expires_on: string;
  },
  today: CalendarDate,
) {
  return {
    id: meter.id,
    servicePointId: meter.service_point_id,
    serialNumber: meter.serial_number,
    kind: meter.kind as 'main' | 'sub' | 'sewage',
    registerDigits: meter.register_digits,
    installedOn: meter.installed_on,
    installReadingLitres: meter.install_reading_litres,
    removedOn: meter.removed_on,
    removalReadingLitres: meter.removal_reading_litres,
    active: meter.removed_on === null,
    legalizationYear: meter.legalization_year,
    legalizationExpiresOn: meter.legalization_expires_on,
    legalizationStatus: legalizationStatus(meter.legalization_expires_on as CalendarDate, today),
  };
}

export function presentReading(reading: {
  id: number;
  read_on: string;
  value_litres: number;
  source: string;
  status: string;
  status_reason: string | null;
}) {
  return {
    id: reading.id,
    date: reading.read_on,
    valueLitres: reading.value_litres,
    source: reading.source as 'staff' | 'amr' | 'customer' | 'estimate',
    status: reading.status as 'pending' | 'accepted' | 'rejected' | 'superseded',
    statusReason: reading.status_reason,
  };
}
