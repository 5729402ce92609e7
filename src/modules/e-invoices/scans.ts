import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Scans of signed paper statements, kept as files under DATA_DIR/scans (the database keeps the file name).
 * Only PDF, JPEG and PNG are accepted, recognised by their first bytes rather than by what the client
 * claims, so a stored scan is always a document a browser shows and never something to run.
 */

export const MAXIMUM_SCAN_BYTES = 10 * 1024 * 1024;

export const SCAN_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type ScanContentType = (typeof SCAN_TYPES)[number];

const extensions: Record<ScanContentType, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
};

/** The type the content really is, or undefined when it is none of the accepted ones. */
export function detectScanType(content: Buffer): ScanContentType | undefined {
  if (content.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff) return 'image/jpeg';
  if (content.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  return undefined;
}

export function scanDirectory(dataDirectory: string): string {
  return path.join(dataDirectory, 'scans');
}

/** Writes the scan under a fresh random name (never one the client chose) and returns that name. */
export async function storeScan(
  dataDirectory: string,
  consentId: number,
  content: Buffer,
  type: ScanContentType,
): Promise<string> {
  const directory = scanDirectory(dataDirectory);
  await mkdir(directory, { recursive: true, mode: 0o700 });
  const name = `consent-${consentId}-${randomBytes(8).toString('hex')}.${extensions[type]}`;
  // Written aside and renamed, so a crash never leaves half a file under the name the database points to.
  const temporary = path.join(directory, `.${name}.partial`);
  await writeFile(temporary, content, { mode: 0o600 });
  await rename(temporary, path.join(directory, name));
  return name;
}

export async function readScan(dataDirectory: string, name: string): Promise<Buffer> {
  if (path.basename(name) !== name || name.startsWith('.')) throw new Error('not a stored scan');
  return readFile(path.join(scanDirectory(dataDirectory), name));
}
