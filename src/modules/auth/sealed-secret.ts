import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Authenticator (TOTP) secrets are kept sealed with AES-256-GCM: a copy of the database alone (a backup, a
 * replica, a leaked dump) cannot produce sign-in codes. The key is derived from ENCRYPTION_KEY (by default
 * the session secret), so it lives in the environment, never beside the data.
 *
 * Stored form: `sealed:v1:<iv>.<ciphertext>.<tag>` (base64url). A value without the prefix is a secret saved
 * before sealing existed; it is still read, and sealed the next time its owner signs in with it.
 */
const prefix = 'sealed:v1:';
const purpose = 'ibok/authenticator-secrets/v1';

export class SealedSecretError extends Error {}

function keyOf(keyMaterial: string): Buffer {
  return Buffer.from(hkdfSync('sha256', keyMaterial, Buffer.alloc(0), purpose, 32));
}

export function isSealed(stored: string): boolean {
  return stored.startsWith(prefix);
}

export function sealSecret(keyMaterial: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(keyMaterial), iv);
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  const parts = [iv, ciphertext, cipher.getAuthTag()].map((part) => part.toString('base64url'));
  return `${prefix}${parts.join('.')}`;
}

/** The secret itself; a value sealed under another key (ENCRYPTION_KEY changed) fails loudly, never quietly. */
export function openSecret(keyMaterial: string, stored: string): string {
  if (!isSealed(stored)) return stored;
  const [iv, ciphertext, tag] = stored
    .slice(prefix.length)
    .split('.')
    .map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !ciphertext || !tag) throw new SealedSecretError('a sealed authenticator secret is malformed');
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyOf(keyMaterial), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    throw new SealedSecretError(
      'a sealed authenticator secret cannot be opened: was ENCRYPTION_KEY (or SESSION_SECRET) changed?',
    );
  }
}
