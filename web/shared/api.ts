/**
 * The one way the client talks to the JSON API: same-origin cookies, JSON bodies, the CSRF token on every
 * state-changing request, and one typed error for every failure (`{ error: { code, message, fields? } }`).
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

/** Raised for every failed call; `code` is the server's stable code, or `network` when no answer came. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Customer and staff sessions are separate cookies, each with its own CSRF token. */
export type SessionRealm = 'customer' | 'staff';

const csrfTokens: Record<SessionRealm, string | null> = { customer: null, staff: null };

export function setCsrfToken(realm: SessionRealm, token: string | null): void {
  csrfTokens[realm] = token;
}

export function realmOf(path: string): SessionRealm {
  return path.startsWith('/api/v1/staff/') ? 'staff' : 'customer';
}

const changesState = (method: HttpMethod) => method !== 'GET';

export interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
}

export async function request<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
  return (await send<T>(method, path, options)).payload;
}

/** An answer with the time the server produced it (its `Date` header, else now). */
export interface Dated<T> {
  data: T;
  /** Milliseconds since the epoch: an answer from the service worker's cache keeps its original time. */
  servedAt: number;
}

/** GET that also says how old the answer is, for views that may come from the offline cache. */
export async function getDated<T>(path: string, signal?: AbortSignal): Promise<Dated<T>> {
  const { payload, response } = await send<T>('GET', path, signal ? { signal } : {});
  const served = Date.parse(response.headers.get('date') ?? '');
  return { data: payload, servedAt: Number.isNaN(served) ? Date.now() : served };
}

async function send<T>(
  method: HttpMethod,
  path: string,
  options: RequestOptions,
): Promise<{ payload: T; response: Response }> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (typeof document !== 'undefined' && document.documentElement.lang) {
    headers['Accept-Language'] = document.documentElement.lang;
  }
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const token = csrfTokens[realmOf(path)];
  if (changesState(method) && token) headers['X-CSRF-Token'] = token;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network', 'Brak połączenia z serwerem. Sprawdź połączenie z internetem.');
  }

  const payload = await readJson(response);
  if (!response.ok) throw toApiError(response.status, payload);
  return { payload: payload as T, response };
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function toApiError(status: number, payload: unknown): ApiError {
  if (isErrorBody(payload)) {
    const { code, message, fields } = payload.error;
    return new ApiError(status, code, message, fields ?? {});
  }
  return new ApiError(
    status,
    status >= 500 ? 'internal' : 'bad_request',
    `Serwer odpowiedział błędem ${status}.`,
  );
}

function isErrorBody(payload: unknown): payload is ApiErrorBody {
  if (typeof payload !== 'object' || payload === null || !('error' in payload)) return false;
  const error = payload.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  );
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => request<T>('GET', path, signal ? { signal } : {}),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
