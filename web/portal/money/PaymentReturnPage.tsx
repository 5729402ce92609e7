import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../shared/error-message.ts';
import { usePageTitle } from '../../shared/page-title.ts';
import { cancelPayment, moneyQueries } from './api.ts';
import type { OnlinePaymentStatus } from './types.ts';
import { formatDateTime, Money, PaymentStatusBadge, QueryView } from './ui.tsx';

const pollEveryMs = 2_000;
/** The provider's notification usually arrives within seconds; after this long the page stops asking. */
const pollForMs = 120_000;

/**
 * /konto/platnosci/:id: where the payment provider sends the customer back (returnPath on the server). While
 * the payment is pending the page asks the server every 2 seconds until it is paid, failed, expired or cancelled.
 */
export default function PaymentReturnPage() {
  const { t } = useTranslation('money');
  const { t: tCommon } = useTranslation();
  usePageTitle(t('return.title'));
  const id = Number(useParams()['id']);
  const valid = Number.isSafeInteger(id) && id > 0;
  const [since] = useState(() => Date.now());
  const queryClient = useQueryClient();
  const payment = useQuery({
    ...moneyQueries.onlinePayment(id),
    enabled: valid,
    refetchInterval: (query) =>
      query.state.data?.status === 'pending' && Date.now() - since < pollForMs ? pollEveryMs : false,
  });
  const status = payment.data?.status;

  // Once the outcome is known, every other money view (balance, invoices, history) must be read again.
  useEffect(() => {
    if (status && status !== 'pending') {
      void queryClient.invalidateQueries({
        predicate: (query) => query.queryKey[0] === 'me' && query.queryKey[1] !== 'online-payment',
      });
    }
  }, [status, queryClient]);

  const cancel = useMutation({
    mutationFn: () => cancelPayment(id),
    onSuccess: (answer) => queryClient.setQueryData(moneyQueries.onlinePayment(id).queryKey, answer),
  });

  return (
    <div className="money-page">
      <h1>{t('return.heading')}</h1>
      {valid ? (
        <QueryView query={payment}>
          {(data) => {
            const stillWaiting = data.status === 'pending' && Date.now() - since >= pollForMs;
            return (
              <>
                <div className={`payment-outcome payment-outcome--${data.status}`} role="status">
                  <p className="payment-outcome__title">
                    <PaymentStatusBadge status={data.status} />
                  </p>
                  <p>{stillWaiting ? t('return.stillPending') : t(`return.message.${data.status}`)}</p>
                </div>
                <table className="data-table summary-table">
                  <caption>{t('return.details')}</caption>
                  <tbody>
                    {data.invoices.map((invoice) => (
                      <tr key={invoice.id}>
                        <th scope="row">
                          <Link to={`/konto/faktury/${invoice.id}`}>
                            {t('pay.invoice', { number: invoice.number })}
                          </Link>
                        </th>
                        <td className="numeric">
                          <Money grosze={invoice.amountGrosze} />
                        </td>
                      </tr>
                    ))}
                    <tr>
                      <th scope="row">{t('pay.fee')}</th>
                      <td className="numeric">
                        <Money grosze={data.feeGrosze} />
                      </td>
                    </tr>
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row">{t('pay.total')}</th>
                      <td className="numeric">
                        <strong>
                          <Money grosze={data.totalGrosze} />
                        </strong>
                      </td>
                    </tr>
                  </tfoot>
                </table>
                <p className="hint">{t('return.started', { time: formatDateTime(data.createdAt) })}</p>
                {cancel.isError ? (
                  <div className="alert alert--error" role="alert">
                    <p>{errorMessage(cancel.error, tCommon)}</p>
                  </div>
                ) : null}
                <p className="quick-actions">
                  {data.status === 'pending' && data.redirectUrl ? (
                    <a className="button button--primary" href={data.redirectUrl}>
                      {t('return.continue')}
                    </a>
                  ) : null}
                  {data.status === 'pending' ? (
                    <button
                      type="button"
                      className="button button--secondary"
                      disabled={cancel.isPending}
                      onClick={() => cancel.mutate()}
                    >
                      {t('return.cancel')}
                    </button>
                  ) : null}
                  {retryable(data.status) ? (
                    <Link className="button button--primary" to="/konto/platnosci/nowa">
                      {t('return.retry')}
                    </Link>
                  ) : null}
                  <Link className="button button--secondary" to="/konto/platnosci">
                    {t('return.history')}
                  </Link>
                  <Link className="button button--secondary" to="/konto">
                    {t('return.dashboard')}
                  </Link>
                </p>
              </>
            );
          }}
        </QueryView>
      ) : (
        <p role="alert">{t('return.notFound')}</p>
      )}
    </div>
  );
}

const retryable = (status: OnlinePaymentStatus) =>
  status === 'failed' || status === 'expired' || status === 'cancelled';
