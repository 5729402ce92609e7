import type { FormHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../shared/api.ts';
import { errorMessage } from '../shared/error-message.ts';
import { formatDate, todayInPoland } from '../shared/format.ts';
import { useStaffSession } from '../shared/session.ts';
import { useOpenedForm } from './hooks.ts';

/** Operators and admins change data; read-only staff only look (the server refuses them anyway). */
export function useCanChange(): boolean {
  const session = useStaffSession();
  const role = session.data?.user.role;
  return role === 'operator' || role === 'admin';
}

export function useIsAdmin(): boolean {
  return useStaffSession().data?.user.role === 'admin';
}

/**
 * A failed request: the server's sentence and, for a validation error, each refused field (named by its label
 * when the form gives one).
 */
export function ErrorAlert({ error, labels = {} }: { error: unknown; labels?: Record<string, string> }) {
  const { t } = useTranslation();
  const fields = error instanceof ApiError ? Object.entries(error.fields) : [];
  return (
    <div className="alert alert--error" role="alert">
      <p>{errorMessage(error, t)}</p>
      {fields.length > 0 ? (
        <ul>
          {fields.map(([field, message]) => (
            <li key={field}>
              {labels[field] ?? field}: {message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** The server's message for one field of a refused form (dotted path, e.g. "newMeter.serialNumber"). */
export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.fields[field] : undefined;
}

/** "Loading…" while a query runs, its error when it failed. */
export function QueryState({ isPending, error }: { isPending: boolean; error: unknown }) {
  const { t } = useTranslation();
  if (error) return <ErrorAlert error={error} />;
  if (isPending) return <p role="status">{t('app.loading')}</p>;
  return null;
}

/** Today in Poland as YYYY-MM-DD (the default of date fields). */
export const polishToday = (): string => todayInPoland();

/** The value of a named form field as trimmed text. */
export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

/** "123,45" or "123.45" zł → grosze; null when it is not an amount. */
export function parseMoney(text: string): number | null {
  const match = /^(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(text.replace(/\s/g, ''));
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
}

const instantFormat = new Intl.DateTimeFormat('pl-PL', {
  timeZone: 'Europe/Warsaw',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** An instant as the Polish day and time: "25.11.2026 14:03:12". */
export function formatInstant(value: string): string {
  return `${formatDate(value)} ${instantFormat.format(new Date(value))}`;
}

/**
 * Ref callback of a table's scroll box: while the table is wider than the box, the box is a named region in
 * the tab order, so keyboard users can scroll it too (WCAG 2.1.1); otherwise it is no extra tab stop.
 */
export function scrollRegion(box: HTMLDivElement | null): (() => void) | undefined {
  if (!box) return undefined;
  const update = () => {
    if (box.scrollWidth > box.clientWidth + 1) {
      box.tabIndex = 0;
      box.setAttribute('role', 'region');
      box.setAttribute('aria-label', box.querySelector('caption')?.textContent ?? '');
    } else {
      box.removeAttribute('tabindex');
      box.removeAttribute('role');
      box.removeAttribute('aria-label');
    }
  };
  update();
  const observer = new ResizeObserver(update);
  observer.observe(box);
  const table = box.querySelector('table');
  if (table) observer.observe(table);
  return () => observer.disconnect();
}

/** A small form opened in place (e.g. in a table row): focused when it appears, closed by Escape. */
export function OpenedForm({
  onCancel,
  ...form
}: FormHTMLAttributes<HTMLFormElement> & { onCancel: () => void }) {
  const opened = useOpenedForm(onCancel);
  return <form {...form} {...opened} />;
}
