import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, ApiError } from '../../shared/api.ts';
import { FormAlert } from '../../shared/components/FormAlert.tsx';
import { formatCubicMetres, formatDate } from '../../shared/format.ts';
import { usePageTitle } from '../../shared/page-title.ts';
import { formValue, useErrorMessage, TableScroll } from './common.tsx';
import type { ChartSeries } from './ConsumptionChart.tsx';
import { firstOfMonthBefore, isIsoDay, monthName, shortMonth, todayInPoland } from './dates.ts';
import type { ConsumptionAnswer, MetersAnswer } from './types.ts';
import { DateField } from '../../shared/components/DateField.tsx';

// echarts is large: it loads only when a chart is about to be drawn.
const ConsumptionChart = lazy(() => import('./ConsumptionChart.tsx'));

const colours = { water: '#0b5cab', sewage: '#7a3e9d', subMeter: '#1e7a46', previous: '#8a96a3' };

function percentChange(current: number, previous: number): number | null {
  if (previous === 0) return null;
  return Math.round(((current - previous) / previous) * 1000) / 10;
}

/** Consumption analysis: monthly water, sewage and sub-meter, compared with the same months a year earlier. */
export default function ConsumptionPage() {
  const { t, i18n } = useTranslation('usage');
  const describeError = useErrorMessage();
  usePageTitle(t('consumption.title'));
  const [params, setParams] = useSearchParams();
  const today = todayInPoland();
  const defaults = { from: firstOfMonthBefore(today, 11), to: today };
  const from = params.get('from') ?? defaults.from;
  const to = params.get('to') ?? defaults.to;
  const [formErrors, setFormErrors] = useState<{ from?: string; to?: string }>({});
  const servicePointId = params.get('servicePointId') ?? '';
  const query = new URLSearchParams({ from, to, ...(servicePointId ? { servicePointId } : {}) }).toString();
  // A customer with several service points may look at one of them; the list comes from the meters.
  const meters = useQuery({
    queryKey: ['me', 'meters'],
    queryFn: ({ signal }) => api.get<MetersAnswer>('/api/v1/me/meters', signal),
  });
  const servicePoints = [
    ...new Map(
      (meters.data?.meters ?? []).map((meter) => [
        meter.servicePointId,
        `${meter.servicePointAddress} (${meter.servicePointCode})`,
      ]),
    ),
  ];

  const consumption = useQuery({
    queryKey: ['me', 'consumption', from, to, servicePointId],
    queryFn: ({ signal }) => api.get<ConsumptionAnswer>(`/api/v1/me/consumption?${query}`, signal),
    retry: false,
  });
  const serverFields = consumption.error instanceof ApiError ? consumption.error.fields : {};
  const fieldError = (name: 'from' | 'to') => formErrors[name] ?? serverFields[name];

  function show(range: { from: string; to: string; servicePointId?: string }) {
    setFormErrors({});
    const point = range.servicePointId ?? servicePointId;
    setParams({ from: range.from, to: range.to, ...(point ? { servicePointId: point } : {}) });
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const range = {
      from: formValue(form, 'from'),
      to: formValue(form, 'to'),
      servicePointId: formValue(form, 'servicePointId'),
    };
    const errors: { from?: string; to?: string } = {};
    if (!isIsoDay(range.from)) errors.from = t('consumption.dateRequired');
    if (!isIsoDay(range.to)) errors.to = t('consumption.dateRequired');
    else if (isIsoDay(range.from) && range.to < range.from) errors.to = t('consumption.dateOrder');
    setFormErrors(errors);
    if (errors.from || errors.to) return;
    show(range);
  }

  const year = today.slice(0, 4);
  return (
    <div className="usage-page">
      <h1>{t('consumption.heading')}</h1>
      <p className="lead">{t('consumption.intro')}</p>

      <form className="usage-range" noValidate onSubmit={submit} key={`${from}/${to}`}>
        <div className="usage-range__presets" role="group" aria-label={t('consumption.presets')}>
          <button type="button" className="button button--secondary" onClick={() => show(defaults)}>
            {t('consumption.last12Months')}
          </button>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => show({ from: `${year}-01-01`, to: today })}
          >
            {t('consumption.thisYear')}
          </button>
        </div>
        {servicePoints.length > 1 ? (
          <div className="field">
            <label className="field__label" htmlFor="consumption-point">
              {t('consumption.servicePoint')}
            </label>
            <select
              id="consumption-point"
              name="servicePointId"
              className="field__input"
              defaultValue={servicePointId}
            >
              <option value="">{t('consumption.allServicePoints')}</option>
              {servicePoints.map(([id, label]) => (
                <option key={id} value={String(id)}>
                  {label}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="usage-range__fields">
          <DateField
            name="from"
            label={t('consumption.from')}
            defaultValue={from}
            error={fieldError('from')}
          />
          <DateField name="to" label={t('consumption.to')} defaultValue={to} error={fieldError('to')} />
        </div>
        <button type="submit" className="button button--primary">
          {t('consumption.show')}
        </button>
      </form>

      {consumption.isPending ? <p role="status">{t('common.loading')}</p> : null}
      {consumption.isError ? <FormAlert message={describeError(consumption.error)} /> : null}
      {consumption.data ? (
        <ConsumptionReport
          data={consumption.data}
          language={i18n.language}
          csvHref={`/api/v1/me/consumption.csv?${query}`}
        />
      ) : null}
    </div>
  );
}

function ConsumptionReport({
  data,
  language,
  csvHref,
}: {
  data: ConsumptionAnswer;
  language: string;
  csvHref: string;
}) {
  const { t } = useTranslation('usage');
  const captionId = useId();
  const { totals } = data;
  const previous = data.previousYear.totals;
  const change = percentChange(totals.waterLitres, previous.waterLitres);
  const hasSubMeter = totals.subMeterLitres > 0 || data.months.some((month) => month.subMeterLitres > 0);

  const chart = useMemo(() => {
    const months = data.months.map((month) => shortMonth(month.month));
    const series: ChartSeries[] = [
      {
        name: t('consumption.water'),
        values: data.months.map((m) => m.waterLitres / 1000),
        colour: colours.water,
      },
      {
        name: t('consumption.sewage'),
        values: data.months.map((m) => m.sewageLitres / 1000),
        colour: colours.sewage,
      },
      ...(hasSubMeter
        ? [
            {
              name: t('consumption.subMeter'),
              values: data.months.map((m) => m.subMeterLitres / 1000),
              colour: colours.subMeter,
            },
          ]
        : []),
      {
        name: t('consumption.waterYearBefore'),
        values: data.months.map((m) => m.previousYear.waterLitres / 1000),
        colour: colours.previous,
      },
    ];
    return { months, series };
  }, [data, hasSubMeter, t]);

  const summary = t('consumption.chartSummary', {
    from: formatDate(data.from),
    to: formatDate(data.to),
    water: formatCubicMetres(totals.waterLitres),
    previous: formatCubicMetres(previous.waterLitres),
  });

  return (
    <>
      <section className="usage-summary" aria-labelledby={`${captionId}-summary`}>
        <h2 id={`${captionId}-summary`}>
          {t('consumption.summaryHeading', { from: formatDate(data.from), to: formatDate(data.to) })}
        </h2>
        <dl className="usage-facts">
          <div>
            <dt>{t('consumption.water')}</dt>
            <dd>{formatCubicMetres(totals.waterLitres)}</dd>
          </div>
          <div>
            <dt>{t('consumption.sewage')}</dt>
            <dd>{formatCubicMetres(totals.sewageLitres)}</dd>
          </div>
          {hasSubMeter ? (
            <div>
              <dt>{t('consumption.subMeter')}</dt>
              <dd>{formatCubicMetres(totals.subMeterLitres)}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t('consumption.averageDaily')}</dt>
            <dd>
              {totals.averageDailyWaterLitres === null
                ? t('consumption.noData')
                : formatCubicMetres(totals.averageDailyWaterLitres)}
            </dd>
          </div>
          <div>
            <dt>
              {t('consumption.yearBefore', {
                from: formatDate(data.previousYear.from),
                to: formatDate(data.previousYear.to),
              })}
            </dt>
            <dd>
              {formatCubicMetres(previous.waterLitres)}
              {change === null
                ? null
                : ` (${t(
                    change > 0 ? 'consumption.more' : change < 0 ? 'consumption.less' : 'consumption.same',
                    {
                      percent: Math.abs(change).toLocaleString(language === 'en' ? 'en-GB' : 'pl-PL'),
                    },
                  )})`}
            </dd>
          </div>
        </dl>
        <p>
          <a className="button button--secondary" href={csvHref} download>
            {t('consumption.csv')}
          </a>
        </p>
      </section>

      <div className="usage-chart-and-table">
        <figure className="usage-chart" role="img" aria-label={summary}>
          <Suspense fallback={<div className="usage-chart__canvas" aria-hidden="true" />}>
            <ConsumptionChart months={chart.months} series={chart.series} />
          </Suspense>
        </figure>
        <TableScroll
          label={t('consumption.tableCaption', { from: formatDate(data.from), to: formatDate(data.to) })}
        >
          <table className="usage-table">
            <caption>
              {t('consumption.tableCaption', { from: formatDate(data.from), to: formatDate(data.to) })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('consumption.month')}</th>
                <th scope="col">{t('consumption.water')}</th>
                <th scope="col">{t('consumption.sewage')}</th>
                <th scope="col">{t('consumption.subMeter')}</th>
                <th scope="col">{t('consumption.waterYearBefore')}</th>
                <th scope="col">{t('consumption.averageDaily')}</th>
              </tr>
            </thead>
            <tbody>
              {data.months.map((month) => (
                <tr key={month.month} data-month={month.month}>
                  <th scope="row">{monthName(month.month, language)}</th>
                  <td>{formatCubicMetres(month.waterLitres)}</td>
                  <td>{formatCubicMetres(month.sewageLitres)}</td>
                  <td>{formatCubicMetres(month.subMeterLitres)}</td>
                  <td>{formatCubicMetres(month.previousYear.waterLitres)}</td>
                  <td>
                    {month.averageDailyWaterLitres === null
                      ? t('consumption.noData')
                      : formatCubicMetres(month.averageDailyWaterLitres)}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('consumption.total')}</th>
                <td>{formatCubicMetres(totals.waterLitres)}</td>
                <td>{formatCubicMetres(totals.sewageLitres)}</td>
                <td>{formatCubicMetres(totals.subMeterLitres)}</td>
                <td>{formatCubicMetres(previous.waterLitres)}</td>
                <td>
                  {totals.averageDailyWaterLitres === null
                    ? t('consumption.noData')
                    : formatCubicMetres(totals.averageDailyWaterLitres)}
                </td>
              </tr>
            </tfoot>
          </table>
        </TableScroll>
      </div>
    </>
  );
}
