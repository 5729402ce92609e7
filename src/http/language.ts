import type { FastifyRequest } from 'fastify';

export type Language = 'pl' | 'en';

/** A text in both UI languages; Polish is the default everywhere. */
export interface Localized {
  pl: string;
  en: string;
}

export function localize(text: Localized, language: Language): string {
  return text[language];
}

/**
 * The language the caller asked for with Accept-Language: English only when it outranks Polish
 * ("en-GB,en;q=0.9" → en; "pl,en;q=0.8" → pl); anything else is Polish.
 */
export function languageFromHeader(header: string | undefined): Language {
  if (!header) return 'pl';
  let best: { language: Language; quality: number } | undefined;
  for (const entry of header.split(',')) {
    const [tag = '', ...parameters] = entry.trim().toLowerCase().split(';');
    const primary = tag.split('-')[0];
    if (primary !== 'pl' && primary !== 'en') continue;
    const qualityParameter = parameters
      .map((parameter) => parameter.trim())
      .find((parameter) => parameter.startsWith('q='));
    const quality = qualityParameter === undefined ? 1 : Number(qualityParameter.slice(2));
    if (Number.isFinite(quality) && quality > 0 && (!best || quality > best.quality))
      best = { language: primary, quality };
  }
  return best?.language ?? 'pl';
}

/** The signed-in customer's own language wins; otherwise the request header decides. */
export function requestLanguage(request: FastifyRequest): Language {
  return request.customerAccess?.language ?? languageFromHeader(request.headers['accept-language']);
}
