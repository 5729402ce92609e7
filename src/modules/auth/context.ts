import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import type { Language } from '../../http/language.ts';
import type { AttemptLimiter } from './attempt-limiter.ts';
import type { EmailContext } from './emails.ts';
import type { Outbox } from './outbox.ts';

/** What the sign-in services need from the application. */
export interface AuthContext {
  db: Kysely<DB>;
  config: Config;
  now: () => Date;
  outbox: Outbox;
  /** Wrong activation codes or invoice data per customer number. */
  registrationAttempts: AttemptLimiter;
}

/** The client a session is opened for, shown to the owner in the list of sessions. */
export interface ClientInfo {
  ip: string;
  userAgent: string | undefined;
}

export function emailContext(context: AuthContext, language: Language): EmailContext {
  return { publicUrl: context.config.publicUrl, utilityName: context.config.seller.name, language };
}
