import { describe, expect, it } from 'vitest';
import { isSealed, openSecret, sealSecret, SealedSecretError } from './sealed-secret.ts';

const key = 'an-encryption-key-that-is-long-enough-0123456789';
const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

describe('sealed authenticator secrets', () => {
  it('seals so that the stored value does not show the secret, and opens it back', () => {
    const sealed = sealSecret(key, secret);
    expect(sealed).toMatch(/^sealed:v1:[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain(secret);
    expect(isSealed(sealed)).toBe(true);
    expect(openSecret(key, sealed)).toBe(secret);
    // A fresh nonce each time: two rows with the same secret do not reveal that they are the same.
    expect(sealSecret(key, secret)).not.toBe(sealed);
  });

  it('refuses another key and any change to the sealed value', () => {
    const sealed = sealSecret(key, secret);
    expect(() => openSecret('another-key-that-is-also-long-enough-987654321', sealed)).toThrow(
      SealedSecretError,
    );
    const [iv, ciphertext, tag] = sealed.slice('sealed:v1:'.length).split('.') as [string, string, string];
    const flipped = Buffer.from(ciphertext, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => openSecret(key, `sealed:v1:${iv}.${flipped.toString('base64url')}.${tag}`)).toThrow(
      /cannot be opened/,
    );
    expect(() => openSecret(key, `sealed:v1:${iv}.${ciphertext}`)).toThrow(/malformed/);
  });

  it('reads a secret saved before sealing existed as it is', () => {
    expect(isSealed(secret)).toBe(false);
    expect(openSecret(key, secret)).toBe(secret);
  });
});
