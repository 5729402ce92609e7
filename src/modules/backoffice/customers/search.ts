import { sql, type RawBuilder } from 'kysely';
import { maskPesel } from '../../../domain/index.ts';
import type { Executor } from '../shared/context.ts';
import { likePrefix, offsetOf, type Page, type PageQuery } from '../shared/schemas.ts';

export interface CustomerListItem {
  id: number;
  customerNumber: string;
  kind: 'person' | 'company';
  name: string;
  nip: string | null;
  peselMasked: string | null;
  address: string;
  email: string | null;
  phone: string | null;
  servicePointCount: number;
}

/** At most this many words of the query count; more would only slow the search down. */
const MAXIMUM_TOKENS = 6;
const NIP_LIKE = /^(pl)?[0-9]+(-[0-9]+)+$|^pl[0-9]{10}$/;
const POSTAL_CODE = /^[0-9]{2}-[0-9]{3}$/;

/**
 * Splits what staff typed into search words. NIP written with dashes or a PL prefix is one word of digits; an
 * invoice number ("FV/2026/11/000123") stays one word.
 */
export function searchTokens(query: string): string[] {
  return query
    .trim()
    .toLowerCase()
    .split(/[\s,;]+/)
    .map((token) =>
      NIP_LIKE.test(token) && !POSTAL_CODE.test(token) ? token.replace(/^pl/, '').replaceAll('-', '') : token,
    )
    .filter((token) => /[\p{L}\p{N}]/u.test(token))
    .slice(0, MAXIMUM_TOKENS);
}

/**
 * The ids of customers one search word matches: their names, main address, customer number, NIP, the address
 * and code of any service point they have (or had) a contract for, the serial of any meter there, and the
 * numbers of their invoices. Each branch is a prefix match the indexes of migration 0007 serve; words inside a
 * street or company name ("długa" in "ul. Długa") are matched too, at the cost of a scan.
 */
function idsMatching(token: string): RawBuilder<unknown> {
  const prefix = likePrefix(token);
  const word = `% ${prefix}`;
  const digits = /^[0-9]+$/.test(token);
  const ownDigits = digits
    ? sql`or customer_number like ${prefix} or nip like ${prefix} or lower(building) = ${token}`
    : sql``;
  const postal = POSTAL_CODE.test(token) ? sql`or postal_code = ${token}` : sql``;
  const pointDigits = digits ? sql`or lower(sp.building) = ${token}` : sql``;
  const invoices = token.includes('/')
    ? sql`union select customer_id from invoices where lower(number) like ${prefix}`
    : sql``;
  return sql`
    select id from customers
      where lower(last_name) like ${prefix} or lower(first_name) like ${prefix}
        or lower(company_name) like ${prefix} or lower(company_name) like ${word}
        or lower(street) like ${prefix} or lower(street) like ${word} or lower(city) like ${prefix} ${ownDigits} ${postal}
    union
    select c.customer_id from service_points sp join contracts c on c.service_point_id = sp.id
      where lower(sp.code) like ${prefix} or lower(sp.street) like ${prefix} or lower(sp.street) like ${word}
        or lower(sp.city) like ${prefix} ${pointDigits}
    union
    select c.customer_id from meters m join contracts c on c.service_point_id = m.service_point_id
      where lower(m.serial_number) like ${prefix}
    ${invoices}`;
}

/**
 * Search as you type: every word must match something of the customer (so "kowalski długa" finds the Kowalski
 * on Długa street). Exact customer numbers come first, then by name.
 */
export async function searchCustomers(
  db: Executor,
  query: string,
  page: PageQuery,
  today: string,
): Promise<Page<CustomerListItem>> {
  const tokens = searchTokens(query);
  // Nothing typed yet: every customer, by name, so the table is never empty.
  const filters =
    tokens.length === 0
      ? sql`true`
      : sql.join(
          tokens.map((token) => sql`cu.id in (${idsMatching(token)})`),
          sql` and `,
        );
  const exact = tokens.length === 1 ? tokens[0]! : '';
  const [rows, count] = await Promise.all([
    sql<{
      id: number;
      customer_number: string;
      kind: string;
      first_name: string | null;
      last_name: string | null;
      company_name: string | null;
      nip: string | null;
      pesel: string | null;
      street: string;
      building: string;
      apartment: string | null;
      postal_code: string;
      city: string;
      email: string | null;
      phone: string | null;
      service_point_count: number;
    }>`
      select cu.id, cu.customer_number, cu.kind, cu.first_name, cu.last_name, cu.company_name, cu.nip, cu.pesel,
        cu.street, cu.building, cu.apartment, cu.postal_code, cu.city, cu.email, cu.phone,
        (select count(distinct c.service_point_id) from contracts c
          where c.customer_id = cu.id and (c.valid_to is null or c.valid_to >= ${today}))::int as service_point_count
      from customers cu
      where ${filters}
      order by (cu.customer_number = ${exact} or cu.nip = ${exact}) desc,
        lower(coalesce(cu.company_name, cu.last_name)), lower(cu.first_name), cu.customer_number
      limit ${page.pageSize} offset ${offsetOf(page)}`.execute(db),
    sql<{ total: number }>`select count(*)::int as total from customers cu where ${filters}`.execute(db),
  ]);
  return {
    items: rows.rows.map((row) => ({
      id: row.id,
      customerNumber: row.customer_number,
      kind: row.kind === 'company' ? 'company' : 'person',
      name: customerName(row),
      nip: row.nip,
      peselMasked: row.pesel === null ? null : maskPesel(row.pesel),
      address: addressLine(row),
      email: row.email,
      phone: row.phone,
      servicePointCount: Number(row.service_point_count),
    })),
    page: page.page,
    pageSize: page.pageSize,
    total: Number(count.rows[0]?.total ?? 0),
  };
}

export function customerName(row: {
  kind: string;
  first_name: string | null;
  last_name: string | null;
  company_name: string | null;
}): string {
  return row.kind === 'company'
    ? (row.company_name ?? '')
    : `${row.first_name ?? ''} ${row.last_name ?? ''}`.trim();
}

export function addressLine(row: {
  street: string;
  building: string;
  apartment: string | null;
  postal_code: string;
  city: string;
}): string {
  const number = row.apartment ? `${row.building}/${row.apartment}` : row.building;
  return `${row.street} ${number}, ${row.postal_code} ${row.city}`;
}
