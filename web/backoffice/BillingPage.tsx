import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../shared/api.ts';
import { TextField } from '../shared/components/TextField.tsx';
import { formatCubicMetres, formatDate, formatMoney } from '../shared/format.ts';
import { usePageTitle } from '../shared/page-title.ts';
import { query, STAFF, type Page, type RunStatus, type RunSummary } from './api.ts';
import { ErrorAlert, fieldError, formText, QueryState, scrollRegion, useCanChange } from './ui.tsx';
import { DateField } from '../shared/components/DateField.tsx';

const finished = (status: RunStatus | undefined): boolean => {
  if (!status) return false;
  if (status.job && (status.job.status === 'queued' || status.job.status === 'running')) return false;
  return status.run !== null && status.run.status !== 'running';
};

/** The month before today's (the latest period that has ended), YYYY-MM. */
function lastEndedPeriod(): string {
  const now = new Date();
  const month = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  return `${month.getFullYear()}-${String(month.getMonth() + 1).padStart(2, '0')}`;
}

/** Billing runs: start one for a period, watch it work, read its summary and anomalies. */
export default function BillingPage() {
  const { t } = useTranslation('backoffice');
  usePageTitle(t('billing.title'));
  const canChange = useCanChange();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const period = params.get('okres');

  const start = useMutation({
    mutationFn: (input: { period: string; issueDate?: string }) =>
      api.post<RunStatus>(`${STAFF}/billing-runs`, input),
    onSuccess: (status) => {
      setParams({ okres: status.period });
      void queryClient.invalidateQueries({ queryKey: ['staff', 'billing-runs'] });
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const issueDate = formText(form, 'issueDate');
    start.mutate({ period: formText(form, 'period'), ...(issueDate ? { issueDate } : {}) });
  }

  return (
    <div>
      <h1>{t('billing.title')}</h1>
      {canChange ? (
        <section aria-labelledby="start-heading">
          <h2 id="start-heading">{t('billing.startHeading')}</h2>
          <form className="bo-form bo-form--row" onSubmit={submit}>
            <TextField
              name="period"
              type="month"
              label={t('billing.period')}
              hint={t('billing.periodHint')}
              defaultValue={lastEndedPeriod()}
              required
              error={fieldError(start.error, 'period')}
            />
            <DateField
              name="issueDate"
              label={t('billing.issueDate')}
              hint={t('billing.issueDateHint')}
              error={fieldError(start.error, 'issueDate')}
            />
            <button type="submit" className="button button--primary" disabled={start.isPending}>
              {t('billing.start')}
            </button>
          </form>
          {start.error ? <ErrorAlert error={start.error} /> : null}
        </section>
      ) : null}
      {period ? <RunProgress period={period} /> : null}
      <RunList />
    </div>
  );
}

function RunProgress({ period }: { period: string }) {
  const { t } = useTranslation('backoffice');
  const queryClient = useQueryClient();
  const status = useQuery({
    queryKey: ['staff', 'billing-run', period],
    queryFn: ({ signal }) => api.get<RunStatus>(`${STAFF}/billing-runs/${period}`, signal),
    // Every second while the run works; a failed request (e.g. an unknown period) stops the polling.
    refetchInterval: (current) => (current.state.error || finished(current.state.data) ? false : 1000),
  });
  const done = finished(status.data);
  const summary = useQuery({
    queryKey: ['staff', 'billing-summary', period, done],
    queryFn: async ({ signal }) => {
      const answer = await api.get<RunSummary>(`${STAFF}/billing-runs/${period}/summary`, signal);
      void queryClient.invalidateQueries({ queryKey: ['staff', 'billing-runs'] });
      return answer;
    },
    enabled: done,
  });
  const data = status.data;
  const state = data?.job?.status ?? data?.run?.status;
  return (
    <section aria-labelledby="run-heading">
      <h2 id="run-heading">{t('billing.runHeading', { period })}</h2>
      <QueryState isPending={status.isPending} error={status.error} />
      {data ? (
        <div role="status" className="bo-progress">
          <p>
            {t('billing.state')}: <strong>{state ? t(`runStatus.${state}`) : '—'}</strong>
            {data.run
              ? `; ${t('billing.progress', { invoices: data.run.invoiceCount, points: data.run.servicePointCount })}`
              : ''}
          </p>
          <progress max={100} value={data.percent} aria-label={t('billing.progressLabel')}>
            {data.percent}%
          </progress>
          {data.job?.lastError ? <p className="bo-error-text">{data.job.lastError}</p> : null}
        </div>
      ) : null}
      {summary.error ? <ErrorAlert error={summary.error} /> : null}
      {summary.data ? <Summary summary={summary.data} /> : null}
    </section>
  );
}

function Summary({ summary }: { summary: RunSummary }) {
  const { t } = useTranslation('backoffice');
  const rows: [string, string][] = [
    [t('billing.servicePoints'), String(summary.servicePointCount)],
    [t('billing.notBilled'), String(summary.notBilledCount)],
    [t('billing.invoices'), String(summary.invoiceCount)],
    [t('billing.net'), formatMoney(summary.netGrosze)],
    [t('billing.vat'), formatMoney(summary.vatGrosze)],
    [t('billing.gross'), formatMoney(summary.grossGrosze)],
    [t('billing.estimates'), String(summary.estimatedCount)],
    [t('billing.email'), String(summary.emailCount)],
    [t('billing.paper'), String(summary.paperCount)],
    [t('billing.corrections'), `${summary.correctionCount} (${formatMoney(summary.correctionGrossGrosze)})`],
  ];
  return (
    <div>
      <table className="bo-table bo-table--narrow">
        <caption>{t('billing.summaryCaption', { period: summary.period })}</caption>
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td className="bo-num">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {summary.lastError ? <p className="bo-error-text">{summary.lastError}</p> : null}
      <h3>{t('billing.anomalies')}</h3>
      {summary.anomalies.length === 0 ? (
        <p>{t('billing.noAnomalies')}</p>
      ) : (
        <div className="bo-table-wrap" ref={scrollRegion}>
          <table className="bo-table">
            <caption className="bo-sr-only">{t('billing.anomalies')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('invoice.number')}</th>
                <th scope="col">{t('review.customer')}</th>
                <th scope="col">{t('customers.address')}</th>
                <th scope="col">{t('invoice.period')}</th>
                <th scope="col" className="bo-num">
                  {t('billing.consumption')}
                </th>
                <th scope="col" className="bo-num">
                  {t('review.perDay')}
                </th>
                <th scope="col" className="bo-num">
                  {t('billing.average')}
                </th>
                <th scope="col" className="bo-num">
                  {t('billing.ratio')}
                </th>
              </tr>
            </thead>
            <tbody>
              {summary.anomalies.map((anomaly) => (
                <tr key={anomaly.invoiceId}>
                  <th scope="row">{anomaly.invoiceNumber}</th>
                  <td>
                    <Link to={`/admin/klienci/${anomaly.customerId}`}>{anomaly.customerName}</Link>
                  </td>
                  <td>{anomaly.servicePointAddress}</td>
                  <td>
                    {formatDate(anomaly.periodFrom)}–{formatDate(anomaly.periodTo)}
                    {anomaly.estimated ? ` (${t('invoice.estimated')})` : ''}
                  </td>
                  <td className="bo-num">{formatCubicMetres(anomaly.consumptionLitres)}</td>
                  <td className="bo-num">{formatCubicMetres(anomaly.dailyLitres)}</td>
                  <td className="bo-num">{formatCubicMetres(anomaly.averageDailyLitres)}</td>
                  <td className="bo-num">{anomaly.ratio.toFixed(1).replace('.', ',')}×</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function RunList() {
  const { t } = useTranslation('backoffice');
  const runs = useQuery({
    queryKey: ['staff', 'billing-runs'],
    queryFn: ({ signal }) =>
      api.get<Page<RunStatus>>(`${STAFF}/billing-runs${query({ pageSize: 24 })}`, signal),
  });
  return (
    <section aria-labelledby="runs-heading">
      <h2 id="runs-heading">{t('billing.runsHeading')}</h2>
      <QueryState isPending={runs.isPending} error={runs.error} />
      {runs.data && runs.data.items.length === 0 ? <p>{t('common.none')}</p> : null}
      {runs.data && runs.data.items.length > 0 ? (
        <div className="bo-table-wrap" ref={scrollRegion}>
          <table className="bo-table">
            <caption className="bo-sr-only">{t('billing.runsHeading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('billing.period')}</th>
                <th scope="col">{t('billing.state')}</th>
                <th scope="col" className="bo-num">
                  {t('billing.invoices')}
                </th>
                <th scope="col" className="bo-num">
                  {t('billing.servicePoints')}
                </th>
                <th scope="col">{t('billing.startedBy')}</th>
              </tr>
            </thead>
            <tbody>
              {runs.data.items.map((run) => {
                const state = run.job?.status ?? run.run?.status;
                return (
                  <tr key={run.period}>
                    <th scope="row">
                      <Link to={`/admin/rozliczenia?okres=${run.period}`}>{run.period}</Link>
                    </th>
                    <td>{state ? t(`runStatus.${state}`) : '—'}</td>
                    <td className="bo-num">{run.run?.invoiceCount ?? 0}</td>
                    <td className="bo-num">{run.run?.servicePointCount ?? 0}</td>
                    <td>{run.run?.startedBy ?? '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
