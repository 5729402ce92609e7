import { notFound } from '../../http/errors.ts';
import { localize, requestLanguage } from '../../http/language.ts';
import { polishDate } from './calendar.ts';
import type { AuthContext } from './context.ts';
import { z } from 'zod';
import { attachmentHeaders, fileAnswer } from '../../http/file-answer.ts';
import { termsAnswer, type ZodApp } from './schemas.ts';
import { renderTermsPdf, termsPdfFileName } from './terms-pdf.ts';
import { currentTerms, termsByVersion } from './terms-store.ts';

const pdfQuery = z.object({
  version: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .describe('A version by its name, e.g. the one accepted earlier; by default the one in force.'),
});

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

  const pdfRoutes = [
    { path: '/api/v1/terms/ibok.pdf', document: 'ibok', name: 'iBOK terms' },
    { path: '/api/v1/terms/e-invoice.pdf', document: 'e_invoice', name: 'e-invoice terms' },
  ] as const;
  for (const { path, document, name } of pdfRoutes) {
    app.get(
      path,
      {
        schema: {
          tags: ['terms'],
          summary: `The ${name} as a PDF to keep (in the language of Accept-Language)`,
          querystring: pdfQuery,
          response: {
            200: fileAnswer('application/pdf', `The ${name}; the file is named after the version.`),
          },
        },
      },
      async (request, reply) => {
        const language = requestLanguage(request);
        const { version } = request.query;
        const terms = version
          ? await termsByVersion(context.db, document, version)
          : await currentTerms(context.db, document, polishDate(context.now()));
        if (!terms) {
          throw notFound(
            localize(
              version
                ? {
                    pl: `Nie ma regulaminu w wersji ${version}.`,
                    en: `There are no terms of version ${version}.`,
                  }
                : {
                    pl: 'Regulamin nie został jeszcze opublikowany.',
                    en: 'The terms are not published yet.',
                  },
              language,
            ),
          );
        }
        const pdf = await renderTermsPdf(terms, language, context.config.seller);
        // Public and the same for everyone: a short cache is safe, and the version in the name tells copies apart.
        return reply
          .headers(
            attachmentHeaders(
              termsPdfFileName(document, terms.version),
              'application/pdf',
              'public, max-age=300',
            ),
          )
          .send(pdf);
      },
    );
  }
}
