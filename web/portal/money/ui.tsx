import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../shared/error-message.ts';
import { formatDate, formatMoney } from '../../shared/format.ts';
import type { InvoiceStatus, OnlinePaymentStatus, PaymentChannel } from './types.ts';

/** "25.11.2026 14:05" in Polish time, whatever the device's zone. */
export function formatDateTime(instant: number | string | Date): string {
  const date = new Date(instant);
  const time = new Intl.DateTimeFormat('pl-PL', {
    timeZone: 'Europe/Warsaw',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
  return `${formatDate(date.toISOString())} ${time}`;
}

/** An amount; negative ones (money received, credit) keep their sign in the text, not only in colour. */
export function Money({ grosze, className }: { grosze: number; className?: string }) {
  return <span className={className ? `money ${className}` : 'money'}>{formatMoney(grosze)}</span>;
}

/** An invoice status as words with a shape marker, so colour is never the only cue. */
export function InvoiceStatusBadge({ status }: { status: InvoiceStatus | null }) {
  const { t } = useTranslation('money');
  if (!status) return <span className="status-badge status-badge--none">{t('status.none')}</span>;
  return <span className={`status-badge status-badge--${status}`}>{t(`status.${status}`)}</span>;
}

export function PaymentStatusBadge({ status }: { status: OnlinePaymentStatus }) {
  const { t } = useTranslation('money');
  return <span className={`status-badge status-badge--online-${status}`}>{t(`onlineStatus.${status}`)}</span>;
}

export function useChannelLabel(): (channel: PaymentChannel) => string {
  const { t } = useTranslation('money');
  return (channel) => t(`channel.${channel}`);
}

/**
 * When the data on screen was fetched: offline, the service worker may answer with an older copy, so the view
 * says how old it is (and that the device is offline).
 */
export function DataTimestamp({ updatedAt }: { updatedAt: number }) {
  const { t } = useTranslation('money');
  if (!updatedAt) return null;
  const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
  return (
    <p className="data-timestamp">
      {t('common.asOf', { time: formatDateTime(updatedAt) })}
      {offline ? <strong className="data-timestamp__offline"> {t('common.offline')}</strong> : null}
    </p>
  );
}

/** Loading and error states of a query; renders the children only with data. */
export function QueryView<T>({
  query,
  children,
}: {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation('money');
  const { t: tCommon } = useTranslation();
  if (query.isPending) return <p role="status">{t('common.loading')}</p>;
  if (query.isError) {
    const { data } = query;
    if (data === undefined) {
      return (
        <div className="alert alert--error" role="alert">
          <p className="alert__title">{t('common.loadFailed')}</p>
          <p>{errorMessage(query.error, tCommon)}</p>
        </div>
      );
    }
    // A failed refresh keeps what was shown (dated), with a note that it could not be updated.
    return (
      <>
        <p className="alert alert--info" role="status">
          {t('common.refreshFailed')} {errorMessage(query.error, tCommon)}
        </p>
        {children(data)}
      </>
    );
  }
  return <>{children(query.data)}</>;
}
