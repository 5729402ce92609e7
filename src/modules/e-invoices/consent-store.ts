import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

export type Executor = Kysely<DB> | Transaction<DB>;

export type ConsentAction = 'granted' | 'withdrawn';
export type ConsentChannel = 'portal' | 'paper';

/** One entry of a customer's consent history (VAT act art. 106n: who, when, how, which terms). */
export interface ConsentRecord {
  id: number;
  customerId: number;
  action: ConsentAction;
  channel: ConsentChannel;
  email: string | null;
  termsVersion: string | null;
  recordedAt: Date;
  ip: string | null;
  customerLoginId: number | null;
  staffUserId: number | null;
  staffName: string | null;
  paperReceivedOn: string | null;
  scan: { contentType: string; sizeBytes: number } | null;
}

export interface CustomerSummary {
  id: number;
  customerNumber: string;
  name: string;
  addressLines: string[];
  nip: string | null;
  email: string | null;
  language: 'pl' | 'en';
}

function consentQuery(db: Executor) {
  return db
    .selectFrom('e_invoice_consents as c')
    .leftJoin('terms_versions as t', 't.id', 'c.terms_version_id')
    .leftJoin('staff_users as s', 's.id', 'c.staff_user_id')
    .selectAll('c')
    .select(['t.version as terms_version', 's.full_name as staff_name']);
}

type ConsentRow = Awaited<ReturnType<ReturnType<typeof consentQuery>['executeTakeFirstOrThrow']>>;

function recordOf(row: ConsentRow): ConsentRecord {
  return {
    id: row.id,
    customerId: row.customer_id,
    action: row.action === 'granted' ? 'granted' : 'withdrawn',
    channel: row.channel === 'paper' ? 'paper' : 'portal',
    email: row.email,
    termsVersion: row.terms_version,
    recordedAt: row.recorded_at,
    ip: row.ip,
    customerLoginId: row.customer_login_id,
    staffUserId: row.staff_user_id,
    staffName: row.staff_name,
    paperReceivedOn: row.paper_received_on,
    scan:
      row.scan_file !== null && row.scan_content_type !== null && row.scan_size_bytes !== null
        ? { contentType: row.scan_content_type, sizeBytes: row.scan_size_bytes }
        : null,
  };
}

/** The latest record per customer decides (the same rule the billing run applies when it issues invoices). */
export async function latestConsents(
  db: Executor,
  customerIds: readonly number[],
): Promise<Map<number, ConsentRecord>> {
  const latest = new Map<number, ConsentRecord>();
  if (customerIds.length === 0) return latest;
  const rows = await consentQuery(db)
    .where('c.customer_id', 'in', [...customerIds])
    .orderBy('c.customer_id')
    .orderBy('c.recorded_at', 'desc')
    .orderBy('c.id', 'desc')
    .execute();
  for (const row of rows) if (!latest.has(row.customer_id)) latest.set(row.customer_id, recordOf(row));
  return latest;
}

export async function consentHistory(db: Executor, customerId: number): Promise<ConsentRecord[]> {
  const rows = await consentQuery(db)
    .where('c.customer_id', '=', customerId)
    .orderBy('c.recorded_at', 'desc')
    .orderBy('c.id', 'desc')
    .execute();
  return rows.map(recordOf);
}

export async function findConsent(
  db: Executor,
  consentId: number,
): Promise<(ConsentRecord & { scanFile: string | null }) | undefined> {
  const row = await consentQuery(db).where('c.id', '=', consentId).executeTakeFirst();
  return row ? { ...recordOf(row), scanFile: row.scan_file } : undefined;
}

export interface NewConsent {
  customerId: number;
  action: ConsentAction;
  channel: ConsentChannel;
  email: string | null;
  termsVersionId: number | null;
  recordedAt: Date;
  ip: string | null;
  customerLoginId: number | null;
  staffUserId: number | null;
  paperReceivedOn: string | null;
}

export async function insertConsent(db: Executor, consent: NewConsent): Promise<number> {
  const row = await db
    .insertInto('e_invoice_consents')
    .values({
      customer_id: consent.customerId,
      action: consent.action,
      channel: consent.channel,
      email: consent.email,
      terms_version_id: consent.termsVersionId,
      recorded_at: consent.recordedAt,
      ip: consent.ip,
      customer_login_id: consent.customerLoginId,
      staff_user_id: consent.staffUserId,
      paper_received_on: consent.paperReceivedOn,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function attachScan(
  db: Executor,
  consentId: number,
  scan: { file: string; contentType: string; sizeBytes: number },
): Promise<void> {
  await db
    .updateTable('e_invoice_consents')
    .set({ scan_file: scan.file, scan_content_type: scan.contentType, scan_size_bytes: scan.sizeBytes })
    .where('id', '=', consentId)
    .execute();
}

export function customerName(row: {
  kind: string;
  first_name: string | null;
  last_name: string | null;
  company_name: string | null;
}): string {
  if (row.kind === 'company' && row.company_name) return row.company_name;
  return [row.first_name, row.last_name].filter((part) => part).join(' ');
}

export async function customerSummaries(
  db: Executor,
  customerIds: readonly number[],
): Promise<CustomerSummary[]> {
  if (customerIds.length === 0) return [];
  const rows = await db
    .selectFrom('customers')
    .select([
      'id',
      'customer_number',
      'kind',
      'first_name',
      'last_name',
      'company_name',
      'nip',
      'email',
      'language',
      'street',
      'building',
      'apartment',
      'postal_code',
      'city',
    ])
    .where('id', 'in', [...customerIds])
    .orderBy('customer_number')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    customerNumber: row.customer_number,
    name: customerName(row),
    addressLines: [
      `${row.street} ${row.apartment ? `${row.building}/${row.apartment}` : row.building}`,
      `${row.postal_code} ${row.city}`,
    ],
    nip: row.nip,
    email: row.email,
    language: row.language === 'en' ? 'en' : 'pl',
  }));
}

/** The e-invoice terms by version label, or the version in force on a Polish calendar date. */
export async function eInvoiceTerms(
  db: Executor,
  select: { version: string } | { onDate: string },
): Promise<
  | {
      id: number;
      version: string;
      effectiveFrom: string;
      title: { pl: string; en: string };
      body: { pl: string; en: string };
    }
  | undefined
> {
  let query = db.selectFrom('terms_versions').selectAll().where('document', '=', 'e_invoice');
  query =
    'version' in select
      ? query.where('version', '=', select.version)
      : query
          .where('effective_from', '<=', select.onDate)
          .orderBy('effective_from', 'desc')
          .orderBy('id', 'desc')
          .limit(1);
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    version: row.version,
    effectiveFrom: row.effective_from,
    title: { pl: row.title_pl, en: row.title_en },
    body: { pl: row.body_pl, en: row.body_en },
  };
}
