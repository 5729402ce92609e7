import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../shared/format.ts';
import { usePageTitle } from '../../shared/page-title.ts';
import { moneyQueries } from './api.ts';
import { DataTimestamp, Money, QueryView, useChannelLabel } from './ui.tsx';

/** /konto/platnosci: every payment by any channel, with its fee and the invoices it paid. */
export default function PaymentsPage() {
  const { t } = useTranslation('money');
  usePageTitle(t('payments.title'));
  const payments = useQuery(moneyQueries.payments());
  const channelLabel = useChannelLabel();
  return (
    <div className="money-page">
      <h1>{t('payments.heading')}</h1>
      <p className="quick-actions">
        <Link className="button button--primary button--pay" to="/konto/platnosci/nowa">
          {t('payments.payOnline')}
        </Link>
      </p>
      <QueryView query={payments}>
        {(data) => (
          <>
            <DataTimestamp updatedAt={data.servedAt} />
            <div className="table-scroll" role="region" aria-label={t('payments.caption')} tabIndex={0}>
              <table className="data-table">
                <caption>{t('payments.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('payments.date')}</th>
                    <th scope="col" className="numeric">
                      {t('payments.amount')}
                    </th>
                    <th scope="col" className="numeric">
                      {t('payments.fee')}
                    </th>
                    <th scope="col">{t('payments.channel')}</th>
                    <th scope="col">{t('payments.invoices')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.data.items.length === 0 ? (
                    <tr>
                      <td colSpan={5}>{t('payments.empty')}</td>
                    </tr>
                  ) : null}
                  {data.data.items.map((payment) => (
                    <tr key={payment.id}>
                      <th scope="row">{formatDate(payment.receivedOn)}</th>
                      <td className="numeric">
                        <Money grosze={payment.amountGrosze} />
                      </td>
                      <td className="numeric">
                        <Money grosze={payment.feeGrosze} />
                      </td>
                      <td>{channelLabel(payment.channel)}</td>
                      <td>
                        <ul className="inline-list">
                          {payment.invoices.map((invoice) => (
                            <li key={invoice.id}>
                              <Link to={`/konto/faktury/${invoice.id}`}>{invoice.number}</Link> (
                              <Money grosze={invoice.amountGrosze} />)
                            </li>
                          ))}
                          {payment.unallocatedGrosze > 0 ? (
                            <li>
                              {t('payments.unallocated')} <Money grosze={payment.unallocatedGrosze} />
                            </li>
                          ) : null}
                        </ul>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </QueryView>
    </div>
  );
}
