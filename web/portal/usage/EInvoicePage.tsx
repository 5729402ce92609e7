import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../shared/api.ts';
import { FormAlert } from '../../shared/components/FormAlert.tsx';
import { TextField } from '../../shared/components/TextField.tsx';
import { formatDate } from '../../shared/format.ts';
import { usePageTitle } from '../../shared/page-title.ts';
import { emailPattern, formValue, QueryView, useErrorMessage, TableScroll } from './common.tsx';
import type { ConsentHistoryAnswer, ConsentStatus, EInvoiceAnswer, Terms } from './types.ts';

const eInvoiceKey = ['me', 'e-invoice'] as const;
const historyKey = ['me', 'e-invoice', 'history'] as const;

const formatTime = (instant: string) =>
  `${formatDate(instant)} ${new Intl.DateTimeFormat('pl-PL', { timeZone: 'Europe/Warsaw', hour: '2-digit', minute: '2-digit' }).format(new Date(instant))}`;

/** e-Faktura: the terms, accepting (version and address are recorded) or withdrawing, and the history. */
export default function EInvoicePage() {
  const { t } = useTranslation('usage');
  usePageTitle(t('eInvoice.title'));
  const state = useQuery({
    queryKey: eInvoiceKey,
    queryFn: ({ signal }) => api.get<EInvoiceAnswer>('/api/v1/me/e-invoice', signal),
  });
  return (
    <div className="usage-page">
      <h1>{t('eInvoice.heading')}</h1>
      <p className="lead">{t('eInvoice.intro')}</p>
      <QueryView query={state}>
        {(data) => (
          <>
            {data.terms ? (
              <details className="terms">
                <summary>
                  {t('eInvoice.termsSummary', { title: data.terms.title, version: data.terms.version })}
                </summary>
                <div className="terms__body">{data.terms.body}</div>
                <p>
                  <a
                    href={`/api/v1/terms/e-invoice.pdf?version=${encodeURIComponent(data.terms.version)}`}
                    download
                  >
                    {t('terms.downloadPdf')}
                  </a>
                </p>
              </details>
            ) : (
              <p>{t('eInvoice.noTerms')}</p>
            )}
            {data.customers.map((customer) => (
              <CustomerConsent
                key={customer.customerId}
                customer={customer}
                terms={data.terms}
                suggestedEmail={data.suggestedEmail}
                choose={data.customers.length > 1}
              />
            ))}
          </>
        )}
      </QueryView>
    </div>
  );
}

