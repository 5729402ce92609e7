import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../http/errors.ts';
import { localize, type Language } from '../../http/language.ts';
import { appendAudit } from '../audit/log.ts';
import { polishDate } from '../auth/calendar.ts';
import {
  customerSummaries,
  eInvoiceTerms,
  insertConsent,
  latestConsents,
  type ConsentAction,
  type ConsentChannel,
  type CustomerSummary,
  type Executor,
} from './consent-store.ts';

/**
 * e-invoice consent (VAT act art. 106n: invoices may be sent electronically once the buyer accepts it; the
 * form of acceptance is free). Every grant and withdrawal is a new row, never an update, so the history shows
 * who accepted, when, how (portal or signed paper form), with which terms and for which address. The latest
 * row is the state; the billing run reads it when it issues an invoice, so a change affects the invoices
 * issued after it, never one already issued.
 */

export interface ConsentStatus {
  customer: CustomerSummary;
  active: boolean;
  email: string | null;
  since: Date | null;
  channel: ConsentChannel | null;
  termsVersion: string | null;
}

export async function consentStatuses(
  db: Executor,
  customerIds: readonly number[],
): Promise<ConsentStatus[]> {
  const customers = await customerSummaries(db, customerIds);
  const latest = await latestConsents(
    db,
    customers.map((customer) => customer.id),
  );
  return customers.map((customer) => {
    const record = latest.get(customer.id);
    const active = record?.action === 'granted';
    return {
      customer,
      active,
      email: active ? record.email : null,
      since: record?.recordedAt ?? null,
      channel: record?.channel ?? null,
      termsVersion: active ? record.termsVersion : null,
    };
  });
}

const termsChanged = (language: Language, current: string) =>
  new AppError(
    'conflict',
    localize(
      {
        pl: `Regulamin e-faktur zmienił się (aktualna wersja: ${current}). Zapoznaj się z nim i zaakceptuj ponownie.`,
        en: `The e-invoice terms have changed (current version: ${current}). Please read and accept them again.`,
      },
      language,
    ),
  );

const termsMissing = (language: Language) =>
  new AppError(
    'conflict',
    localize(
      {
        pl: 'Regulamin e-faktur nie został jeszcze opublikowany.',
        en: 'The e-invoice terms have not been published yet.',
      },
      language,
    ),
  );

interface Actor {
  kind: 'customer' | 'staff';
  id: number;
  ip: string;
}

async function lockCustomer(db: Executor, customerId: number, language: Language): Promise<void> {
  // Serialises changes of one customer's consent, so two clicks cannot write two grants.
  const row = await db
    .selectFrom('customers')
    .select('id')
    .where('id', '=', customerId)
    .forUpdate()
    .executeTakeFirst();
  if (!row)
    throw new AppError(
      'not_found',
      localize({ pl: 'Nie znaleziono klienta.', en: 'Customer not found.' }, language),
    );
}

async function audit(
  db: Executor,
  actor: Actor,
  customerId: number,
  after: { action: ConsentAction; channel: ConsentChannel; consentId: number; termsVersion: string | null },
  now: Date,
): Promise<void> {
  await appendAudit(
    db,
    { kind: actor.kind, id: actor.id, ip: actor.ip },
    {
      action: after.action === 'granted' ? 'e_invoice.consent_granted' : 'e_invoice.consent_withdrawn',
      entity: 'customer',
      entityId: customerId,
      // The address itself stays in the consent row: the audit log is read more widely.
      after,
    },
    now,
  );
}

async function statusOf(db: Executor, customerId: number): Promise<ConsentStatus> {
  const [status] = await consentStatuses(db, [customerId]);
  if (!status) throw new Error(`customer ${customerId} disappeared`);
  return status;
}

