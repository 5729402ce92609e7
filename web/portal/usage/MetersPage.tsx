import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api.ts';
import { formatDate } from '../../shared/format.ts';
import { usePageTitle } from '../../shared/page-title.ts';
import { QueryView, useLocalized } from './common.tsx';
import type { MetersAnswer } from './types.ts';

/** Meters and their legalization: expiry date, status in words (never colour only) and what it means. */
export default function MetersPage() {
  const { t } = useTranslation('usage');
  const localized = useLocalized();
  usePageTitle(t('meters.title'));
  const meters = useQuery({
    queryKey: ['me', 'meters'],
    queryFn: ({ signal }) => api.get<MetersAnswer>('/api/v1/me/meters', signal),
  });
  return (
    <div className="usage-page">
      <h1>{t('meters.heading')}</h1>
      <p className="lead">{t('meters.intro')}</p>
      <QueryView query={meters}>
        {(data) =>
          data.meters.length === 0 ? (
            <p>{t('meters.none')}</p>
          ) : (
            <ul className="usage-cards">
              {data.meters.map((meter) => (
                <li key={meter.id} className="usage-card">
                  <h2 id={`meter-card-${meter.id}`}>
                    {t('meters.cardHeading', { serial: meter.serialNumber })}
                  </h2>
                  <dl className="usage-facts">
                    <div>
                      <dt>{t('meters.kind')}</dt>
                      <dd>{t(`meterKind.${meter.kind}`)}</dd>
                    </div>
                    <div>
                      <dt>{t('meters.servicePoint')}</dt>
                      <dd>{`${meter.servicePointAddress} (${meter.servicePointCode})`}</dd>
                    </div>
                    <div>
                      <dt>{t('meters.installed')}</dt>
                      <dd>
                        {formatDate(meter.installedOn)}
                        {meter.removedOn
                          ? ` – ${t('meters.removed', { date: formatDate(meter.removedOn) })}`
                          : null}
                      </dd>
                    </div>
                    <div>
                      <dt>{t('meters.expires')}</dt>
                      <dd>{formatDate(meter.legalizationExpiresOn)}</dd>
                    </div>
                    <div>
                      <dt>{t('meters.status')}</dt>
                      <dd>
                        {meter.active ? (
                          <span className={`usage-badge usage-badge--${meter.legalizationStatus}`}>
                            {t(`legalization.${meter.legalizationStatus}`)}
                          </span>
                        ) : (
                          // A meter taken off: its legalization no longer matters, so no warning.
                          <span className="usage-badge usage-badge--inactive">
                            {t('meters.notApplicable')}
                          </span>
                        )}
                      </dd>
                    </div>
                  </dl>
                  <p className="usage-meaning">{localized(meter.meaning.text)}</p>
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
    </div>
  );
}
