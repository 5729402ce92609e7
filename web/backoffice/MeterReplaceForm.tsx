import { useMutation } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../shared/api.ts';
import { TextField } from '../shared/components/TextField.tsx';
import { STAFF, type Meter, type MeterReplaceInput } from './api.ts';
import { useOpenedForm } from './hooks.ts';
import { ErrorAlert, fieldError, formText, polishToday } from './ui.tsx';
import { DateField } from '../shared/components/DateField.tsx';

interface MeterReplaceFormProps {
  meter: Meter;
  onReplaced: (installed: Meter) => void;
  onCancel: () => void;
}

/** The exchange of a meter in one step: the old one's final reading, the new one's serial and first value. */
export function MeterReplaceForm({ meter, onReplaced, onCancel }: MeterReplaceFormProps) {
  const { t } = useTranslation('backoffice');
  const opened = useOpenedForm(onCancel);
  const replace = useMutation({
    mutationFn: (input: MeterReplaceInput) =>
      api.post<{ removed: Meter; installed: Meter }>(`${STAFF}/meters/${meter.id}/replace`, input),
    onSuccess: (answer) => onReplaced(answer.installed),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    replace.mutate({
      date: formText(form, 'date'),
      finalReadingM3: formText(form, 'finalReadingM3'),
      newMeter: {
        serialNumber: formText(form, 'serialNumber'),
        installReadingM3: formText(form, 'installReadingM3') || '0',
        registerDigits: Number(formText(form, 'registerDigits') || '5'),
        legalizationYear: Number(formText(form, 'legalizationYear')),
      },
    });
  }

  const labels = {
    date: t('meter.date'),
    finalReadingM3: t('meter.finalReading'),
    'newMeter.serialNumber': t('meter.newSerial'),
    'newMeter.installReadingM3': t('meter.installReading'),
    'newMeter.registerDigits': t('meter.registerDigits'),
    'newMeter.legalizationYear': t('meter.legalizationYear'),
  };
  const error = replace.error;
  return (
    <form {...opened} className="bo-form" onSubmit={submit} aria-labelledby={`replace-${meter.id}`}>
      <h4 id={`replace-${meter.id}`}>{t('meter.replaceHeading', { serial: meter.serialNumber })}</h4>
      {error ? <ErrorAlert error={error} labels={labels} /> : null}
      <div className="bo-fields">
        <DateField
          name="date"
          label={labels.date}
          defaultValue={polishToday()}
          required
          error={fieldError(error, 'date')}
        />
        <TextField
          name="finalReadingM3"
          label={labels.finalReadingM3}
          hint={t('meter.m3Hint')}
          inputMode="decimal"
          required
          error={fieldError(error, 'finalReadingM3')}
        />
        <TextField
          name="serialNumber"
          label={labels['newMeter.serialNumber']}
          autoComplete="off"
          spellCheck={false}
          required
          error={fieldError(error, 'newMeter.serialNumber')}
        />
        <TextField
          name="installReadingM3"
          label={labels['newMeter.installReadingM3']}
          hint={t('meter.m3Hint')}
          inputMode="decimal"
          defaultValue="0"
          error={fieldError(error, 'newMeter.installReadingM3')}
        />
        <TextField
          name="registerDigits"
          type="number"
          min={3}
          max={9}
          label={labels['newMeter.registerDigits']}
          defaultValue={String(meter.registerDigits)}
          error={fieldError(error, 'newMeter.registerDigits')}
        />
        <TextField
          name="legalizationYear"
          type="number"
          min={1950}
          max={2200}
          label={labels['newMeter.legalizationYear']}
          defaultValue={polishToday().slice(0, 4)}
          required
          error={fieldError(error, 'newMeter.legalizationYear')}
        />
      </div>
      <div className="bo-actions">
        <button type="submit" className="button button--primary" disabled={replace.isPending}>
          {t('meter.replaceSubmit')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
