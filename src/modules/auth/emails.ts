import type { MailMessage } from '../../adapters/mail/index.ts';
import type { Language } from '../../http/language.ts';

/** Portal pages that open the links; the token travels in the query string and is posted back by the page. */
export const VERIFY_EMAIL_PATH = '/verify-email';
export const RESET_PASSWORD_PATH = '/reset-password';
export const CHANGE_EMAIL_PATH = '/change-email';
export const SIGN_IN_PATH = '/login';

export interface EmailContext {
  publicUrl: string;
  utilityName: string;
  language: Language;
}

type Content = Pick<MailMessage, 'subject' | 'text' | 'html'>;

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** Plain text first (many mail clients and screen readers prefer it); the html part is the same words. */
function compose(
  subject: string,
  paragraphs: string[],
  link: { url: string; label: string } | undefined,
  footer: string,
): Content {
  const text = [...paragraphs, ...(link ? [`${link.label}:\n${link.url}`] : []), `--\n${footer}`].join(
    '\n\n',
  );
  const html = [
    '<!doctype html><html><body style="font-family:Arial,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a">',
    ...paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`),
    ...(link ? [`<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p>`] : []),
    `<p style="color:#555;font-size:13px">${escapeHtml(footer)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}

const footerOf = (context: EmailContext) =>
  context.language === 'pl'
    ? `${context.utilityName} — Internetowe Biuro Obsługi Klienta (iBOK). Wiadomość wysłana automatycznie, prosimy na nią nie odpowiadać.`
    : `${context.utilityName} — online customer office (iBOK). This message was sent automatically; please do not reply.`;

const linkTo = (context: EmailContext, path: string, token?: string) =>
  `${context.publicUrl}${path}${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`;

export function verificationEmail(context: EmailContext, token: string, validHours: number): Content {
  const url = linkTo(context, VERIFY_EMAIL_PATH, token);
  return context.language === 'pl'
    ? compose(
        'Potwierdź adres e-mail w iBOK',
        [
          'Dzień dobry,',
          'dziękujemy za rejestrację w Internetowym Biurze Obsługi Klienta. Aby dokończyć zakładanie konta, potwierdź adres e-mail, otwierając poniższy link.',
          `Link jest ważny ${validHours} godz. i działa jeden raz. Jeśli to nie Ty zakładałeś konto, zignoruj tę wiadomość.`,
        ],
        { url, label: 'Potwierdź adres e-mail' },
        footerOf(context),
      )
    : compose(
        'Confirm your e-mail address for iBOK',
        [
          'Hello,',
          'thank you for registering with the online customer office. To finish creating your account, confirm your e-mail address by opening the link below.',
          `The link is valid for ${validHours} hours and works once. If you did not register, please ignore this message.`,
        ],
        { url, label: 'Confirm e-mail address' },
        footerOf(context),
      );
}

/** Sent instead of a second account: the registration form answers the same either way. */
export function alreadyRegisteredEmail(context: EmailContext): Content {
  const url = linkTo(context, RESET_PASSWORD_PATH);
  return context.language === 'pl'
    ? compose(
        'Konto iBOK dla tego adresu już istnieje',
        [
          'Dzień dobry,',
          'ktoś (być może Ty) próbował założyć konto w iBOK na ten adres e-mail, ale konto z tym adresem już istnieje. Nowe konto nie zostało utworzone.',
          'Jeśli nie pamiętasz hasła, możesz je ustawić na nowo. Jeśli to nie Ty, zignoruj tę wiadomość — Twoje konto pozostaje bez zmian.',
        ],
        { url, label: 'Ustaw nowe hasło' },
        footerOf(context),
      )
    : compose(
        'An iBOK account for this address already exists',
        [
          'Hello,',
          'someone (perhaps you) tried to register with iBOK using this e-mail address, but an account with this address already exists. No new account was created.',
          'If you forgot your password, you can set a new one. If this was not you, please ignore this message; your account is unchanged.',
        ],
        { url, label: 'Set a new password' },
        footerOf(context),
      );
}

export function passwordResetEmail(context: EmailContext, token: string, validMinutes: number): Content {
  const url = linkTo(context, RESET_PASSWORD_PATH, token);
  return context.language === 'pl'
    ? compose(
        'Ustaw nowe hasło do iBOK',
        [
          'Dzień dobry,',
          'otrzymaliśmy prośbę o ustawienie nowego hasła do Twojego konta w iBOK. Otwórz poniższy link, aby wybrać nowe hasło.',
          `Link jest ważny ${validMinutes} minut i działa jeden raz. Po zmianie hasła wszystkie dotychczasowe sesje zostaną wylogowane. Jeśli to nie Ty prosiłeś o zmianę, zignoruj tę wiadomość.`,
        ],
        { url, label: 'Ustaw nowe hasło' },
        footerOf(context),
      )
    : compose(
        'Set a new password for iBOK',
        [
          'Hello,',
          'we received a request to set a new password for your iBOK account. Open the link below to choose a new password.',
          `The link is valid for ${validMinutes} minutes and works once. After the change, all existing sessions are signed out. If you did not ask for this, please ignore this message.`,
        ],
        { url, label: 'Set a new password' },
        footerOf(context),
      );
}

export function passwordChangedEmail(context: EmailContext): Content {
  const url = linkTo(context, RESET_PASSWORD_PATH);
  return context.language === 'pl'
    ? compose(
        'Hasło do iBOK zostało zmienione',
        [
          'Dzień dobry,',
          'hasło do Twojego konta w iBOK zostało właśnie zmienione, a wszystkie sesje wylogowane.',
          'Jeśli to nie Ty zmieniłeś hasło, natychmiast ustaw nowe i skontaktuj się z Biurem Obsługi Klienta.',
        ],
        { url, label: 'Ustaw nowe hasło' },
        footerOf(context),
      )
    : compose(
        'Your iBOK password was changed',
        [
          'Hello,',
          'the password of your iBOK account was just changed and all sessions were signed out.',
          'If you did not change it, set a new password at once and contact customer service.',
        ],
        { url, label: 'Set a new password' },
        footerOf(context),
      );
}

/** To the new address: the link that makes it the sign-in address. */
export function confirmEmailChangeEmail(context: EmailContext, token: string, validHours: number): Content {
  const url = linkTo(context, CHANGE_EMAIL_PATH, token);
  return context.language === 'pl'
    ? compose(
        'Potwierdź nowy adres e-mail w iBOK',
        [
          'Dzień dobry,',
          'poproszono o zmianę adresu e-mail, którym logujesz się do iBOK, na ten adres. Aby go potwierdzić, otwórz poniższy link.',
          `Link jest ważny ${validHours} godz. i działa jeden raz. Jeśli to nie Ty prosiłeś o zmianę, zignoruj tę wiadomość — nic się nie zmieni.`,
        ],
        { url, label: 'Potwierdź nowy adres e-mail' },
        footerOf(context),
      )
    : compose(
        'Confirm your new e-mail address for iBOK',
        [
          'Hello,',
          'a change of the e-mail address you sign in to iBOK with was requested, to this address. To confirm it, open the link below.',
          `The link is valid for ${validHours} hours and works once. If you did not ask for this, please ignore this message; nothing will change.`,
        ],
        { url, label: 'Confirm the new e-mail address' },
        footerOf(context),
      );
}

/** To the current address when a change is asked for: the owner learns of it before it happens. */
export function emailChangeRequestedEmail(context: EmailContext, newEmail: string): Content {
  const url = linkTo(context, RESET_PASSWORD_PATH);
  return context.language === 'pl'
    ? compose(
        'Prośba o zmianę adresu e-mail w iBOK',
        [
          'Dzień dobry,',
          `poproszono o zmianę adresu e-mail logowania do Twojego konta w iBOK na ${newEmail}. Zmiana nastąpi dopiero po otwarciu linku wysłanego na nowy adres.`,
          'Jeśli to nie Ty, ustaw nowe hasło i skontaktuj się z Biurem Obsługi Klienta.',
        ],
        { url, label: 'Ustaw nowe hasło' },
        footerOf(context),
      )
    : compose(
        'Request to change your iBOK e-mail address',
        [
          'Hello,',
          `a change of your iBOK sign-in address to ${newEmail} was requested. It takes effect only when the link sent to the new address is opened.`,
          'If this was not you, set a new password and contact customer service.',
        ],
        { url, label: 'Set a new password' },
        footerOf(context),
      );
}

/** To an address that already has an account: no link, and the form answers as if one was sent. */
export function emailChangeTakenEmail(context: EmailContext): Content {
  return context.language === 'pl'
    ? compose(
        'Ten adres e-mail ma już konto w iBOK',
        [
          'Dzień dobry,',
          'ktoś (być może Ty) próbował ustawić ten adres jako adres logowania innego konta w iBOK, ale ten adres ma już własne konto. Nic nie zostało zmienione.',
          'Jeśli to nie Ty, zignoruj tę wiadomość.',
        ],
        undefined,
        footerOf(context),
      )
    : compose(
        'This e-mail address already has an iBOK account',
        [
          'Hello,',
          'someone (perhaps you) tried to make this address the sign-in address of another iBOK account, but it already has an account of its own. Nothing was changed.',
          'If this was not you, please ignore this message.',
        ],
        undefined,
        footerOf(context),
      );
}

/** To the old address once the change is made. */
export function emailChangedEmail(context: EmailContext, newEmail: string): Content {
  return context.language === 'pl'
    ? compose(
        'Adres e-mail w iBOK został zmieniony',
        [
          'Dzień dobry,',
          `od teraz logujesz się do iBOK adresem ${newEmail}. Na ten adres nie będziemy już wysyłać wiadomości o koncie.`,
          'Jeśli to nie Ty zmieniłeś adres, pilnie skontaktuj się z Biurem Obsługi Klienta.',
        ],
        undefined,
        footerOf(context),
      )
    : compose(
        'Your iBOK e-mail address was changed',
        [
          'Hello,',
          `from now on you sign in to iBOK with ${newEmail}. We will no longer send account messages to this address.`,
          'If you did not change it, contact customer service at once.',
        ],
        undefined,
        footerOf(context),
      );
}

/** To a login whose two-step sign-in the office turned off (a lost phone): sign-in asks for the password only. */
export function twoFactorTurnedOffEmail(context: EmailContext): Content {
  const url = linkTo(context, SIGN_IN_PATH);
  return context.language === 'pl'
    ? compose(
        'Logowanie dwuetapowe w iBOK zostało wyłączone',
        [
          'Dzień dobry,',
          'na Twoją prośbę Biuro Obsługi Klienta wyłączyło logowanie dwuetapowe Twojego konta w iBOK. Do zalogowania wystarczy teraz hasło; po zalogowaniu możesz ponownie włączyć logowanie dwuetapowe w profilu.',
          'Jeśli to nie Ty o to prosiłeś, natychmiast ustaw nowe hasło i skontaktuj się z Biurem Obsługi Klienta.',
        ],
        { url, label: 'Zaloguj się' },
        footerOf(context),
      )
    : compose(
        'Two-step sign-in to iBOK was turned off',
        [
          'Hello,',
          'at your request customer service turned off two-step sign-in of your iBOK account. The password alone now signs you in; once signed in, you can turn two-step sign-in on again in your profile.',
          'If you did not ask for this, set a new password at once and contact customer service.',
        ],
        { url, label: 'Sign in' },
        footerOf(context),
      );
}