function CustomerConsent({
  customer,
  terms,
  suggestedEmail,
  choose,
}: {
  customer: ConsentStatus;
  terms: Terms | null;
  suggestedEmail: string;
  choose: boolean;
}) {
  const { t } = useTranslation('usage');
  const describeError = useErrorMessage();
  const queryClient = useQueryClient();
  const [fieldErrors, setFieldErrors] = useState<{ email?: string; accept?: string }>({});
  const [result, setResult] = useState('');
  const headingId = `e-invoice-${customer.customerId}`;
  const customerId = choose ? { customerId: customer.customerId } : {};

  const afterChange = async (message: string) => {
    setResult(message);
    await queryClient.invalidateQueries({ queryKey: eInvoiceKey });
  };
  const accept = useMutation({
    mutationFn: (body: { email: string; termsVersion: string }) =>
      api.post<ConsentStatus>('/api/v1/me/e-invoice', { action: 'accept', ...body, ...customerId }),
    onSuccess: (answer) => afterChange(t('eInvoice.accepted', { email: answer.email ?? '' })),
    onError: async (error: unknown) => {
      if (error instanceof ApiError)
        setFieldErrors({ ...(error.fields['email'] ? { email: error.fields['email'] } : {}) });
      // The terms changed since they were shown: show the new version.
      if (error instanceof ApiError && error.status === 409)
        await queryClient.invalidateQueries({ queryKey: eInvoiceKey });
    },
  });
  const withdraw = useMutation({
    mutationFn: () => api.post<ConsentStatus>('/api/v1/me/e-invoice', { action: 'withdraw', ...customerId }),
    onSuccess: () => afterChange(t('eInvoice.withdrawn')),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!terms) return;
    const form = new FormData(event.currentTarget);
    const email = formValue(form, 'email').trim();
    const errors: { email?: string; accept?: string } = {};
    if (!emailPattern.test(email)) errors.email = t('eInvoice.emailInvalid');
    if (form.get('accept') !== 'on') errors.accept = t('eInvoice.acceptRequired');
    setFieldErrors(errors);
    setResult('');
    if (errors.email || errors.accept) return;
    accept.mutate({ email, termsVersion: terms.version });
  }

  const statementQuery = new URLSearchParams({
    customerId: String(customer.customerId),
    ...((customer.email ?? suggestedEmail) ? { email: customer.email ?? suggestedEmail } : {}),
  });
  const failure = accept.isError ? accept.error : withdraw.isError ? withdraw.error : null;
  return (
    <section className="usage-section usage-card" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {choose
          ? t('eInvoice.customerHeading', { name: customer.name, number: customer.customerNumber })
          : t('eInvoice.stateHeading')}
      </h2>
      <p className="usage-state">
        <strong>
          {customer.active
            ? t('eInvoice.activeState', { email: customer.email ?? '' })
            : t('eInvoice.paperState')}
        </strong>
        {customer.since ? (
          <span className="usage-note">
            {t('eInvoice.since', { date: formatTime(customer.since) })}
            {customer.termsVersion
              ? ` · ${t('eInvoice.termsVersion', { version: customer.termsVersion })}`
              : ''}
          </span>
        ) : null}
      </p>
      {failure && !(failure instanceof ApiError && failure.fields['email']) ? (
        <FormAlert message={describeError(failure)} />
      ) : null}
      {terms ? (
        <form className="form" noValidate onSubmit={submit}>
          <TextField
            name="email"
            type="email"
            label={t('eInvoice.email')}
            autoComplete="email"
            inputMode="email"
            defaultValue={customer.email ?? suggestedEmail}
            error={fieldErrors.email}
          />
          <div className={fieldErrors.accept ? 'field field--invalid' : 'field'}>
            {fieldErrors.accept ? (
              <p className="field__error" id={`${headingId}-accept-error`}>
                {fieldErrors.accept}
              </p>
            ) : null}
            <label className="usage-check">
              <input
                type="checkbox"
                name="accept"
                aria-invalid={fieldErrors.accept ? true : undefined}
                aria-describedby={fieldErrors.accept ? `${headingId}-accept-error` : undefined}
              />
              {t('eInvoice.acceptTerms', { version: terms.version })}
            </label>
          </div>
          <button className="button button--primary" type="submit" disabled={accept.isPending}>
            {customer.active ? t('eInvoice.changeEmail') : t('eInvoice.accept')}
          </button>
        </form>
      ) : null}
      {customer.active ? (
        <p>
          <button
            type="button"
            className="button button--secondary"
            disabled={withdraw.isPending}
            onClick={() => {
              setResult('');
              withdraw.mutate();
            }}
          >
            {t('eInvoice.withdraw')}
          </button>
        </p>
      ) : null}
      <p role="status" className="usage-status">
        {result}
      </p>
      <p>
        <a href={`/api/v1/me/e-invoice/statement.pdf?${statementQuery.toString()}`} download>
          {t('eInvoice.statement')}
        </a>
      </p>
      <ConsentHistory customerId={customer.customerId} since={customer.since} />
    </section>
  );
}

/** Every acceptance and withdrawal, newest first. */
function ConsentHistory({ customerId, since }: { customerId: number; since: string | null }) {
  const { t } = useTranslation('usage');
  const history = useQuery({
    // The latest change is part of the key, so the list follows every accept and withdraw.
    queryKey: [...historyKey, customerId, since],
    queryFn: ({ signal }) =>
      api.get<ConsentHistoryAnswer>(`/api/v1/me/e-invoice/history?customerId=${customerId}`, signal),
  });
  return (
    <QueryView query={history}>
      {(data) => {
        const rows = data.entries;
        if (rows.length === 0) return <p>{t('eInvoice.noHistory')}</p>;
        return (
          <TableScroll label={t('eInvoice.historyCaption')}>
            <table className="usage-table">
              <caption>{t('eInvoice.historyCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('eInvoice.when')}</th>
                  <th scope="col">{t('eInvoice.action')}</th>
                  <th scope="col">{t('eInvoice.channel')}</th>
                  <th scope="col">{t('eInvoice.address')}</th>
                  <th scope="col">{t('eInvoice.termsVersion')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row, index) => (
                  <tr key={`${row.recordedAt}-${index}`}>
                    <th scope="row">{formatTime(row.recordedAt)}</th>
                    <td>{t(`consentAction.${row.action}`)}</td>
                    <td>{t(`consentChannel.${row.channel}`)}</td>
                    <td>{row.email ?? '—'}</td>
                    <td>{row.termsVersion ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        );
      }}
    </QueryView>
  );
}
