import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../shared/api.ts';
import { formatDate, formatMoney } from '../shared/format.ts';
import { usePageTitle } from '../shared/page-title.ts';
import { STAFF } from './api.ts';
import { QueryState, scrollRegion } from './ui.tsx';

type Kind = 'text' | 'number' | 'money' | 'date' | 'percent';

interface ReportDefinition {
  id:
    | 'receivables-aging'
    | 'billing-periods'
    | 'e-invoice-adoption'
    | 'portal-adoption'
    | 'legalization-expiring';
  query: string;
  columns: [field: string, kind: Kind][];
}

const reports: ReportDefinition[] = [
  {
    id: 'receivables-aging',
    query: '?pageSize=200',
    columns: [
      ['customerNumber', 'text'],
      ['name', 'text'],
      ['notDueGrosze', 'money'],
      ['days1To30Grosze', 'money'],
      ['days31To60Grosze', 'money'],
      ['days61To90Grosze', 'money'],
      ['over90Grosze', 'money'],
      ['totalGrosze', 'money'],
      ['oldestOverdueDueDate', 'date'],
    ],
  },
  {
    id: 'billing-periods',
    query: '',
    columns: [
      ['period', 'text'],
      ['status', 'text'],
      ['servicePointCount', 'number'],
      ['notBilledCount', 'number'],
      ['invoiceCount', 'number'],
      ['netGrosze', 'money'],
      ['vatGrosze', 'money'],
      ['grossGrosze', 'money'],
      ['estimatedCount', 'number'],
      ['emailCount', 'number'],
      ['paperCount', 'number'],
      ['correctionCount', 'number'],
    ],
  },
  {
    id: 'e-invoice-adoption',
    query: '',
    columns: [
      ['month', 'text'],
      ['customers', 'number'],
      ['activeConsents', 'number'],
      ['sharePercent', 'percent'],
      ['granted', 'number'],
      ['withdrawn', 'number'],
      ['emailInvoices', 'number'],
      ['paperInvoices', 'number'],
    ],
  },
  {
    id: 'portal-adoption',
    query: '',
    columns: [
      ['month', 'text'],
      ['customers', 'number'],
      ['sharePercent', 'percent'],
      ['newLogins', 'number'],
    ],
  },
  {
    id: 'legalization-expiring',
    query: '?pageSize=200',
    columns: [
      ['serialNumber', 'text'],
      ['expiresOn', 'date'],
      ['status', 'text'],
      ['servicePointCode', 'text'],
      ['address', 'text'],
      ['customer', 'text'],
    ],
  },
];

type Row = Record<string, unknown>;

function cell(value: unknown, kind: Kind): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') {
    const party = value as { name?: unknown; phone?: unknown };
    return [party.name, party.phone].filter((part) => typeof part === 'string' && part).join(', ');
  }
  if (typeof value === 'number') {
    if (kind === 'money') return formatMoney(value);
    if (kind === 'percent') return `${value.toFixed(1).replace('.', ',')}%`;
    return String(value);
  }
  if (typeof value === 'string') return kind === 'date' ? formatDate(value) : value;
  return typeof value === 'boolean' ? String(value) : '';
}

/** Reports as tables, each with its CSV download (semicolons, decimal commas: Excel opens it directly). */
export default function ReportsPage() {
  const { t } = useTranslation('backoffice');
  usePageTitle(t('reports.title'));
  const [params, setParams] = useSearchParams();
  const report = reports.find((candidate) => candidate.id === params.get('raport')) ?? reports[0]!;
  const data = useQuery({
    queryKey: ['staff', 'report', report.id],
    queryFn: ({ signal }) =>
      api.get<{ items: Row[] }>(`${STAFF}/reports/${report.id}${report.query}`, signal),
  });
  const csv = `${STAFF}/reports/${report.id}${report.query ? `${report.query}&` : '?'}format=csv`;
  return (
    <div>
      <h1>{t('reports.title')}</h1>
      <div className="field bo-filter">
        <label className="field__label" htmlFor="report-choice">
          {t('reports.choose')}
        </label>
        <select
          id="report-choice"
          className="field__input"
          value={report.id}
          onChange={(event) => setParams({ raport: event.target.value })}
        >
          {reports.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {t(`reports.names.${candidate.id}`)}
            </option>
          ))}
        </select>
      </div>
      <p>
        <a href={csv} download>
          {t('reports.csv', { name: t(`reports.names.${report.id}`) })}
        </a>
      </p>
      <QueryState isPending={data.isPending} error={data.error} />
      {data.data ? (
        <>
          <p role="status" className="bo-count">
            {t('reports.rows', { count: data.data.items.length })}
          </p>
          <div className="bo-table-wrap" ref={scrollRegion}>
            <table className="bo-table">
              <caption>{t(`reports.names.${report.id}`)}</caption>
              <thead>
                <tr>
                  {report.columns.map(([field, kind]) => (
                    <th
                      key={field}
                      scope="col"
                      className={kind === 'money' || kind === 'number' ? 'bo-num' : undefined}
                    >
                      {t(`reports.columns.${field}` as 'reports.columns.name')}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.data.items.map((row, index) => (
                  <tr key={index}>
                    {report.columns.map(([field, kind]) => (
                      <td
                        key={field}
                        className={kind === 'money' || kind === 'number' ? 'bo-num' : undefined}
                      >
                        {cell(row[field], kind)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </div>
  );
}
