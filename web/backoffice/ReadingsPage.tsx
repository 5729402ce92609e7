import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../shared/api.ts';
import { formatCubicMetres, formatDate } from '../shared/format.ts';
import { usePageTitle } from '../shared/page-title.ts';
import {
  STAFF,
  uploadReadings,
  type ImportBatch,
  type ImportReport,
  type Page,
  type ReviewItem,
} from './api.ts';
import { ErrorAlert, formText, OpenedForm, QueryState, scrollRegion, useCanChange } from './ui.tsx';

/** Readings: the CSV import with its report line by line, the list of imports, and the review queue. */
export default function ReadingsPage() {
  const { t } = useTranslation('backoffice');
  usePageTitle(t('readings.title'));
  const canChange = useCanChange();
  return (
    <div>
      <h1>{t('readings.title')}</h1>
      {canChange ? <ImportForm /> : null}
      <ReviewQueue canChange={canChange} />
      <ImportList />
    </div>
  );
}

function ImportForm() {
  const { t } = useTranslation('backoffice');
  const queryClient = useQueryClient();
  const fileInput = useRef<HTMLInputElement>(null);
  const [missingFile, setMissingFile] = useState(false);
  const upload = useMutation({
    mutationFn: uploadReadings,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['staff', 'reading-imports'] });
      void queryClient.invalidateQueries({ queryKey: ['staff', 'review'] });
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = fileInput.current?.files?.[0];
    setMissingFile(!file);
    if (file) upload.mutate(file);
  }

  return (
    <section aria-labelledby="import-heading">
      <h2 id="import-heading">{t('readings.importHeading')}</h2>
      <form className="bo-form" onSubmit={submit}>
        <div className={missingFile ? 'field field--invalid' : 'field'}>
          <label className="field__label" htmlFor="readings-file">
            {t('readings.file')}
          </label>
          <p className="field__hint" id="readings-file-hint">
            {t('readings.fileHint')}
          </p>
          {missingFile ? (
            <p className="field__error" id="readings-file-error">
              {t('readings.fileMissing')}
            </p>
          ) : null}
          <input
            ref={fileInput}
            id="readings-file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            className="field__input"
            aria-invalid={missingFile || undefined}
            aria-describedby={missingFile ? 'readings-file-hint readings-file-error' : 'readings-file-hint'}
          />
        </div>
        <button type="submit" className="button button--primary" disabled={upload.isPending}>
          {upload.isPending ? t('readings.importing') : t('readings.importSubmit')}
        </button>
      </form>
      {upload.error ? <ErrorAlert error={upload.error} /> : null}
      {/* The outcome is announced in one sentence; the report with its table follows on screen. */}
      <p role="status" className="bo-sr-only">
        {upload.data
          ? t('readings.importDone', {
              lines: upload.data.lines,
              accepted: upload.data.accepted,
              rejected: upload.data.rejected,
            })
          : ''}
      </p>
      {upload.data ? <ImportReportView report={upload.data} /> : null}
    </section>
  );
}

