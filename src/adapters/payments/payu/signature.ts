import { createHash } from 'node:crypto';
import { sameDigest } from '../signing.ts';

/**
 * PayU signs each notification in the OpenPayu-Signature header:
 *   sender=checkout;signature=<hex>;algorithm=MD5;content=DOCUMENT
 * where signature = hash(body + second key), the body taken byte for byte as received.
 */
const algorithms: Record<string, string> = {
  MD5: 'md5',
  SHA: 'sha1',
  SHA1: 'sha1',
  'SHA-1': 'sha1',
  SHA256: 'sha256',
  'SHA-256': 'sha256',
  SHA384: 'sha384',
  'SHA-384': 'sha384',
  SHA512: 'sha512',
  'SHA-512': 'sha512',
};

export function parseSignatureHeader(header: string): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const piece of header.split(';')) {
    const separator = piece.indexOf('=');
    if (separator > 0)
      parts[piece.slice(0, separator).trim().toLowerCase()] = piece.slice(separator + 1).trim();
  }
  return parts;
}

export function payuSignature(body: string, secondKey: string, algorithm = 'MD5'): string {
  const hash = algorithms[algorithm.toUpperCase()];
  if (!hash) throw new Error(`unsupported signature algorithm ${algorithm}`);
  return createHash(hash)
    .update(body + secondKey, 'utf8')
    .digest('hex');
}

export function signatureHeader(body: string, secondKey: string, algorithm = 'MD5'): string {
  return `sender=checkout;signature=${payuSignature(body, secondKey, algorithm)};algorithm=${algorithm};content=DOCUMENT`;
}

/** True when the header's signature matches the body with our second key, by a supported algorithm. */
export function isValidSignature(header: string | undefined, body: string, secondKey: string): boolean {
  if (!header) return false;
  const parts = parseSignatureHeader(header);
  const algorithm = (parts['algorithm'] ?? 'MD5').toUpperCase();
  const presented = parts['signature'];
  if (!presented || !algorithms[algorithm]) return false;
  return sameDigest(payuSignature(body, secondKey, algorithm), presented);
}
