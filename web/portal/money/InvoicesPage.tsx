import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatDate } from '../../shared/format.ts';
import { usePageTitle } from '../../shared/page-title.ts';
import { moneyQueries } from './api.ts';
import { invoiceStatuses } from './types.ts';
import { DataTimestamp, InvoiceStatusBadge, Money, QueryView } from './ui.tsx';
import { DataTable, numericColumn } from '../../shared/components/DataTable.tsx';

const pageSize = 10;

/** /konto/faktury: invoices and corrections, newest first, filtered by status, ten a page. */
export default function InvoicesPage() {
  const { t } = useTranslation('money');
  usePageTitle(t('invoices.title'));
  const [search, setSearch] = useSearchParams();
  const status = invoiceStatuses.find((value) => value === search.get('status'));
  const page = Math.max(1, Number.parseInt(search.get('strona') ?? '1', 10) || 1);
  const invoices = useQuery({
    ...moneyQueries.invoices({ status, page, pageSize }),
    placeholderData: keepPreviousData,
  });

  const go = (next: { status?: string | undefined; page?: number }) => {
    const params = new URLSearchParams();
    const nextStatus = 'status' in next ? next.status : status;
    if (nextStatus) params.set('status', nextStatus);
    if (next.page && next.page > 1) params.set('strona', String(next.page));
    setSearch(params);
  };

  return (
    <div className="money-page">
      <h1>{t('invoices.heading')}</h1>
      <div className="filters">
        <div className="field">
          <label className="field__label" htmlFor="invoices-status">
            {t('filters.status')}
          </label>
          <select
            id="invoices-status"
            className="field__input"
            value={status ?? ''}
            onChange={(event) => go({ status: event.target.value || undefined, page: 1 })}
          >
            <option value="">{t('filters.allInvoices')}</option>
            {invoiceStatuses.map((value) => (
              <option key={value} value={value}>
                {t(`status.${value}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <QueryView query={invoices}>
        {({ data, servedAt }) => {
          const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
          return (
            <>
              <DataTimestamp updatedAt={servedAt} />
              <DataTable
                caption={t('invoices.caption')}
                columns={[
                  t('invoices.number'),
                  t('invoices.issueDate'),
                  t('invoices.period'),
                  t('invoices.dueDate'),
                  numericColumn(t('invoices.amountDue')),
                  numericColumn(t('invoices.outstanding')),
                  t('invoices.status'),
                ]}
                empty={data.items.length === 0 ? t('invoices.empty') : undefined}
              >
                {data.items.map((invoice) => (
                  <tr key={invoice.id}>
                    <th scope="row">
                      <Link to={`/konto/faktury/${invoice.id}`}>{invoice.number}</Link>
                      {invoice.kind === 'correction' ? (
                        <span className="table-note">
                          {t('invoices.correctionOf', { number: invoice.correctsInvoiceNumber ?? '' })}
                        </span>
                      ) : null}
                    </th>
                    <td>{formatDate(invoice.issueDate)}</td>
                    <td>
                      {formatDate(invoice.periodFrom)}–{formatDate(invoice.periodTo)}
                    </td>
                    <td>{formatDate(invoice.dueDate)}</td>
                    <td className="numeric">
                      <Money
                        grosze={invoice.kind === 'correction' ? invoice.grossGrosze : invoice.amountDueGrosze}
                      />
                    </td>
                    <td className="numeric">
                      <Money grosze={invoice.outstandingGrosze} />
                    </td>
                    <td>
                      {invoice.cancelled ? (
                        t('invoices.cancelled')
                      ) : (
                        <InvoiceStatusBadge status={invoice.status} />
                      )}
                    </td>
                  </tr>
                ))}
              </DataTable>
              {pages > 1 ? (
                <nav className="pager" aria-label={t('invoices.pages')}>
                  <button
                    type="button"
                    className="button button--secondary"
                    disabled={data.page <= 1}
                    onClick={() => go({ page: data.page - 1 })}
                  >
                    {t('invoices.previous')}
                  </button>
                  <p>{t('invoices.pageOf', { page: data.page, pages })}</p>
                  <button
                    type="button"
                    className="button button--secondary"
                    disabled={data.page >= pages}
                    onClick={() => go({ page: data.page + 1 })}
                  >
                    {t('invoices.next')}
                  </button>
                </nav>
              ) : null}
            </>
          );
        }}
      </QueryView>
    </div>
  );
}
