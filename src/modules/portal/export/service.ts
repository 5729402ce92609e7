import { formatDate, type CalendarDate } from '../../../domain/index.ts';
import { loadInvoiceAccounts } from '../invoices/repository.ts';
import { presentListItem } from '../invoices/presenter.ts';
import { presentMeter } from '../meters/presenter.ts';
import { loadMeters } from '../meters/repository.ts';
import { loadPayments } from '../payments/repository.ts';
import { loadProfile } from '../profile/service.ts';
import { loadReadings } from '../readings/repository.ts';
import { readingKindOf } from '../readings/service.ts';
import { loadServicePoints } from '../service-points.ts';
import { idList, type Executor, type PortalScope } from '../scope.ts';
import { cubicMetres, toCsv, zlote, type CsvCell } from '../csv.ts';

/**
 * Everything the portal holds about the login and its customers (GDPR art. 15 and 20). Personal data of a
 * customer (names, PESEL, addresses, contact data) is included only where the login is the holder; a
 * manager's export holds the account data they see in the portal anyway.
 */
export async function exportData(db: Executor, scope: PortalScope) {
  const login = await db
    .selectFrom('customer_logins')
    .select(['email', 'language', 'created_at', 'email_verified_at', 'last_login_at', 'totp_secret'])
    .where('id', '=', scope.loginId)
    .executeTakeFirstOrThrow();
  const acceptances = await db
    .selectFrom('terms_acceptances as a')
    .innerJoin('terms_versions as t', 't.id', 'a.terms_version_id')
    .select(['t.document', 't.version', 'a.accepted_at', 'a.ip'])
    .where('a.customer_login_id', '=', scope.loginId)
    .orderBy('a.accepted_at')
    .execute();
  const sessions = await db
    .selectFrom('sessions')
    .select(['created_at', 'last_seen_at', 'expires_at', 'revoked_at', 'ip', 'user_agent'])
    .where('customer_login_id', '=', scope.loginId)
    .orderBy('created_at')
    .execute();
  const profile = await loadProfile(db, scope);
  const personal = await db
    .selectFrom('customers')
    .selectAll()
    .where('id', 'in', idList(scope.customerIds))
    .execute();
  const points = await loadServicePoints(db, scope);
  const meters = await loadMeters(db, scope);
  const readings = await loadReadings(db, scope, { meterIds: meters.map((meter) => meter.id) });
  const invoices = await loadInvoiceAccounts(db, scope);
  const lines = await db
    .selectFrom('invoice_lines as l')
    .innerJoin('invoices as i', 'i.id', 'l.invoice_id')
    .select([
      'l.invoice_id',
      'l.position',
      'l.kind',
      'l.name_pl',
      'l.quantity_thousandths',
      'l.unit',
      'l.unit_price_grosze',
      'l.net_grosze',
      'l.vat_rate_basis_points',
    ])
    .where('i.customer_id', 'in', idList(scope.customerIds))
    .orderBy('l.invoice_id')
    .orderBy('l.position')
    .execute();
  const payments = await loadPayments(db, scope);
  const consents = await db
    .selectFrom('e_invoice_consents')
    .select(['customer_id', 'action', 'channel', 'email', 'recorded_at', 'paper_received_on'])
    .where('customer_id', 'in', idList(scope.customerIds))
    .orderBy('recorded_at')
    .execute();
  const notifications = await db
    .selectFrom('notifications')
    .select(['customer_id', 'kind', 'channel', 'recipient', 'subject', 'status', 'created_at', 'sent_at'])
    .where('customer_id', 'in', idList(scope.customerIds))
    .orderBy('created_at')
    .execute();

  return {
    generatedAt: scope.now.toISOString(),
    login: {
      email: login.email,
      language: login.language,
      createdAt: login.created_at.toISOString(),
      emailVerifiedAt: login.email_verified_at?.toISOString() ?? null,
      lastLoginAt: login.last_login_at?.toISOString() ?? null,
      twoFactorEnabled: login.totp_secret !== null,
      termsAcceptances: acceptances.map((row) => ({
        document: row.document,
        version: row.version,
        acceptedAt: row.accepted_at.toISOString(),
        ip: row.ip,
      })),
      sessions: sessions.map((row) => ({
        createdAt: row.created_at.toISOString(),
        lastSeenAt: row.last_seen_at.toISOString(),
        expiresAt: row.expires_at.toISOString(),
        revokedAt: row.revoked_at?.toISOString() ?? null,
        ip: row.ip,
        userAgent: row.user_agent,
      })),
    },
    customers: profile.customers.map((customer) => {
      const row = personal.find((candidate) => candidate.id === customer.customerId)!;
      const ownPoints = points.filter((point) =>
        point.contracts.some((contract) => contract.customerId === customer.customerId),
      );
      const ownMeters = meters.filter((meter) =>
        ownPoints.some((point) => point.id === meter.servicePointId),
      );
      return {
        customerId: customer.customerId,
        customerNumber: customer.customerNumber,
        role: customer.role,
        personalData:
          customer.role === 'holder'
            ? {
                kind: row.kind,
                firstName: row.first_name,
                lastName: row.last_name,
                companyName: row.company_name,
                pesel: row.pesel,
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
                mailingAddress: customer.contact?.mailingAddress ?? null,
                language: row.language,
              }
            : null,
        notificationPreferences: customer.notificationPreferences,
        servicePoints: ownPoints.map((point) => ({
          ...point,
          contracts: point.contracts.filter((contract) => contract.customerId === customer.customerId),
        })),
        meters: ownMeters.map((meter) => presentMeter(meter, scope.today)),
        readings: readings
          .filter((reading) => ownMeters.some((meter) => meter.id === reading.meterId))
          .map((reading) => ({
            id: reading.id,
            meterId: reading.meterId,
            date: reading.date,
            valueLitres: reading.valueLitres,
            kind: readingKindOf(reading.source),
            status: reading.status,
            createdAt: reading.createdAt.toISOString(),
          })),
        invoices: invoices
          .filter((invoice) => invoice.customerId === customer.customerId)
          .map((invoice) => ({
            ...presentListItem(invoice),
            lines: lines
              .filter((line) => line.invoice_id === invoice.id)
              .map((line) => ({
                position: line.position,
                kind: line.kind,
                name: line.name_pl,
                unit: line.unit,
                quantityThousandths: line.quantity_thousandths,
                unitPriceGrosze: line.unit_price_grosze,
                netGrosze: line.net_grosze,
                vatRateBasisPoints: line.vat_rate_basis_points,
              })),
          })),
        payments: payments.filter((payment) => payment.customerId === customer.customerId),
        eInvoiceConsents: consents
          .filter((consent) => consent.customer_id === customer.customerId)
          .map((consent) => ({
            action: consent.action,
            channel: consent.channel,
            email: consent.email,
            recordedAt: consent.recorded_at.toISOString(),
            paperReceivedOn: consent.paper_received_on,
          })),
        notifications: notifications
          .filter((notification) => notification.customer_id === customer.customerId)
          .map((notification) => ({
            kind: notification.kind,
            channel: notification.channel,
            recipient: notification.recipient,
            subject: notification.subject,
            status: notification.status,
            createdAt: notification.created_at.toISOString(),
            sentAt: notification.sent_at?.toISOString() ?? null,
          })),
      };
    }),
  };
}

