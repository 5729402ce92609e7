import { ProviderError, type ProviderName } from './provider.ts';

export interface ProviderResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON body, or undefined when the body was empty or not JSON. */
  json: unknown;
}

const TIMEOUT_MS = 15_000;

/**
 * One HTTP call to a provider. Redirects are not followed (PayU answers an order with 302 and a JSON body).
 * Failures become ProviderError with the status only: provider error texts may echo request data.
 */
export async function callProvider(
  provider: ProviderName,
  url: string,
  init: { method: string; headers?: Record<string, string>; body?: string },
): Promise<ProviderResponse> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method,
      headers: init.headers ?? {},
      ...(init.body === undefined ? {} : { body: init.body }),
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    const reason = error instanceof Error ? error.name : 'error';
    throw new ProviderError(
      provider,
      `${provider}: ${init.method} ${new URL(url).pathname} failed (${reason})`,
    );
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, json };
}

export function requireOk(
  provider: ProviderName,
  url: string,
  response: ProviderResponse,
  accepted: number[] = [200],
): void {
  if (!accepted.includes(response.status)) {
    throw new ProviderError(
      provider,
      `${provider}: ${new URL(url).pathname} answered HTTP ${response.status}`,
    );
  }
}

/** Reads a nested field of an unknown JSON value without trusting its shape. */
export function field(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

export const asString = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;

/** An amount in grosze sent as a JSON number or a digit string ("7072"); anything else is undefined. */
export function asGrosze(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'string' && /^-?[0-9]{1,15}$/.test(value)) return Number(value);
  return undefined;
}
