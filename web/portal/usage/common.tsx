import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../shared/components/FormAlert.tsx';
import { errorMessage } from '../../shared/error-message.ts';
import type { LocalizedText } from './types.ts';
import { ScrollRegion } from '../../shared/components/ScrollRegion.tsx';

/** Loading, failure or the content of one query; the loading line is announced politely. */
export function QueryView<T>({
  query,
  children,
}: {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  if (query.isPending) return <p role="status">{t('app.loading')}</p>;
  if (query.isError) return <FormAlert message={errorMessage(query.error, t)} />;
  return <>{children(query.data)}</>;
}

/** Picks the text of a `{ pl, en }` pair in the interface language. */
export function useLocalized(): (text: LocalizedText) => string {
  const { i18n } = useTranslation();
  return (text) => (i18n.language === 'en' ? text.en : text.pl);
}

/** The string value of a form field ('' when absent). */
export function formValue(form: FormData, name: string): string {
  const entry = form.get(name);
  return typeof entry === 'string' ? entry : '';
}

export const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const MIN_PASSWORD_LENGTH = 12;

/** The sentence for a failed call (texts of the shared `errors` group). */
export function useErrorMessage(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error) => errorMessage(error, t);
}

/** A usage table that may scroll sideways on a phone (ScrollRegion in the usage pages' style). */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <ScrollRegion label={label} className="usage-table-wrap">
      {children}
    </ScrollRegion>
  );
}
