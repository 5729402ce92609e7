import { DomainError } from './errors.ts';

/**
 * Polish bank account numbers (NRB): 2 check digits + 24-digit BBAN (8-digit bank sort code + 16 digits).
 * The check digits follow ISO 13616 (IBAN) MOD 97-10 with country "PL", so an NRB prefixed with "PL"
 * is the IBAN. Utilities give every customer a virtual account whose last digits carry the customer
 * number; that is how an incoming transfer is matched to a customer without reading the title.
 */

/** "PL" with letters turned into numbers as ISO 13616 prescribes (P = 25, L = 21). */
const COUNTRY_CODE_DIGITS = '2521';
const BBAN_LENGTH = 24;
const SORT_CODE_LENGTH = 8;

function mod97(digits: string): number {
  return Number(BigInt(digits) % 97n);
}

function requireDigits(value: string, field: string): void {
  if (!/^\d+$/.test(value)) {
    throw new DomainError('invalid_digits', `${field} must contain digits only, got "${value}"`, {
      field,
      value,
    });
  }
}

export function nrbCheckDigits(bban24: string): string {
  requireDigits(bban24, 'BBAN');
  if (bban24.length !== BBAN_LENGTH) {
    throw new DomainError('invalid_bban', `BBAN must have ${BBAN_LENGTH} digits, got ${bban24.length}`, {
      length: bban24.length,
    });
  }
  // BBAN + country + "00" moved to the end; check = 98 - remainder, so the full number gives remainder 1.
  return String(98 - mod97(bban24 + COUNTRY_CODE_DIGITS + '00')).padStart(2, '0');
}

/** Strips spaces (also no-break) and an optional "PL"; returns 26 digits or null when it cannot be an NRB. */
export function normalizeNrb(input: string): string | null {
  const compact = input.replace(/[\s\u00a0]/g, '').replace(/^PL/i, '');
  return /^\d{26}$/.test(compact) ? compact : null;
}

export function isValidNrb(input: string): boolean {
  const digits = normalizeNrb(input);
  if (digits === null) return false;
  return mod97(digits.slice(2) + COUNTRY_CODE_DIGITS + digits.slice(0, 2)) === 1;
}

/** "12 3456 7890 1234 5678 9012 3456": the grouping printed by Polish banks and on invoices. */
export function formatNrb(input: string): string {
  const digits = normalizeNrb(input);
  if (digits === null) {
    throw new DomainError('invalid_nrb', `"${input}" is not a 26-digit account number`, { input });
  }
  return [digits.slice(0, 2), ...(digits.slice(2).match(/\d{4}/g) ?? [])].join(' ');
}

/**
 * Virtual account for a customer: `bankPrefix` is the bank's 8-digit sort code followed by any fixed
 * payee digits the bank assigned to the utility; the customer number is left-padded with zeros to fill
 * the remaining BBAN digits. Because of the padding, leading zeros of a customer number are not
 * significant (the inverse returns the number without them).
 */
export function customerAccountNumber(bankPrefix: string, customerNumber: string): string {
  requireDigits(bankPrefix, 'Bank prefix');
  requireDigits(customerNumber, 'Customer number');
  if (bankPrefix.length < SORT_CODE_LENGTH || bankPrefix.length >= BBAN_LENGTH) {
    throw new DomainError(
      'invalid_bank_prefix',
      `Bank prefix must have between ${SORT_CODE_LENGTH} and ${BBAN_LENGTH - 1} digits (sort code + payee digits), got ${bankPrefix.length}`,
      { length: bankPrefix.length },
    );
  }
  const room = BBAN_LENGTH - bankPrefix.length;
  const significant = customerNumber.replace(/^0+(?=\d)/, '');
  if (significant.length > room) {
    throw new DomainError(
      'customer_number_too_long',
      `Customer number ${customerNumber} has ${significant.length} digits but the bank prefix leaves room for ${room}`,
      { customerNumber, room },
    );
  }
  const bban = bankPrefix + significant.padStart(room, '0');
  return nrbCheckDigits(bban) + bban;
}

/**
 * Inverse of customerAccountNumber for matching bank transfers: null when the account is not a valid
 * NRB or does not belong to this prefix (a transfer to some other account), else the customer number.
 */
export function customerNumberFromAccount(bankPrefix: string, nrb: string): string | null {
  requireDigits(bankPrefix, 'Bank prefix');
  const digits = normalizeNrb(nrb);
  if (digits === null || !isValidNrb(digits)) return null;
  const bban = digits.slice(2);
  if (!bban.startsWith(bankPrefix) || bankPrefix.length >= BBAN_LENGTH) return null;
  return bban.slice(bankPrefix.length).replace(/^0+(?=\d)/, '');
}

/** "PL" + NRB: the IBAN form used in SEPA/XML exports. */
export function nrbToIban(nrb: string): string {
  const digits = normalizeNrb(nrb);
  if (digits === null || !isValidNrb(digits)) {
    throw new DomainError('invalid_nrb', `"${nrb}" is not a valid account number`, { input: nrb });
  }
  return `PL${digits}`;
}
