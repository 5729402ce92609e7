import { useEffect, useRef, useState, type KeyboardEvent } from 'react';

/** The value once it has stopped changing for `delay` ms: search as you type without a request per key. */
export function useDebounced<T>(value: T, delay = 250): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

/**
 * For a form that opens in place: its first field takes the focus when it appears, and Escape closes it, so
 * the keyboard never has to travel to it.
 */
export function useOpenedForm(onCancel: () => void) {
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    form.current?.querySelector<HTMLElement>('input:not([type=radio]):not([type=hidden]), select')?.focus();
  }, []);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') onCancel();
  };
  return { ref: form, onKeyDown };
}
