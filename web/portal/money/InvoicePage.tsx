import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatCubicMetres, formatDate } from '../../shared/format.ts';
import { usePageTitle } from '../../shared/page-title.ts';
import { invoicePdfUrl, moneyQueries } from './api.ts';
import type { InvoiceDetail } from './types.ts';
import { DataTimestamp, InvoiceStatusBadge, Money, QueryView, useChannelLabel } from './ui.tsx';
import { DataTable, numericColumn } from '../../shared/components/DataTable.tsx';

const percent = (basisPoints: number) => `${String(basisPoints / 100).replace('.', ',')}%`;
const thousandths = (value: number) => {
  const sign = value < 0 ? '−' : '';
  const absolute = Math.abs(value);
  return `${sign}${Math.floor(absolute / 1000)},${String(absolute % 1000).padStart(3, '0')}`;
};

/** /konto/faktury/:id: one invoice or correction with everything printed on it, and how it was paid. */
export default function InvoicePage() {
  const { t } = useTranslation('money');
  const id = Number(useParams()['id']);
  const invoice = useQuery({ ...moneyQueries.invoice(id), enabled: Number.isSafeInteger(id) && id > 0 });
  const heading = invoice.data?.data
    ? t(invoice.data.data.kind === 'correction' ? 'invoice.correctionHeading' : 'invoice.heading', {
        number: invoice.data.data.number,
      })
    : t('invoice.title');
  usePageTitle(heading);
  return (
    <div className="money-page">
      <p className="back-link">
        <Link to="/konto/faktury">{t('invoice.back')}</Link>
      </p>
      <h1>{heading}</h1>
      {Number.isSafeInteger(id) && id > 0 ? (
        <QueryView query={invoice}>
          {(data) => (
            <>
              <DataTimestamp updatedAt={data.servedAt} />
              <InvoiceContent invoice={data.data} />
            </>
          )}
        </QueryView>
      ) : (
        <p role="alert">{t('invoice.notFound')}</p>
      )}
    </div>
  );
}

