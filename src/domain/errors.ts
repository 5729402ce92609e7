/**
 * Every rule violation in the pure domain is a DomainError with a stable machine code, so the HTTP layer
 * can map it to a 400 with a translated message and the CLI can print "line N: reason" without parsing text.
 */
export class DomainError extends Error {
  readonly code: string;
  readonly details: Readonly<Record<string, string | number>>;

  constructor(code: string, message: string, details: Readonly<Record<string, string | number>> = {}) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
