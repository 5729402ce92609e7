import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../shared/api.ts';
import { formatCubicMetres, formatDate, formatMoney } from '../shared/format.ts';
import { usePageTitle } from '../shared/page-title.ts';
import { activationLetter, STAFF, type CorrectionResult, type CustomerView, type Meter } from './api.ts';
import { CorrectionForm } from './CorrectionForm.tsx';
import { CustomerLogins } from './CustomerLogins.tsx';
import { CustomerMoneyForms } from './CustomerMoneyForms.tsx';
import { MeterReplaceForm } from './MeterReplaceForm.tsx';
import { ErrorAlert, QueryState, scrollRegion, useCanChange } from './ui.tsx';

/** Customer 360: everything about one customer on one page, with the operator's actions beside the data. */
export default function CustomerPage() {
  const { t } = useTranslation('backoffice');
  const { customerId } = useParams();
  const id = Number(customerId);
  const view = useQuery({
    queryKey: ['staff', 'customer', id],
    queryFn: ({ signal }) => api.get<CustomerView>(`${STAFF}/customers/${id}`, signal),
    enabled: Number.isInteger(id) && id > 0,
  });
  usePageTitle(view.data?.customer.name ?? t('customer.title'));

  if (!view.data) {
    return (
      <div>
        <h1>{t('customer.title')}</h1>
        <QueryState isPending={view.isPending} error={view.error} />
      </div>
    );
  }
  return <CustomerDetail view={view.data} />;
}

