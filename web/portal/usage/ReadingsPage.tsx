import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../shared/api.ts';
import { FormAlert } from '../../shared/components/FormAlert.tsx';
import { TextField } from '../../shared/components/TextField.tsx';
import { formatCubicMetres, formatDate } from '../../shared/format.ts';
import { usePageTitle } from '../../shared/page-title.ts';
import { formValue, QueryView, useLocalized, useErrorMessage, TableScroll } from './common.tsx';
import { todayInPoland } from './dates.ts';
import type { Reading, ReadingsAnswer, SelfReadingAnswer } from './types.ts';
import { DateField } from '../../shared/components/DateField.tsx';

const readingsKey = ['me', 'readings'] as const;
type Field = 'meterId' | 'valueM3' | 'date';

/** Reading history per meter, and the self-reading form. */
export default function ReadingsPage() {
  const { t } = useTranslation('usage');
  usePageTitle(t('readings.title'));
  const readings = useQuery({
    queryKey: readingsKey,
    queryFn: ({ signal }) => api.get<ReadingsAnswer>('/api/v1/me/readings', signal),
  });
  return (
    <div className="usage-page">
      <h1>{t('readings.heading')}</h1>
      <QueryView query={readings}>
        {(data) => (
          <>
            <SelfReadingForm meters={data.meters.filter((meter) => meter.active)} />
            {data.meters.length === 0 ? <p>{t('readings.noMeters')}</p> : null}
            {data.meters.map((meter) => (
              <section
                key={meter.meterId}
                className="usage-section"
                aria-labelledby={`meter-${meter.meterId}`}
              >
                <h2 id={`meter-${meter.meterId}`}>
                  {t('readings.meterHeading', {
                    serial: meter.serialNumber,
                    kind: t(`meterKind.${meter.kind}`),
                  })}
                </h2>
                <ReadingTable serial={meter.serialNumber} readings={meter.readings} />
              </section>
            ))}
          </>
        )}
      </QueryView>
    </div>
  );
}

