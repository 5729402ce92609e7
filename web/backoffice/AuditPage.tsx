import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../shared/api.ts';
import { TextField } from '../shared/components/TextField.tsx';
import { usePageTitle } from '../shared/page-title.ts';
import { query, STAFF, type AuditEntry, type Page } from './api.ts';
import { formatInstant, formText, QueryState, scrollRegion } from './ui.tsx';
import { DateField } from '../shared/components/DateField.tsx';

const filterNames = ['action', 'entity', 'entityId', 'from', 'to'] as const;

/** Changed fields as "field: before → after", one per line. */
function changes(before: unknown, after: unknown): string[] {
  const record = (value: unknown): Record<string, unknown> =>
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const old = record(before);
  const now = record(after);
  const show = (value: unknown) => (value === undefined ? '—' : JSON.stringify(value));
  return [...new Set([...Object.keys(old), ...Object.keys(now)])].map(
    (key) => `${key}: ${show(old[key])} → ${show(now[key])}`,
  );
}

/** The audit log: who changed what and when, searched by action, object and days; CSV of every match. */
export default function AuditPage() {
  const { t } = useTranslation('backoffice');
  usePageTitle(t('audit.title'));
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(filterNames.map((name) => [name, params.get(name) ?? '']));
  const page = Number(params.get('page') ?? '1') || 1;
  const search = query({ ...filters, page, pageSize: 50 });
  const entries = useQuery({
    queryKey: ['staff', 'audit', search],
    queryFn: ({ signal }) => api.get<Page<AuditEntry>>(`${STAFF}/audit${search}`, signal),
    placeholderData: keepPreviousData,
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next: Record<string, string> = {};
    for (const name of filterNames) {
      const value = formText(form, name);
      if (value) next[name] = value;
    }
    setParams(next);
  }

  const data = entries.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const goTo = (target: number) => setParams({ ...Object.fromEntries(params), page: String(target) });
  return (
    <div>
      <h1>{t('audit.title')}</h1>
      <form className="bo-form bo-form--row" role="search" onSubmit={submit} key={params.toString()}>
        <TextField
          name="action"
          label={t('audit.action')}
          hint={t('audit.actionHint')}
          defaultValue={filters['action']}
        />
        <TextField name="entity" label={t('audit.entity')} defaultValue={filters['entity']} />
        <TextField name="entityId" label={t('audit.entityId')} defaultValue={filters['entityId']} />
        <DateField name="from" label={t('audit.from')} defaultValue={filters['from']} />
        <DateField name="to" label={t('audit.to')} defaultValue={filters['to']} />
        <button type="submit" className="button button--primary">
          {t('audit.search')}
        </button>
      </form>
      <p>
        <a href={`${STAFF}/audit${query({ ...filters, format: 'csv' })}`} download>
          {t('audit.csv')}
        </a>
      </p>
      <QueryState isPending={entries.isPending} error={entries.error} />
      {data ? (
        <>
          <p role="status" className="bo-count">
            {t('audit.found', { count: data.total })}
          </p>
          <div className="bo-table-wrap" ref={scrollRegion}>
            <table className="bo-table">
              <caption className="bo-sr-only">{t('audit.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('audit.when')}</th>
                  <th scope="col">{t('audit.who')}</th>
                  <th scope="col">{t('audit.action')}</th>
                  <th scope="col">{t('audit.entity')}</th>
                  <th scope="col">{t('audit.changes')}</th>
                  <th scope="col">{t('audit.ip')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((entry) => (
                  <tr key={entry.id}>
                    <td className="bo-nowrap">{formatInstant(entry.occurredAt)}</td>
                    <td>
                      {entry.actorName ?? t(`actorKinds.${entry.actorKind}`)}
                      {entry.actorEmail ? <span className="bo-muted"> {entry.actorEmail}</span> : null}
                    </td>
                    <th scope="row">
                      <code>{entry.action}</code>
                    </th>
                    <td>
                      {entry.entity}
                      {entry.entityId ? ` #${entry.entityId}` : ''}
                    </td>
                    <td>
                      <ul className="bo-changes">
                        {changes(entry.before, entry.after).map((line) => (
                          <li key={line}>{line}</li>
                        ))}
                      </ul>
                    </td>
                    <td>{entry.ip ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {pages > 1 ? (
            <nav className="bo-actions" aria-label={t('common.pages')}>
              <button
                type="button"
                className="button button--secondary bo-small"
                disabled={page <= 1}
                onClick={() => goTo(page - 1)}
              >
                {t('common.previous')}
              </button>
              <span>{t('common.pageOf', { page, pages })}</span>
              <button
                type="button"
                className="button button--secondary bo-small"
                disabled={page >= pages}
                onClick={() => goTo(page + 1)}
              >
                {t('common.next')}
              </button>
            </nav>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
