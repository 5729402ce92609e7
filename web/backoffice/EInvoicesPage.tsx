import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../shared/api.ts';
import { usePageTitle } from '../shared/page-title.ts';
import { query, STAFF, type Page } from './api.ts';
import {
  ErrorAlert,
  formatInstant,
  formText,
  OpenedForm,
  QueryState,
  scrollRegion,
  useCanChange,
} from './ui.tsx';

const statuses = ['queued', 'sending', 'sent', 'failed'] as const;
type DeliveryStatus = (typeof statuses)[number];

interface Delivery {
  id: number;
  invoiceId: number;
  invoiceNumber: string;
  customerId: number;
  customerNumber: string;
  generation: number;
  recipient: string;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** The outbox of invoice e-mails: each delivery's status and error; resend to the same or another address. */
export default function EInvoicesPage() {
  const { t } = useTranslation('backoffice');
  usePageTitle(t('outbox.title'));
  const canChange = useCanChange();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const [resending, setResending] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const deliveries = useQuery({
    queryKey: ['staff', 'outbox', status],
    queryFn: ({ signal }) =>
      api.get<Page<Delivery>>(`${STAFF}/e-invoices/deliveries${query({ status, pageSize: 100 })}`, signal),
    placeholderData: keepPreviousData,
  });
  const resend = useMutation({
    mutationFn: (input: { invoiceId: number; email: string }) =>
      api.post<{ recipient: string; generation: number }>(
        `${STAFF}/e-invoices/invoices/${input.invoiceId}/resend`,
        input.email ? { email: input.email } : {},
      ),
    onSuccess: (answer) => {
      setResending(null);
      setMessage(t('outbox.resent', { recipient: answer.recipient, generation: answer.generation }));
      void queryClient.invalidateQueries({ queryKey: ['staff', 'outbox'] });
    },
  });

  function submitResend(event: FormEvent<HTMLFormElement>, invoiceId: number) {
    event.preventDefault();
    resend.mutate({ invoiceId, email: formText(new FormData(event.currentTarget), 'email') });
  }

  return (
    <div>
      <h1>{t('outbox.title')}</h1>
      <div className="field bo-filter">
        <label className="field__label" htmlFor="outbox-status">
          {t('outbox.status')}
        </label>
        <select
          id="outbox-status"
          className="field__input"
          value={status}
          onChange={(event) => setParams(event.target.value ? { status: event.target.value } : {})}
        >
          <option value="">{t('outbox.all')}</option>
          {statuses.map((value) => (
            <option key={value} value={value}>
              {t(`deliveryStatus.${value}`)}
            </option>
          ))}
        </select>
      </div>
      <p role="status" className="bo-status">
        {message}
      </p>
      {resend.error ? <ErrorAlert error={resend.error} /> : null}
      <QueryState isPending={deliveries.isPending} error={deliveries.error} />
      {deliveries.data && deliveries.data.items.length === 0 ? <p>{t('common.none')}</p> : null}
      {deliveries.data && deliveries.data.items.length > 0 ? (
        <div className="bo-table-wrap" ref={scrollRegion}>
          <table className="bo-table">
            <caption className="bo-sr-only">{t('outbox.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('invoice.number')}</th>
                <th scope="col">{t('customers.number')}</th>
                <th scope="col">{t('outbox.recipient')}</th>
                <th scope="col">{t('outbox.generation')}</th>
                <th scope="col">{t('outbox.status')}</th>
                <th scope="col">{t('outbox.createdAt')}</th>
                <th scope="col">{t('outbox.sentAt')}</th>
                {canChange ? <th scope="col">{t('common.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {deliveries.data.items.map((delivery) => (
                <tr key={delivery.id}>
                  <th scope="row">{delivery.invoiceNumber}</th>
                  <td>
                    <Link to={`/admin/klienci/${delivery.customerId}`}>{delivery.customerNumber}</Link>
                  </td>
                  <td>{delivery.recipient}</td>
                  <td className="bo-num">{delivery.generation}</td>
                  <td>
                    {t(`deliveryStatus.${delivery.status}`)}
                    {delivery.attempts > 1 ? ` (${t('outbox.attempts', { count: delivery.attempts })})` : ''}
                    {delivery.lastError ? <span className="bo-error-text"> {delivery.lastError}</span> : null}
                  </td>
                  <td className="bo-nowrap">{formatInstant(delivery.createdAt)}</td>
                  <td className="bo-nowrap">{delivery.sentAt ? formatInstant(delivery.sentAt) : '—'}</td>
                  {canChange ? (
                    <td>
                      <button
                        type="button"
                        className="button button--secondary bo-small"
                        aria-expanded={resending === delivery.id}
                        onClick={() => setResending(resending === delivery.id ? null : delivery.id)}
                      >
                        {t('outbox.resend', { number: delivery.invoiceNumber })}
                      </button>
                      {resending === delivery.id ? (
                        <OpenedForm
                          onCancel={() => setResending(null)}
                          className="bo-inline-form"
                          onSubmit={(event) => submitResend(event, delivery.invoiceId)}
                        >
                          <label htmlFor={`resend-${delivery.id}`}>{t('outbox.otherAddress')}</label>
                          <input
                            id={`resend-${delivery.id}`}
                            name="email"
                            type="email"
                            className="field__input"
                            placeholder={delivery.recipient}
                          />
                          <button
                            type="submit"
                            className="button button--primary bo-small"
                            disabled={resend.isPending}
                          >
                            {t('outbox.resendSubmit')}
                          </button>
                        </OpenedForm>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
