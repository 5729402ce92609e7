import type { ReactNode } from 'react';
import { ScrollRegion } from './ScrollRegion.tsx';

/** A column heading; `numeric` columns are right-aligned, like the figures under them. */
export interface Column {
  label: string;
  numeric?: boolean;
}

export const numericColumn = (label: string): Column => ({ label, numeric: true });

interface DataTableProps {
  /** Names the table for everyone: its caption, and the scrolling region around it. */
  caption: string;
  columns: (string | Column)[];
  /** The rows of the body. */
  children: ReactNode;
  /** Said in one full-width row when there are no rows. */
  empty?: string | undefined;
  footer?: ReactNode;
  className?: string;
}

/**
 * A table as every money page shows one: captioned, with column headings, inside a ScrollRegion named after
 * the caption.
 */
export function DataTable({ caption, columns, children, empty, footer, className }: DataTableProps) {
  const headings = columns.map((column) => (typeof column === 'string' ? { label: column } : column));
  return (
    <ScrollRegion label={caption} className="table-scroll">
      <table className={className ? `data-table ${className}` : 'data-table'}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {headings.map((heading) => (
              <th key={heading.label} scope="col" className={heading.numeric ? 'numeric' : undefined}>
                {heading.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {empty ? (
            <tr>
              <td colSpan={headings.length}>{empty}</td>
            </tr>
          ) : null}
          {children}
        </tbody>
        {footer ? <tfoot>{footer}</tfoot> : null}
      </table>
    </ScrollRegion>
  );
}
