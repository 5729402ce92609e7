import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  customerAccountNumber,
  customerNumberFromAccount,
  formatNrb,
  isValidNrb,
  nrbCheckDigits,
  nrbToIban,
} from './nrb.ts';

// The IBAN registry's example for Poland.
const REGISTRY_EXAMPLE = 'PL61 1090 1014 0000 0712 1981 2874';

describe('NRB', () => {
  it('accepts the ISO 13616 registry example in every spelling', () => {
    expect(isValidNrb(REGISTRY_EXAMPLE)).toBe(true);
    expect(isValidNrb('61109010140000071219812874')).toBe(true);
    expect(isValidNrb('pl61109010140000071219812874')).toBe(true);
    expect(nrbCheckDigits('109010140000071219812874')).toBe('61');
  });

  it('rejects typos, wrong lengths and letters', () => {
    expect(isValidNrb('62109010140000071219812874')).toBe(false);
    expect(isValidNrb('61109010140000071219812847')).toBe(false);
    expect(isValidNrb('6110901014000007121981287')).toBe(false);
    expect(isValidNrb('DE61109010140000071219812874')).toBe(false);
    expect(isValidNrb('')).toBe(false);
    expect(() => nrbCheckDigits('123')).toThrow(/24 digits/);
  });

  it('formats in groups of four after the check digits', () => {
    expect(formatNrb('61109010140000071219812874')).toBe('61 1090 1014 0000 0712 1981 2874');
    expect(nrbToIban('61 1090 1014 0000 0712 1981 2874')).toBe('PL61109010140000071219812874');
    expect(() => formatNrb('12')).toThrow(/26-digit/);
  });

  it('builds virtual customer accounts and reads them back', () => {
    const account = customerAccountNumber('10901014', '123456');
    expect(account).toHaveLength(26);
    expect(isValidNrb(account)).toBe(true);
    expect(account.endsWith('0000000000123456')).toBe(true);
    expect(customerNumberFromAccount('10901014', account)).toBe('123456');
    expect(customerNumberFromAccount('10901014', formatNrb(account))).toBe('123456');
    expect(customerNumberFromAccount('12345678', account)).toBeNull();
    expect(customerNumberFromAccount('10901014', REGISTRY_EXAMPLE)).toBe('71219812874');
  });

  it('throws clear errors when the numbers do not fit', () => {
    expect(() => customerAccountNumber('1090', '1')).toThrow(/between 8 and 23 digits/);
    expect(() => customerAccountNumber('10901014' + '1234567890', '1234567')).toThrow(/room for 6/);
    expect(() => customerAccountNumber('10901014', '12-34')).toThrow(/digits only/);
  });

  it('always yields valid, reversible numbers (property)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{8,14}$/),
        fc.integer({ min: 0, max: 999_999_999 }),
        (prefix, customer) => {
          const account = customerAccountNumber(prefix, String(customer));
          expect(isValidNrb(account)).toBe(true);
          expect(customerNumberFromAccount(prefix, account)).toBe(String(customer));
        },
      ),
    );
  });
});
