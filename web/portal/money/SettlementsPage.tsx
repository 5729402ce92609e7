import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatDate } from '../../shared/format.ts';
import { usePageTitle } from '../../shared/page-title.ts';
import { useCustomerSession } from '../../shared/session.ts';
import { moneyQueries } from './api.ts';
import { invoiceStatuses, type InvoiceStatus, type SettlementEntry } from './types.ts';
import { DataTimestamp, InvoiceStatusBadge, Money, QueryView, useChannelLabel } from './ui.tsx';
import { DateField } from '../../shared/components/DateField.tsx';
import { DataTable, numericColumn } from '../../shared/components/DataTable.tsx';

const isoDay = /^\d{4}-\d{2}-\d{2}$/;
const statusOf = (value: string | null): InvoiceStatus | undefined =>
  invoiceStatuses.find((status) => status === value);

/** /konto/rozliczenia: invoices, corrections and payments in date order with the balance after each. */
export default function SettlementsPage() {
  const { t } = useTranslation('money');
  usePageTitle(t('settlements.title'));
  const [search, setSearch] = useSearchParams();
  const from = isoDay.test(search.get('od') ?? '') ? (search.get('od') ?? undefined) : undefined;
  const to = isoDay.test(search.get('do') ?? '') ? (search.get('do') ?? undefined) : undefined;
  const status = statusOf(search.get('status'));
  const settlements = useQuery({
    ...moneyQueries.settlements({ from, to }),
    placeholderData: keepPreviousData,
  });
  const customers = useCustomerSession().data?.user.customers ?? [];

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const [field, key] of [
      ['from', 'od'],
      ['to', 'do'],
      ['status', 'status'],
    ] as const) {
      const value = form.get(field);
      if (typeof value === 'string' && value) next.set(key, value);
    }
    setSearch(next);
  }

  return (
    <div className="money-page">
      <h1>{t('settlements.heading')}</h1>
      <form className="filters" onSubmit={apply} key={search.toString()}>
        <DateField name="from" label={t('filters.from')} defaultValue={from} />
        <DateField name="to" label={t('filters.to')} defaultValue={to} />
        <div className="field">
          <label className="field__label" htmlFor="settlements-status">
            {t('filters.status')}
          </label>
          <select id="settlements-status" className="field__input" name="status" defaultValue={status ?? ''}>
            <option value="">{t('filters.allEntries')}</option>
            {invoiceStatuses.map((value) => (
              <option key={value} value={value}>
                {t(`status.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="filters__actions">
          <button className="button button--primary" type="submit">
            {t('filters.apply')}
          </button>
          <button
            className="button button--secondary"
            type="button"
            onClick={() => setSearch(new URLSearchParams())}
          >
            {t('filters.clear')}
          </button>
        </div>
      </form>
      <p className="hint">{t('settlements.balanceHint')}</p>
      <QueryView query={settlements}>
        {(data) => (
          <>
            <DataTimestamp updatedAt={data.servedAt} />
            {data.data.accounts.map((account) => {
              const customer = customers.find((item) => item.id === account.customerId);
              const entries = status
                ? account.entries.filter((entry) => entry.type === 'invoice' && entry.status === status)
                : account.entries;
              return (
                <SettlementTable
                  key={account.customerId}
                  caption={t('settlements.caption', {
                    number: customer?.customerNumber ?? String(account.customerId),
                  })}
                  opening={account.openingBalanceGrosze}
                  closing={account.closingBalanceGrosze}
                  entries={entries}
                  showOpening={from !== undefined}
                />
              );
            })}
          </>
        )}
      </QueryView>
    </div>
  );
}

function SettlementTable({
  caption,
  opening,
  closing,
  entries,
  showOpening,
}: {
  caption: string;
  opening: number;
  closing: number;
  entries: SettlementEntry[];
  showOpening: boolean;
}) {
  const { t } = useTranslation('money');
  const channelLabel = useChannelLabel();
  return (
    <DataTable
      caption={caption}
      columns={[
        t('settlements.date'),
        t('settlements.entry'),
        t('settlements.dueDate'),
        t('settlements.status'),
        numericColumn(t('settlements.amount')),
        numericColumn(t('settlements.balance')),
      ]}
      className="settlements-table"
      footer={
        <tr>
          <th scope="row" colSpan={5}>
            {t('settlements.closing')}
          </th>
          <td className="numeric">
            <Money grosze={closing} />
          </td>
        </tr>
      }
    >
      {showOpening ? (
        <tr>
          <th scope="row" colSpan={5}>
            {t('settlements.opening')}
          </th>
          <td className="numeric">
            <Money grosze={opening} />
          </td>
        </tr>
      ) : null}
      {entries.length === 0 ? (
        <tr>
          <td colSpan={6}>{t('settlements.empty')}</td>
        </tr>
      ) : null}
      {entries.map((entry) => (
        <tr key={`${entry.type}-${entry.id}`}>
          <td>{formatDate(entry.date)}</td>
          <th scope="row">
            {entry.type === 'payment' ? (
              t('settlements.payment', { channel: entry.channel ? channelLabel(entry.channel) : '' })
            ) : (
              <>
                {entry.type === 'correction' ? t('settlements.correction') : t('settlements.invoice')}{' '}
                <Link to={`/konto/faktury/${entry.id}`}>{entry.number}</Link>
              </>
            )}
          </th>
          <td>{entry.dueDate ? formatDate(entry.dueDate) : ''}</td>
          <td>{entry.type === 'invoice' ? <InvoiceStatusBadge status={entry.status} /> : null}</td>
          <td className="numeric">
            <Money grosze={entry.amountGrosze} />
          </td>
          <td className="numeric" data-testid="running-balance">
            <Money grosze={entry.balanceGrosze} />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
