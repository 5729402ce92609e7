import { parseCsvStatement } from './csv.ts';
import { looksLikeMt940, parseMt940 } from './mt940.ts';
import { StatementFormatError, type ParsedStatement } from './types.ts';

export * from './types.ts';
export { CSV_ACCOUNT } from './csv.ts';

/** Reads a statement file as MT940/MT942 or as the CSV format, recognised by its content (not its name). */
export function parseStatement(content: string): ParsedStatement {
  if (content.trim() === '') throw new StatementFormatError(1, 'the file is empty');
  return looksLikeMt940(content) ? parseMt940(content) : parseCsvStatement(content);
}

/**
 * The file's text: UTF-8 when it is valid UTF-8, otherwise Windows-1250, the code page Polish banking
 * software still exports in (a Windows-1250 file is almost never valid UTF-8 once it has Polish letters).
 */
export function decodeStatement(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1250').decode(bytes);
  }
}
