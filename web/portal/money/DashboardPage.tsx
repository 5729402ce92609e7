import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatCubicMetres, formatDate } from '../../shared/format.ts';
import { usePageTitle } from '../../shared/page-title.ts';
import { moneyQueries } from './api.ts';
import type { CustomerSummary } from './types.ts';
import { DataTimestamp, Money, QueryView } from './ui.tsx';

/** /konto: per customer account the balance, what is due next, arrears, the last reading and what needs attention. */
export default function DashboardPage() {
  const { t } = useTranslation('money');
  usePageTitle(t('dashboard.title'));
  const summary = useQuery(moneyQueries.summary());
  return (
    <div className="money-page">
      <h1>{t('dashboard.heading')}</h1>
      <p className="quick-actions">
        <Link className="button button--primary button--pay" to="/konto/platnosci/nowa">
          {t('dashboard.pay')}
        </Link>
        <Link className="button button--secondary" to="/konto/faktury">
          {t('dashboard.invoices')}
        </Link>
      </p>
      <QueryView query={summary}>
        {(data) => (
          <>
            <DataTimestamp updatedAt={data.servedAt} />
            {data.data.customers.length === 0 ? <p>{t('dashboard.noAccounts')}</p> : null}
            {data.data.customers.map((customer) => (
              <AccountCard key={customer.customerId} customer={customer} />
            ))}
          </>
        )}
      </QueryView>
    </div>
  );
}

function AccountCard({ customer }: { customer: CustomerSummary }) {
  const { t, i18n } = useTranslation('money');
  const headingId = `account-${customer.customerId}`;
  const language = i18n.language === 'en' ? 'en' : 'pl';
  return (
    <section className="card account-card" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {t('dashboard.customer', { name: customer.name, number: customer.customerNumber })}
      </h2>

      <div className="balance">
        {customer.balanceGrosze > 0 ? (
          <>
            <p className="balance__label">{t('dashboard.toPay')}</p>
            <p className="balance__amount" data-testid="balance">
              <Money grosze={customer.balanceGrosze} />
            </p>
          </>
        ) : customer.balanceGrosze < 0 ? (
          <>
            <p className="balance__label">{t('dashboard.overpaid')}</p>
            <p className="balance__amount" data-testid="balance">
              <Money grosze={-customer.balanceGrosze} />
            </p>
            <p className="balance__hint">{t('dashboard.overpaidHint')}</p>
          </>
        ) : (
          <>
            <p className="balance__label">{t('dashboard.settled')}</p>
            <p className="balance__amount" data-testid="balance">
              <Money grosze={0} />
            </p>
          </>
        )}
      </div>

      {customer.overdue.count > 0 ? (
        <div className="alert alert--error" role="alert">
          <p className="alert__title">{t('dashboard.overdueTitle')}</p>
          <p>
            {t('dashboard.overdue', { count: customer.overdue.count })}{' '}
            <Money grosze={customer.overdue.amountGrosze} />
          </p>
        </div>
      ) : null}

      <dl className="facts">
        <div>
          <dt>{t('dashboard.nextDue')}</dt>
          <dd data-testid="next-due">
            {customer.nextDue ? (
              <>
                <strong>{formatDate(customer.nextDue.dueDate)}</strong>
                {' – '}
                <Money grosze={customer.nextDue.amountGrosze} />
                <span className="facts__detail">
                  {customer.nextDue.invoices.map((invoice, index) => (
                    <span key={invoice.id}>
                      {index > 0 ? ', ' : ''}
                      <Link to={`/konto/faktury/${invoice.id}`}>{invoice.number}</Link>
                    </span>
                  ))}
                </span>
              </>
            ) : (
              t('dashboard.nothingDue')
            )}
          </dd>
        </div>
        <div>
          <dt>{t('dashboard.unpaidCount')}</dt>
          <dd>{customer.unpaidInvoiceCount}</dd>
        </div>
        {customer.creditGrosze > 0 && customer.balanceGrosze >= 0 ? (
          <div>
            <dt>{t('dashboard.credit')}</dt>
            <dd>
              <Money grosze={customer.creditGrosze} />
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('dashboard.lastReading')}</dt>
          <dd>
            {customer.lastReading
              ? t('dashboard.reading', {
                  value: formatCubicMetres(customer.lastReading.valueLitres),
                  date: formatDate(customer.lastReading.date),
                  serial: customer.lastReading.meterSerial,
                  kind: t(`readingKind.${customer.lastReading.kind}`),
                })
              : t('dashboard.noReading')}
          </dd>
        </div>
        <div>
          <dt>{t('dashboard.eInvoice')}</dt>
          <dd>
            {customer.eInvoice.active
              ? t('dashboard.eInvoiceActive', { email: customer.eInvoice.email ?? '' })
              : t('dashboard.eInvoiceInactive')}{' '}
            <Link to="/konto/e-faktura">
              {customer.eInvoice.active ? t('dashboard.eInvoiceManage') : t('dashboard.eInvoiceEnable')}
            </Link>
          </dd>
        </div>
      </dl>

      {customer.legalizationWarnings.length > 0 ? (
        <div className="alert alert--warning">
          <p className="alert__title">{t('dashboard.legalizationTitle')}</p>
          <ul>
            {customer.legalizationWarnings.map((warning) => (
              <li key={warning.meterId}>
                {t('dashboard.legalization', {
                  serial: warning.serialNumber,
                  date: formatDate(warning.expiresOn),
                })}{' '}
                {warning.meaning.text[language]}
              </li>
            ))}
          </ul>
          <p>
            <Link to="/konto/wodomierze">{t('dashboard.meters')}</Link>
          </p>
        </div>
      ) : null}

      <p className="card__links">
        <Link to="/konto/rozliczenia">{t('dashboard.settlements')}</Link>
        <Link to="/konto/platnosci">{t('dashboard.payments')}</Link>
      </p>
    </section>
  );
}
