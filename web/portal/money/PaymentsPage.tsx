import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../shared/format.ts';
import { usePageTitle } from '../../shared/page-title.ts';
import { moneyQueries } from './api.ts';
import { DataTimestamp, Money, QueryView, useChannelLabel } from './ui.tsx';
import { DataTable, numericColumn } from '../../shared/components/DataTable.tsx';

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
            <DataTable
              caption={t('payments.caption')}
              columns={[
                t('payments.date'),
                numericColumn(t('payments.amount')),
                numericColumn(t('payments.fee')),
                t('payments.channel'),
                t('payments.invoices'),
              ]}
              empty={data.data.items.length === 0 ? t('payments.empty') : undefined}
            >
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
            </DataTable>
          </>
        )}
      </QueryView>
    </div>
  );
}