function InvoiceContent({ invoice }: { invoice: InvoiceDetail }) {
  const { t, i18n } = useTranslation('money');
  const language = i18n.language === 'en' ? 'en' : 'pl';
  const channelLabel = useChannelLabel();
  const payable = invoice.kind === 'invoice' && !invoice.cancelled && invoice.outstandingGrosze > 0;
  return (
    <>
      <section className="card" aria-labelledby="invoice-summary">
        <h2 id="invoice-summary">{t('invoice.summary')}</h2>
        <dl className="facts">
          <div>
            <dt>{t('invoice.status')}</dt>
            <dd>
              {invoice.cancelled ? t('invoices.cancelled') : <InvoiceStatusBadge status={invoice.status} />}
            </dd>
          </div>
          {invoice.kind === 'correction' && invoice.correctsInvoiceId ? (
            <div>
              <dt>{t('invoice.corrects')}</dt>
              <dd>
                <Link to={`/konto/faktury/${invoice.correctsInvoiceId}`}>
                  {invoice.correctsInvoiceNumber}
                </Link>
                {invoice.correctionReason ? ` – ${invoice.correctionReason}` : ''}
              </dd>
            </div>
          ) : null}
          <div>
            <dt>{t('invoice.issueDate')}</dt>
            <dd>{formatDate(invoice.issueDate)}</dd>
          </div>
          <div>
            <dt>{t('invoice.period')}</dt>
            <dd>
              {formatDate(invoice.periodFrom)}–{formatDate(invoice.periodTo)}
              {invoice.estimated ? ` (${t('invoice.estimated')})` : ''}
            </dd>
          </div>
          <div>
            <dt>{t('invoice.dueDate')}</dt>
            <dd>{formatDate(invoice.dueDate)}</dd>
          </div>
          <div>
            <dt>{t('invoice.servicePoint')}</dt>
            <dd>{invoice.servicePointAddress}</dd>
          </div>
          <div>
            <dt>{t('invoice.gross')}</dt>
            <dd>
              <Money grosze={invoice.grossGrosze} />
            </dd>
          </div>
          {invoice.kind === 'invoice' ? (
            <>
              {invoice.correctionsGrosze !== 0 ? (
                <div>
                  <dt>{t('invoice.correctionsTotal')}</dt>
                  <dd>
                    <Money grosze={invoice.correctionsGrosze} />
                  </dd>
                </div>
              ) : null}
              <div>
                <dt>{t('invoice.paid')}</dt>
                <dd>
                  <Money grosze={invoice.paidGrosze} />
                </dd>
              </div>
              <div>
                <dt>{t('invoice.outstanding')}</dt>
                <dd data-testid="invoice-outstanding">
                  <strong>
                    <Money grosze={invoice.outstandingGrosze} />
                  </strong>
                </dd>
              </div>
              <div>
                <dt>{t('invoice.bankAccount')}</dt>
                <dd className="account-number">
                  {invoice.bankAccount.replace(/(\d{2})(?=\d)/, '$1 ').replace(/(\d{4})(?=\d)/g, '$1 ')}
                </dd>
              </div>
            </>
          ) : null}
        </dl>
        <p className="quick-actions">
          {payable ? (
            <Link className="button button--primary" to={`/konto/platnosci/nowa?faktura=${invoice.id}`}>
              {t('invoice.pay')}
            </Link>
          ) : null}
          <a className="button button--secondary" href={invoicePdfUrl(invoice.id)} download>
            {t('invoice.pdf')}
          </a>
        </p>
        {invoice.notes.map((note, index) => (
          <p key={index} className="hint">
            {note[language]}
          </p>
        ))}
      </section>

      <DataTable
        caption={t('invoice.lines')}
        columns={[
          t('invoice.position'),
          t('invoice.name'),
          numericColumn(t('invoice.quantity')),
          numericColumn(t('invoice.unitPrice')),
          numericColumn(t('invoice.net')),
          numericColumn(t('invoice.vatRate')),
        ]}
      >
        {invoice.lines.map((line) => (
          <tr key={line.position}>
            <td>{line.position}</td>
            <th scope="row">
              {line.name[language]}
              {line.periodFrom && line.periodTo ? (
                <span className="table-note">
                  {formatDate(line.periodFrom)}–{formatDate(line.periodTo)}
                </span>
              ) : null}
              {line.estimated ? <span className="table-note">{t('invoice.estimated')}</span> : null}
            </th>
            <td className="numeric">
              {line.unit === 'm3'
                ? formatCubicMetres(line.quantityThousandths)
                : `${thousandths(line.quantityThousandths)} ${t('invoice.months')}`}
            </td>
            <td className="numeric">
              <Money grosze={line.unitPriceGrosze} />
            </td>
            <td className="numeric">
              <Money grosze={line.netGrosze} />
            </td>
            <td className="numeric">{percent(line.vatRateBasisPoints)}</td>
          </tr>
        ))}
      </DataTable>

      <DataTable
        caption={t('invoice.vatSummary')}
        columns={[
          t('invoice.vatRate'),
          numericColumn(t('invoice.net')),
          numericColumn(t('invoice.vat')),
          numericColumn(t('invoice.grossShort')),
        ]}
        footer={
          <tr>
            <th scope="row">{t('invoice.total')}</th>
            <td className="numeric">
              <Money grosze={invoice.netGrosze} />
            </td>
            <td className="numeric">
              <Money grosze={invoice.vatGrosze} />
            </td>
            <td className="numeric">
              <Money grosze={invoice.grossGrosze} />
            </td>
          </tr>
        }
      >
        {invoice.vatSummary.map((row) => (
          <tr key={row.vatRateBasisPoints}>
            <th scope="row">{percent(row.vatRateBasisPoints)}</th>
            <td className="numeric">
              <Money grosze={row.netGrosze} />
            </td>
            <td className="numeric">
              <Money grosze={row.vatGrosze} />
            </td>
            <td className="numeric">
              <Money grosze={row.grossGrosze} />
            </td>
          </tr>
        ))}
      </DataTable>

      {invoice.readings.length > 0 ? (
        <DataTable
          caption={t('invoice.readings')}
          columns={[
            t('invoice.meter'),
            t('invoice.previous'),
            t('invoice.current'),
            numericColumn(t('invoice.consumption')),
          ]}
        >
          {invoice.readings.map((reading) => (
            <tr key={`${reading.meterId}-${reading.previousDate}`}>
              <th scope="row">
                {reading.meterSerial}
                <span className="table-note">{t(`meterRole.${reading.meterRole}`)}</span>
              </th>
              <td>
                {formatDate(reading.previousDate)}: {formatCubicMetres(reading.previousValueLitres)}
              </td>
              <td>
                {formatDate(reading.currentDate)}:{' '}
                {reading.currentValueLitres === null
                  ? t('invoice.estimated')
                  : formatCubicMetres(reading.currentValueLitres)}
              </td>
              <td className="numeric">
                {reading.consumptionLitres === null ? '–' : formatCubicMetres(reading.consumptionLitres)}
                {reading.estimated ? ` (${t('invoice.estimated')})` : ''}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}

      {invoice.corrections.length > 0 ? (
        <section className="card" aria-labelledby="invoice-corrections">
          <h2 id="invoice-corrections">{t('invoice.corrections')}</h2>
          <ul className="plain-list">
            {invoice.corrections.map((correction) => (
              <li key={correction.id}>
                <Link to={`/konto/faktury/${correction.id}`}>{correction.number}</Link> (
                {formatDate(correction.issueDate)}): <Money grosze={correction.grossGrosze} />
                {correction.reason ? ` – ${correction.reason}` : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {invoice.kind === 'invoice' ? (
        <DataTable
          caption={t('invoice.payments')}
          columns={[t('payments.date'), t('payments.channel'), numericColumn(t('invoice.allocated'))]}
          empty={invoice.payments.length === 0 ? t('invoice.noPayments') : undefined}
        >
          {invoice.payments.map((payment) => (
            <tr key={payment.paymentId}>
              <th scope="row">{formatDate(payment.receivedOn)}</th>
              <td>{channelLabel(payment.channel)}</td>
              <td className="numeric">
                <Money grosze={payment.allocatedGrosze} />
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </>
  );
}
