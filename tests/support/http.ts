import type { ErrorBody } from '../../src/http/errors.ts';

interface JsonResponse {
  json<T>(): T;
}

/** The `error` of an error answer (`{ error: { code, message, fields? } }`). */
export function errorOf(response: JsonResponse): ErrorBody['error'] {
  return response.json<ErrorBody>().error;
}

/** The field messages of a 400 answer; empty when there are none. */
export function fieldsOf(response: JsonResponse): Record<string, string> {
  return errorOf(response).fields ?? {};
}
