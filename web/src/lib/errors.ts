import type { TFunction } from 'i18next';
import { ApiError, NETWORK_ERROR, UNEXPECTED_RESPONSE } from './api.ts';

/**
 * The sentence to show for a failed request. The server writes its own messages (and gets the UI
 * language as Accept-Language); only the failures the browser detects itself are translated here.
 */
export function errorText(error: unknown, t: TFunction<'common'>): string {
  if (error instanceof ApiError) {
    if (error.code === NETWORK_ERROR) return t('errors.network_error');
    if (error.code === UNEXPECTED_RESPONSE) return t('errors.unexpected_response');
    if (error.message) return error.message;
  }
  return t('errors.unknown');
}