/** Accepting in the portal: the caller shows the terms, the customer confirms the version read and an address. */
export async function acceptInPortal(
  database: { db: Kysely<DB> },
  request: {
    customerId: number;
    loginId: number;
    email: string;
    termsVersion: string;
    ip: string;
    now: Date;
    language: Language;
  },
): Promise<ConsentStatus> {
  return database.db.transaction().execute(async (trx) => {
    await lockCustomer(trx, request.customerId, request.language);
    const current = await eInvoiceTerms(trx, { onDate: polishDate(request.now) });
    if (!current) throw termsMissing(request.language);
    if (current.version !== request.termsVersion) throw termsChanged(request.language, current.version);
    const before = await statusOf(trx, request.customerId);
    const email = request.email.trim();
    if (
      before.active &&
      before.email?.toLowerCase() === email.toLowerCase() &&
      before.termsVersion === current.version
    ) {
      return before;
    }
    const consentId = await insertConsent(trx, {
      customerId: request.customerId,
      action: 'granted',
      channel: 'portal',
      email,
      termsVersionId: current.id,
      recordedAt: request.now,
      ip: request.ip,
      customerLoginId: request.loginId,
      staffUserId: null,
      paperReceivedOn: null,
    });
    await audit(
      trx,
      { kind: 'customer', id: request.loginId, ip: request.ip },
      request.customerId,
      { action: 'granted', channel: 'portal', consentId, termsVersion: current.version },
      request.now,
    );
    return statusOf(trx, request.customerId);
  });
}

export async function withdrawInPortal(
  database: { db: Kysely<DB> },
  request: { customerId: number; loginId: number; ip: string; now: Date; language: Language },
): Promise<ConsentStatus> {
  return database.db.transaction().execute(async (trx) => {
    await lockCustomer(trx, request.customerId, request.language);
    const before = await statusOf(trx, request.customerId);
    if (!before.active) return before;
    const consentId = await insertConsent(trx, {
      customerId: request.customerId,
      action: 'withdrawn',
      channel: 'portal',
      email: null,
      termsVersionId: null,
      recordedAt: request.now,
      ip: request.ip,
      customerLoginId: request.loginId,
      staffUserId: null,
      paperReceivedOn: null,
    });
    await audit(
      trx,
      { kind: 'customer', id: request.loginId, ip: request.ip },
      request.customerId,
      { action: 'withdrawn', channel: 'portal', consentId, termsVersion: null },
      request.now,
    );
    return statusOf(trx, request.customerId);
  });
}

export interface PaperConsentRequest {
  customerId: number;
  staffUserId: number;
  action: ConsentAction;
  email: string | undefined;
  receivedOn: string;
  /** The terms version printed on the form; by default the version in force on the day it was received. */
  termsVersion: string | undefined;
  ip: string;
  now: Date;
  language: Language;
}

/** A signed paper statement (or a written withdrawal) received at the office or by post. */
export async function recordPaperConsent(
  database: { db: Kysely<DB> },
  request: PaperConsentRequest,
): Promise<{ consentId: number; status: ConsentStatus }> {
  const today = polishDate(request.now);
  const invalid = (field: string, text: { pl: string; en: string }) =>
    new AppError(
      'validation_failed',
      localize({ pl: 'Popraw zaznaczone pola.', en: 'Please correct the marked fields.' }, request.language),
      {
        [field]: localize(text, request.language),
      },
    );
  if (request.receivedOn > today) {
    throw invalid('receivedOn', {
      pl: 'Data wpływu nie może być z przyszłości.',
      en: 'The date received cannot be in the future.',
    });
  }
  if (request.action === 'granted' && !request.email) {
    throw invalid('email', {
      pl: 'Podaj adres e-mail z oświadczenia.',
      en: 'Enter the e-mail address from the statement.',
    });
  }
  return database.db.transaction().execute(async (trx) => {
    await lockCustomer(trx, request.customerId, request.language);
    let termsVersionId: number | null = null;
    let termsVersion: string | null = null;
    if (request.action === 'granted') {
      const terms = await eInvoiceTerms(
        trx,
        request.termsVersion === undefined
          ? { onDate: request.receivedOn }
          : { version: request.termsVersion },
      );
      if (!terms) {
        throw invalid('termsVersion', {
          pl: 'Nie ma takiej wersji regulaminu e-faktur.',
          en: 'No such version of the e-invoice terms.',
        });
      }
      termsVersionId = terms.id;
      termsVersion = terms.version;
    }
    const consentId = await insertConsent(trx, {
      customerId: request.customerId,
      action: request.action,
      channel: 'paper',
      email: request.action === 'granted' ? (request.email ?? '').trim() : null,
      termsVersionId,
      recordedAt: request.now,
      ip: null,
      customerLoginId: null,
      staffUserId: request.staffUserId,
      paperReceivedOn: request.receivedOn,
    });
    await audit(
      trx,
      { kind: 'staff', id: request.staffUserId, ip: request.ip },
      request.customerId,
      { action: request.action, channel: 'paper', consentId, termsVersion },
      request.now,
    );
    return { consentId, status: await statusOf(trx, request.customerId) };
  });
}
