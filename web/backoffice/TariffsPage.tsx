import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../shared/api.ts';
import { formatDate, formatMoney } from '../shared/format.ts';
import { usePageTitle } from '../shared/page-title.ts';
import { STAFF } from './api.ts';
import { QueryState, scrollRegion } from './ui.tsx';

interface TariffVersion {
  id: number;
  customerGroup: string;
  validFrom: string;
  validTo: string | null;
  waterPriceGroszePerM3: number;
  sewagePriceGroszePerM3: number;
  subscriptionGroszePerMonth: number;
  vatRateBasisPoints: number;
  description: string | null;
  used: boolean;
  state: 'past' | 'current' | 'future';
}

/** Tariff versions per customer group (read here; admins change them through the API). */
export default function TariffsPage() {
  const { t } = useTranslation('backoffice');
  usePageTitle(t('tariffs.title'));
  const tariffs = useQuery({
    queryKey: ['staff', 'tariffs'],
    queryFn: ({ signal }) => api.get<{ items: TariffVersion[] }>(`${STAFF}/tariffs`, signal),
  });
  return (
    <div>
      <h1>{t('tariffs.title')}</h1>
      <QueryState isPending={tariffs.isPending} error={tariffs.error} />
      {tariffs.data && tariffs.data.items.length === 0 ? <p>{t('common.none')}</p> : null}
      {tariffs.data && tariffs.data.items.length > 0 ? (
        <div className="bo-table-wrap" ref={scrollRegion}>
          <table className="bo-table">
            <caption className="bo-sr-only">{t('tariffs.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('tariffs.group')}</th>
                <th scope="col">{t('tariffs.validFrom')}</th>
                <th scope="col">{t('tariffs.validTo')}</th>
                <th scope="col" className="bo-num">
                  {t('tariffs.water')}
                </th>
                <th scope="col" className="bo-num">
                  {t('tariffs.sewage')}
                </th>
                <th scope="col" className="bo-num">
                  {t('tariffs.subscription')}
                </th>
                <th scope="col" className="bo-num">
                  {t('tariffs.vat')}
                </th>
                <th scope="col">{t('tariffs.state')}</th>
                <th scope="col">{t('tariffs.used')}</th>
              </tr>
            </thead>
            <tbody>
              {tariffs.data.items.map((tariff) => (
                <tr key={tariff.id}>
                  <th scope="row">
                    {tariff.customerGroup}
                    {tariff.description ? <span className="bo-muted"> {tariff.description}</span> : null}
                  </th>
                  <td>{formatDate(tariff.validFrom)}</td>
                  <td>{tariff.validTo ? formatDate(tariff.validTo) : '—'}</td>
                  <td className="bo-num">{formatMoney(tariff.waterPriceGroszePerM3)}</td>
                  <td className="bo-num">{formatMoney(tariff.sewagePriceGroszePerM3)}</td>
                  <td className="bo-num">{formatMoney(tariff.subscriptionGroszePerMonth)}</td>
                  <td className="bo-num">{tariff.vatRateBasisPoints / 100}%</td>
                  <td>{t(`tariffs.states.${tariff.state}`)}</td>
                  <td>{tariff.used ? t('common.yes') : t('common.no')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
