/** Builds statement files for tests, in the layouts banks export (see src/adapters/bank-statements). */
export interface StatementLine {
  reference: string;
  amount: string;
  debit?: boolean;
  /** :86: details in PKO-style ~ sub-fields. */
  details: string;
}

export function pkoStatement(options: {
  reference?: string;
  account?: string;
  currency?: string;
  lines: StatementLine[];
}): string {
  const currency = options.currency ?? 'PLN';
  const body = options.lines
    .map(
      (line) =>
        `:61:2611201120${line.debit ? 'D' : 'C'}N${line.amount}NTRFNONREF//${line.reference}\r\n:86:${line.details}`,
    )
    .join('\r\n');
  return [
    '\x01',
    `:20:${options.reference ?? 'ST261120/1'}`,
    `:25:/PL${options.account ?? '71102050110000009602030100'}`,
    ':28C:1/1',
    `:60F:C261119${currency}0,00`,
    body,
    `:62F:C261120${currency}0,00`,
    '-\x03',
    '',
  ].join('\r\n');
}

export const subfields = (title: string, extra = '') =>
  `020~00VE02PRZELEW~20${title}~3010901014~310000000012345678~32JAN NOWAK${extra}`;
