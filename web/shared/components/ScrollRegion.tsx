import type { ReactNode } from 'react';

/**
 * A box that scrolls sideways on a narrow phone (a wide table, say): focusable so the keyboard can scroll it,
 * and a named region so screen readers say what is inside (WCAG 2.1.1, 1.4.10).
 */
export function ScrollRegion({
  label,
  className,
  children,
}: {
  label: string;
  className: string;
  children: ReactNode;
}) {
  return (
    <div className={className} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