function CustomerDetail({ view }: { view: CustomerView }) {
  const { t } = useTranslation('backoffice');
  const canChange = useCanChange();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const { customer, account } = view;
  const reload = () => queryClient.invalidateQueries({ queryKey: ['staff', 'customer', customer.id] });

  return (
    <div>
      <h1>{customer.name}</h1>
      <p role="status" className="bo-status">
        {message}
      </p>
      <dl className="bo-facts">
        <div>
          <dt>{t('customers.number')}</dt>
          <dd>{customer.customerNumber}</dd>
        </div>
        <div>
          <dt>{t('customers.address')}</dt>
          <dd>{customer.addressLine}</dd>
        </div>
        <div>
          <dt>{t('customers.pesel')}</dt>
          <dd>{customer.peselMasked ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('customers.nip')}</dt>
          <dd>{customer.nip ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('customer.email')}</dt>
          <dd>{customer.email ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('customer.phone')}</dt>
          <dd>{customer.phone ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('customer.balance')}</dt>
          <dd>{formatMoney(account.balanceGrosze)}</dd>
        </div>
        <div>
          <dt>{t('customer.toPay')}</dt>
          <dd>{formatMoney(account.toPayGrosze)}</dd>
        </div>
        <div>
          <dt>{t('customer.overdue')}</dt>
          <dd>
            {formatMoney(account.overdue.amountGrosze)} ({account.overdue.count})
          </dd>
        </div>
        <div>
          <dt>{t('customer.credit')}</dt>
          <dd>{formatMoney(account.creditGrosze)}</dd>
        </div>
      </dl>
      {canChange ? (
        <ActivationLetter customerId={customer.id} issued={customer.activationCodeIssued} />
      ) : null}

      <section aria-labelledby="contracts-heading">
        <h2 id="contracts-heading">{t('customer.contracts')}</h2>
        <div className="bo-table-wrap" ref={scrollRegion}>
          <table className="bo-table">
            <caption className="bo-sr-only">{t('customer.contracts')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('customer.contractNumber')}</th>
                <th scope="col">{t('customer.point')}</th>
                <th scope="col">{t('customer.services')}</th>
                <th scope="col">{t('customer.validFrom')}</th>
                <th scope="col">{t('customer.validTo')}</th>
                <th scope="col">{t('customer.state')}</th>
              </tr>
            </thead>
            <tbody>
              {view.contracts.map((contract) => (
                <tr key={contract.id}>
                  <th scope="row">{contract.number}</th>
                  <td>{contract.servicePointCode}</td>
                  <td>{t(`services.${contract.services}`)}</td>
                  <td>{formatDate(contract.validFrom)}</td>
                  <td>{contract.validTo ? formatDate(contract.validTo) : '—'}</td>
                  <td>{contract.active ? t('customer.active') : t('customer.ended')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="points-heading">
        <h2 id="points-heading">{t('customer.pointsAndMeters')}</h2>
        {view.servicePoints.map((point) => (
          <ServicePoint
            key={point.id}
            point={point}
            canChange={canChange}
            onReplaced={(old, installed) => {
              setMessage(t('meter.replaced', { old: old.serialNumber, serial: installed.serialNumber }));
              void reload();
            }}
          />
        ))}
      </section>

      <Invoices
        view={view}
        canChange={canChange}
        onCorrected={(result) => {
          setMessage(
            t('correction.issued', {
              number: result.number,
              invoice: result.correctedInvoiceNumber,
              difference: formatMoney(result.differenceGrosze),
            }),
          );
          void reload();
        }}
      />

      <section aria-labelledby="payments-heading">
        <h2 id="payments-heading">{t('customer.payments')}</h2>
        {view.payments.length > 0 ? (
          <div className="bo-table-wrap" ref={scrollRegion}>
            <table className="bo-table">
              <caption className="bo-sr-only">{t('customer.payments')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('customer.receivedOn')}</th>
                  <th scope="col">{t('customer.channel')}</th>
                  <th scope="col">{t('customer.paymentTitle')}</th>
                  <th scope="col" className="bo-num">
                    {t('customer.amount')}
                  </th>
                  <th scope="col" className="bo-num">
                    {t('customer.allocated')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {view.payments.map((payment) => (
                  <tr key={payment.id}>
                    <td>{formatDate(payment.receivedOn)}</td>
                    <td>{t(`channels.${payment.channel}`)}</td>
                    <td>{payment.title ?? payment.reference ?? '—'}</td>
                    <td className="bo-num">{formatMoney(payment.amountGrosze)}</td>
                    <td className="bo-num">{formatMoney(payment.allocatedGrosze)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t('common.none')}</p>
        )}
        {canChange ? (
          <CustomerMoneyForms
            customerId={customer.id}
            creditGrosze={account.creditGrosze}
            onDone={() => void reload()}
          />
        ) : null}
      </section>

      <section aria-labelledby="consents-heading">
        <h2 id="consents-heading">{t('customer.consents')}</h2>
        {view.eInvoiceConsents.length === 0 ? (
          <p>{t('common.none')}</p>
        ) : (
          <div className="bo-table-wrap" ref={scrollRegion}>
            <table className="bo-table">
              <caption className="bo-sr-only">{t('customer.consents')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('customer.recordedAt')}</th>
                  <th scope="col">{t('customer.consentAction')}</th>
                  <th scope="col">{t('customer.channel')}</th>
                  <th scope="col">{t('customer.email')}</th>
                </tr>
              </thead>
              <tbody>
                {view.eInvoiceConsents.map((consent) => (
                  <tr key={consent.id}>
                    <td>{formatDate(consent.recordedAt)}</td>
                    <td>{t(`consent.${consent.action}`)}</td>
                    <td>{t(`consentChannel.${consent.channel}`)}</td>
                    <td>{consent.email ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <CustomerLogins
        customerId={customer.id}
        logins={view.logins}
        canChange={canChange}
        onChanged={(text) => {
          setMessage(text);
          void reload();
        }}
      />

      <section aria-labelledby="notifications-heading">
        <h2 id="notifications-heading">{t('customer.notifications')}</h2>
        {view.notifications.length === 0 ? (
          <p>{t('common.none')}</p>
        ) : (
          <div className="bo-table-wrap" ref={scrollRegion}>
            <table className="bo-table">
              <caption className="bo-sr-only">{t('customer.notifications')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('customer.createdAt')}</th>
                  <th scope="col">{t('customer.kind')}</th>
                  <th scope="col">{t('customer.channel')}</th>
                  <th scope="col">{t('customer.recipient')}</th>
                  <th scope="col">{t('customer.subject')}</th>
                  <th scope="col">{t('customer.status')}</th>
                </tr>
              </thead>
              <tbody>
                {view.notifications.map((notification) => (
                  <tr key={notification.id}>
                    <td>{formatDate(notification.createdAt)}</td>
                    <td>{notification.kind}</td>
                    <td>{notification.channel}</td>
                    <td>{notification.recipient}</td>
                    <td>{notification.subject}</td>
                    <td>{notification.status}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

function ServicePoint({
  point,
  canChange,
  onReplaced,
}: {
  point: CustomerView['servicePoints'][number];
  canChange: boolean;
  onReplaced: (old: Meter, installed: Meter) => void;
}) {
  const { t } = useTranslation('backoffice');
  const [replacing, setReplacing] = useState<number | null>(null);
  const caption = t('meter.caption', { code: point.code });
  return (
    <div className="bo-point">
      <h3>
        {point.code}: {point.address}
      </h3>
      <p className="bo-muted">
        {t('customer.group')}: {point.customerGroup};{' '}
        {t('customer.cycle', { count: point.billingCycleMonths })}
      </p>
      <div className="bo-table-wrap" ref={scrollRegion}>
        <table className="bo-table">
          <caption className="bo-sr-only">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('meter.serial')}</th>
              <th scope="col">{t('meter.kind')}</th>
              <th scope="col">{t('meter.installedOn')}</th>
              <th scope="col">{t('meter.removedOn')}</th>
              <th scope="col">{t('meter.legalization')}</th>
              <th scope="col">{t('meter.lastReading')}</th>
              {canChange ? <th scope="col">{t('common.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {point.meters.map((meter) => {
              const last = meter.readings[0];
              return (
                <tr key={meter.id}>
                  <th scope="row">{meter.serialNumber}</th>
                  <td>{t(`meterKinds.${meter.kind}`)}</td>
                  <td>{formatDate(meter.installedOn)}</td>
                  <td>{meter.removedOn ? formatDate(meter.removedOn) : '—'}</td>
                  <td>
                    {formatDate(meter.legalizationExpiresOn)} ({t(`legalization.${meter.legalizationStatus}`)}
                    )
                  </td>
                  <td>{last ? `${formatCubicMetres(last.valueLitres)} (${formatDate(last.date)})` : '—'}</td>
                  {canChange ? (
                    <td>
                      {meter.active ? (
                        <button
                          type="button"
                          className="button button--secondary bo-small"
                          aria-expanded={replacing === meter.id}
                          onClick={() => setReplacing(replacing === meter.id ? null : meter.id)}
                        >
                          {t('meter.replace', { serial: meter.serialNumber })}
                        </button>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {point.meters.map((meter) =>
        replacing === meter.id ? (
          <MeterReplaceForm
            key={meter.id}
            meter={meter}
            onCancel={() => setReplacing(null)}
            onReplaced={(installed) => {
              setReplacing(null);
              onReplaced(meter, installed);
            }}
          />
        ) : null,
      )}
      {point.meters
        .filter((meter) => meter.readings.length > 0)
        .map((meter) => (
          <details key={meter.id} className="bo-details">
            <summary>{t('meter.readings', { serial: meter.serialNumber })}</summary>
            <div className="bo-table-wrap" ref={scrollRegion}>
              <table className="bo-table">
                <caption className="bo-sr-only">
                  {t('meter.readings', { serial: meter.serialNumber })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('readings.date')}</th>
                    <th scope="col" className="bo-num">
                      {t('readings.value')}
                    </th>
                    <th scope="col">{t('readings.source')}</th>
                    <th scope="col">{t('readings.status')}</th>
                    <th scope="col">{t('readings.note')}</th>
                  </tr>
                </thead>
                <tbody>
                  {meter.readings.map((reading) => (
                    <tr key={reading.id}>
                      <td>{formatDate(reading.date)}</td>
                      <td className="bo-num">{formatCubicMetres(reading.valueLitres)}</td>
                      <td>{t(`sources.${reading.source}`)}</td>
                      <td>{t(`readingStatus.${reading.status}`)}</td>
                      <td>{reading.statusReason ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        ))}
    </div>
  );
}

function Invoices({
  view,
  canChange,
  onCorrected,
}: {
  view: CustomerView;
  canChange: boolean;
  onCorrected: (result: CorrectionResult) => void;
}) {
  const { t } = useTranslation('backoffice');
  const [correcting, setCorrecting] = useState<number | null>(null);
  const columns = canChange ? 9 : 8;
  return (
    <section aria-labelledby="invoices-heading">
      <h2 id="invoices-heading">
        {t('customer.invoices')} ({view.counts.invoices})
      </h2>
      {view.invoices.length === 0 ? (
        <p>{t('common.none')}</p>
      ) : (
        <div className="bo-table-wrap" ref={scrollRegion}>
          <table className="bo-table">
            <caption className="bo-sr-only">{t('customer.invoices')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('invoice.number')}</th>
                <th scope="col">{t('invoice.period')}</th>
                <th scope="col">{t('invoice.issued')}</th>
                <th scope="col">{t('invoice.due')}</th>
                <th scope="col" className="bo-num">
                  {t('invoice.net')}
                </th>
                <th scope="col" className="bo-num">
                  {t('invoice.gross')}
                </th>
                <th scope="col" className="bo-num">
                  {t('invoice.outstanding')}
                </th>
                <th scope="col">{t('invoice.status')}</th>
                {canChange ? <th scope="col">{t('common.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {view.invoices.map((invoice) => (
                <Fragment key={invoice.id}>
                  <tr>
                    <th scope="row">
                      <a href={`${STAFF}/invoices/${invoice.id}/pdf`} target="_blank" rel="noreferrer">
                        {invoice.number}
                      </a>
                      {invoice.kind === 'correction' ? (
                        <span className="bo-muted">
                          {' '}
                          ({t('invoice.corrects', { number: invoice.correctsInvoiceNumber ?? '' })})
                        </span>
                      ) : null}
                    </th>
                    <td>
                      {formatDate(invoice.periodFrom)}–{formatDate(invoice.periodTo)}
                      {invoice.estimated ? ` (${t('invoice.estimated')})` : ''}
                    </td>
                    <td>{formatDate(invoice.issueDate)}</td>
                    <td>{formatDate(invoice.dueDate)}</td>
                    <td className="bo-num">{formatMoney(invoice.netGrosze)}</td>
                    <td className="bo-num">{formatMoney(invoice.grossGrosze)}</td>
                    <td className="bo-num">{formatMoney(invoice.outstandingGrosze)}</td>
                    <td>
                      {invoice.cancelled
                        ? t('invoice.cancelled')
                        : invoice.status
                          ? t(`invoiceStatus.${invoice.status}`)
                          : '—'}
                    </td>
                    {canChange ? (
                      <td>
                        {invoice.kind === 'invoice' && !invoice.cancelled ? (
                          <button
                            type="button"
                            className="button button--secondary bo-small"
                            aria-expanded={correcting === invoice.id}
                            onClick={() => setCorrecting(correcting === invoice.id ? null : invoice.id)}
                          >
                            {t('correction.open', { number: invoice.number })}
                          </button>
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                  {correcting === invoice.id ? (
                    <tr>
                      <td colSpan={columns}>
                        <CorrectionForm
                          invoice={invoice}
                          onCancel={() => setCorrecting(null)}
                          onIssued={(result) => {
                            setCorrecting(null);
                            onCorrected(result);
                          }}
                        />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** A new activation code on a printed letter: the PDF opens as a download, the previous code stops working. */
function ActivationLetter({ customerId, issued }: { customerId: number; issued: boolean }) {
  const { t } = useTranslation('backoffice');
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);

  async function print() {
    setPending(true);
    setError(null);
    try {
      const blob = await activationLetter(customerId);
      if (link) URL.revokeObjectURL(link);
      setLink(URL.createObjectURL(blob));
    } catch (failure) {
      setError(failure);
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="bo-actions">
      <button
        type="button"
        className="button button--secondary"
        disabled={pending}
        onClick={() => void print()}
      >
        {t('activation.print')}
      </button>
      <span className="bo-muted">{issued ? t('activation.issuedBefore') : t('activation.notIssued')}</span>
      <span role="status">
        {link ? (
          <a href={link} download={`pismo-aktywacyjne-${customerId}.pdf`}>
            {t('activation.download')}
          </a>
        ) : null}
      </span>
      {error ? <ErrorAlert error={error} /> : null}
    </div>
  );
}
