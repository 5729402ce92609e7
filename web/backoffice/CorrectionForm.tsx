import { useMutation } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../shared/api.ts';
import { TextField } from '../shared/components/TextField.tsx';
import { STAFF, type CorrectionResult } from './api.ts';
import { useOpenedForm } from './hooks.ts';
import { ErrorAlert, fieldError, formText } from './ui.tsx';

interface CorrectionFormProps {
  invoice: { id: number; number: string };
  onIssued: (result: CorrectionResult) => void;
  onCancel: () => void;
}

/** A correcting invoice (KOR/…) with its reason: recalculated from current data, or cancelling the invoice. */
export function CorrectionForm({ invoice, onIssued, onCancel }: CorrectionFormProps) {
  const { t } = useTranslation('backoffice');
  const opened = useOpenedForm(onCancel);
  const correct = useMutation({
    mutationFn: (input: { reason: string; mode: 'recalculate' | 'cancel' }) =>
      api.post<CorrectionResult>(`${STAFF}/invoices/${invoice.id}/corrections`, input),
    onSuccess: onIssued,
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    correct.mutate({
      reason: formText(form, 'reason'),
      mode: formText(form, 'mode') === 'cancel' ? 'cancel' : 'recalculate',
    });
  }

  const headingId = `correct-${invoice.id}`;
  return (
    <form {...opened} className="bo-form" onSubmit={submit} aria-labelledby={headingId}>
      <h3 id={headingId}>{t('correction.heading', { number: invoice.number })}</h3>
      {correct.error ? (
        <ErrorAlert error={correct.error} labels={{ reason: t('correction.reason') }} />
      ) : null}
      <TextField
        name="reason"
        label={t('correction.reason')}
        required
        error={fieldError(correct.error, 'reason')}
      />
      <fieldset className="bo-fieldset">
        <legend>{t('correction.mode')}</legend>
        <label className="bo-choice">
          <input type="radio" name="mode" value="recalculate" defaultChecked /> {t('correction.recalculate')}
        </label>
        <label className="bo-choice">
          <input type="radio" name="mode" value="cancel" /> {t('correction.cancelInvoice')}
        </label>
      </fieldset>
      <div className="bo-actions">
        <button type="submit" className="button button--primary" disabled={correct.isPending}>
          {t('correction.submit')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
