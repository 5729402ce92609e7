import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Przelewy24's signature (the sandbox provider uses the same scheme): SHA-384 of the JSON object of the named
 * fields, in the documented order, with the CRC key as the last field. JSON.stringify escapes neither slashes
 * nor non-ASCII letters, which matches the provider's encoding (PHP JSON_UNESCAPED_UNICODE | _SLASHES).
 */
export function sha384Sign(fields: ReadonlyArray<readonly [string, string | number]>): string {
  const object: Record<string, string | number> = {};
  for (const [name, value] of fields) object[name] = value;
  return createHash('sha384').update(JSON.stringify(object), 'utf8').digest('hex');
}

/** Constant-time comparison of two hex digests (case-insensitive); false for different lengths. */
export function sameDigest(expected: string, presented: string): boolean {
  const left = Buffer.from(expected.toLowerCase(), 'utf8');
  const right = Buffer.from(presented.toLowerCase(), 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
