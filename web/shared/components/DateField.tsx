import { useRef, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { todayInPoland } from '../format.ts';
import { parseTypedDate, typedDateOf } from '../typed-date.ts';
import { TextField } from './TextField.tsx';

interface DateFieldProps {
  name: string;
  label: string;
  /** Said before the format hint (what the date means here). */
  hint?: string | undefined;
  /** ISO days (YYYY-MM-DD), like every date the API speaks. */
  defaultValue?: string | undefined;
  min?: string | undefined;
  max?: string | undefined;
  required?: boolean;
  error?: string | undefined;
  ref?: Ref<HTMLInputElement>;
}

// showPicker() opens the browser's own calendar; where it is missing, typing is the only way (and enough).
const browserHasPicker =
  typeof HTMLInputElement !== 'undefined' && 'showPicker' in HTMLInputElement.prototype;

/**
 * A date typed as dd.mm.rrrr, the format every page prints, whatever language the browser speaks (a native
 * date input shows the browser's own format instead). The form receives the ISO day under `name`; text that
 * is not a date is passed on as typed, so the form's own check names the problem. A calendar button opens
 * the browser's picker for those who prefer it. Callers re-key their form to reset it to new defaults.
 */
export function DateField({
  name,
  label,
  hint,
  defaultValue,
  min,
  max,
  required,
  error,
  ref,
}: DateFieldProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => typedDateOf(defaultValue));
  const [checked, setChecked] = useState(false);
  const picker = useRef<HTMLInputElement>(null);
  const isoDay = parseTypedDate(text);
  const example = typedDateOf(todayInPoland());
  const formatHint = t('dateField.hint');

  function openPicker() {
    try {
      picker.current?.showPicker();
    } catch {
      // A browser that refuses (no user activation, say) leaves the typed field, which always works.
    }
  }

  const calendar = browserHasPicker ? (
    <>
      <input
        ref={picker}
        className="date-field__picker"
        type="date"
        tabIndex={-1}
        aria-hidden="true"
        min={min}
        max={max}
        value={isoDay ?? ''}
        onChange={(event) => {
          setText(typedDateOf(event.target.value));
          setChecked(true);
        }}
      />
      <button
        type="button"
        className="button button--secondary date-field__button"
        aria-label={t('dateField.pick', { label })}
        onClick={openPicker}
      >
        <svg aria-hidden="true" focusable="false" width="20" height="20" viewBox="0 0 20 20">
          <rect x="2" y="4" width="16" height="14" rx="2" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="M2 8h16M6 2v4M14 2v4" stroke="currentColor" strokeWidth="2" />
        </svg>
      </button>
    </>
  ) : null;

  return (
    <>
      <TextField
        ref={ref}
        label={label}
        hint={hint ? `${hint} ${formatHint}` : formatHint}
        error={error ?? (checked ? rangeProblem(text, isoDay, { min, max }, t, example) : undefined)}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        value={text}
        required={required}
        onChange={(event) => setText(event.target.value)}
        onBlur={() => setChecked(true)}
        addon={calendar}
      />
      <input type="hidden" name={name} value={isoDay ?? text.trim()} />
    </>
  );
}

/** What is wrong with the typed text once the field was left, if anything (an empty field is the form's call). */
function rangeProblem(
  text: string,
  isoDay: string | null,
  range: { min: string | undefined; max: string | undefined },
  t: TFunction,
  example: string,
): string | undefined {
  if (text.trim() === '') return undefined;
  if (isoDay === null) return t('dateField.invalid', { example });
  if (range.min !== undefined && isoDay < range.min)
    return t('dateField.tooEarly', { date: typedDateOf(range.min) });
  if (range.max !== undefined && isoDay > range.max)
    return t('dateField.tooLate', { date: typedDateOf(range.max) });
  return undefined;
}
