/**
 * One error shape for every failure: `{ error: { code, message, fields? } }`.
 * Services throw AppError with a stable code; the HTTP layer maps it to a status.
 */
export type ErrorCode =
  | 'bad_request'
  | 'validation_failed'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'unavailable'
  | 'internal'
  | 'unsupported_media_type'
  | 'invalid_token'
  | 'totp_required'
  | 'email_not_verified'
  | 'terms_not_accepted'
  | 'account_locked';

const statusOf: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
  unsupported_media_type: 415,
  // A verification or reset link that is unknown, used or expired.
  invalid_token: 400,
  // The password was right; the authenticator code is still due.
  totp_required: 401,
  email_not_verified: 403,
  // The signed-in customer must accept the current iBOK terms before using the portal.
  terms_not_accepted: 403,
  // Too many failed sign-ins to one account: locked for a while, whatever the IP address.
  account_locked: 423,
};

export interface ErrorBody {
  error: { code: ErrorCode; message: string; fields?: Record<string, string> };
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }

  get status(): number {
    return statusOf[this.code];
  }

  toBody(): ErrorBody {
    return {
      error: { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) },
    };
  }
}

export const notFound = (message = 'Nie znaleziono.') => new AppError('not_found', message);
