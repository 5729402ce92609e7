import type { TFunction } from 'i18next';
import { ApiError } from './api.ts';

/** The sentence to show for a failed call: the server's own message, or ours when it could not answer. */
export function errorMessage(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    if (error.code === 'network') return t('errors.network');
    if (error.status >= 500) return t('errors.internal');
    return error.message;
  }
  return t('errors.unexpected');
}
