import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../shared/error-message.ts';
import { formatDate, formatMoney } from '../../shared/format.ts';
import { usePageTitle } from '../../shared/page-title.ts';
import { moneyQueries, quotePayment, startPayment } from './api.ts';
import type { PayableInvoice } from './types.ts';
import { Money, QueryView } from './ui.tsx';

/**
 * /konto/platnosci/nowa: choose unpaid invoices, see the summary from the server (the invoices, the fee as its
 * own line, the total), confirm, and go to the payment provider. The button stays disabled from the first
 * click until the browser leaves; the server refuses a second payment of the same invoice anyway.
 */
export default function PayPage() {
  const { t } = useTranslation('money');
  usePageTitle(t('pay.title'));
  const payable = useQuery(moneyQueries.payable());
  const [search] = useSearchParams();
  const preselected = Number(search.get('faktura'));
  const [chosen, setChosen] = useState<number[] | null>(null);

  return (
    <div className="money-page">
      <h1>{t('pay.heading')}</h1>
      <QueryView query={payable}>
        {(data) => {
          const available = data.items.filter((invoice) => !invoice.paymentInProgress);
          const selection =
            chosen ??
            (available.some((invoice) => invoice.id === preselected)
              ? [preselected]
              : available.length === 1 && available[0]
                ? [available[0].id]
                : []);
          return data.items.length === 0 ? (
            <>
              <p role="status">{t('pay.nothingToPay')}</p>
              <p>
                <Link to="/konto">{t('pay.backToDashboard')}</Link>
              </p>
            </>
          ) : (
            <PayForm
              invoices={data.items}
              feeGrosze={data.feeGrosze}
              selection={selection}
              onChange={setChosen}
            />
          );
        }}
      </QueryView>
    </div>
  );
}

function PayForm({
  invoices,
  feeGrosze,
  selection,
  onChange,
}: {
  invoices: PayableInvoice[];
  feeGrosze: number;
  selection: number[];
  onChange: (selection: number[]) => void;
}) {
  const { t } = useTranslation('money');
  const { t: tCommon } = useTranslation();
  const queryClient = useQueryClient();
  const ids = [...selection].sort((a, b) => a - b);
  const quote = useQuery({
    queryKey: ['me', 'quote', ids] as const,
    queryFn: () => quotePayment(ids),
    enabled: ids.length > 0,
    retry: false,
  });
  const started = useRef(false);
  const [leaving, setLeaving] = useState(false);
  const start = useMutation({
    mutationFn: startPayment,
    onSuccess: (payment) => {
      if (payment.redirectUrl) {
        setLeaving(true);
        window.location.assign(payment.redirectUrl);
      } else {
        started.current = false;
      }
    },
    onError: () => {
      started.current = false;
      void queryClient.invalidateQueries({ queryKey: ['me', 'payable'] });
    },
  });
  const busy = start.isPending || leaving;

  // Back from the provider by the browser's back button, the page may be restored as it was left: the chosen
  // invoices are now covered by that payment, so read them again and let the customer act.
  useEffect(() => {
    const restored = (event: PageTransitionEvent) => {
      if (!event.persisted) return;
      started.current = false;
      setLeaving(false);
      start.reset();
      void queryClient.invalidateQueries({ queryKey: ['me'] });
    };
    window.addEventListener('pageshow', restored);
    return () => window.removeEventListener('pageshow', restored);
  }, [queryClient, start]);

  function toggle(id: number, checked: boolean) {
    onChange(checked ? [...selection, id] : selection.filter((item) => item !== id));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (started.current || ids.length === 0 || !quote.data) return;
    started.current = true;
    start.mutate(ids);
  }

  return (
    <form className="pay-form" onSubmit={submit} noValidate>
      <fieldset className="card">
        <legend>{t('pay.choose')}</legend>
        <ul className="plain-list choice-list">
          {invoices.map((invoice) => {
            const inputId = `pay-invoice-${invoice.id}`;
            const progress = invoice.paymentInProgress;
            return (
              <li key={invoice.id} className="choice">
                <input
                  id={inputId}
                  type="checkbox"
                  checked={!progress && selection.includes(invoice.id)}
                  disabled={progress !== null || busy}
                  onChange={(event) => toggle(invoice.id, event.target.checked)}
                  aria-describedby={progress ? `${inputId}-progress` : undefined}
                />
                <label htmlFor={inputId}>
                  <span className="choice__title">{t('pay.invoice', { number: invoice.number })}</span>
                  <span className="choice__detail">
                    {t('pay.due', { date: formatDate(invoice.dueDate) })} ·{' '}
                    <Money grosze={invoice.outstandingGrosze} />
                  </span>
                </label>
                {progress ? (
                  <p className="choice__progress" id={`${inputId}-progress`}>
                    <span className="status-badge status-badge--online-pending">{t('pay.inProgress')}</span>{' '}
                    <Link to={`/konto/platnosci/${progress.paymentId}`}>{t('pay.seeProgress')}</Link>
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      </fieldset>

      <section className="card" aria-labelledby="pay-summary">
        <h2 id="pay-summary">{t('pay.summary')}</h2>
        {ids.length === 0 ? (
          <p>{t('pay.chooseFirst')}</p>
        ) : quote.isPending ? (
          <p role="status">{t('common.loading')}</p>
        ) : quote.isError ? (
          <div className="alert alert--error" role="alert">
            <p>{errorMessage(quote.error, tCommon)}</p>
          </div>
        ) : (
          <table className="data-table summary-table">
            <caption className="visually-hidden">{t('pay.summary')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('pay.item')}</th>
                <th scope="col" className="numeric">
                  {t('pay.amount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {quote.data.invoices.map((invoice) => (
                <tr key={invoice.id}>
                  <th scope="row">{t('pay.invoice', { number: invoice.number })}</th>
                  <td className="numeric">
                    <Money grosze={invoice.amountGrosze} />
                  </td>
                </tr>
              ))}
              <tr data-testid="pay-fee">
                <th scope="row">{t('pay.fee')}</th>
                <td className="numeric">
                  <Money grosze={quote.data.feeGrosze} />
                </td>
              </tr>
            </tbody>
            <tfoot>
              <tr data-testid="pay-total">
                <th scope="row">{t('pay.total')}</th>
                <td className="numeric">
                  <strong>
                    <Money grosze={quote.data.totalGrosze} />
                  </strong>
                </td>
              </tr>
            </tfoot>
          </table>
        )}
        <p className="hint">{t('pay.feeHint', { fee: formatMoney(quote.data?.feeGrosze ?? feeGrosze) })}</p>
      </section>

      {start.isError ? (
        <div className="alert alert--error" role="alert" tabIndex={-1}>
          <p className="alert__title">{t('pay.failed')}</p>
          <p>{errorMessage(start.error, tCommon)}</p>
        </div>
      ) : null}
      <p role="status" className="pay-form__status">
        {busy ? t('pay.redirecting') : ''}
      </p>
      <button
        type="submit"
        className="button button--primary button--pay"
        disabled={busy || ids.length === 0 || !quote.data}
      >
        {quote.data && ids.length > 0
          ? t('pay.confirm', { amount: formatMoney(quote.data.totalGrosze) })
          : t('pay.confirmPlain')}
      </button>
    </form>
  );
}