function ReadingTable({ serial, readings }: { serial: string; readings: Reading[] }) {
  const { t } = useTranslation('usage');
  if (readings.length === 0) return <p>{t('readings.none')}</p>;
  const newestFirst = [...readings].sort((a, b) =>
    a.date < b.date ? 1 : a.date > b.date ? -1 : b.id - a.id,
  );
  return (
    <TableScroll label={t('readings.tableCaption', { serial })}>
      <table className="usage-table">
        <caption>{t('readings.tableCaption', { serial })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('readings.date')}</th>
            <th scope="col">{t('readings.value')}</th>
            <th scope="col">{t('readings.kind')}</th>
            <th scope="col">{t('readings.status')}</th>
            <th scope="col">{t('readings.consumption')}</th>
          </tr>
        </thead>
        <tbody>
          {newestFirst.map((reading) => (
            <tr key={reading.id} data-reading-id={reading.id}>
              <th scope="row">{formatDate(reading.date)}</th>
              <td>{formatCubicMetres(reading.valueLitres)}</td>
              <td>
                {t(`readingKind.${reading.kind}`)}
                {reading.submittedByYou ? ` (${t('readings.byYou')})` : null}
              </td>
              <td>
                <span className={`usage-badge usage-badge--${reading.status}`}>
                  {t(`readingStatus.${reading.status}`)}
                </span>
                {reading.status === 'rejected' && reading.rejectionReason ? (
                  <span className="usage-note">
                    {t('readings.reason', { reason: reading.rejectionReason })}
                  </span>
                ) : null}
              </td>
              <td>
                {reading.consumptionLitres === null ? (
                  '—'
                ) : (
                  <>
                    {formatCubicMetres(reading.consumptionLitres)}
                    {reading.days !== null && reading.previousDate ? (
                      <span className="usage-note">
                        {t('readings.since', { date: formatDate(reading.previousDate), days: reading.days })}
                      </span>
                    ) : null}
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function SelfReadingForm({ meters }: { meters: ReadingsAnswer['meters'] }) {
  const { t } = useTranslation('usage');
  const describeError = useErrorMessage();
  const localized = useLocalized();
  const queryClient = useQueryClient();
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [done, setDone] = useState<SelfReadingAnswer | null>(null);
  const [focusTarget, setFocusTarget] = useState<Field | 'alert' | null>(null);
  const inputs = { valueM3: useRef<HTMLInputElement>(null), date: useRef<HTMLInputElement>(null) };
  const meterSelect = useRef<HTMLSelectElement>(null);
  const alertBox = useRef<HTMLDivElement>(null);
  const today = todayInPoland();

  useEffect(() => {
    if (focusTarget === 'alert') alertBox.current?.focus();
    else if (focusTarget === 'meterId') meterSelect.current?.focus();
    else if (focusTarget) inputs[focusTarget].current?.focus();
    if (focusTarget) setFocusTarget(null);
  }, [focusTarget]);

  const submitReading = useMutation({
    mutationFn: (body: { meterId: number; valueM3: string; date: string }) =>
      api.post<SelfReadingAnswer>('/api/v1/me/readings', body),
    onSuccess: async (answer) => {
      setDone(answer);
      await queryClient.invalidateQueries({ queryKey: readingsKey });
    },
    onError: (error: unknown) => {
      const fields = error instanceof ApiError ? error.fields : {};
      const errors: Partial<Record<Field, string>> = {};
      for (const field of ['meterId', 'valueM3', 'date'] as const) {
        if (fields[field]) errors[field] = fields[field];
      }
      setFieldErrors(errors);
      const first = (['meterId', 'valueM3', 'date'] as const).find((field) => errors[field]);
      if (first) {
        setAlert(null);
        setFocusTarget(first);
      } else {
        setAlert(describeError(error));
        setFocusTarget('alert');
      }
    },
  });

  if (meters.length === 0) return null;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const meterId = Number(formValue(form, 'meterId'));
    const valueM3 = formValue(form, 'valueM3').trim().replaceAll(' ', '');
    const date = formValue(form, 'date');
    const errors: Partial<Record<Field, string>> = {};
    if (!valueM3) errors.valueM3 = t('selfReading.valueRequired');
    else if (!/^\d{1,9}(?:[.,]\d{1,3})?$/.test(valueM3)) errors.valueM3 = t('selfReading.valueFormat');
    if (!date) errors.date = t('selfReading.dateRequired');
    setFieldErrors(errors);
    setAlert(null);
    setDone(null);
    const first = (['valueM3', 'date'] as const).find((field) => errors[field]);
    if (first) {
      setFocusTarget(first);
      return;
    }
    submitReading.mutate({ meterId, valueM3, date });
  }

  const meterError = fieldErrors.meterId;
  return (
    <section className="usage-section usage-card" aria-labelledby="self-reading-heading">
      <h2 id="self-reading-heading">{t('selfReading.heading')}</h2>
      <p>{t('selfReading.intro')}</p>
      <form className="form" noValidate onSubmit={submit}>
        {alert ? <FormAlert ref={alertBox} title={t('selfReading.failed')} message={alert} /> : null}
        <div className={meterError ? 'field field--invalid' : 'field'}>
          <label className="field__label" htmlFor="self-reading-meter">
            {t('selfReading.meter')}
          </label>
          {meterError ? (
            <p className="field__error" id="self-reading-meter-error">
              {meterError}
            </p>
          ) : null}
          <select
            ref={meterSelect}
            id="self-reading-meter"
            name="meterId"
            className="field__input"
            aria-invalid={meterError ? true : undefined}
            aria-describedby={meterError ? 'self-reading-meter-error' : undefined}
          >
            {meters.map((meter) => (
              <option key={meter.meterId} value={meter.meterId}>
                {`${meter.serialNumber} (${t(`meterKind.${meter.kind}`)})`}
              </option>
            ))}
          </select>
        </div>
        <TextField
          ref={inputs.valueM3}
          name="valueM3"
          label={t('selfReading.value')}
          hint={t('selfReading.valueHint')}
          inputMode="decimal"
          autoComplete="off"
          required
          error={fieldErrors.valueM3}
        />
        <DateField
          ref={inputs.date}
          name="date"
          label={t('selfReading.date')}
          defaultValue={today}
          max={today}
          required
          error={fieldErrors.date}
        />
        <button className="button button--primary" type="submit" disabled={submitReading.isPending}>
          {submitReading.isPending ? t('selfReading.submitting') : t('selfReading.submit')}
        </button>
      </form>
      <div role="status" className="usage-status">
        {done ? (
          <div className="alert alert--info">
            <p>
              {t('selfReading.submitted', {
                value: formatCubicMetres(done.valueLitres),
                date: formatDate(done.date),
              })}
            </p>
            {done.review.flagged ? (
              <>
                <p>{t('selfReading.flagged')}</p>
                <ul>
                  {done.review.reasons.map((reason) => (
                    <li key={reason.code}>{localized(reason.text)}</li>
                  ))}
                </ul>
              </>
            ) : null}
          </div>
        ) : null}
      </div>
    </section>
  );
}
