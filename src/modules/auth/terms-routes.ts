import { notFound } from '../../http/errors.ts';
import { localize, requestLanguage } from '../../http/language.ts';
import { polishDate } from './calendar.ts';
import type { AuthContext } from './context.ts';
import { termsAnswer, type ZodApp } from './schemas.ts';
import { currentTerms } from './terms-store.ts';

export function termsRoutes(app: ZodApp, context: AuthContext): void {
  app.get(
    '/api/v1/terms/ibok/current',
    {
      schema: {
        tags: ['terms'],
        summary: 'The iBOK terms in force (in the language of Accept-Language)',
        response: { 200: termsAnswer },
      },
    },
    async (request) => {
      const language = requestLanguage(request);
      const terms = await currentTerms(context.db, 'ibok', polishDate(context.now()));
      if (!terms)
        throw notFound(
          localize(
            { pl: 'Regulamin nie został jeszcze opublikowany.', en: 'The terms are not published yet.' },
            language,
          ),
        );
      return {
        version: terms.version,
        effectiveFrom: terms.effectiveFrom,
        title: localize(terms.title, language),
        body: localize(terms.body, language),
      };
    },
  );
}
