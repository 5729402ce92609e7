import type { Ref } from 'react';

interface FormAlertProps {
  title?: string;
  message: string;
  tone?: 'error' | 'info';
  ref?: Ref<HTMLDivElement>;
}

/** A message about the whole form; it takes focus when shown so that it is read out at once. */
export function FormAlert({ title, message, tone = 'error', ref }: FormAlertProps) {
  return (
    <div
      ref={ref}
      className={`alert alert--${tone}`}
      role={tone === 'error' ? 'alert' : 'status'}
      tabIndex={-1}
    >
      {title ? <p className="alert__title">{title}</p> : null}
      <p>{message}</p>
    </div>
  );
}