export type ExportData = Awaited<ReturnType<typeof exportData>>;

const STATUS_PL = {
  unpaid: 'nieopłacona',
  partly_paid: 'częściowo opłacona',
  paid: 'opłacona',
  overdue: 'po terminie',
} as const;
const KIND_PL = { actual: 'rzeczywisty', estimated: 'szacowany', self_reading: 'samoodczyt' } as const;
const READING_STATUS_PL = {
  accepted: 'przyjęty',
  pending: 'oczekuje',
  rejected: 'odrzucony',
  superseded: 'zastąpiony',
} as const;
const CHANNEL_PL = {
  online: 'płatność internetowa',
  transfer: 'przelew',
  cash_desk: 'kasa',
  refund: 'zwrot',
} as const;

export const EXPORT_CSV_HEADER = [
  'Sekcja',
  'Numer klienta',
  'Data',
  'Numer / wodomierz',
  'Opis',
  'Kwota [zł]',
  'Opłata [zł]',
  'Stan / ilość [m³]',
  'Termin płatności',
  'Status',
] as const;

/**
 * The invoices, payments and readings of the export as one CSV: a "Sekcja" column says which kind a row is
 * (faktura, korekta, wpłata, odczyt), so one file opens in a spreadsheet and filters by section. The full
 * data, personal data included, is in the JSON export.
 */
export function exportCsv(data: ExportData): string {
  const rows: CsvCell[][] = [];
  for (const customer of data.customers) {
    for (const invoice of [...customer.invoices].reverse()) {
      rows.push([
        invoice.kind === 'correction' ? 'korekta' : 'faktura',
        customer.customerNumber,
        invoice.issueDate,
        invoice.number,
        `Okres ${formatDate(invoice.periodFrom as CalendarDate, 'pl')}–${formatDate(invoice.periodTo as CalendarDate, 'pl')}${invoice.correctsInvoiceNumber ? `, koryguje ${invoice.correctsInvoiceNumber}` : ''}`,
        zlote(invoice.grossGrosze),
        null,
        null,
        invoice.kind === 'invoice' ? invoice.dueDate : null,
        invoice.status ? STATUS_PL[invoice.status] : null,
      ]);
    }
    for (const payment of [...customer.payments].reverse()) {
      rows.push([
        'wpłata',
        customer.customerNumber,
        payment.receivedOn,
        payment.invoices.map((invoice) => invoice.number).join(', ') || null,
        CHANNEL_PL[payment.channel],
        zlote(payment.amountGrosze),
        zlote(payment.feeGrosze),
        null,
        null,
        null,
      ]);
    }
    for (const reading of customer.readings) {
      const meter = customer.meters.find((candidate) => candidate.id === reading.meterId);
      rows.push([
        'odczyt',
        customer.customerNumber,
        reading.date,
        meter?.serialNumber ?? null,
        KIND_PL[reading.kind],
        null,
        null,
        cubicMetres(reading.valueLitres),
        null,
        READING_STATUS_PL[reading.status],
      ]);
    }
  }
  return toCsv(EXPORT_CSV_HEADER, rows);
}
