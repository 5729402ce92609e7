import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../shared/api.ts';
import { usePageTitle } from '../shared/page-title.ts';
import { query, STAFF, type CustomerListItem, type Page } from './api.ts';
import { useDebounced } from './hooks.ts';
import { QueryState, scrollRegion } from './ui.tsx';

/**
 * One search box for everything a customer can be found by (name, number, address, meter serial, invoice
 * number, NIP), answering as you type; Enter opens the first match.
 */
export default function CustomerSearchPage() {
  const { t } = useTranslation('backoffice');
  usePageTitle(t('customers.title'));
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const text = params.get('q') ?? '';
  const q = useDebounced(text.trim());
  const hintId = useId();
  const customers = useQuery({
    queryKey: ['staff', 'customers', q],
    queryFn: ({ signal }) =>
      api.get<Page<CustomerListItem>>(`${STAFF}/customers${query({ q, pageSize: 50 })}`, signal),
    placeholderData: keepPreviousData,
  });

  function openFirst(event: FormEvent) {
    event.preventDefault();
    const first = customers.data?.items[0];
    if (first) void navigate(`/admin/klienci/${first.id}`);
  }

  const items = customers.data?.items ?? [];
  return (
    <div>
      <h1>{t('customers.title')}</h1>
      <form role="search" className="bo-search" onSubmit={openFirst}>
        <label htmlFor="customer-search" className="field__label">
          {t('customers.search')}
        </label>
        <p id={hintId} className="field__hint">
          {t('customers.searchHint')}
        </p>
        <input
          id="customer-search"
          type="search"
          className="field__input"
          aria-describedby={hintId}
          value={text}
          autoComplete="off"
          spellCheck={false}
          // Staff come here to type: the box is ready at once.
          autoFocus
          onChange={(event) =>
            setParams(event.target.value ? { q: event.target.value } : {}, { replace: true })
          }
        />
      </form>
      <QueryState isPending={customers.isPending} error={customers.error} />
      {customers.data ? (
        <>
          <p role="status" className="bo-count">
            {t('customers.found', { count: customers.data.total })}
            {customers.data.total > items.length ? ` ${t('customers.showing', { count: items.length })}` : ''}
          </p>
          {items.length > 0 ? (
            <div className="bo-table-wrap" ref={scrollRegion}>
              <table className="bo-table">
                <caption>{t('customers.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('customers.number')}</th>
                    <th scope="col">{t('customers.name')}</th>
                    <th scope="col">{t('customers.address')}</th>
                    <th scope="col">{t('customers.nip')}</th>
                    <th scope="col">{t('customers.pesel')}</th>
                    <th scope="col">{t('customers.contact')}</th>
                    <th scope="col" className="bo-num">
                      {t('customers.points')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((customer) => (
                    <tr key={customer.id}>
                      <td>{customer.customerNumber}</td>
                      <th scope="row">
                        <Link to={`/admin/klienci/${customer.id}`}>{customer.name}</Link>
                      </th>
                      <td>{customer.address}</td>
                      <td>{customer.nip ?? '—'}</td>
                      <td>{customer.peselMasked ?? '—'}</td>
                      <td>{[customer.email, customer.phone].filter(Boolean).join(', ') || '—'}</td>
                      <td className="bo-num">{customer.servicePointCount}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
