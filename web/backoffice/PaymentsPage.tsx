import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../shared/api.ts';
import { formatDate, formatMoney } from '../shared/format.ts';
import { usePageTitle } from '../shared/page-title.ts';
import { query, STAFF, type CustomerListItem, type Page, type UnmatchedItem } from './api.ts';
import { useDebounced, useOpenedForm } from './hooks.ts';
import { ErrorAlert, QueryState, scrollRegion, useCanChange } from './ui.tsx';

interface OpenInvoice {
  id: number;
  number: string;
  dueDate: string;
  outstandingGrosze: number;
}

/** Payments: bank transfers nobody was found for, to assign to a customer; bank statement import. */
export default function PaymentsPage() {
  const { t } = useTranslation('backoffice');
  usePageTitle(t('payments.title'));
  const canChange = useCanChange();
  const queryClient = useQueryClient();
  const [assigning, setAssigning] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const unmatched = useQuery({
    queryKey: ['staff', 'unmatched'],
    queryFn: ({ signal }) => api.get<{ items: UnmatchedItem[] }>(`${STAFF}/payments/unmatched`, signal),
  });
  const items = unmatched.data?.items ?? [];
  const current = items.find((item) => item.id === assigning);

  return (
    <div>
      <h1>{t('payments.title')}</h1>
      <p role="status" className="bo-status">
        {message}
      </p>
      <section aria-labelledby="unmatched-heading">
        <h2 id="unmatched-heading">{t('payments.unmatchedHeading')}</h2>
        <QueryState isPending={unmatched.isPending} error={unmatched.error} />
        {unmatched.data && items.length === 0 ? <p>{t('payments.noUnmatched')}</p> : null}
        {items.length > 0 ? (
          <div className="bo-table-wrap" ref={scrollRegion}>
            <table className="bo-table">
              <caption className="bo-sr-only">{t('payments.unmatchedHeading')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('payments.bookedOn')}</th>
                  <th scope="col" className="bo-num">
                    {t('customer.amount')}
                  </th>
                  <th scope="col">{t('customer.paymentTitle')}</th>
                  <th scope="col">{t('payments.payer')}</th>
                  <th scope="col">{t('payments.reference')}</th>
                  {canChange ? <th scope="col">{t('common.actions')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr key={item.id}>
                    <td>{formatDate(item.bookedOn)}</td>
                    <td className="bo-num">{formatMoney(item.amountGrosze)}</td>
                    <th scope="row">{item.title || '—'}</th>
                    <td>
                      {item.counterpartyName ?? '—'}
                      {item.counterpartyAccount ? (
                        <span className="bo-muted"> {item.counterpartyAccount}</span>
                      ) : null}
                    </td>
                    <td>{item.reference}</td>
                    {canChange ? (
                      <td>
                        <button
                          type="button"
                          className="button button--secondary bo-small"
                          aria-expanded={assigning === item.id}
                          onClick={() => setAssigning(assigning === item.id ? null : item.id)}
                        >
                          {t('payments.assign', { reference: item.reference })}
                        </button>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {current && canChange ? (
          <AssignForm
            key={current.id}
            item={current}
            onCancel={() => setAssigning(null)}
            onAssigned={(customer) => {
              setAssigning(null);
              setMessage(
                t('payments.assigned', {
                  amount: formatMoney(current.amountGrosze),
                  customer: customer.name,
                }),
              );
              void queryClient.invalidateQueries({ queryKey: ['staff', 'unmatched'] });
            }}
          />
        ) : null}
      </section>
      {canChange ? <StatementImport /> : null}
    </div>
  );
}

function AssignForm({
  item,
  onAssigned,
  onCancel,
}: {
  item: UnmatchedItem;
  onAssigned: (customer: CustomerListItem) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('backoffice');
  const opened = useOpenedForm(onCancel);
  const [text, setText] = useState('');
  const [chosen, setChosen] = useState<CustomerListItem | null>(null);
  const [invoiceIds, setInvoiceIds] = useState<number[]>([]);
  const [notChosen, setNotChosen] = useState(false);
  const q = useDebounced(text.trim());
  const customers = useQuery({
    queryKey: ['staff', 'customers', q],
    queryFn: ({ signal }) =>
      api.get<Page<CustomerListItem>>(`${STAFF}/customers${query({ q, pageSize: 10 })}`, signal),
    enabled: q.length > 0,
  });
  const invoices = useQuery({
    queryKey: ['staff', 'open-invoices', chosen?.id],
    queryFn: ({ signal }) =>
      api.get<Page<OpenInvoice>>(
        `${STAFF}/invoices${query({ customerId: chosen?.id, pageSize: 50 })}`,
        signal,
      ),
    enabled: chosen !== null,
  });
  const assign = useMutation({
    mutationFn: (input: { customerId: number; invoiceIds: number[] }) =>
      api.post<unknown>(`${STAFF}/payments/unmatched/${item.id}/assign`, input),
    onSuccess: () => {
      if (chosen) onAssigned(chosen);
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setNotChosen(!chosen);
    if (chosen) assign.mutate({ customerId: chosen.id, invoiceIds });
  }

  const open = (invoices.data?.items ?? []).filter((invoice) => invoice.outstandingGrosze > 0);
  return (
    <form {...opened} className="bo-form" onSubmit={submit} aria-labelledby="assign-heading">
      <h3 id="assign-heading">
        {t('payments.assignHeading', { amount: formatMoney(item.amountGrosze), reference: item.reference })}
      </h3>
      {assign.error ? <ErrorAlert error={assign.error} /> : null}
      <div className="field">
        <label className="field__label" htmlFor="assign-search">
          {t('payments.findCustomer')}
        </label>
        <input
          id="assign-search"
          type="search"
          className="field__input"
          autoComplete="off"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      </div>
      <fieldset className={notChosen ? 'bo-fieldset field--invalid' : 'bo-fieldset'}>
        <legend>{t('payments.customer')}</legend>
        {notChosen ? <p className="field__error">{t('payments.chooseCustomer')}</p> : null}
        <p role="status" className="bo-muted">
          {customers.data ? t('customers.found', { count: customers.data.total }) : ''}
        </p>
        {(customers.data?.items ?? []).map((customer) => (
          <label key={customer.id} className="bo-choice">
            <input
              type="radio"
              name="customer"
              value={customer.id}
              checked={chosen?.id === customer.id}
              onChange={() => {
                setChosen(customer);
                setInvoiceIds([]);
              }}
            />{' '}
            {customer.name}, {customer.customerNumber}, {customer.address}
          </label>
        ))}
      </fieldset>
      {chosen && open.length > 0 ? (
        <fieldset className="bo-fieldset">
          <legend>{t('payments.invoicesFirst')}</legend>
          {open.map((invoice) => (
            <label key={invoice.id} className="bo-choice">
              <input
                type="checkbox"
                checked={invoiceIds.includes(invoice.id)}
                onChange={(event) =>
                  setInvoiceIds(
                    event.target.checked
                      ? [...invoiceIds, invoice.id]
                      : invoiceIds.filter((id) => id !== invoice.id),
                  )
                }
              />{' '}
              {invoice.number}, {formatDate(invoice.dueDate)}, {formatMoney(invoice.outstandingGrosze)}
            </label>
          ))}
        </fieldset>
      ) : null}
      <div className="bo-actions">
        <button type="submit" className="button button--primary" disabled={assign.isPending}>
          {t('payments.assignSubmit')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

interface StatementReport {
  importId: number;
  alreadyImported: boolean;
  matched: unknown[];
  unmatched: unknown[];
  skipped?: unknown[];
}

function StatementImport() {
  const { t } = useTranslation('backoffice');
  const queryClient = useQueryClient();
  const fileInput = useRef<HTMLInputElement>(null);
  const upload = useMutation({
    mutationFn: async (file: File) => {
      const bytes = new Uint8Array(await file.arrayBuffer());
      let binary = '';
      for (const byte of bytes) binary += String.fromCharCode(byte);
      // Base64 keeps a Windows-1250 file intact; the server recognises the encoding.
      return api.post<StatementReport>(`${STAFF}/payments/statements`, {
        fileName: file.name,
        contentBase64: btoa(binary),
      });
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['staff', 'unmatched'] }),
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = fileInput.current?.files?.[0];
    if (file) upload.mutate(file);
  }
  return (
    <section aria-labelledby="statement-heading">
      <h2 id="statement-heading">{t('payments.statementHeading')}</h2>
      <form className="bo-form" onSubmit={submit}>
        <div className="field">
          <label className="field__label" htmlFor="statement-file">
            {t('payments.statementFile')}
          </label>
          <input ref={fileInput} id="statement-file" type="file" className="field__input" required />
        </div>
        <button type="submit" className="button button--primary" disabled={upload.isPending}>
          {t('payments.statementSubmit')}
        </button>
      </form>
      {upload.error ? <ErrorAlert error={upload.error} /> : null}
      <p role="status">
        {upload.data
          ? t('payments.statementResult', {
              id: upload.data.importId,
              matched: upload.data.matched.length,
              unmatched: upload.data.unmatched.length,
            })
          : ''}
      </p>
    </section>
  );
}