function ImportReportView({ report }: { report: ImportReport }) {
  const { t } = useTranslation('backoffice');
  return (
    <div className="bo-report">
      <h3>{t('readings.reportHeading', { id: report.batchId, file: report.fileName })}</h3>
      {report.alreadyImported ? <p className="notice">{t('readings.alreadyImported')}</p> : null}
      <p>
        {t('readings.reportSummary', {
          lines: report.lines,
          accepted: report.accepted,
          pending: report.pendingReview,
          rejected: report.rejected,
        })}
      </p>
      {report.rejections.length > 0 ? (
        <div className="bo-table-wrap" ref={scrollRegion}>
          <table className="bo-table">
            <caption>{t('readings.rejectionsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col" className="bo-num">
                  {t('readings.line')}
                </th>
                <th scope="col">{t('readings.reason')}</th>
                <th scope="col">{t('readings.detail')}</th>
                <th scope="col">{t('readings.content')}</th>
              </tr>
            </thead>
            <tbody>
              {report.rejections.map((rejection) => (
                <tr key={rejection.line}>
                  <th scope="row" className="bo-num">
                    {rejection.line}
                  </th>
                  <td>{t(`rejection.${rejection.reason}`)}</td>
                  <td>{rejection.detail}</td>
                  <td>
                    <code>{rejection.content}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

function ImportList() {
  const { t } = useTranslation('backoffice');
  const [report, setReport] = useState<ImportReport | null>(null);
  const imports = useQuery({
    queryKey: ['staff', 'reading-imports'],
    queryFn: ({ signal }) => api.get<Page<ImportBatch>>(`${STAFF}/reading-imports?pageSize=20`, signal),
  });
  async function open(id: number) {
    setReport(await api.get<ImportReport>(`${STAFF}/reading-imports/${id}`));
  }
  return (
    <section aria-labelledby="imports-heading">
      <h2 id="imports-heading">{t('readings.importsHeading')}</h2>
      <QueryState isPending={imports.isPending} error={imports.error} />
      {imports.data && imports.data.items.length === 0 ? <p>{t('common.none')}</p> : null}
      {imports.data && imports.data.items.length > 0 ? (
        <div className="bo-table-wrap" ref={scrollRegion}>
          <table className="bo-table">
            <caption className="bo-sr-only">{t('readings.importsHeading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('readings.importedAt')}</th>
                <th scope="col">{t('readings.file')}</th>
                <th scope="col">{t('readings.importedBy')}</th>
                <th scope="col" className="bo-num">
                  {t('readings.lines')}
                </th>
                <th scope="col" className="bo-num">
                  {t('readings.accepted')}
                </th>
                <th scope="col" className="bo-num">
                  {t('readings.pending')}
                </th>
                <th scope="col" className="bo-num">
                  {t('readings.rejected')}
                </th>
              </tr>
            </thead>
            <tbody>
              {imports.data.items.map((batch) => (
                <tr key={batch.id}>
                  <td>{formatDate(batch.importedAt)}</td>
                  <th scope="row">
                    <button type="button" className="bo-link" onClick={() => void open(batch.id)}>
                      {batch.fileName} (#{batch.id})
                    </button>
                  </th>
                  <td>{batch.importedBy ?? '—'}</td>
                  <td className="bo-num">{batch.lines}</td>
                  <td className="bo-num">{batch.accepted}</td>
                  <td className="bo-num">{batch.pendingReview}</td>
                  <td className="bo-num">{batch.rejected}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {report ? <ImportReportView report={report} /> : null}
    </section>
  );
}

type Decision =
  | { kind: 'accept'; id: number; note: string }
  | { kind: 'reject'; id: number; reason: string }
  | { kind: 'correct'; id: number; valueM3: string; reason: string };

function ReviewQueue({ canChange }: { canChange: boolean }) {
  const { t } = useTranslation('backoffice');
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<{ id: number; kind: 'reject' | 'correct' } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const queue = useQuery({
    queryKey: ['staff', 'review'],
    queryFn: ({ signal }) => api.get<Page<ReviewItem>>(`${STAFF}/readings/review?pageSize=100`, signal),
  });
  const decide = useMutation({
    mutationFn: (decision: Decision) => {
      const path = `${STAFF}/readings/${decision.id}/${decision.kind}`;
      switch (decision.kind) {
        case 'accept':
          return api.post<unknown>(path, decision.note ? { note: decision.note } : {});
        case 'reject':
          return api.post<unknown>(path, { reason: decision.reason });
        case 'correct':
          return api.post<unknown>(path, { valueM3: decision.valueM3, reason: decision.reason });
      }
    },
    onSuccess: (_answer, decision) => {
      setOpen(null);
      setMessage(t(`review.done.${decision.kind}`));
      void queryClient.invalidateQueries({ queryKey: ['staff', 'review'] });
    },
  });

  function submitDecision(event: FormEvent<HTMLFormElement>, id: number, kind: 'reject' | 'correct') {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const reason = formText(form, 'reason');
    decide.mutate(
      kind === 'reject' ? { kind, id, reason } : { kind, id, reason, valueM3: formText(form, 'valueM3') },
    );
  }

  const items = queue.data?.items ?? [];
  return (
    <section aria-labelledby="review-heading">
      <h2 id="review-heading">
        {t('review.heading')} {queue.data ? `(${queue.data.total})` : ''}
      </h2>
      <p role="status" className="bo-status">
        {message}
      </p>
      {decide.error ? <ErrorAlert error={decide.error} /> : null}
      <QueryState isPending={queue.isPending} error={queue.error} />
      {queue.data && items.length === 0 ? <p>{t('review.empty')}</p> : null}
      {items.length > 0 ? (
        <div className="bo-table-wrap" ref={scrollRegion}>
          <table className="bo-table">
            <caption className="bo-sr-only">{t('review.heading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('readings.meter')}</th>
                <th scope="col">{t('review.customer')}</th>
                <th scope="col">{t('readings.date')}</th>
                <th scope="col" className="bo-num">
                  {t('readings.value')}
                </th>
                <th scope="col" className="bo-num">
                  {t('review.previous')}
                </th>
                <th scope="col" className="bo-num">
                  {t('review.perDay')}
                </th>
                <th scope="col">{t('readings.source')}</th>
                <th scope="col">{t('readings.note')}</th>
                {canChange ? <th scope="col">{t('common.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id}>
                  <th scope="row">{item.meterSerial}</th>
                  <td>
                    {item.customer ? (
                      <Link to={`/admin/klienci/${item.customer.id}`}>{item.customer.name}</Link>
                    ) : (
                      item.servicePointAddress
                    )}
                  </td>
                  <td>{formatDate(item.date)}</td>
                  <td className="bo-num">{formatCubicMetres(item.valueLitres)}</td>
                  <td className="bo-num">
                    {formatCubicMetres(item.previous.valueLitres)} ({formatDate(item.previous.date)})
                  </td>
                  <td className="bo-num">{formatCubicMetres(item.dailyLitres)}</td>
                  <td>
                    {t(`sources.${item.source}`)}
                    {item.submittedBy ? `, ${item.submittedBy}` : ''}
                  </td>
                  <td>{item.reviewNote ?? ''}</td>
                  {canChange ? (
                    <td>
                      <div className="bo-actions">
                        <button
                          type="button"
                          className="button button--primary bo-small"
                          disabled={decide.isPending}
                          onClick={() => decide.mutate({ kind: 'accept', id: item.id, note: '' })}
                        >
                          {t('review.accept')}
                        </button>
                        <button
                          type="button"
                          className="button button--secondary bo-small"
                          aria-expanded={open?.id === item.id && open.kind === 'reject'}
                          onClick={() => setOpen({ id: item.id, kind: 'reject' })}
                        >
                          {t('review.reject')}
                        </button>
                        <button
                          type="button"
                          className="button button--secondary bo-small"
                          aria-expanded={open?.id === item.id && open.kind === 'correct'}
                          onClick={() => setOpen({ id: item.id, kind: 'correct' })}
                        >
                          {t('review.correct')}
                        </button>
                      </div>
                      {open?.id === item.id ? (
                        <OpenedForm
                          onCancel={() => setOpen(null)}
                          className="bo-inline-form"
                          onSubmit={(event) => submitDecision(event, item.id, open.kind)}
                        >
                          {open.kind === 'correct' ? (
                            <>
                              <label htmlFor={`value-${item.id}`}>{t('review.correctValue')}</label>
                              <input
                                id={`value-${item.id}`}
                                name="valueM3"
                                className="field__input"
                                inputMode="decimal"
                                required
                              />
                            </>
                          ) : null}
                          <label htmlFor={`reason-${item.id}`}>{t('review.reason')}</label>
                          <input id={`reason-${item.id}`} name="reason" className="field__input" required />
                          <button type="submit" className="button button--primary bo-small">
                            {open.kind === 'reject' ? t('review.rejectSubmit') : t('review.correctSubmit')}
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
    </section>
  );
}
