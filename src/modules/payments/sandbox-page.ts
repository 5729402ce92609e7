import { createHash } from 'node:crypto';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sandboxPagePath, sandboxSecret, signedSandboxNotification } from '../../adapters/payments/index.ts';
import type { App } from '../../app.ts';
import { formatMoney, grosze } from '../../domain/index.ts';
import { AppError } from '../../http/errors.ts';
import { safeEqual, signature } from '../auth/tokens.ts';
import { notifyPath, returnPath, type PaymentsContext } from './context.ts';

/**
 * The sandbox provider's checkout: a small server-rendered page with "Zapłać", "Odrzuć" and "Porzuć". Paying
 * or declining sends the signed notification through the real webhook, exactly as a provider would; abandoning
 * just returns (the payment then expires). The buttons post JSON with a per-session form token: a cross-site
 * form cannot send JSON without the browser asking first, nor know the token.
 */
const style = `body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
table{width:100%;border-collapse:collapse}td,th{padding:.4rem;border-bottom:1px solid #ccc;text-align:left}
td.amount,th.amount{text-align:right}.note{background:#fff4ce;padding:.6rem;border-radius:.3rem}
button{font-size:1rem;padding:.6rem 1rem;margin:.3rem .3rem 0 0;cursor:pointer}
button:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}`;

// The buttons are named "action", which shadows the form's `action` property: the address is read as an attribute.
const script = `const form=document.getElementById('sandbox');const status=document.getElementById('status');
form.addEventListener('submit',async(event)=>{event.preventDefault();
const action=event.submitter?event.submitter.value:'abandon';const buttons=form.querySelectorAll('button');
buttons.forEach((button)=>{button.disabled=true;});status.textContent='Przetwarzanie…';
try{const response=await fetch(form.getAttribute('action'),{method:'POST',credentials:'same-origin',headers:{'content-type':'application/json'},
body:JSON.stringify({action,formToken:form.elements.formToken.value})});const body=await response.json();
if(!response.ok)throw new Error(body.error?body.error.message:'Błąd');location.assign(body.redirectUrl);}
catch(error){status.textContent=error.message;buttons.forEach((button)=>{button.disabled=false;});}});`;

const SANDBOX_ROUTE = '/payments/sandbox/:sessionId';

const hash = (content: string) => `'sha256-${createHash('sha256').update(content, 'utf8').digest('base64')}'`;
const contentSecurityPolicy = [
  "default-src 'none'",
  `script-src ${hash(script)}`,
  `style-src ${hash(style)}`,
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character]!,
  );
const money = (value: number) => formatMoney(grosze(value), 'pl');

export function sandboxPageRoutes(root: App, context: PaymentsContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const secret = sandboxSecret(context.config.sessionSecret);
  const formToken = (sessionId: string) => signature(context.config.sessionSecret, 'sandbox-page', sessionId);
  const params = z.object({ sessionId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) });
  const findAttempt = (sessionId: string) =>
    context.database.db
      .selectFrom('online_payments')
      .selectAll()
      .where('session_id', '=', sessionId)
      .where('provider', '=', 'sandbox')
      .executeTakeFirst();

  app.get(SANDBOX_ROUTE, { schema: { hide: true, params } }, async (request, reply) => {
    const attempt = await findAttempt(request.params.sessionId);
    reply
      .header('content-security-policy', contentSecurityPolicy)
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .type('text/html; charset=utf-8');
    if (!attempt)
      return reply.code(404).send(page('Nie znaleziono płatności', '<p>Ta płatność nie istnieje.</p>'));
    const back = `${context.config.publicUrl}${returnPath(attempt.id)}`;
    if (attempt.status !== 'pending') {
      return reply.send(
        page(
          'Płatność zakończona',
          `<p>Ta płatność ma już status: <strong>${escapeHtml(attempt.status)}</strong>.</p><p><a href="${escapeHtml(back)}">Wróć do serwisu</a></p>`,
        ),
      );
    }
    const invoices = await context.database.db
      .selectFrom('online_payment_invoices as opi')
      .innerJoin('invoices as i', 'i.id', 'opi.invoice_id')
      .where('opi.online_payment_id', '=', attempt.id)
      .select(['i.number', 'opi.amount_grosze'])
      .orderBy('i.id')
      .execute();
    const rows = invoices
      .map(
        (invoice) =>
          `<tr><td>Faktura ${escapeHtml(invoice.number)}</td><td class="amount">${money(invoice.amount_grosze)}</td></tr>`,
      )
      .join('');
    const body = `<p class="note">To jest symulator operatora płatności (sandbox). Żadne pieniądze nie zostaną pobrane.</p>
<table><caption>Szczegóły płatności</caption><thead><tr><th scope="col">Pozycja</th><th scope="col" class="amount">Kwota</th></tr></thead>
<tbody>${rows}<tr><td>Opłata za płatność online</td><td class="amount">${money(attempt.fee_grosze)}</td></tr></tbody>
<tfoot><tr><th scope="row">Do zapłaty</th><td class="amount"><strong>${money(attempt.total_grosze)}</strong></td></tr></tfoot></table>
<form id="sandbox" method="post" action="${escapeHtml(sandboxPagePath(attempt.session_id))}">
<input type="hidden" name="formToken" value="${escapeHtml(formToken(attempt.session_id))}">
<button type="submit" name="action" value="pay">Zapłać ${money(attempt.total_grosze)}</button>
<button type="submit" name="action" value="decline">Odrzuć płatność</button>
<button type="submit" name="action" value="abandon">Porzuć i wróć</button>
</form>
<p id="status" role="status" aria-live="polite"></p>
<noscript><p>Symulator wymaga włączonej obsługi JavaScriptu.</p></noscript>`;
    return reply.send(page('Płatność testowa', body));
  });

  app.post(
    SANDBOX_ROUTE,
    {
      config: { csrf: 'json-only' },
      schema: {
        hide: true,
        params,
        body: z.object({
          action: z.enum(['pay', 'decline', 'abandon']),
          formToken: z.string().min(1).max(200),
        }),
      },
    },
    async (request) => {
      const attempt = await findAttempt(request.params.sessionId);
      if (!attempt || !safeEqual(formToken(attempt.session_id), request.body.formToken))
        throw new AppError('forbidden', 'Nieprawidłowy formularz płatności.');
      const redirectUrl = `${context.config.publicUrl}${returnPath(attempt.id)}`;
      if (request.body.action === 'abandon') return { redirectUrl };
      const notification = signedSandboxNotification(
        {
          sessionId: attempt.session_id,
          orderId: `SBX-${attempt.id}`,
          amount: attempt.total_grosze,
          currency: attempt.currency,
          status: request.body.action === 'pay' ? 'paid' : 'failed',
        },
        secret,
      );
      // Through the real webhook, signature check included, as a provider's server would call it.
      const delivered = await root.inject({
        method: 'POST',
        url: notifyPath('sandbox'),
        payload: notification,
        headers: { 'content-type': 'application/json' },
      });
      if (delivered.statusCode !== 200)
        throw new AppError('unavailable', 'Operator nie przyjął płatności. Spróbuj ponownie.');
      return { redirectUrl };
    },
  );
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="pl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)} – sandbox</title><style>${style}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>
${body}
</main><script>${script}</script></body></html>`;
}
