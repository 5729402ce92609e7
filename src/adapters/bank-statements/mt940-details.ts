import { nrbCheckDigits } from '../../domain/index.ts';
import { accountDigits } from './types.ts';

/**
 * The :86: "information to account owner" field. Polish banks fill it in two ways:
 *  - sub-fields: a 3-digit transaction code, then a separator (PKO and the ZBP layout use `~`; others `^`, `+`,
 *    `<` or `?`) before each 2-digit sub-field code: 20–29 title, 30 + 31 or 38 the counterparty's account,
 *    32–33 its name;
 *  - free text (mBank): "… Z RACH.: <account>; OD: <name>; TYT.: <title>; TNR: <reference>".
 * Continuation lines and title sub-fields are joined without a separator: banks wrap at a fixed width, even
 * inside a word or an invoice number.
 */
export interface TransactionDetails {
  title: string;
  counterpartyAccount: string | null;
  counterpartyName: string | null;
  /** A transaction number given in the details (mBank TNR). */
  reference: string | null;
}

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

export function parseDetails(text: string): TransactionDetails {
  const structured = /^\s*\d{3}([~^+<?])\d{2}/.exec(text);
  if (structured) return parseSubfields(text.trim(), structured[1]!);
  if (/(?:^|;)\s*(?:TYT\.|Z RACH\.|OD):/.test(text)) return parseLabelled(text);
  return { title: collapse(text), counterpartyAccount: null, counterpartyName: null, reference: null };
}

function parseSubfields(text: string, separator: string): TransactionDetails {
  const fields = new Map<string, string>();
  const escaped = separator.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const parts = text.slice(3).split(new RegExp(`${escaped}(\\d{2})`));
  // parts: ['', code, value, code, value, …]
  for (let index = 1; index + 1 < parts.length; index += 2) {
    const code = parts[index]!;
    fields.set(code, (fields.get(code) ?? '') + parts[index + 1]!);
  }
  const join = (codes: string[]) => codes.map((code) => fields.get(code) ?? '').join('');
  const title = collapse(join(['20', '21', '22', '23', '24', '25', '26', '27', '28', '29']));
  const fullAccount = accountDigits(fields.get('38'));
  const sortCode = (fields.get('30') ?? '').trim();
  const accountRest = (fields.get('31') ?? '').trim();
  // ~30 (sort code) + ~31 (the rest) is the BBAN; its check digits follow from it (ISO 13616).
  const bban =
    /^\d{8}$/.test(sortCode) && /^\d{16}$/.test(accountRest)
      ? nrbCheckDigits(sortCode + accountRest) + sortCode + accountRest
      : null;
  // Name lines are often name and address: a space keeps them apart (they are not used for matching).
  const name = collapse(['32', '33'].map((code) => fields.get(code) ?? '').join(' '));
  return {
    title,
    counterpartyAccount: fullAccount ?? bban,
    counterpartyName: name === '' ? null : name,
    reference: null,
  };
}

const LABELS = ['ID IPH', 'Z RACH.', 'NA RACH.', 'DO RACH.', 'OD', 'DO', 'TYT.', 'TNR'] as const;

function parseLabelled(text: string): TransactionDetails {
  const pattern = new RegExp(
    `(?:^|;)\\s*(${LABELS.map((label) => label.replace(/\./g, '\\.')).join('|')}):`,
    'g',
  );
  const found: Array<{ label: string; start: number; end: number }> = [];
  for (const match of text.matchAll(pattern))
    found.push({ label: match[1]!, start: match.index, end: match.index + match[0].length });
  const values = new Map<string, string>();
  found.forEach((entry, index) => {
    const next = found[index + 1]?.start ?? text.length;
    values.set(entry.label, text.slice(entry.end, next).replace(/;\s*$/, ''));
  });
  const title = collapse(values.get('TYT.') ?? '');
  const name = collapse(values.get('OD') ?? '');
  const reference = collapse(values.get('TNR') ?? '');
  return {
    title,
    counterpartyAccount: accountDigits(values.get('Z RACH.')),
    counterpartyName: name === '' ? null : name,
    reference: reference === '' ? null : reference,
  };
}
